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


@pytest.mark.parametrize(
    ("written", "name", "admin1"),
    [
        ("en la vereda Campo Dos, en zona rural de Tibú", "Campo Dos", "Norte de Santander"),
        ("en el corregimiento de La Gabarra, en Tibú", "La Gabarra", "Norte de Santander"),
    ],
)
def test_a_capitalised_descriptor_or_article_before_a_name_is_the_names_own(
    written: str, name: str, admin1: str
) -> None:
    location = normalise_place(written, countries=["COL"], language="es")
    assert (location.name, location.admin1) == (name, admin1)


def test_a_capitalised_german_noun_stays_a_descriptor() -> None:
    location = normalise_place("im Dorf Kansafra bei Idlib", countries=["SYR"], language="de")
    assert (location.name, location.admin1) == ("Kansafra", "Idlib")


def test_an_arabic_locative_prefix_on_a_feature_word_begins_the_containing_place() -> None:
    # «كنصفرة بجبل الزاوية»: the village, "in Jabal al-Zawiya", in Idlib's countryside
    written = "في قرية كنصفرة بجبل الزاوية في ريف إدلب الجنوبي"
    location = normalise_place(written, countries=["SYR"], language="ar")
    assert location.admin1 == "Idlib"
    assert "الزاوية" not in (location.name or "")


def test_an_arabic_word_for_the_displaced_is_no_part_of_the_camp_name() -> None:
    # a camp no table knows keeps its own name, without "for the displaced"
    location = normalise_place("مخيم الرياض للنازحين جنوب الفاشر", countries=["SDN"], language="ar")
    assert (location.name, location.admin1) == ("الرياض", "North Darfur")


def test_a_capitalised_type_word_after_a_name_stays_its_type() -> None:
    location = normalise_place("Rakhine State's Ramree", countries=["MMR"], language="en")
    assert (location.name, location.admin1) == ("Rakhine", "Rakhine")
