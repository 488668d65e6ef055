"""The language of a document, by a detector that ships its model (py3langid).

Every normaliser takes the language this returns (an ISO 639-1 code), so that
dates, number words, populations, actors and place descriptors are read in the
document's own language. ``None`` means the text held too little to tell.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_LETTERS = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 12


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language `text` is mostly written in, or None when too short."""
    letters = "".join(_LETTERS.findall(text))
    if len(letters) < _MIN_LETTERS:
        return None
    code, _prob = _identifier().classify(text)
    return str(code)
