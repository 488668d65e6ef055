"""`extractor serve`: the HTTP extraction API with durable jobs (extra ``serve``).

What belongs where: `app` builds the app and its life cycle; `routes/` holds
one router per resource and only translates HTTP; `jobs` keeps jobs as
batch-runner run folders; `engine` holds the models and the one gate on model
calls; `auth`, `limits`, `metrics` and `validation` are the cross-cutting rules.
"""

from extractor.service.app import ServiceSettings, create_app

__all__ = ["ServiceSettings", "create_app"]
