"""The fuse ceiling on the second development set: its gold records fused into events."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.evaluation.events import load_event_gold, score_events
from extractor.fuse import Grade, fuse
from extractor.fuse.load import as_result

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "devset2" / "events.json"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="no evals/devset2/events.json")

# the grade each event's articles support (the set's event table)
GRADES = {
    "E1": Grade.contested,  # the Russian Defence Ministry denies
    "E2": Grade.fair,
    "E3": Grade.contested,  # the RSF denies
    "E4": Grade.confirmed,  # the Malian army confirms strikes, disputes civilians
    "E5": Grade.fair,
    "E6": Grade.confirmed,  # Islamic State claims it
    "E7": Grade.confirmed,  # the IDF confirms, disputes civilians
    "E8": Grade.contested,  # the coalition denies
    "E9": Grade.confirmed,  # the Russian Defence Ministry confirms
}


@pytest.fixture(scope="module")
def fused():
    gold, docs = load_event_gold(GOLD)
    results = [as_result(d) for d in docs.values()]
    events = fuse(results)
    return gold, score_events(gold, docs, results, events), events


def test_the_event_gold_is_built_from_the_writers_fragments() -> None:
    check = [sys.executable, str(ROOT / "tools" / "events_gold.py"), str(GOLD.parent), "--check"]
    assert subprocess.run(check, capture_output=True, text=True).returncode == 0


def test_ceiling_groups_reach_the_targets(fused) -> None:
    _gold, scores, _events = fused
    assert scores.group_pairwise_precision >= 0.95
    assert scores.group_pairwise_recall >= 0.9
    assert scores.same_article_merges == 0


def test_ceiling_low_high_match_the_gold_for_every_event(fused) -> None:
    _gold, scores, _events = fused
    assert scores.low_high_match == 1.0, scores.figures


def test_ceiling_grades_follow_the_event_table(fused) -> None:
    gold, _scores, events = fused
    event_of = {(m.doc_id, m.incident): e for e in events for m in e.members}
    for ev in gold.events:
        if ev.id in GRADES:
            event = event_of[(ev.members[0].doc_id, ev.members[0].incident)]
            assert event.grade == GRADES[ev.id], (ev.id, event.grade_reason)


def test_distractors_stay_apart_from_their_events(fused) -> None:
    gold, _scores, events = fused
    event_of = {(m.doc_id, m.incident): e.id for e in events for m in e.members}
    members = {ev.id: {event_of[(m.doc_id, m.incident)] for m in ev.members} for ev in gold.events}
    for distractor, event in (("D1", "E1"), ("D2", "E2"), ("D3", "E6")):
        if distractor in members:
            assert members[distractor].isdisjoint(members[event])


def test_drafts_ceiling_runs_per_split() -> None:
    split = ROOT / "evals" / "devset2" / "test" / "annotations"
    args = ["eval-events", "--gold", str(GOLD), "--ceiling", "--drafts", "--docs-of", str(split)]
    outcome = CliRunner().invoke(cli, args)
    assert outcome.exit_code == 0, outcome.output
    report = json.loads(outcome.stdout)
    assert report["same_article_merges"] == 0 and report["items"] > 0
