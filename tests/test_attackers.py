"""Attacking forces named by a demonym outside English: found by the rules strategy as
perpetrators, and making a report of the attack an accusation."""

from __future__ import annotations

import pytest

from extractor.staged.candidates.attackers import find_attackers
from extractor.staged.type_rules import names_attacker, statement_type


@pytest.mark.parametrize(
    ("text", "language", "written", "country"),
    [
        ("seis personas murieron en el ataque ruso con misiles", "es", "ataque ruso", "RUS"),
        ("um bombardeio russo contra Pokrovsk", "pt", "bombardeio russo", "RUS"),
        ("des frappes israéliennes ont tué trois civils", "fr", "frappes israéliennes", "ISR"),
        ("ein russischer Drohnenangriff traf das Haus", "de", "russischer Drohnenangriff", "RUS"),
        ("غارات نفذتها طائرات حربية روسية صباح اليوم", "ar", "طائرات حربية روسية", "RUS"),
        ("القصف الروسي على إدلب", "ar", "القصف الروسي", "RUS"),
        ("les forces armées maliennes ont riposté", "fr", "forces armées maliennes", "MLI"),
        ("las tropas ucranianas avanzaron", "es", "tropas ucranianas", "UKR"),
    ],
)
def test_a_demonym_beside_a_force_or_weapon_names_the_attacker(
    text: str, language: str, written: str, country: str
) -> None:
    found = find_attackers(text, language)
    assert [(text[m.start : m.end], m.country) for m in found] == [(written, country)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El Ministerio de Defensa ruso aseguró que no hubo víctimas", "es"),
        ("un ciudadano ruso murió en el hospital", "es"),
        ("l'ambassadeur russe a été convoqué", "fr"),
        ("ataque, russo", "pt"),  # punctuation between: no phrase
        ("the Russian strike", "en"),  # English is read by its own rule
    ],
)
def test_a_demonym_without_a_force_names_no_attacker(text: str, language: str) -> None:
    assert find_attackers(text, language) == []


def test_a_toll_that_names_the_attacker_is_an_accusation_in_every_language() -> None:
    clause = "que al menos seis personas murieron en el ataque ruso con misiles"
    assert names_attacker(clause, language="es")
    kind = statement_type(clause, attack=True, figure=True, own_side=False, language="es")
    assert kind == "accuse"
    plain = "que al menos seis personas murieron en el ataque con misiles"
    kind = statement_type(plain, attack=True, figure=True, own_side=False, language="es")
    assert kind == "claim"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Al menos seis personas murieron en el ataque ruso con misiles contra Pokrovsk,"
            " informó este jueves la Fiscalía General de Ucrania.",
            "es",
        ),
        (
            "Six people were killed in the Russian missile strike on Pokrovsk, the"
            " Prosecutor General's Office of Ukraine said on Thursday.",
            "en",
        ),
    ],
)
def test_what_was_said_before_the_verb_types_the_statement(text: str, language: str) -> None:
    from extractor.grounding.clean import clean_for_prompt
    from extractor.staged.candidates.document import find_candidates
    from extractor.staged.type_rules import type_clause

    doc = find_candidates(text, clean_for_prompt(text), language=language)
    c = next(c for c in doc.sentences if c.speech)
    clause = type_clause(c, c.speech[0])
    assert names_attacker(clause, language=language)


def test_a_people_named_beside_an_attack_is_the_attacker() -> None:
    from extractor.staged.candidates.attackers import peoples_attacking

    clause = "Die Russen hätten die Stadt gezielt mit einer ballistischen Rakete angegriffen"
    assert peoples_attacking(clause, "de") == ["RUS"]
    assert peoples_attacking("los rusos bombardearon el mercado", "es") == ["RUS"]
    assert peoples_attacking("los rusos dijeron que no habían sido informados", "es") == []


def test_a_german_separable_verb_brackets_a_long_object() -> None:
    clause = "Ein Sprecher der Armee wies die Darstellung im staatlichen Fernsehen zurück."
    kind = statement_type(clause, attack=False, figure=False, own_side=False, language="de")
    assert kind == "deny"


@pytest.mark.parametrize(
    ("clause", "language", "kind"),
    [
        ("La organización acusó a las Fuerzas de Apoyo Rápido (FAR) del ataque.", "es", "accuse"),
        ("The group blamed the Rapid Support Forces for the attack.", "en", "accuse"),
        ("Die Regierung verurteilte das Massaker.", "de", "condemn"),
    ],
)
def test_a_cue_word_inside_a_name_gives_no_type(clause: str, language: str, kind: str) -> None:
    found = statement_type(clause, attack=True, figure=False, own_side=False, language=language)
    assert found == kind
