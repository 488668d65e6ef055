"""Places written in another language's spelling take the usual English name."""

from __future__ import annotations

import pytest

from extractor.normalise.places import normalise_place


@pytest.mark.parametrize(
    ("written", "language", "countries", "name", "admin1"),
    [
        ("in der Stadt Charkiw", "de", ["UKR"], "Kharkiv", "Kharkiv Oblast"),
        ("in Pokrowsk im Gebiet Donezk", "de", ["UKR"], "Pokrovsk", "Donetsk Oblast"),
        ("in Cherson", "de", ["UKR"], "Kherson", "Kherson Oblast"),
        # the same consonants as GeoNames' name: the text's spelling stays
        ("em Kryvyi Rih", "pt", ["UKR"], "Kryvyi Rih", "Dnipropetrovsk Oblast"),
        # an English text keeps its own spelling
        ("in Pokrovsk", "en", ["UKR"], "Pokrovsk", "Donetsk Oblast"),
    ],
)
def test_an_exonym_takes_the_english_name(
    written: str, language: str, countries: list[str], name: str, admin1: str
) -> None:
    location = normalise_place(written, countries=countries, language=language)
    assert (location.name, location.admin1) == (name, admin1)


def test_a_first_level_division_named_without_its_type_word_gives_the_admin1() -> None:
    # "dans le Centre-Nord": a region of Burkina Faso, not a town; the village is unknown
    location = normalise_place(
        "à Barsalogho, dans le Centre-Nord", countries=["BFA"], language="fr"
    )
    assert (location.name, location.admin1, location.country) == (
        "Barsalogho",
        "Centre-Nord",
        "BFA",
    )
    assert location.lat is None
