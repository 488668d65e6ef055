"""The second development set (evals/devset2: dev and test splits) is sound gold.

The same checks as the first set's (tests/test_devset.py) on every file of
both splits, plus what this set promises: at least 36 articles in at least
six languages (Arabic, French, Spanish, English and at least one of German,
Portuguese, Turkish, Ukrainian, Russian), each language in both splits, a
`language` and a `geo_precision` on every gold file and location, and event
groups whose members are real incidents.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from test_devset import all_evidence

from extractor.models import GoldAnnotation
from tools import gold as gold_tool

ROOT = Path(__file__).resolve().parents[1]
DEVSET2 = ROOT / "evals" / "devset2"
SPLITS = ("dev", "test")
TEXTS = {p.stem: (split, p) for split in SPLITS for p in sorted((DEVSET2 / split).glob("*.txt"))}


def load(doc_id: str) -> tuple[GoldAnnotation, str, bytes, str]:
    split, path = TEXTS[doc_id]
    raw = path.read_bytes()
    gold_path = DEVSET2 / split / "annotations" / f"{doc_id}.json"
    gold = GoldAnnotation.model_validate_json(gold_path.read_bytes())
    return gold, raw.decode("utf-8"), raw, split


def test_the_set_is_large_and_multilingual() -> None:
    languages = Counter(load(d)[0].language for d in TEXTS)
    assert len(TEXTS) >= 36
    assert len(languages) >= 6, languages
    assert {"ar", "fr", "es", "en"} <= set(languages)
    assert set(languages) & {"de", "pt", "tr", "uk", "ru"}


def test_every_language_is_in_both_splits() -> None:
    seen: dict[str | None, set[str]] = defaultdict(set)
    for doc_id in TEXTS:
        gold, _, _, split = load(doc_id)
        seen[gold.language].add(split)
    assert all(splits == set(SPLITS) for splits in seen.values()), seen


@pytest.mark.parametrize("split", SPLITS)
def test_every_text_has_gold_and_every_gold_a_text(split: str) -> None:
    golds = {p.stem for p in (DEVSET2 / split / "annotations").glob("*.json")}
    assert golds == {d for d, (s, _) in TEXTS.items() if s == split}


@pytest.mark.parametrize("doc_id", sorted(TEXTS))
def test_gold_validates_points_at_its_text_and_is_grounded(doc_id: str) -> None:
    gold, text, raw, split = load(doc_id)
    assert gold.doc_id == doc_id
    assert gold.source == f"evals/devset2/{split}/{doc_id}.txt"
    assert gold.text_sha256 == hashlib.sha256(raw).hexdigest()
    assert gold.language and doc_id.split("_")[1] == gold.language
    for where, ev in all_evidence(gold):
        assert ev.alignment == "exact", where
        assert ev.char_start is not None and ev.char_end is not None, where
        assert text[ev.char_start : ev.char_end] == ev.quote, where
    for inc in gold.incidents:
        assert inc.evidence, inc.id
        assert inc.location.geo_precision in (1, 2, 3), inc.id
    for st in gold.statements:
        assert st.evidence and set(st.about) <= {i.id for i in gold.incidents}, st.id


@pytest.mark.parametrize("doc_id", sorted(TEXTS))
def test_gold_tool_accepts_the_file_unchanged(doc_id: str) -> None:
    split = TEXTS[doc_id][0]
    path = DEVSET2 / split / "annotations" / f"{doc_id}.json"
    assert gold_tool.dump(gold_tool.build(path)) == path.read_text(encoding="utf-8")


def test_event_groups_name_real_incidents_across_articles() -> None:
    groups: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for fragment in sorted((DEVSET2 / "events").glob("*.json")):
        for member in json.loads(fragment.read_text(encoding="utf-8"))["members"]:
            groups[member["event"]].add((member["doc_id"], member["incident"]))
    multi = {e: m for e, m in groups.items() if len({d for d, _ in m}) >= 2}
    assert len(multi) >= 8, sorted(multi)
    for event, members in groups.items():
        docs = [d for d, _ in members]
        assert len(docs) == len(set(docs)), f"{event}: two incidents of one article"
        for doc_id, incident in members:
            gold = load(doc_id)[0]
            assert incident in {i.id for i in gold.incidents}, (event, doc_id, incident)
    languages = {e: {load(d)[0].language for d, _ in m} for e, m in multi.items()}
    assert sum(len(v) >= 2 for v in languages.values()) >= 6, languages
