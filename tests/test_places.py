"""normalise_place: canonical names of docs/canonical-names.md, precision, gazetteer fallback."""

from __future__ import annotations

import pytest

from extractor.models import LocationPrecision as LP
from extractor.normalise import normalise_place


@pytest.mark.parametrize(
    ("written", "name", "admin1", "precision"),
    [
        # rows of docs/canonical-names.md
        ("Raqqa", "Raqqa", "Raqqa", LP.town),
        ("Raqa", "Raqqa", "Raqqa", LP.town),
        ("Ar-Raqqah", "Raqqa", "Raqqa", LP.town),
        ("Al-Raqqa", "Raqqa", "Raqqa", LP.town),
        ("Deir Ezzor", "Deir ez-Zor", "Deir ez-Zor", LP.town),
        ("Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor", LP.town),
        ("Dayr az-Zawr", "Deir ez-Zor", "Deir ez-Zor", LP.town),
        ("Deir al-Zor", "Deir ez-Zor", "Deir ez-Zor", LP.town),
        ("Deir Ezzor province", "Deir ez-Zor", "Deir ez-Zor", LP.province),
        ("province of Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor", LP.province),
        ("Jisr al-Shughur", "Jisr al-Shughur", "Idlib", LP.town),
        ("Jisr al Shqour", "Jisr al-Shughur", "Idlib", LP.town),
        ("Jisr ash-Shughur", "Jisr al-Shughur", "Idlib", LP.town),
        ("Khan Sheikhoun", "Khan Shaykhun", "Idlib", LP.town),
        ("Khan Sheikun", "Khan Shaykhun", "Idlib", LP.town),
        ("Khan Shaykhun", "Khan Shaykhun", "Idlib", LP.town),
        ("Idlib", "Idlib", "Idlib", LP.town),
        ("Idlib province", "Idlib", "Idlib", LP.province),
        ("Hama", "Hama", "Hama", LP.town),
        ("Hama province", "Hama", "Hama", LP.province),
        ("Aleppo", "Aleppo", "Aleppo", LP.town),
        ("Aleppo province", "Aleppo", "Aleppo", LP.province),
        ("Talbiseh", "Talbiseh", "Homs", LP.town),
        ("Talbisah", "Talbiseh", "Homs", LP.town),
        ("Al-Shafah", "Al-Shafah", "Deir ez-Zor", LP.town),
        ("Al-Shafa", "Al-Shafah", "Deir ez-Zor", LP.town),
        ("Shafa", "Al-Shafah", "Deir ez-Zor", LP.town),
        ("Zabadieh", "Zabadieh", "Aleppo", LP.neighbourhood),
        ("Al Tahh", "Al-Tah", "Idlib", LP.town),
        ("Al-Tah", "Al-Tah", "Idlib", LP.town),
        ("Foua", "Foua", "Idlib", LP.town),
        ("Fuaa", "Foua", "Idlib", LP.town),
        ("Kefraya", "Kefraya", "Idlib", LP.town),
        ("Kafriya", "Kefraya", "Idlib", LP.town),
        ("Jabal al Zawya", "Jabal al-Zawiya", "Idlib", LP.district),
        ("Jabal al-Zawiya", "Jabal al-Zawiya", "Idlib", LP.district),
        # governorate capitals and their provinces
        ("Homs", "Homs", "Homs", LP.town),
        ("Latakia", "Latakia", "Latakia", LP.town),
        ("Tartous", "Tartus", "Tartus", LP.town),
        ("Hasakah", "Al-Hasakah", "Al-Hasakah", LP.town),
        ("Deraa", "Daraa", "Daraa", LP.town),
        ("Sweida", "As-Suwayda", "As-Suwayda", LP.town),
        ("Quneitra", "Quneitra", "Quneitra", LP.town),
        ("Damascus", "Damascus", "Damascus", LP.town),
        ("rural Damascus", "Rif Dimashq", "Rif Dimashq", LP.province),
        ("Homs governorate", "Homs", "Homs", LP.province),
    ],
)
def test_canonical_names(written: str, name: str, admin1: str, precision: LP) -> None:
    loc = normalise_place(written)
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (name, admin1, "SYR", precision)
    assert loc.text == written


@pytest.mark.parametrize(
    ("written", "name", "admin1", "precision"),
    [
        # phrases as the seeds write them
        ("the group's de facto capital of Raqqa", "Raqqa", "Raqqa", LP.town),
        ("the IS stronghold of Raqqa in northern Syria", "Raqqa", "Raqqa", LP.town),
        ("the embattled northern Syrian city of Aleppo", "Aleppo", "Aleppo", LP.town),
        ("eastern Zabadieh neighborhood", "Zabadieh", "Aleppo", LP.neighbourhood),
        ("the city's eastern Zabadieh neighborhood", "Zabadieh", "Aleppo", LP.neighbourhood),
        ("the central province of Hama", "Hama", "Hama", LP.province),
        ("the northern province of Aleppo", "Aleppo", "Aleppo", LP.province),
        ("Idlib Province", "Idlib", "Idlib", LP.province),
        ("Syria's Idlib province", "Idlib", "Idlib", LP.province),
        ("the Syrian rebel-held city of Idlib", "Idlib", "Idlib", LP.town),
        ("the village of Al-Shafah in Deir Ezzor province", "Al-Shafah", "Deir ez-Zor", LP.town),
        ("the province of Deir ez-Zor in eastern Syria", "Deir ez-Zor", "Deir ez-Zor", LP.province),
        (
            "the district of Jisr al-Shughur, in the Idlib province",
            "Jisr al-Shughur",
            "Idlib",
            LP.district,
        ),
        ("the town of Khan Sheikun in Syrias Idlib province", "Khan Shaykhun", "Idlib", LP.town),
        (
            "the village of Al Tahh, in the northwestern Idlib province",
            "Al-Tah",
            "Idlib",
            LP.town,
        ),
        ("the besieged towns of Foua and Kefraya", "Foua", "Idlib", LP.town),
        ("the Khmeimim airbase in western Syria", "Khmeimim Air Base", "Latakia", LP.point),
    ],
)
def test_descriptive_phrases(written: str, name: str, admin1: str, precision: LP) -> None:
    loc = normalise_place(written)
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (name, admin1, "SYR", precision)


def test_towns_carry_coordinates_provinces_do_not() -> None:
    town = normalise_place("Khan Sheikhoun")
    assert town.lat == pytest.approx(35.44, abs=0.05) and town.lon == pytest.approx(36.65, abs=0.05)
    province = normalise_place("Idlib province")
    assert province.lat is None and province.lon is None


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Syria", "Syria", "SYR"),
        ("opposition-held northwestern parts of Syria", "Syria", "SYR"),
        ("Turkey", "Turkey", "TUR"),
        ("the US", "United States", "USA"),
        ("Russia", "Russia", "RUS"),
        ("Kazakhstan", "Kazakhstan", "KAZ"),
    ],
)
def test_countries(written: str, name: str, country: str) -> None:
    loc = normalise_place(written)
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (name, None, country, LP.country)


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Geneva", "Geneva", "CHE"),
        ("in Geneva", "Geneva", "CHE"),
        ("Kazakh capital Astana", "Astana", "KAZ"),
        ("Baghdad", "Baghdad", "IRQ"),
        ("Paris", "Paris", "FRA"),
        ("Ankara", "Ankara", "TUR"),
    ],
)
def test_gazetteer_fallback_for_other_cities(written: str, name: str, country: str) -> None:
    loc = normalise_place(written)
    assert (loc.name, loc.country, loc.precision) == (name, country, LP.town)
    assert loc.lat is not None and loc.lon is not None


@pytest.mark.parametrize(
    ("written", "name", "admin1"),
    [("Nawa", "Nawa", "Daraa"), ("the town of Yabroud", "Yabroud", "Rif Dimashq")],
)
def test_gazetteer_syrian_cities_get_their_governorate(
    written: str, name: str, admin1: str
) -> None:
    loc = normalise_place(written)
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (name, admin1, "SYR", LP.town)


@pytest.mark.parametrize("written", ["the Euphrates valley", "a hospital courtyard"])
def test_unknown_places_keep_their_text(written: str) -> None:
    loc = normalise_place(written)
    assert loc.text == written
    assert (loc.name, loc.admin1, loc.country, loc.precision) == (None, None, None, LP.unknown)


def test_an_unknown_name_alone_is_kept_as_the_place() -> None:
    """seeds/ANNOTATION.md 7.1: a place no table knows keeps its own name, no coordinates."""
    loc = normalise_place("Narnia")
    assert (loc.name, loc.admin1, loc.country, loc.lat) == ("Narnia", None, None, None)


@pytest.mark.parametrize("written", [None, "", "  "])
def test_empty(written: str | None) -> None:
    loc = normalise_place(written)
    assert loc.text == written and loc.name is None and loc.precision is LP.unknown


def test_article_countries_one_scan_finds_what_a_scan_per_table_finds() -> None:
    from pathlib import Path

    from extractor.normalise.keys import find_phrases, name_tokens
    from extractor.normalise.place_resolve import alias_table
    from extractor.normalise.places import _country_names, article_countries, table_countries

    index, longest, _ = alias_table()
    names, longest_name = _country_names()
    root = Path(__file__).resolve().parents[1]
    for path in [*sorted(root.glob("seeds/*.txt")), *sorted(root.glob("evals/devset/*.txt"))]:
        text = path.read_text(encoding="utf-8")
        tokens = name_tokens(text)
        found = {
            index[" ".join(tokens[i:j])].country for i, j in find_phrases(tokens, index, longest)
        }
        found |= {
            names[" ".join(tokens[i:j])] for i, j in find_phrases(tokens, names, longest_name)
        }
        assert table_countries(text) == frozenset(c for c in found if c), path.name
        assert table_countries(text) <= article_countries(text), path.name


def test_article_countries_from_names_in_other_languages_and_divisions() -> None:
    from extractor.normalise.places import article_countries

    assert "SYR" in article_countries("Des frappes ont visé la province d'Idleb, en Syrie.")
    assert "COL" in article_countries("Un ataque en Morales, en el departamento del Cauca.")
    assert "MLI" in article_countries("بلدات في مالي")


@pytest.mark.parametrize(
    ("written", "language", "name", "admin1", "precision"),
    [
        # Hodeidah city, written as French and Arabic reports write it
        (
            "un bâtiment des télécommunications à Hodeida, sur la mer Rouge",
            "fr",
            "Hodeidah",
            "Hodeidah",
            LP.town,
        ),
        ("الحديدة", "ar", "Hodeidah", "Hodeidah", LP.town),
        ("la province de Hodeïda", "fr", "Hodeidah", "Hodeidah", LP.province),
        # a spelling that only doubles a letter of the usual one takes the usual one
        ("Abbs", "en", "Abs", "Hajjah", LP.town),
        # a border village the gazetteer's 500-people floor leaves out
        ("an Israeli army post in Margaliot", "en", "Margaliot", "Northern District", LP.town),
    ],
)
def test_places_of_the_alias_table_and_usual_spellings(
    written: str, language: str, name: str, admin1: str, precision: LP
) -> None:
    got = normalise_place(written, countries={"YEM", "ISR", "LBN"}, language=language)
    assert (got.name, got.admin1, got.precision) == (name, admin1, precision)


def test_a_spelling_the_gazetteer_does_not_share_is_kept() -> None:
    assert normalise_place("Saada", countries={"YEM"}, language="en").name == "Saada"
