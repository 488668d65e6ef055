"""The rules strategy's place candidates: a list after one locative gives each place, and
a comma ends a name (an apposition after a place is no place of its own)."""

from __future__ import annotations

import pytest

from extractor.staged.candidates.places_multilingual import find_places_in


def _names(text: str, language: str) -> list[str]:
    return [location.name for _, _, _, location in find_places_in(text, language)]


def test_a_person_in_apposition_after_a_region_is_no_place() -> None:
    text = "informou o governador da região de Donetsk, Vadym Filashkin."
    assert _names(text, "pt") == ["Donetsk Oblast"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        (
            "bombardeos en Kramatorsk, Sloviansk y Pokrovsk.",
            "es",
            ["Kramatorsk", "Sloviansk", "Pokrovsk"],
        ),
        (
            "des frappes à Kramatorsk, Sloviansk et Pokrovsk",
            "fr",
            ["Kramatorsk", "Sloviansk", "Pokrovsk"],
        ),
        (
            "ataques em Kramatorsk, Sloviansk e Pokrovsk",
            "pt",
            ["Kramatorsk", "Sloviansk", "Pokrovsk"],
        ),
    ],
)
def test_a_list_after_one_locative_gives_each_place(
    text: str, language: str, names: list[str]
) -> None:
    assert _names(text, language) == names


def test_a_comma_ends_a_place_name() -> None:
    assert _names("les frappes à Barsalogho, Kaya.", "fr")[0] == "Barsalogho"


def test_punctuation_ends_the_descriptors_before_a_name() -> None:
    text = "Ein Bewohner sagte einem Reporter vor Ort, die Raketen hätten das Haus getroffen."
    assert _names(text, "de") == []


def test_an_organisation_after_a_locative_is_no_place() -> None:
    text = "Elle attribue l'attaque au Groupe de soutien à l'islam et aux musulmans."
    assert _names(text, "fr") == []


def test_a_bracket_ends_the_name_before_a_place_type_word() -> None:
    text = "dans la province du Sanmatenga (région du Centre-Nord)"
    assert _names(text, "fr")[0] == "Sanmatenga"


def test_an_elided_de_before_a_name_is_a_locative() -> None:
    text = "une frappe de missile russe sur un quartier résidentiel d'Odessa, dans le sud"
    assert _names(text, "fr") == ["Odesa"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters shelled a market in the Sudanese city of Omdurman on Sunday.", "Omdurman"),
        ("A missile hit the Ukrainian city of Sumy.", "Sumy"),
        ("Jets struck the Syrian town of Ariha.", "Ariha"),
    ],
)
def test_a_demonym_before_a_place_type_word_describes_the_place_after_it(
    text: str, name: str
) -> None:
    from extractor.staged.candidates.places import find_places
    from extractor.staged.candidates.sentences import Sentence

    found = find_places(Sentence(0, 0, len(text), text, 0, True))
    assert [p.location.name for p in found] == [name]
