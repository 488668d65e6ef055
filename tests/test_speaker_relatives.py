"""A reporting verb right after a relative pronoun ("dijo el gobernador, quien pidió") has
the earlier verb's subject as its speaker; a preposition and a relative ("al que") are no
speaker."""

from __future__ import annotations

import pytest

from extractor.grounding.clean import clean_for_prompt
from extractor.staged.candidates.document import find_candidates
from extractor.staged.candidates.noun_phrase import is_noun_phrase
from extractor.staged.questions import speech_subjects


def _subjects(text: str, language: str) -> list[str | None]:
    doc = find_candidates(text, clean_for_prompt(text), language=language)
    c = next(c for c in doc.sentences if c.speech)
    return [s.text if s else None for s in speech_subjects(c).values()]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            '"Es una cobardía", dijo el gobernador, quien pidió reforzar la presencia militar.',
            "es",
            "el gobernador",
        ),
        (
            "« C'est inacceptable », a déclaré le ministre, qui a appelé à une enquête.",
            "fr",
            "le ministre",
        ),
    ],
)
def test_a_verb_after_a_relative_pronoun_shares_the_earlier_speaker(
    text: str, language: str, speaker: str
) -> None:
    subjects = _subjects(text, language)
    assert len(subjects) == 2
    assert subjects[1] == subjects[0] == speaker


@pytest.mark.parametrize("text", ["al que", "del que", "al gobernador"])
def test_a_spanish_preposition_with_its_article_starts_no_speaker(text: str) -> None:
    assert not is_noun_phrase(text, "es")


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Le groupe (GSIM, ou JNIM selon son acronyme arabe) a revendiqué l'attaque.", "fr", None),
        (
            "Trois civils ont été tués, selon des habitants du village.",
            "fr",
            "des habitants du village",
        ),
        ("Murieron tres civiles, según fuentes locales.", "es", "fuentes locales"),
    ],
)
def test_according_to_needs_someone_the_words_come_from(
    text: str, language: str, speaker: str | None
) -> None:
    doc = find_candidates(text, clean_for_prompt(text), language=language)
    events = [(c, e) for c in doc.sentences for e in c.speech if e.kind == "according"]
    assert events
    c, event = events[0]
    assert (
        speech_subjects(c)[event.start] is None
        if speaker is None
        else (speech_subjects(c)[event.start].text == speaker)
    )


def test_the_object_of_a_verb_after_a_relative_is_no_speaker() -> None:
    text = (
        "« Nous voulons la vérité », a déclaré à notre rédaction l'un de ses membres,"
        " qui appelle le gouvernement à publier un bilan."
    )
    assert "le gouvernement" not in _subjects(text, "fr")


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "محافظة إدلب – المرصد السوري لحقوق الإنسان: ارتفع إلى ثمانية عدد المدنيين الذين قتلوا.",
            "ar",
            "المرصد السوري لحقوق الإنسان",
        ),
        (
            "Idlib – Syrian Observatory for Human Rights: eight civilians were killed today.",
            "en",
            "Syrian Observatory for Human Rights",
        ),
    ],
)
def test_a_known_source_and_a_colon_lead_what_it_reports(
    text: str, language: str, speaker: str
) -> None:
    assert _subjects(text, language)[0] == speaker


def test_a_colon_after_a_name_the_tables_do_not_know_is_no_source() -> None:
    text = "Idlib – Latest news: eight civilians were killed today, activists said."
    assert "Latest news" not in _subjects(text, "en")


def test_a_source_lead_ends_before_its_verb() -> None:
    text = (
        "Kharkiv's governor, Oleh Syniehubov, has just posted an update on Telegram:"
        " five people were killed in Kupiansk."
    )
    assert _subjects(text, "en")[0] == "Kharkiv's governor, Oleh Syniehubov"


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "قتل خمسة مدنيين في قصف على مدينة أريحا، وفقاً لما أفاد به الدفاع المدني السوري.",
            "ar",
            "الدفاع المدني",
        ),
        (
            "Murieron cinco civiles, según lo que informó la Defensoría del Pueblo.",
            "es",
            "Defensoría",
        ),
    ],
)
def test_according_to_what_someone_reported_is_that_someone(
    text: str, language: str, source: str
) -> None:
    first = _subjects(text, language)[0]
    assert first is not None and source in first


def test_an_elided_negation_is_not_part_of_the_speaker() -> None:
    assert _subjects("L'armée n'a pas communiqué sur ce bilan.", "fr") == ["L'armée"]


def test_according_to_what_someone_reported_is_one_accusing_statement() -> None:
    import asyncio

    from extractor.staged.engine import run_staged

    text = (
        "استشهد 12 فلسطينيا، بينهم أربعة أطفال، في غارة إسرائيلية استهدفت منزلا في مخيم"
        " الشاطئ غرب مدينة غزة، بحسب ما أفاد به الدفاع المدني في غزة."
    )
    outcome = asyncio.run(run_staged(text, clean_for_prompt(text), None, asker=None, language="ar"))
    assert [s.type.value for s in outcome.records.statements] == ["accuse"]
