"""Places that stay specific, in every language: the examples of the real-text issue."""

from __future__ import annotations

import pytest

from extractor.models import LocationPrecision as LP
from extractor.normalise import normalise_place

SYRIA = frozenset({"SYR"})


@pytest.mark.parametrize(
    ("written", "language", "name", "admin1", "precision", "geo"),
    [
        # the head place of the phrase, never the place it is relative to
        ("the vicinity of al-Bara village south of Idlib", "en", "Al-Bara", "Idlib", LP.town, 2),
        (
            "Kafrnuran town in the western countryside of Aleppo",
            "en",
            "Kafrnuran",
            "Aleppo",
            LP.town,
            1,
        ),
        (
            "Tal Al-Tuqan village in Idleb's southern countryside",
            "en",
            "Tal Al-Tuqan",
            "Idlib",
            LP.town,
            1,
        ),
        ("قرية البارة جنوب إدلب", "ar", "Al-Bara", "Idlib", LP.town, 1),
        ("بلدة كفرسجنة في ريف إدلب الجنوبي", "ar", "كفرسجنة", "Idlib", LP.town, 1),
        (
            "le village de Kafrnuran, dans la campagne d'Alep",
            "fr",
            "Kafrnuran",
            "Aleppo",
            LP.town,
            1,
        ),
        # a place named relative to another gives the region
        ("south of Idlib", "en", "Idlib", "Idlib", LP.province, 2),
        ("in the western countryside of Aleppo", "en", "Aleppo", "Aleppo", LP.province, 2),
        ("في ريف إدلب الجنوبي", "ar", "Idlib", "Idlib", LP.province, 2),
        ("Aleppo countryside", "en", "Aleppo", "Aleppo", LP.province, 2),
        ("near Saraqib", "en", "Saraqib", "Idlib", LP.town, 2),
        ("Idlib province", "en", "Idlib", "Idlib", LP.province, 3),
    ],
)
def test_the_head_place_is_resolved(
    written: str, language: str, name: str, admin1: str, precision: LP, geo: int
) -> None:
    loc = normalise_place(written, countries=SYRIA, language=language)
    assert (loc.name, loc.admin1, loc.country) == (name, admin1, "SYR")
    assert (loc.precision, loc.geo_precision) == (precision, geo)


def test_an_unknown_village_keeps_its_name_and_no_coordinates() -> None:
    loc = normalise_place("the vicinity of al-Bara village south of Idlib", countries=SYRIA)
    assert loc.lat is None and loc.lon is None
    assert loc.name != "Idlib"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Atareb", "Al-Atarib"),
        ("Atarib", "Al-Atarib"),
        ("Al Atarib", "Al-Atarib"),
        ("al-Atarib", "Al-Atarib"),
        ("Sarqib", "Saraqib"),
        ("Saraqib", "Saraqib"),
        ("Maara al-Nu\u2019man", "Maarat al-Numan"),
        ("Maara al-Nu'man", "Maarat al-Numan"),
        ("Ma'arrat An Nu'man", "Maarat al-Numan"),
        ("Maaret al-Numan", "Maarat al-Numan"),
        ("Maarat el-Numan", "Maarat al-Numan"),
        ("معرة النعمان", "Maarat al-Numan"),
        ("بلدة سراقب", "Saraqib"),
        ("إدلب", "Idlib"),
    ],
)
def test_spelling_variants_of_known_places_resolve(written: str, name: str) -> None:
    loc = normalise_place(written, countries=SYRIA, language="ar" if name != written else "en")
    assert loc.name == name and loc.country == "SYR"
    assert loc.admin1 in ("Idlib", "Aleppo")
    assert loc.geo_precision == 1


@pytest.mark.parametrize(
    ("written", "language", "name", "admin1", "country", "precision", "geo"),
    [
        ("à 50 km au nord de Gao", "fr", "Gao", "Gao", "MLI", LP.province, 2),
        ("une localité de la région de Mopti", "fr", "Mopti", "Mopti", "MLI", LP.province, 3),
        (
            "le village de Ndaki, dans le cercle de Gourma-Rharous",
            "fr",
            "Ndaki",
            "Timbuktu",
            "MLI",
            LP.town,
            1,
        ),
        (
            "la vereda El Placer, en el municipio de Tibú",
            "es",
            "El Placer",
            "Norte de Santander",
            "COL",
            LP.town,
            1,
        ),
        ("das Dorf Krasnopillia bei Sumy", "de", "Krasnopillia", "Sumy Oblast", "UKR", LP.town, 1),
        (
            "a aldeia de Mocímboa da Praia",
            "pt",
            "Mocimboa da Praia",
            "Cabo Delgado",
            "MOZ",
            LP.town,
            1,
        ),
    ],
)
def test_descriptors_in_other_languages(
    written: str,
    language: str,
    name: str,
    admin1: str | None,
    country: str | None,
    precision: LP,
    geo: int,
) -> None:
    scope = frozenset({"MLI", "COL", "UKR", "MOZ"})
    loc = normalise_place(written, countries=scope, language=language)
    assert (loc.name, loc.admin1, loc.country) == (name, admin1, country)
    assert (loc.precision, loc.geo_precision) == (precision, geo)


def test_a_place_outside_the_articles_countries_keeps_its_text_only() -> None:
    loc = normalise_place("à 50 km au nord de Gao", countries=SYRIA, language="fr")
    assert loc.country != "MLI" and loc.lat is None
