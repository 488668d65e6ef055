"""Full, realistic drafts for the seed articles, derived from their gold.

A draft is what the model returns (`extractor.draft.Draft`): words as written
and verbatim evidence. The gold annotations (``seeds/annotations``) hold
exactly that for every record a careful reader finds, so a draft built from
them is what a good model would answer for the seed: every incident, claim
and statement, with evidence that aligns to the article. The benchmarks use
these to time the client on real-sized answers, not minimal instances.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.models import DocumentRecords, Incident, Statement

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

_DRAFT_TYPES = {"airstrike", "barrel_bomb", "missile_strike", "shelling", "drone_strike",
                "chemical_attack", "ground_attack", "other"}  # fmt: skip


def _incident(inc: Incident) -> dict[str, Any]:
    perps = [p.text or p.name or "" for p in inc.perpetrators]
    return {
        "evidence": [e.quote for e in inc.evidence][:4],
        "event_type": inc.event_type.value if inc.event_type.value in _DRAFT_TYPES else "other",
        "status": inc.status.value,
        "date": inc.date.text or "",
        "location": inc.location.text or inc.location.name or "",
        "perpetrators": [p for p in perps if p][:4],
        "attribution": inc.perpetrators[0].attribution.value if inc.perpetrators else "stated",
        "targets": inc.targets[:6],
        "weapons": inc.weapons[:4],
        "casualties": [
            {
                "source": (c.claimant.text or c.claimant.name or "") if c.claimant else "",
                "figure": c.text,
                "outcome": c.outcome.value,
                "evidence": c.evidence[0].quote if c.evidence else "",
            }
            for c in inc.casualty_claims
        ][:8],
    }


def _statement(st: Statement, incident_ids: list[str]) -> dict[str, Any]:
    about = next((incident_ids.index(a) + 1 for a in st.about if a in incident_ids), 0)
    return {
        "evidence": st.evidence[0].quote if st.evidence else st.content,
        "speaker": st.speaker.text or st.speaker.name or "",
        "speaker_role": st.speaker.role or "",
        "type": st.type.value,
        "content": st.content,
        "quote": st.quote or "",
        "incident": about,
    }


def draft_of(gold: DocumentRecords) -> dict[str, Any]:
    """The draft a model that found every gold record would return."""
    ids = [i.id for i in gold.incidents]
    return {
        "incidents": [_incident(i) for i in gold.incidents][:12],
        "statements": [_statement(s, ids) for s in gold.statements][:24],
    }


def seed_drafts() -> list[tuple[str, str, dict[str, Any]]]:
    """(doc_id, article text, full draft) for every seed with gold."""
    out = []
    for path in sorted((SEEDS / "annotations").glob("*.json")):
        gold = DocumentRecords.model_validate_json(path.read_text(encoding="utf-8"))
        text = (SEEDS / f"{path.stem}.txt").read_text(encoding="utf-8")
        out.append((path.stem, text, draft_of(gold)))
    return out


def write_drafts_file(path: Path) -> None:
    """A JSON list of {marker, draft} for the stub server's ``--drafts``.

    The marker is a stretch of the article that the prompt carries verbatim;
    the stub answers a request with the draft whose marker it contains.
    """
    rows = []
    for _doc_id, text, draft in seed_drafts():
        quote = next(iter(draft["incidents"][0]["evidence"]), None) if draft["incidents"] else None
        rows.append({"marker": quote or text.strip()[:80], "draft": draft})
    path.write_text(json.dumps(rows), encoding="utf-8")
