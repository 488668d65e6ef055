"""'The centre of X' is X itself when X is a town, and X's region when X is wider."""

from __future__ import annotations

import pytest

from extractor.models import LocationPrecision as LP
from extractor.normalise import normalise_place


@pytest.mark.parametrize(
    ("written", "language", "name"),
    [
        ("el centro de la ciudad ucraniana de Sumy", "es", "Sumy"),
        ("o centro da cidade ucraniana de Sumy", "pt", "Sumy"),
        ("وسط مدينة معرة النعمان في ريف إدلب الجنوبي", "ar", "Maarat al-Numan"),
        ("the centre of Kharkiv", "en", "Kharkiv"),
        ("das Zentrum der Stadt Sumy", "de", "Sumy"),
    ],
)
def test_the_centre_of_a_town_is_the_town(written: str, language: str, name: str) -> None:
    loc = normalise_place(written, language=language)
    assert (loc.name, loc.precision, loc.geo_precision) == (name, LP.town, 1)


def test_the_centre_of_a_country_is_a_region_of_it() -> None:
    loc = normalise_place("le centre du Mali", language="fr")
    assert loc.name == "Mali" and loc.geo_precision == 3


def test_a_direction_still_gives_the_region() -> None:
    loc = normalise_place("south of Idlib", language="en")
    assert (loc.name, loc.precision, loc.geo_precision) == ("Idlib", LP.province, 2)


def test_a_name_after_a_centre_word_is_a_place_even_unknown() -> None:
    assert normalise_place("im Zentrum von Quelbrowka", language="de").name == "Quelbrowka"


def test_a_name_after_a_centre_word_in_its_english_spelling() -> None:
    assert normalise_place("im Zentrum von Charkiw", language="de").name == "Kharkiv"
