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
        ("Die UN-Beobachtermission Unifil", "de", "UN Interim Force in Lebanon"),
        ("die UN-Mission Unifil", "de", "UN Interim Force in Lebanon"),
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
