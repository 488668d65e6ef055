"""A figure's population read from its sentence where its own words name none."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.draft import Draft
from extractor.models import Population as P
from extractor.normalise import parse_figure
from extractor.normalise.figures_context import population_in_context
from extractor.postprocess import build_records


@pytest.mark.parametrize(
    ("figure", "sentence", "language", "population"),
    [
        ("Three of the dead", '"Three of the dead were children," he said', "en", P.children),
        ("Two of the wounded", "Two of the wounded were children, he said", "en", P.children),
        ("a third", "killing two fighters and injuring a third, the Observatory said", "en",
         P.combatants),
        ("Trois des morts", "Trois des morts étaient des enfants, selon la défense civile.", "fr",
         P.children),
        ("Drei der Toten", "Drei der Toten waren Kinder, sagte er.", "de", P.children),
        ("Tres de los muertos", "Tres de los muertos eran niños.", "es", P.children),
        ("un troisième", "tuant deux soldats et blessant un troisième", "fr", P.combatants),
        # a bare number names its people by its own words or not at all
        ("quatro", "Dois civis morreram e quatro ficaram feridos.", "pt", None),
        ("11", "had killed two people and wounded 11", "en", None),
        ("Three of the dead", "Three of the dead, the ministry said, were children", "en", None),
    ],
)  # fmt: skip
def test_population_from_the_sentence(
    figure: str, sentence: str, language: str, population: P | None
) -> None:
    assert population_in_context(figure, sentence, language=language) is population


@pytest.mark.parametrize(
    ("written", "language"),
    [("a third", "en"), ("another", "en"), ("un troisième", "fr"), ("ein dritter", "de")],
)
def test_one_more_written_with_an_ordinal_is_one(written: str, language: str) -> None:
    figure = parse_figure(written, language=language)
    assert (figure.min, figure.max) == (1, 1)


def test_claims_take_the_population_their_sentence_gives() -> None:
    """dev04's "a third" (one fighter injured) and dev15's "Three of the dead" (children)."""
    first = (
        "A Turkish drone targeted a car near Qamishli, killing two fighters and injuring a "
        "third, the Observatory said."
    )
    second = '"Three of the dead were children," he said.'
    text = f"{first}\n\n{second}"
    claims = [
        {"source": "the Observatory", "figure": "two fighters", "outcome": "killed",
         "evidence": first},
        {"source": "the Observatory", "figure": "a third", "outcome": "injured",
         "evidence": first},
        {"source": "he", "figure": "Three of the dead", "outcome": "killed",
         "evidence": second},
    ]  # fmt: skip
    incident = {
        "evidence": [first],
        "event_type": "drone_strike",
        "date": "",
        "location": "Qamishli",
        "perpetrators": [],
        "casualties": claims,
    }
    draft = Draft.model_validate({"incidents": [incident], "statements": []})
    records = build_records(draft, text=text, published=dt.date(2024, 1, 1), language="en")
    got = [
        (c.min, c.max, c.population, c.outcome.value) for c in records.incidents[0].casualty_claims
    ]
    assert got == [
        (2, 2, P.combatants, "killed"),
        (1, 1, P.combatants, "injured"),
        (3, 3, P.children, "killed"),
    ]
