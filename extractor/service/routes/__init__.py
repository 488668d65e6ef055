"""One router per resource: extract, jobs, meta (health, readiness, metrics, schema)."""
