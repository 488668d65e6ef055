"""The hand-labelled gold annotations in seeds/annotations are sound.

For every seed article: its gold file exists and validates as a GoldAnnotation,
its hash matches the seed, every evidence span (records, claims, dates, the
publication date) aligns exactly at its offsets, ids are unique, statements
point at existing incidents, and casualty figures are ordered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.models import DateSpec, Evidence, GoldAnnotation

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ANNOTATIONS = SEEDS / "annotations"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_ids() -> list[str]:
    return [p.stem for p in SEED_FILES]


def load(doc_id: str) -> tuple[GoldAnnotation, str, bytes]:
    raw = (SEEDS / f"{doc_id}.txt").read_bytes()
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


def test_seeds_present() -> None:
    assert SEED_FILES, "no seed articles found"


def test_no_gold_without_seed() -> None:
    orphans = {p.stem for p in ANNOTATIONS.glob("*.json")} - set(seed_ids())
    assert not orphans


@pytest.mark.parametrize("doc_id", seed_ids())
def test_gold_file_exists_and_validates(doc_id: str) -> None:
    path = ANNOTATIONS / f"{doc_id}.json"
    assert path.is_file(), f"missing gold file {path}"
    gold, _, _ = load(doc_id)
    assert gold.doc_id == doc_id
    assert gold.source == f"seeds/{doc_id}.txt"


@pytest.mark.parametrize("doc_id", seed_ids())
def test_hash_matches_seed(doc_id: str) -> None:
    gold, _, raw = load(doc_id)
    assert gold.text_sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("doc_id", seed_ids())
def test_evidence_aligns_exactly(doc_id: str) -> None:
    gold, text, _ = load(doc_id)
    found = list(all_evidence(gold))
    assert found, "a gold file without evidence"
    for where, ev in found:
        assert ev.alignment == "exact", where
        assert ev.quote, where
        assert ev.char_start is not None and ev.char_end is not None, where
        assert text[ev.char_start : ev.char_end] == ev.quote, where


@pytest.mark.parametrize("doc_id", seed_ids())
def test_every_record_has_evidence(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    for inc in gold.incidents:
        assert inc.evidence, inc.id
        for n, claim in enumerate(inc.casualty_claims):
            assert claim.evidence, f"{inc.id} claim {n}"
    for st in gold.statements:
        assert st.evidence, st.id
    if gold.published is not None:
        assert gold.published.evidence is not None


@pytest.mark.parametrize("doc_id", seed_ids())
def test_ids_unique_and_links_resolve(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    incident_ids = [i.id for i in gold.incidents]
    statement_ids = [s.id for s in gold.statements]
    assert len(set(incident_ids)) == len(incident_ids)
    assert len(set(statement_ids)) == len(statement_ids)
    for st in gold.statements:
        assert set(st.about) <= set(incident_ids), st.id


@pytest.mark.parametrize("doc_id", seed_ids())
def test_casualty_figures_ordered(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    for inc in gold.incidents:
        for claim in inc.casualty_claims:
            if claim.max is not None:
                assert claim.min is not None, f"{inc.id}: {claim.text}"
                assert claim.min <= claim.max, f"{inc.id}: {claim.text}"


@pytest.mark.parametrize("doc_id", seed_ids())
def test_statement_quotes_are_verbatim(doc_id: str) -> None:
    gold, text, _ = load(doc_id)
    for st in gold.statements:
        if st.quote is not None:
            assert st.quote in text, st.id


@pytest.mark.parametrize("doc_id", seed_ids())
def test_dates_are_ranges(doc_id: str) -> None:
    gold, _, _ = load(doc_id)
    dates = [gold.published] + [i.date for i in gold.incidents] + [s.date for s in gold.statements]
    for date in dates:
        if date is not None and date.start is not None and date.end is not None:
            assert date.start <= date.end
