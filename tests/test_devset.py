"""The development set in evals/devset is sound gold.

Every article has a gold file and every gold file an article; each gold file
validates as a GoldAnnotation, points at its own text, carries that text's
SHA-256, and every evidence span (records, claims, dates, the publication
date) equals the text at its offsets. The gold tool accepts every file, and
the set holds what its README promises: enough articles, a report without
incidents, and texts of the announced length.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.models import DateSpec, Evidence, GoldAnnotation
from tools import gold as gold_tool

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "evals" / "devset"
ANNOTATIONS = DEVSET / "annotations"
TEXTS = sorted(DEVSET.glob("*.txt"))


def doc_ids() -> list[str]:
    return [p.stem for p in TEXTS]


def load(doc_id: str) -> tuple[GoldAnnotation, str, bytes]:
    raw = (DEVSET / f"{doc_id}.txt").read_bytes()
    data = json.loads((ANNOTATIONS / f"{doc_id}.json").read_text(encoding="utf-8"))
    return GoldAnnotation.model_validate(data), raw.decode("utf-8"), raw


def all_evidence(gold: GoldAnnotation) -> Iterator[tuple[str, Evidence]]:
    """Every evidence object of a gold file, with where it sits."""

    def of_date(where: str, date: DateSpec | None) -> Iterator[tuple[str, Evidence]]:
        if date is not None and date.evidence is not None:
            yield f"{where}.date", date.evidence

    yield from of_date("published", gold.published)
    for inc in gold.incidents:
        yield from ((f"{inc.id}.evidence", e) for e in inc.evidence)
        yield from of_date(inc.id, inc.date)
        for n, claim in enumerate(inc.casualty_claims):
            yield from ((f"{inc.id}.claim{n}.evidence", e) for e in claim.evidence)
    for st in gold.statements:
        yield from ((f"{st.id}.evidence", e) for e in st.evidence)
        yield from of_date(st.id, st.date)


def test_the_set_is_large_enough() -> None:
    assert len(TEXTS) >= 20


def test_every_text_has_gold_and_every_gold_a_text() -> None:
    golds = {p.stem for p in ANNOTATIONS.glob("*.json")}
    assert golds == set(doc_ids())


def test_some_report_has_no_incident() -> None:
    assert any(not load(d)[0].incidents for d in doc_ids())


@pytest.mark.parametrize("doc_id", doc_ids())
def test_text_is_a_short_article(doc_id: str) -> None:
    words = len((DEVSET / f"{doc_id}.txt").read_text(encoding="utf-8").split())
    assert 150 <= words <= 450, words


@pytest.mark.parametrize("doc_id", doc_ids())
def test_gold_validates_and_points_at_its_text(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    assert gold.doc_id == doc_id
    assert gold.source == f"evals/devset/{doc_id}.txt"
    assert gold.guideline_version == "1"


@pytest.mark.parametrize("doc_id", doc_ids())
def test_hash_matches_text(doc_id: str) -> None:
    gold, _, raw = load(doc_id)
    assert gold.text_sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("doc_id", doc_ids())
def test_every_quote_equals_the_text_at_its_offsets(doc_id: str) -> None:
    gold, text, _ = load(doc_id)
    found = list(all_evidence(gold))
    assert found, "a gold file without evidence"
    for where, ev in found:
        assert ev.alignment == "exact", where
        assert ev.char_start is not None and ev.char_end is not None, where
        assert ev.quote and text[ev.char_start : ev.char_end] == ev.quote, where


@pytest.mark.parametrize("doc_id", doc_ids())
def test_every_record_has_evidence_and_links_resolve(doc_id: str) -> None:
    gold, text, _ = load(doc_id)
    incident_ids = [i.id for i in gold.incidents]
    assert incident_ids == [f"I{n}" for n in range(1, len(incident_ids) + 1)]
    assert [s.id for s in gold.statements] == [f"S{n}" for n in range(1, len(gold.statements) + 1)]
    for inc in gold.incidents:
        assert inc.evidence, inc.id
        for n, claim in enumerate(inc.casualty_claims):
            assert claim.evidence, f"{inc.id} claim {n}"
    for st in gold.statements:
        assert st.evidence, st.id
        assert set(st.about) <= set(incident_ids), st.id
        assert st.quote is None or st.quote in text, st.id


@pytest.mark.parametrize("doc_id", doc_ids())
def test_gold_tool_accepts_the_file_unchanged(doc_id: str) -> None:
    path = ANNOTATIONS / f"{doc_id}.json"
    assert gold_tool.dump(gold_tool.build(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", doc_ids())
def test_records_are_numbered_in_order_of_first_evidence(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    for records in (gold.incidents, gold.statements):
        firsts = [min(e.char_start or 0 for e in r.evidence) for r in records]
        assert firsts == sorted(firsts), [r.id for r in records]
