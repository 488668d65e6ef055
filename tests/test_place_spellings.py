"""Places as non-English outlets spell them: German transliteration, Arabic descriptors, namesakes."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise_place
from extractor.normalise.place_variants import variants
from extractor.normalise.places import article_countries

UKRAINE = frozenset({"UKR", "RUS"})
LEVANT = frozenset({"LBN", "ISR", "SYR"})
SUDAN = frozenset({"SDN"})


@pytest.mark.parametrize(
    ("written", "countries", "name", "admin1"),
    [
        # German spellings of Russian and Ukrainian names (Duden: sch, tsch, w, s, ch, j)
        ("der Stadt Schebekino", UKRAINE, "Shebekino", "Belgorod Oblast"),
        ("die Stadt Oleschky", UKRAINE, "Oleshky", "Kherson Oblast"),
        ("Kleinstadt Biloserka westlich von Cherson", UKRAINE, "Bilozerka", "Kherson Oblast"),
        (
            "Siedlung Antoniwka am nördlichen Stadtrand von Cherson",
            UKRAINE,
            "Antonivka",
            "Kherson Oblast",
        ),
        # and of Arabic and Hebrew names (dsch, ch, ija, u)
        ("Chiam", LEVANT, "Khiam", "Nabatieh"),
        ("Nabatija", LEVANT, "Nabatieh", "Nabatieh"),
        ("Aitarun", LEVANT, "Aitaroun", "Nabatieh"),
        ("Bint Dschbeil", LEVANT, "Bint Jbeil", "Nabatieh"),
        ("die Stadt Kirjat Schmona", LEVANT, "Kiryat Shmona", "Northern District"),
        (
            "die von Christen bewohnte Kleinstadt Suqailabija im Nordwesten der Provinz Hama",
            LEVANT,
            "Al-Suqaylabiyah",
            "Hama",
        ),
        # unseen towns, same correspondences
        ("die Stadt Tschernihiw", UKRAINE, "Chernihiv", "Chernihiv Oblast"),
        ("die Stadt Wuhledar", UKRAINE, "Vuhledar", "Donetsk Oblast"),
        ("in Charkiw", UKRAINE, "Kharkiv", "Kharkiv Oblast"),
        ("die Stadt Mykolajiw", UKRAINE, "Mykolayiv", "Mykolaiv Oblast"),  # GeoNames name
    ],
)
def test_german_spelling_finds_the_english_name(
    written: str, countries: frozenset[str], name: str, admin1: str
) -> None:
    place = normalise_place(written, countries=countries, language="de")
    assert (place.name, place.admin1) == (name, admin1)


def test_zaporizhzhia_as_german_outlets_write_it() -> None:
    place = normalise_place("die Stadt Saporischschja", countries=UKRAINE, language="de")
    assert place.admin1 == "Zaporizhzhia Oblast"
    assert place.name is not None and place.name.startswith("Zaporizhzh")


@pytest.mark.parametrize(
    ("written", "countries", "name", "admin1"),
    [
        ("بلدة حاس القريبة من كنصفرة في ريف إدلب الجنوبي", frozenset({"SYR"}), "حاس", "Idlib"),
        ("محور تل ملح بريف حماة الشمالي الغربي", frozenset({"SYR"}), "تل ملح", "Hama"),
        (
            "معسكر زمزم للنازحين جنوب مدينة الفاشر، عاصمة ولاية شمال دارفور",
            SUDAN,
            "Zamzam",
            "North Darfur",
        ),
        ("سوق مدينة مليط شمال الفاشر", SUDAN, "Mellit", "North Darfur"),
        ("معسكر أبو شوك شمال الفاشر", SUDAN, "Abu Shouk", "North Darfur"),
    ],
)
def test_arabic_descriptors_end_the_name(
    written: str, countries: frozenset[str], name: str, admin1: str
) -> None:
    place = normalise_place(written, countries=countries, language="ar")
    assert (place.name, place.admin1) == (name, admin1)


def test_front_is_near_the_hill() -> None:
    place = normalise_place(
        "محور تل ملح بريف حماة الشمالي الغربي", countries={"SYR"}, language="ar"
    )
    assert place.geo_precision == 2


def test_namesake_in_the_bracketed_municipality() -> None:
    text = (
        "Un ataque armado golpeó el caserío de Versalles, corregimiento de La Gabarra (Tibú), "
        "en el Catatumbo, Norte de Santander."
    )
    place = normalise_place(
        "el caserío de Versalles, corregimiento de La Gabarra (Tibú)",
        countries=article_countries(text),
        language="es",
    )
    assert (place.name, place.admin1) == ("Versalles", "Norte de Santander")


def test_rural_commune_is_a_town_of_the_article_region() -> None:
    text = (
        "Des hommes armés ont attaqué la commune rurale de Dablo, dans la province du "
        "Sanmatenga, région du Centre-Nord, non loin de Barsalogho."
    )
    place = normalise_place(
        "la commune rurale de Dablo", countries=article_countries(text), language="fr"
    )
    assert (place.name, place.admin1, place.geo_precision) == ("Dablo", "Centre-Nord", 1)


def test_variants_only_for_languages_with_a_table() -> None:
    assert "Shebekino" in variants("Schebekino", "de")
    assert variants("Schebekino", "en") == ()
    assert variants("Ost", "de") == ()  # too short to respell


@pytest.mark.parametrize(
    ("written", "countries", "language", "name"),
    [
        # as written already: no respelling
        ("Kostiantynivka", UKRAINE, "pt", "Kostiantynivka"),
        ("Kryvyi Rih", UKRAINE, "en", "Kryvyi Rih"),
        ("Beirut", LEVANT, "de", "Beirut"),
    ],
)
def test_names_found_as_written_keep_their_match(
    written: str, countries: frozenset[str], language: str, name: str
) -> None:
    assert normalise_place(written, countries=countries, language=language).name == name


@pytest.mark.parametrize("word", ["Schule", "Wasser", "Mittwoch", "Sonntag", "Kirche"])
def test_common_german_words_stay_unresolved(word: str) -> None:
    place = normalise_place(word, countries=UKRAINE, language="de")
    assert place.country is None
