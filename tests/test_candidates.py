"""The candidate finders, one by one, on phrasings from wire and monitor reports."""

from __future__ import annotations

import pytest

from extractor.grounding import clean_for_prompt
from extractor.models import EventType, LocationPrecision, Outcome, Population, Qualifier
from extractor.staged.candidates import (
    Sentence,
    campaign_marker,
    find_attacks,
    find_dates,
    find_figures,
    find_places,
    find_sentences,
    find_speech,
    subject_span,
)


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, 0, True)


def _figures(text: str) -> list[tuple[str, Outcome, Population, int | None, int | None]]:
    return [(f.text, f.outcome, f.population, f.min, f.max) for f in find_figures(_sentence(text))]


def test_sentences_index_the_original_text_and_mark_headlines() -> None:
    text = (
        "Strikes kill 12 in Saada\n\nREAD MORE\n\nAir strikes hit a market in Saada on Monday. "
        "Mr. Ali said it was a massacre.\nA man walks past rubble in Saada (AFP)\n"
    )
    sentences = find_sentences(text, clean_for_prompt(text))
    assert [s.body for s in sentences] == [False, True, True, True]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert sentences[2].text == "Mr. Ali said it was a massacre."


def test_figures_read_the_usual_phrasings() -> None:
    assert _figures("The raid left 12 dead, medics said.") == [
        ("12 dead", Outcome.killed, Population.people, 12, 12)
    ]
    assert _figures("Two children were among the dead.") == [
        ("Two children", Outcome.killed, Population.children, 2, 2)
    ]
    assert _figures("The strike raised the death toll to 45.") == [
        ("45", Outcome.killed, Population.people, 45, 45)
    ]
    assert _figures("Medics gave a toll of 31.")[0][1:] == (
        Outcome.killed,
        Population.people,
        31,
        31,
    )


def test_one_sentence_gives_killed_children_and_wounded_apart() -> None:
    found = _figures(
        "At least 53 civilians, including 21 children, were killed and 18 others were wounded."
    )
    assert found == [
        ("At least 53 civilians", Outcome.killed, Population.civilians, 53, None),
        ("21 children", Outcome.killed, Population.children, 21, 21),
        ("18 others", Outcome.injured, Population.people, 18, 18),
    ]
    f = find_figures(_sentence("Shelling killed more than 60 civilians."))[0]
    assert f.qualifier is Qualifier.more_than and f.min == 61


def test_figures_skip_years_dates_codes_and_rescues() -> None:
    assert _figures("On September 25, 2017 two Su-25 jets made 20 attacks.") == []
    assert _figures("We have rescued 279 civilians from the rubble.") == []


def test_campaign_totals_are_marked() -> None:
    assert campaign_marker("More than 340,000 people have been killed since the conflict began.")
    assert campaign_marker("Jets killed at least 150 civilians in over a week of bombing.")
    assert campaign_marker("Air strikes killed 23 people in Idlib on Monday night.") is None


def test_attack_mentions_carry_their_type() -> None:
    found = find_attacks(_sentence("Barrel bombs and shelling followed a chlorine attack."))
    assert [a.event_type for a in found] == [
        EventType.barrel_bomb,
        EventType.shelling,
        EventType.chemical_attack,
    ]


def test_places_in_locative_position_with_their_descriptor() -> None:
    s = _sentence("Rebels answered by shelling the nearby besieged towns of Foua and Kefraya.")
    assert [p.location.name for p in find_places(s)] == ["Foua", "Kefraya"]
    s = _sentence("Air strikes hit the village of Al-Shafah in Deir Ezzor province.")
    places = find_places(s)
    assert places[0].text == "the village of Al-Shafah"
    assert places[1].location.precision is LocationPrecision.province


def test_dates_as_written() -> None:
    s = _sentence("Russia on Tuesday denied strikes late Monday night and on September 25, 2017.")
    assert [d.text for d in find_dates(s)] == [
        "on Tuesday",
        "late Monday night",
        "on September 25, 2017",
    ]


def test_speech_subjects_in_their_several_forms() -> None:
    cases = {
        "Igor Konashenkov, a Russian defence ministry spokesman, said the planes were idle.": (
            "Igor Konashenkov, a Russian defence ministry spokesman"
        ),
        "Strikes hit Idlib, which the Syrian Observatory for Human Rights said killed 23.": (
            "the Syrian Observatory for Human Rights"
        ),
        '"We are calling on both sides," said Mark Lowcock, the UN aid chief.': (
            "Mark Lowcock, the UN aid chief"
        ),
        "The army denied that its jets had struck the market.": "The army",
        "Fighters shelled Foua, according to the Observatory.": "the Observatory",
    }
    for text, expected in cases.items():
        s = _sentence(text)
        event = find_speech(s)[0]
        span = subject_span(s, event)
        assert span is not None and span.text == expected, text
        assert text[span.start : span.end] == span.text


def test_habitual_denials_and_nouns_are_no_utterance() -> None:
    s = _sentence("Moscow has staunchly denied that its planes hit civilians.")
    assert [e.habitual for e in find_speech(s)] == [True]
    assert find_speech(_sentence("The strikes came amid Turkish calls for restraint.")) == []
    assert find_speech(_sentence("A man walks past a reported air strike.")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Between 8 and 10 people were killed when shells hit the ward.",
            ("Between 8 and 10 people", Outcome.killed, Population.people, 8, 10),
        ),
        (
            "Missiles hit the district, killing five people and wounding more than 30, he said.",
            ("more than 30", Outcome.injured, Population.people, 31, None),
        ),
        (
            "The director said 10 people had died and at least 25 had been wounded.",
            ("at least 25", Outcome.injured, Population.people, 25, None),
        ),
        (
            "The drone killed nine Daesh fighters near the border.",
            ("nine Daesh fighters", Outcome.killed, Population.combatants, 9, 9),
        ),
        (
            "The strike killed 32 members of three families.",
            ("32 members", Outcome.killed, Population.people, 32, 32),
        ),
        (
            '"Three of the dead were children," he said.',
            ("Three of the dead were children", Outcome.killed, Population.children, 3, 3),
        ),
        (
            "A woman was killed when the shell hit her house.",
            ("A woman", Outcome.killed, Population.women, 1, 1),
        ),
        (
            "The missile killed seven civilians, including a child, and wounded 16 others.",
            ("a child", Outcome.killed, Population.children, 1, 1),
        ),
    ],
)
def test_figures_read_ranges_objects_parts_and_single_persons(
    text: str, expected: tuple[str, Outcome, Population, int | None, int | None]
) -> None:
    assert expected in _figures(text)


def test_a_person_who_speaks_or_kills_is_no_casualty() -> None:
    assert _figures("A man who saw the strike said the dead were buried at dawn.") == []
    found = _figures("A soldier killed two civilians at the checkpoint.")
    assert found == [("two civilians", Outcome.killed, Population.civilians, 2, 2)]


def test_part_of_the_victims_and_two_figures_joined_by_and() -> None:
    found = _figures("Two of the victims were children, medics said after the strike killed 9.")
    assert ("Two of the victims were children", Outcome.killed, Population.children, 2, 2) in found
    # "5 and 10" without "between" is two figures, not a range
    assert _figures("The raid killed 5 and 10 others were wounded.") == [
        ("5", Outcome.killed, Population.people, 5, 5),
        ("10 others", Outcome.injured, Population.people, 10, 10),
    ]
