"""An unknown village whose phrase names no province takes the one its article names."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise_place
from extractor.normalise.place_context import named_divisions
from extractor.normalise.places import article_countries

SOHR = (
    "Regime warplanes carried out airstrikes today on Kafranbel, Kansafra, Maarat Hurmah, "
    "the vicinity of al-Bara village south of Idlib, and Tal al-Tuqan in Idleb's southern "
    "countryside. Shelling also hit the northern countryside of Hama."
)
GAO = (
    "Deuil et colère à Amasrakad. Ce village du cercle de Gao, situé au nord-est de la ville "
    "de Gao, a été frappé dimanche par des drones. Les blessés ont été évacués vers Gao."
)
LEBANON = (
    "Israeli drone strike in south Lebanon kills two. A strike near the southern Lebanese "
    "village of Majdal Zoun killed two people. Hezbollah fired rockets at an army post in "
    "northern Israel. Officials in Beirut condemned the strike."
)


@pytest.mark.parametrize(
    ("article", "written", "language", "name", "admin1"),
    [
        (SOHR, "Maarat Hurmah", "en", "Maarat Hurmah", "Idlib"),
        (GAO, "Amasrakad", "fr", "Amasrakad", "Gao"),
        (
            "Le village de Maar Chamarine, dans la province d'Idleb, a été bombardé.",
            "le village de Maar Chamarine, à une dizaine de kilomètres à l'est de la ville",
            "fr",
            "Maar Chamarine",
            "Idlib",
        ),
        (
            LEBANON,
            "the southern Lebanese village of Majdal Zoun",
            "en",
            "Majdal Zoun",
            "South Lebanon",
        ),
    ],
)
def test_an_unknown_village_takes_the_province_its_article_names(
    article: str, written: str, language: str, name: str, admin1: str
) -> None:
    got = normalise_place(written, countries=article_countries(article), language=language)
    assert (got.name, got.admin1) == (name, admin1)
    assert got.lat is None and got.lon is None


def test_the_province_the_phrase_gives_comes_before_the_article_s() -> None:
    got = normalise_place(
        "the village of Kfar Hamra in the countryside of Aleppo",
        countries=article_countries(SOHR),
        language="en",
    )
    assert got.admin1 == "Aleppo"


def test_a_demonym_in_the_phrase_keeps_another_country_s_province_out() -> None:
    # the article names only Lebanon's divisions; "Israeli" says this post is not in them
    got = normalise_place(
        "an Israeli army post in Nahal Tzvi", countries=article_countries(LEBANON), language="en"
    )
    assert got.admin1 != "South Lebanon"


def test_without_the_article_the_village_keeps_no_province() -> None:
    assert normalise_place("Maarat Hurmah", countries={"SYR"}, language="en").admin1 is None


def test_divisions_most_named_first_and_directions_are_not_divisions() -> None:
    found = named_divisions(SOHR, frozenset({"SYR"}))
    assert found[:2] == (("Idlib", "SYR"), ("Hama", "SYR"))
    assert named_divisions("Rockets hit northern Israel.", frozenset({"ISR"})) == ()


BELGOROD = (
    "A Ukrainian drone attack on the village of Razumnoye in Russia's Belgorod region killed "
    "a woman. Cross-border attacks on Belgorod have intensified since December, when a "
    "Ukrainian strike on the city centre killed 25 people."
)


@pytest.mark.parametrize(
    ("written", "language"),
    [("the city centre", "en"), ("le centre-ville", "fr"), ("das Stadtzentrum", "de")],
)
def test_the_city_centre_is_the_town_its_article_names_most(written: str, language: str) -> None:
    got = normalise_place(written, countries=article_countries(BELGOROD), language=language)
    assert (got.name, got.admin1, got.country) == ("Belgorod", "Belgorod Oblast", "RUS")


def test_the_city_centre_without_its_article_names_no_place() -> None:
    got = normalise_place("the city centre", countries={"RUS"}, language="en")
    assert got.name is None  # lowercase words in a cased script are no name ("Centre")


def test_a_lowercase_place_the_gazetteer_knows_still_resolves() -> None:
    got = normalise_place("idlib province", countries={"SYR"}, language="en")
    assert (got.name, got.admin1) == ("Idlib", "Idlib")


def test_a_village_given_the_article_s_province_is_still_unresolved() -> None:
    from extractor.normalise.places import is_unresolved

    got = normalise_place("Maarat Hurmah", countries=article_countries(SOHR), language="en")
    assert got.admin1 == "Idlib" and is_unresolved(got)  # no table or gazetteer entry knows it


def test_a_name_known_elsewhere_is_not_made_a_village_of_the_article_s_province() -> None:
    # "Numan" is a town of Nigeria: outside the article's countries it is not taken,
    # nor is it turned into an unknown village of Idlib
    got = normalise_place("Numan", countries=article_countries(SOHR), language="en")
    assert got.admin1 is None
