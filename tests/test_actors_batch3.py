"""People and bodies of the second dev set, in every spelling the outlets use."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise_actor


@pytest.mark.parametrize(
    ("written", "language", "name"),
    [
        # people, in each language's spelling, with or without their title
        ("der Gouverneur des Gebiets, Wadym Filaschkin", "de", "Vadym Filashkin"),
        ("Filaschkin", "de", "Vadym Filashkin"),
        ("El gobernador de la región de Donetsk, Vadim Filashkin", "es", "Vadym Filashkin"),
        ("Filashkin", "es", "Vadym Filashkin"),
        ("o governador Vadim Filashkin", "pt", "Vadym Filashkin"),
        ("Gouverneur Wjatscheslaw Gladkow", "de", "Vyacheslav Gladkov"),
        ("el gobernador Viacheslav Gladkov", "es", "Vyacheslav Gladkov"),
        ("Oberbefehlshaber Olexander Syrskyj", "de", "Oleksandr Syrskyi"),
        ("Armeechef Syrskyj", "de", "Oleksandr Syrskyi"),
        ("der von Moskau eingesetzte Verwaltungschef Wladimir Saldo", "de", "Vladimir Saldo"),
        (
            "Der geschäftsführende libanesische Ministerpräsident Nadschib Mikati",
            "de",
            "Najib Mikati",
        ),
        ("le Premier ministre libanais Najib Mikati", "fr", "Najib Mikati"),
        ("Gouverneur Olexander Prokudin", "de", "Oleksandr Prokudin"),
        ("المتحدث الرسمي باسم المنسقية، آدم رجال", "ar", "Adam Rijal"),
        ("المتحدث باسم المنسقية آدم رجال", "ar", "Adam Rijal"),
        (
            "مسؤول المكتب الإعلامي في الدفاع المدني السوري بإدلب، أحمد الشيخ",
            "ar",
            "Ahmad al-Sheikh",
        ),
        # bodies
        ("Sana", "de", "Syrian Arab News Agency"),
        ("die Nachrichtenagentur Sana", "de", "Syrian Arab News Agency"),
        ("die NNA", "de", "National News Agency"),
        ("der NNA", "de", "National News Agency"),
        ("Lebanon's National News Agency", "en", "National News Agency"),
        ("la agencia NNA", "es", "National News Agency"),
        ("Die UN-Beobachtermission Unifil", "de", "United Nations Interim Force in Lebanon"),
        ("die UN-Mission Unifil", "de", "United Nations Interim Force in Lebanon"),
        (
            "Die Staatsanwaltschaft des Gebiets Cherson",
            "de",
            "Kherson Regional Prosecutor's Office",
        ),
        (
            "die Militärverwaltung des Gebiets Cherson",
            "de",
            "Kherson Regional Military Administration",
        ),
        (
            "El Ministerio de Asuntos Exteriores de Ucrania",
            "es",
            "Ukrainian Ministry of Foreign Affairs",
        ),
        ("el Ministerio de Exteriores de Ucrania", "es", "Ukrainian Ministry of Foreign Affairs"),
        ("la administración regional de Bélgorod", "es", "Belgorod Regional Administration"),
        ("la administración regional de Belgorod", "es", "Belgorod Regional Administration"),
        ("la Gobernación de Norte de Santander", "es", "Norte de Santander Governor's Office"),
        ("el gobernador de Norte de Santander", "es", "Norte de Santander Governor's Office"),
        ("Le collectif « Justice pour Barsalogho »", "fr", "Justice pour Barsalogho"),
        ("le collectif Justice pour Barsalogho", "fr", "Justice pour Barsalogho"),
        (
            "المنسقية العامة للنازحين واللاجئين في دارفور",
            "ar",
            "General Coordination for Displaced Persons and Refugees in Darfur",
        ),
        (
            "The General Coordination for Displaced Persons and Refugees in Darfur, "
            "a body representing camp residents",
            "en",
            "General Coordination for Displaced Persons and Refugees in Darfur",
        ),
        (
            "la Coordinación General de Desplazados y Refugiados de Darfur",
            "es",
            "General Coordination for Displaced Persons and Refugees in Darfur",
        ),
    ],
)
def test_tabled_people_and_bodies_resolve_in_every_spelling(
    written: str, language: str, name: str
) -> None:
    assert normalise_actor(written, language=language).name == name


def test_a_tabled_person_keeps_the_organisation_of_the_table() -> None:
    actor = normalise_actor("Filaschkin", language="de")
    assert actor.organisation == "Donetsk Regional Military Administration"
    assert actor.country == "UKR"


def test_a_named_person_after_the_comma_wins_over_the_body_before_it() -> None:
    actor = normalise_actor(
        "مسؤول المكتب الإعلامي في الدفاع المدني السوري بإدلب، أحمد الشيخ", language="ar"
    )
    assert actor.name == "Ahmad al-Sheikh"
    assert actor.organisation == "Syrian Civil Defence"


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("analistas militares", "pt"),
        ("analistas militares", "es"),
        ("Un agent de santé", "fr"),
        ("des agents humanitaires", "fr"),
        ("plusieurs témoignages", "fr"),
    ],
)
def test_unnamed_sources_name_no_one(written: str, language: str) -> None:
    actor = normalise_actor(written, language=language)
    assert actor.name is None
    assert actor.text == written


def _resolved(first: str, then: str, language: str) -> str | None:
    from extractor.normalise.actor_context import resolve_in_document

    actors = [normalise_actor(first, language=language), normalise_actor(then, language=language)]
    return resolve_in_document(actors, language=language)[1].name


@pytest.mark.parametrize(
    ("first", "then", "language", "name"),
    [
        (
            "el gobernador de Norte de Santander",
            "el gobernador",
            "es",
            "Norte de Santander Governor's Office",
        ),
        (
            "la administración regional de Bélgorod",
            "la administración",
            "es",
            "Belgorod Regional Administration",
        ),
        (
            "die Militärverwaltung des Gebiets Cherson",
            "die Militärverwaltung",
            "de",
            "Kherson Regional Military Administration",
        ),
    ],
)
def test_a_body_written_shortened_is_the_body_written_in_full_before(
    first: str, then: str, language: str, name: str
) -> None:
    assert _resolved(first, then, language) == name


def test_a_title_names_the_person_with_it_before_a_body_so_written() -> None:
    from extractor.normalise.actor_context import resolve_in_document

    actors = [
        normalise_actor("o governador da região de Donetsk", language="pt"),
        normalise_actor("o governador da região de Donetsk, Vadym Filashkin", language="pt"),
        normalise_actor("o governador", language="pt"),
    ]
    assert resolve_in_document(actors, language="pt")[2].name == "Vadym Filashkin"


@pytest.mark.parametrize(
    ("first", "then", "language"),
    [
        ("des libanesischen Gesundheitsministeriums", "Das Gesundheitsministerium", "de"),
        ("des libanesischen Gesundheitsministeriums", "Das Ministerium", "de"),
        ("das libanesische Gesundheitsministerium", "des Ministeriums", "de"),
    ],
)
def test_a_compound_or_inflected_word_of_a_body_refers_to_it(
    first: str, then: str, language: str
) -> None:
    assert _resolved(first, then, language) == "Lebanese Ministry of Public Health"


def test_a_word_of_a_person_s_description_does_not_make_the_body_that_person() -> None:
    from extractor.models import Actor
    from extractor.normalise.actor_context import resolve_description

    bell = Actor(
        name="Danielle Bell",
        text="the head of the Mission, Danielle Bell",
        role="head of the Mission",
        organisation="UN Human Rights Monitoring Mission in Ukraine",
    )
    mission = normalise_actor("the Mission", language="en")
    found = resolve_description(mission, [bell], language="en")
    assert found is None or found.name != "Danielle Bell"


@pytest.mark.parametrize(
    ("written", "language", "name"),
    [
        ("l'association « Sauvons Djibo »", "fr", "Sauvons Djibo"),
        ("el colectivo «Madres de Catatumbo»", "es", "Madres de Catatumbo"),
        ('the group "Families for Peace"', "en", "Families for Peace"),
    ],
)
def test_a_descriptor_noun_before_a_quoted_name_leaves_the_name(
    written: str, language: str, name: str
) -> None:
    assert normalise_actor(written, language=language).name == name


@pytest.mark.parametrize(
    ("full", "short", "language"),
    [
        ("le gouverneur régional, Oleh Kiper", "le gouverneur", "fr"),
        ("el gobernador regional, Iván Pérez", "el gobernador", "es"),
        ("o governador regional, Ivan Fedorov", "o governador", "pt"),
    ],
)
def test_an_office_written_before_its_adjectives_names_its_holder(
    full: str, short: str, language: str
) -> None:
    from extractor.normalise.actor_context import resolve_description

    person = normalise_actor(full, language=language)
    found = resolve_description(
        normalise_actor(short, language=language), [person], language=language
    )
    assert found is not None and found.name == person.name
