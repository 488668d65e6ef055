"""A place candidate resolved to a country no other candidate of the document is in, and
written without a place-type word, is a common word the gazetteer also holds."""

from __future__ import annotations

import datetime as dt

from extractor.grounding.clean import clean_for_prompt
from extractor.models import Incident
from extractor.staged.candidates.document import find_candidates
from extractor.staged.records import assemble


def _places(text: str, language: str) -> list[tuple[str | None, str | None]]:
    doc = find_candidates(text, clean_for_prompt(text), language=language)
    return [(m.location.name, m.location.country) for c in doc.sentences for m in c.places]


def _incidents(text: str, language: str, published: dt.date | None = None) -> list[Incident]:
    """The rules' incidents of one text (no question asked)."""
    doc = find_candidates(text, clean_for_prompt(text), language=language)
    return assemble(doc, {}, published).incidents


def test_a_common_arabic_word_is_no_place_abroad() -> None:
    text = (
        "قتل ثلاثة مدنيين في قصف على مدينة معرة النعمان بريف إدلب الجنوبي. "
        "وقصفت قوات النظام مدينة أريحا دون ورود معلومات عن خسائر بشرية."
    )
    places = _places(text, "ar")
    assert all(country == "SYR" for _, country in places if country)
    assert len(places) >= 2


def test_a_common_german_noun_is_no_district_of_vienna() -> None:
    text = (
        "Bei Luftangriffen in Idlib und Ariha wurden vier Menschen getötet. "
        "Nahe der Stadt Ariha traf ein Luftangriff ein Auto auf der Landstraße nach Idlib."
    )
    names = [name for name, _ in _places(text, "de")]
    assert "Landstraße" not in names
    assert "Ariha" in names


def test_a_neighbour_called_a_place_stays() -> None:
    text = (
        "In Bint Dschbeil und Nabatija im Südlibanon wurden fünf Menschen getötet. "
        "Raketen trafen die Stadt Kirjat Schmona im Norden Israels."
    )
    assert any(
        "Schmona" in (name or "") or "Shmona" in (name or "") for name, _ in _places(text, "de")
    )


def test_a_killing_in_a_named_village_is_an_incident_without_an_attack_word() -> None:
    text = (
        "Insurgentes mataram três civis e raptaram duas mulheres na aldeia de Mitambo,"
        " distrito de Macomia, na madrugada de domingo, contaram à Lusa fontes locais."
    )
    incidents = _incidents(text, "pt")
    assert [i.location.name for i in incidents] == ["Mitambo"]
    assert incidents[0].casualty_claims[0].min == 3


def test_the_dateline_date_is_the_report_s_not_the_attack_s() -> None:
    text = (
        "Ouagadougou, 3 juin 2024 (AFP) - Une vingtaine de civils ont été tués samedi dans"
        " l'attaque du village de Tawori, dans l'est du Burkina Faso, par des hommes armés."
    )
    incidents = _incidents(text, "fr", dt.date(2024, 6, 3))
    assert incidents[0].date.start == dt.date(2024, 6, 1)


def test_a_reference_point_and_a_body_s_seat_are_no_incident_sites() -> None:
    text = (
        "On 8 July, an airstrike on a school sheltering displaced people in Abasan al-Kabira,"
        " east of Khan Younis, reportedly killed at least 29 Palestinians, according to the"
        " Ministry of Health in Gaza."
    )
    incidents = _incidents(text, "en", dt.date(2024, 7, 9))
    assert [i.location.name for i in incidents] == ["Abasan al-Kabira"]


def test_a_date_before_a_comma_and_a_reporting_verb_is_the_attack_s() -> None:
    text = (
        "Kiev, 15 ago 2024 (Lusa) - Pelo menos cinco pessoas morreram num ataque com mísseis"
        " contra um prédio em Pokrovsk, na noite de quarta-feira, anunciou hoje o governador."
    )
    incidents = _incidents(text, "pt", dt.date(2024, 8, 15))
    assert incidents[0].date.start == dt.date(2024, 8, 14)
