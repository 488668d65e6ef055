"""Event-level scores: pairwise merge precision/recall, B-cubed, low/high match share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fuse_support import RUS, SOHR, claim, incident, market_strike, result

from extractor.cli import cli
from extractor.evaluation.events import load_event_gold, score_events
from extractor.fuse import fuse
from extractor.models import GoldAnnotation

GOLD_EVENTS = {
    "annotations": ["dev/annotations"],
    "events": [
        {
            "id": "E1",
            "low": 33,
            "high": 39,
            "members": [
                {"doc_id": d, "incident": "I1"}
                for d in ("w1_en_wire", "w1_ar_monitor", "w3_de_dpa", "w4_da_daily")
            ],
        },
        {
            "id": "D1",
            "members": [
                {"doc_id": "w3_de_dpa", "incident": "I2"},
                {"doc_id": "w5_thursday", "incident": "I1"},
            ],
        },
    ],
}


def thursday():
    day = "2019-07-25"
    return result(
        "w5_thursday", day, [incident("I1", day, perpetrators=[RUS], claims=[claim(SOHR, 4)])]
    )


def reports():
    return [*market_strike(), thursday()]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    folder = tmp_path / "set" / "dev" / "annotations"
    folder.mkdir(parents=True)
    for r in reports():
        data = r.model_dump(mode="json", exclude={"provenance", "title", "metadata", "warnings"})
        GoldAnnotation.model_validate(data)
        (folder / f"{r.doc_id}.json").write_text(json.dumps(data), encoding="utf-8")
    path = tmp_path / "set" / "events.json"
    path.write_text(json.dumps(GOLD_EVENTS), encoding="utf-8")
    return path


def _score(gold_file: Path, predicted):
    gold, docs = load_event_gold(gold_file)
    return score_events(gold, docs, predicted, fuse(predicted))


def test_fusing_the_gold_itself_scores_perfectly(gold_file: Path) -> None:
    scores = _score(gold_file, reports())
    assert (scores.pairwise_precision, scores.pairwise_recall) == (1.0, 1.0)
    assert (scores.bcubed_precision, scores.bcubed_recall) == (1.0, 1.0)
    assert scores.low_high_match == 1.0
    assert scores.items == 6 and scores.gold_events == 2 and scores.same_article_merges == 0


def test_predicted_incident_ids_are_aligned_by_content(gold_file: Path) -> None:
    predicted = reports()
    for r in predicted:
        for inc in r.incidents:
            inc.id = "X" + inc.id
    assert _score(gold_file, predicted).pairwise_recall == 1.0


def test_a_wrong_merge_costs_precision_and_a_missed_one_recall(gold_file: Path) -> None:
    predicted = reports()
    # the Danish report dated to another week is missed: 4 of the 7 gold pairs remain
    predicted[3].incidents[0].date.start = predicted[3].incidents[0].date.end = (
        predicted[3].incidents[0].date.start.replace(day=1)
    )
    scores = _score(gold_file, predicted)
    assert scores.pairwise_recall == pytest.approx(4 / 7)
    assert scores.pairwise_precision == 1.0
    # Thursday's report dated to Monday joins the Monday strike: 4 wrong pairs, 1 missed
    wrong = reports()
    wrong[4].incidents[0].date = wrong[0].incidents[0].date.model_copy()
    scores = _score(gold_file, wrong)
    assert scores.pairwise_precision == pytest.approx(6 / 10)
    assert scores.pairwise_recall == pytest.approx(6 / 7)
    assert scores.bcubed_precision < 1.0 and scores.bcubed_recall < 1.0


def test_low_high_share_compares_the_predicted_events_figures(gold_file: Path) -> None:
    predicted = reports()
    predicted[1].incidents[0].casualty_claims[0].min = 30  # Civil Defence says 30, not 33
    predicted[1].incidents[0].casualty_claims[0].max = 30
    scores = _score(gold_file, predicted)
    assert scores.low_match == 0.0 and scores.high_match == 1.0 and scores.low_high_match == 0.0
    assert scores.figures == [
        {
            "event": "E1",
            "gold": [33, 39],
            "predicted": [30, 39],
            "event_id": scores.figures[0]["event_id"],
        }
    ]


def test_an_event_only_partly_held_is_not_scored_on_its_figures(gold_file: Path) -> None:
    # one split of a set holds only some of an event's articles: the gold's figures are
    # those of all of them, so the part held is counted apart, never as a miss
    part = [r for r in reports() if r.doc_id != "w4_da_daily"]
    scores = _score(gold_file, part)
    assert scores.figures_scored == 0 and scores.figures_partial == 1
    assert scores.figures == []
    whole = _score(gold_file, reports())
    assert whole.figures_scored == 1 and whole.figures_partial == 0


def test_eval_events_command_over_a_run_and_the_ceiling(gold_file: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "results.jsonl").write_text(
        "".join(r.model_dump_json() + "\n" for r in reports()), encoding="utf-8"
    )
    runner = CliRunner()
    pred = runner.invoke(cli, ["eval-events", "--gold", str(gold_file), "--pred", str(run)])
    ceiling = runner.invoke(cli, ["eval-events", "--gold", str(gold_file), "--ceiling"])
    assert pred.exit_code == 0 and ceiling.exit_code == 0, pred.output + ceiling.output
    for outcome in (pred, ceiling):
        report = json.loads(outcome.stdout)
        assert report["pairwise_precision"] == 1.0 and report["pairwise_recall"] == 1.0


def test_eval_events_gate_fails_below_its_minimum(gold_file: Path) -> None:
    runner = CliRunner()
    args = ["eval-events", "--gold", str(gold_file), "--ceiling"]
    assert (
        runner.invoke(cli, [*args, "--min-precision", "0.95", "--min-recall", "0.9"]).exit_code == 0
    )
    below = runner.invoke(cli, [*args, "--min-recall", "1.5"])
    assert below.exit_code == 1 and "below the gate" in below.output


def test_group_scores_leave_out_merges_of_incidents_no_event_lists(gold_file: Path) -> None:
    gold, docs = load_event_gold(gold_file)
    gold.events = [e for e in gold.events if e.id != "D1"]  # Thursday's two reports unlisted
    predicted = reports()
    scores = score_events(gold, docs, predicted, fuse(predicted))
    assert scores.wrong_merges == ["w3_de_dpa#I2 ~ w5_thursday#I1"]
    assert scores.pairwise_precision == pytest.approx(6 / 7)
    assert scores.group_pairwise_precision == 1.0 and scores.group_pairwise_recall == 1.0
