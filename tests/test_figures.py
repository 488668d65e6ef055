"""parse_figure and figure_in_text on the figures the seeds write."""

from __future__ import annotations

import pytest

from extractor.models import Outcome, Population, Qualifier
from extractor.normalise import ParsedFigure, figure_in_text, parse_figure

Q, Pop, Out = Qualifier, Population, Outcome


@pytest.mark.parametrize(
    ("text", "lo", "hi", "qualifier", "population", "outcome"),
    [
        ("at least 20", 20, None, Q.at_least, None, None),
        ("at least 20 civilians", 20, None, Q.at_least, Pop.civilians, None),
        ("Atleast '20 civilians killed'", 20, None, Q.at_least, Pop.civilians, Out.killed),
        ("more than 60", 61, None, Q.more_than, None, None),
        ("more than 60 civilians", 61, None, Q.more_than, Pop.civilians, None),
        ("24 civilians, along with six others", 24, 24, Q.exact, Pop.civilians, None),
        (
            "24 civilians were killed, along with six others",
            24,
            24,
            Q.exact,
            Pop.civilians,
            Out.killed,
        ),
        ("dozens", 24, None, Q.at_least, None, None),
        ("injuring dozens", 24, None, Q.at_least, None, Out.injured),
        ("dozens of civilians", 24, None, Q.at_least, Pop.civilians, None),
        ("two", 2, 2, Q.exact, None, None),
        ("killed at least two people", 2, None, Q.at_least, Pop.people, Out.killed),
        ("over 20 kids", 21, None, Q.more_than, Pop.children, None),
        ("at least 150", 150, None, Q.at_least, None, None),
        ("killed at least 150 civilians", 150, None, Q.at_least, Pop.civilians, Out.killed),
        (
            "36 civilians, with five children among the dead",
            36,
            36,
            Q.exact,
            Pop.civilians,
            Out.killed,
        ),
        ("about 30", 30, 30, Q.about, None, None),
        ("around 30 people", 30, 30, Q.about, Pop.people, None),
        ("up to 40", None, 40, Q.up_to, None, None),  # no lower bound stated (§4.3)
        ("fewer than 10", None, 9, Q.up_to, None, None),
        ("23 people", 23, 23, Q.exact, Pop.people, None),
        ("23 dead", 23, 23, Q.exact, Pop.people, Out.killed),
        ("Seven children", 7, 7, Q.exact, Pop.children, None),
        ("Seven children were among the dead", 7, 7, Q.exact, Pop.children, Out.killed),
        (
            "At least 53 civilians, including 21 children, were killed",
            53,
            None,
            Q.at_least,
            Pop.civilians,
            Out.killed,
        ),
        ("18 others were wounded", 18, 18, Q.exact, Pop.people, Out.injured),
        ("injured 18", 18, 18, Q.exact, None, Out.injured),
        ("152 bodies", 152, 152, Q.exact, Pop.people, Out.killed),
        ("more than 250,000 people", 250_001, None, Q.more_than, Pop.people, None),
        (
            "More than 340,000 people have been killed",
            340_001,
            None,
            Q.more_than,
            Pop.people,
            Out.killed,
        ),
        ("twenty-one children", 21, 21, Q.exact, Pop.children, None),
        ("one hundred and fifty civilians", 150, 150, Q.exact, Pop.civilians, None),
        ("a dozen fighters", 12, 12, Q.exact, Pop.combatants, None),
        ("three thousand", 3000, 3000, Q.exact, None, None),
        ("tens of thousands", 20_000, None, Q.at_least, None, None),
        ("between 20 and 30 people", 20, 30, Q.exact, Pop.people, None),
        ("20-30 people", 20, 30, Q.exact, Pop.people, None),
        ("nearly 40 women", 40, 40, Q.about, Pop.women, None),
        ("two missing", 2, 2, Q.exact, None, Out.missing),
        ("Su-25 jets made 20 attacks", 20, 20, Q.exact, None, None),
    ],
)
def test_parse_figure(
    text: str,
    lo: int | None,
    hi: int | None,
    qualifier: Qualifier,
    population: Population | None,
    outcome: Outcome | None,
) -> None:
    fig = parse_figure(text)
    assert (fig.min, fig.max, fig.qualifier) == (lo, hi, qualifier)
    assert fig.population is population
    assert fig.outcome is outcome


def test_no_number() -> None:
    fig = parse_figure("killed")
    assert (fig.min, fig.max, fig.value) == (None, None, None)
    assert fig.outcome is Outcome.killed


def test_parsed_figure_keeps_the_written_value() -> None:
    assert parse_figure("more than 60").value == 60
    assert parse_figure("dozens").vague is True
    assert parse_figure("Seven children").value == 7


@pytest.mark.parametrize(
    ("figure", "text", "found"),
    [
        (parse_figure("more than 60"), "the strikes had killed more than 60 civilians", True),
        (parse_figure("at least 20 civilians"), "said at least 20 civilians were killed", True),
        (parse_figure("Seven children"), "Seven children were among the dead", True),
        (7, "Seven children were among the dead", True),
        (24, "said 24 civilians were killed", True),
        (24, "said twenty-four civilians were killed", True),
        (250_000, "has killed more than 250,000 people", True),
        (250_000, "has killed more than 250000 people", True),
        (150, "killing one hundred and fifty civilians", True),
        (parse_figure("dozens"), "and of injuring dozens in air strikes", True),
        (20, "killed at least 2 people", False),
        (23, "killed 230 people", False),
        (parse_figure("36 civilians"), "five children among the dead", False),
        (parse_figure("dozens"), "24 were injured", False),
        (ParsedFigure(None, None), "20 people", False),
    ],
)
def test_figure_in_text(figure: ParsedFigure | int, text: str, found: bool) -> None:
    assert figure_in_text(figure, text) is found


def test_find_numbers_reads_from_every_token_as_it_did() -> None:
    """Skipping tokens that start no number finds what trying every token finds."""
    from pathlib import Path

    from extractor.normalise.numbers import _TOKEN, _read, find_numbers

    def every_token(text: str) -> list:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        found, i = [], 0
        while i < len(tokens):
            match, i_next = _read(text, tokens, i)
            if match is not None:
                found.append(match)
                i = i_next
            else:
                i += 1
        return found

    root = Path(__file__).resolve().parents[1]
    texts = [
        "half a dozen", "a dozen and a half", "A hundred and fifty", "an estimated 1.5 million",
        "tens of thousands", "Hundreds of thousands", "twenty-one", "one hundred and fifty-two",
        "2,500 and 3.5 thousand", "a man", "An", "Seven a", "dozens and scores",
    ]  # fmt: skip
    for path in [*sorted(root.glob("seeds/*.txt")), *sorted(root.glob("evals/devset/*.txt"))]:
        texts.append(path.read_text(encoding="utf-8"))
    for text in texts:
        assert find_numbers(text) == every_token(text), text[:60]


@pytest.mark.parametrize(
    ("written", "low"),
    [
        ("the driver and two passengers", 3),  # dev14: one figure of three people
        ("the soldiers and two civilians", 2),  # a plural before counts no one
        ("the driver and two children", 2),  # another kind of person is no part of it
    ],
)
def test_one_person_joined_before_the_number_is_counted(written: str, low: int) -> None:
    figure = parse_figure(written)
    assert (figure.min, figure.max) == (low, low)
