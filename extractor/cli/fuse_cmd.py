"""``extractor fuse`` and ``extractor eval-events``: events across articles, and their scores.

    extractor fuse runs/a runs/b --out events/
    extractor fuse --gold evals/devset2/dev/annotations --out runs/ceiling-dev
    extractor eval-events --gold evals/devset2/events.json --pred runs/r-dev
    extractor eval-events --gold evals/devset2/events.json --ceiling
    extractor eval-events --gold evals/devset2/events.json --ceiling --drafts

``fuse`` writes DIR/events.jsonl, DIR/events.csv and DIR/events.geojson; an
events.jsonl already in DIR gives its ids to the same events. Scores go to
stdout as JSON; notes go to stderr.
"""

from __future__ import annotations

from pathlib import Path

import click

from extractor.errors import InputError
from extractor.fuse import fuse, load_results, previous_ids, read_events, write_events
from extractor.fuse.load import as_result, gold_results
from extractor.models import ExtractionResult

EXIT_BELOW = 1


def _inputs(runs: tuple[Path, ...], gold: tuple[Path, ...]) -> list[ExtractionResult]:
    if not runs and not gold:
        raise InputError("give run folders (results.jsonl) or --gold folders")
    results = load_results(runs) if runs else []
    for folder in gold:
        results.extend(gold_results(folder))
    return results


@click.command("fuse")
@click.argument("runs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--gold",
    "gold",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also fuse the gold files of this folder, as results (repeatable).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for events.jsonl, events.csv and events.geojson.",
)
def fuse_cmd(runs: tuple[Path, ...], gold: tuple[Path, ...], out: Path) -> None:
    """Fuse the incidents of run folders into events (one per real-world attack)."""
    results = _inputs(runs, gold)
    previous = previous_ids(read_events(out))
    events = fuse(results, previous=previous)
    try:
        paths = write_events(events, out)
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", path=str(out)) from e
    old = set(previous.values())
    kept = sum(1 for e in events if e.id in old)
    merged = sum(1 for e in events if len(e.members) > 1)
    click.echo(
        f"{len(events)} events from {sum(len(r.incidents) for r in results)} incidents of "
        f"{len(results)} results ({merged} reported by several, {kept} ids kept); "
        f"wrote {', '.join(str(p) for p in paths)}",
        err=True,
    )


def _drafted(golds: list[ExtractionResult]) -> list[ExtractionResult]:
    """Each gold's perfect draft through page date, language, grounding and normalisation."""
    from extractor.ceiling import ceiling_result
    from extractor.evaluation.texts import TextResolver

    texts = TextResolver()
    out = []
    for gold in golds:
        text = texts.text(gold)
        if text is None:
            raise InputError(f"no article text for {gold.doc_id}", path=gold.source)
        out.append(ceiling_result(gold, text))
    return out


@click.command("eval-events")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The event gold (events.json).",
)
@click.option(
    "--pred",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Run folders to fuse and score (repeatable).",
)
@click.option(
    "--ceiling",
    is_flag=True,
    help="Score fuse over the gold documents themselves (restricted to --docs-of if given).",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="With --ceiling: the gold's perfect drafts through post-processing (extractor ceiling).",
)
@click.option(
    "--docs-of",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="With --ceiling: only the gold documents of this folder (a split).",
)
@click.option(
    "--min-precision",
    type=float,
    help="Exit 1 when pairwise merge precision over the listed events is below this (a gate).",
)
@click.option(
    "--min-recall",
    type=float,
    help="Exit 1 when pairwise merge recall over the listed events is below this (a gate).",
)
@click.pass_context
def eval_events_cmd(
    ctx: click.Context,
    gold_path: Path,
    pred: tuple[Path, ...],
    ceiling: bool,
    drafts: bool,
    docs_of: Path | None,
    min_precision: float | None,
    min_recall: float | None,
) -> None:
    """Score fused events: pairwise merge precision/recall, B-cubed, low/high match share."""
    from extractor.evaluation.events import load_event_gold, score_events, write_scores

    gold, gold_docs = load_event_gold(gold_path)
    if ceiling:
        results = gold_results(docs_of) if docs_of else [as_result(d) for d in gold_docs.values()]
        if drafts:
            results = _drafted(results)
    elif pred:
        results = load_results(pred)
    else:
        raise InputError("give --pred run folders or --ceiling")
    scores = score_events(gold, gold_docs, results, fuse(results))
    click.echo(write_scores(scores))
    match = f"{scores.low_high_match:.3f}" if scores.figures_scored else "n/a"
    click.echo(
        f"pairwise P {scores.pairwise_precision:.3f} R {scores.pairwise_recall:.3f}  "
        f"(groups P {scores.group_pairwise_precision:.3f} R {scores.group_pairwise_recall:.3f})  "
        f"B-cubed P {scores.bcubed_precision:.3f} R {scores.bcubed_recall:.3f}  "
        f"low/high match {match} "
        f"(of {scores.figures_scored} events held whole; {scores.figures_partial} partly)  "
        f"same-article merges {scores.same_article_merges}",
        err=True,
    )
    low_p = min_precision is not None and scores.group_pairwise_precision < min_precision
    low_r = min_recall is not None and scores.group_pairwise_recall < min_recall
    if low_p or low_r or scores.same_article_merges:
        click.echo("below the gate (or incidents of one article merged)", err=True)
        ctx.exit(EXIT_BELOW)
