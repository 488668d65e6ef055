"""Every organisation of the alias table has its names in every language of the sets.

Conflict reporting in French, Spanish, Portuguese, German and Arabic names the same
organisations as English wire copy does, in its own words and abbreviations
(OSDH, CICR, ÄoG, FSR, «داعش»). Each canonical organisation of
``extractor/data/actors.json`` has at least one alias in each language's file,
no alias names two actors, and phrases as outlets write them (articles, German
cases, Arabic joined prepositions) resolve to the right actor.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from extractor.normalise import normalise_actor
from extractor.normalise.actor_keys import actor_key, language_data
from extractor.normalise.actor_tables import raw_tables

LANGUAGES = ("fr", "es", "pt", "de", "ar")

# (language, organisation): why no alias is listed in that language
EXCEPTIONS = {
    ("ar", "Estado Mayor Central"): (
        "Arabic outlets rarely name this Colombian FARC dissident group and use no settled"
        " form of its name; the Spanish name and EMC match in any language"
    ),
}

ORGANISATIONS = [item["name"] for item in raw_tables()["organisations"]]
PEOPLE = [item["name"] for item in raw_tables()["people"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_organisation_has_an_alias_in_every_language(language: str) -> None:
    table = language_data(language).get("organisations", {})
    missing = [
        name for name in ORGANISATIONS if not table.get(name) and (language, name) not in EXCEPTIONS
    ]
    assert missing == []


def test_the_exceptions_are_still_exceptions() -> None:
    for language, name in EXCEPTIONS:
        assert name in ORGANISATIONS
        assert not language_data(language).get("organisations", {}).get(name)


def test_the_language_files_name_only_canonical_actors() -> None:
    for language in LANGUAGES:
        data = language_data(language)
        assert set(data.get("organisations", {})) <= set(ORGANISATIONS)
        assert set(data.get("whole_text_organisations", {})) <= set(ORGANISATIONS)
        assert set(data.get("people", {})) <= set(PEOPLE)


def _keys() -> dict[str, set[str]]:
    """Every alias key of every language, with the actors it is listed for."""
    names: dict[str, set[str]] = defaultdict(set)
    for item in raw_tables()["organisations"]:
        for alias in [item["name"], *item["aliases"]]:
            names[actor_key(alias, "en")].add(item["name"])
    for item in raw_tables()["people"]:
        for alias in [item["name"], *item["aliases"]]:
            names[actor_key(alias, "en")].add(item["name"])
    for language in LANGUAGES:
        data = language_data(language)
        for field in ("organisations", "people"):
            for name, aliases in data.get(field, {}).items():
                for alias in aliases:
                    names[actor_key(alias, language)].add(name)
    return names


def test_no_alias_names_two_actors() -> None:
    # the tables are one index for every language: "FAS" or "EI" must mean one actor
    assert {key: sorted(n) for key, n in _keys().items() if len(n) > 1} == {}


def test_the_tables_have_the_breadth_of_real_reporting() -> None:
    assert len(ORGANISATIONS) >= 160
    assert len(PEOPLE) >= 55
    for language in LANGUAGES:
        aliases = language_data(language)["organisations"].values()
        assert sum(map(len, aliases)) >= 450


PHRASES = [
    # French: articles, elisions, abbreviations
    (
        "fr",
        "l'Observatoire syrien des droits de l'homme (OSDH)",
        "Syrian Observatory for Human Rights",
    ),
    (
        "fr",
        "le Comité international de la Croix-Rouge (CICR)",
        "International Committee of the Red Cross",
    ),
    ("fr", "le CICR", "International Committee of the Red Cross"),
    ("fr", "les Forces de soutien rapide", "Rapid Support Forces"),
    ("fr", "l'armée soudanaise", "Sudanese Armed Forces"),
    ("fr", "le groupe État islamique (EI)", "Islamic State"),
    ("fr", "Daech", "Islamic State"),
    ("fr", "le Programme alimentaire mondial (PAM)", "World Food Programme"),
    (
        "fr",
        "le Bureau de la coordination des affaires humanitaires (OCHA)",
        "UN Office for the Coordination of Humanitarian Affairs",
    ),
    ("fr", "les FARDC", "Congolese Armed Forces"),
    ("fr", "la Finul", "United Nations Interim Force in Lebanon"),
    ("fr", "l'armée libanaise", "Lebanese Armed Forces"),
    ("fr", "le Croissant-Rouge palestinien", "Palestine Red Crescent Society"),
    ("fr", "la Cédéao", "Economic Community of West African States"),
    ("fr", "l'OTAN", "NATO"),
    ("fr", "l'Union africaine", "African Union"),
    (
        "fr",
        "le Groupe de soutien à l'islam et aux musulmans (GSIM)",
        "Jama'at Nusrat al-Islam wal-Muslimin",
    ),
    (
        "fr",
        "les Volontaires pour la défense de la patrie (VDP)",
        "Volunteers for the Defence of the Homeland",
    ),
    ("fr", "la junte malienne", "Malian Government"),
    ("fr", "l'agence officielle syrienne Sana", "Syrian Arab News Agency"),
    ("fr", "Médecins du monde", "Doctors of the World"),
    ("fr", "Benjamin Netanyahou", "Benjamin Netanyahu"),
    ("fr", "Vladimir Poutine", "Vladimir Putin"),
    # Spanish
    (
        "es",
        "el Comité Internacional de la Cruz Roja (CICR)",
        "International Committee of the Red Cross",
    ),
    ("es", "las Fuerzas de Apoyo Rápido", "Rapid Support Forces"),
    ("es", "el Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)", "UNHCR"),
    ("es", "la Organización Mundial de la Salud", "World Health Organization"),
    ("es", "el Ejército de Liberación Nacional (ELN)", "National Liberation Army"),
    ("es", "la guerrilla del ELN", "National Liberation Army"),
    ("es", "el Clan del Golfo", "Gulf Clan"),
    ("es", "la Segunda Marquetalia", "Segunda Marquetalia"),
    ("es", "la Defensoría del Pueblo", "Colombian Ombudsman's Office"),
    ("es", "las Fuerzas de Defensa de Israel (FDI)", "Israel Defense Forces"),
    ("es", "la Media Luna Roja Palestina", "Palestine Red Crescent Society"),
    ("es", "la Unión Europea", "European Union"),
    ("es", "los hutíes", "Huthis"),
    ("es", "Volodímir Zelenski", "Volodymyr Zelensky"),
    # Portuguese
    (
        "pt",
        "o Comitê Internacional da Cruz Vermelha (CICV)",
        "International Committee of the Red Cross",
    ),
    ("pt", "as Forças de Apoio Rápido", "Rapid Support Forces"),
    ("pt", "as Forças Armadas de Defesa de Moçambique (FADM)", "Mozambique Defence Armed Forces"),
    ("pt", "as tropas ruandesas", "Rwanda Defence Force"),
    ("pt", "o Estado Islâmico em Moçambique", "Islamic State Mozambique Province"),
    ("pt", "a Organização Mundial da Saúde (OMS)", "World Health Organization"),
    ("pt", "o Programa Alimentar Mundial", "World Food Programme"),
    ("pt", "os Médicos Sem Fronteiras", "Doctors Without Borders"),
    ("pt", "a Procuradoria-Geral da Ucrânia", "Prosecutor General's Office of Ukraine"),
    ("pt", "o Exército israelense", "Israel Defense Forces"),
    ("pt", "Filipe Nyusi", "Filipe Nyusi"),
    # German: cases and compounds
    ("de", "des russischen Verteidigungsministeriums", "Russian Ministry of Defence"),
    ("de", "der ukrainischen Armee", "Ukrainian Armed Forces"),
    ("de", "die ukrainischen Streitkräfte", "Ukrainian Armed Forces"),
    (
        "de",
        "des Internationalen Komitees vom Roten Kreuz",
        "International Committee of the Red Cross",
    ),
    ("de", "das IKRK", "International Committee of the Red Cross"),
    ("de", "Ärzte ohne Grenzen (ÄoG)", "Doctors Without Borders"),
    ("de", "des UN-Flüchtlingshilfswerks", "UNHCR"),
    ("de", "der Weltgesundheitsorganisation", "World Health Organization"),
    ("de", "der Europäischen Union", "European Union"),
    ("de", "des Internationalen Strafgerichtshofs", "International Criminal Court"),
    ("de", "der libanesischen Armee", "Lebanese Armed Forces"),
    ("de", "der sudanesischen Armee", "Sudanese Armed Forces"),
    ("de", "der Terrormiliz Islamischer Staat", "Islamic State"),
    ("de", "des Palästinensischen Roten Halbmonds", "Palestine Red Crescent Society"),
    ("de", "der ukrainischen Generalstaatsanwaltschaft", "Prosecutor General's Office of Ukraine"),
    ("de", "Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    ("de", "Benjamin Netanjahu", "Benjamin Netanyahu"),
    # Arabic: with and without the article, joined prepositions
    ("ar", "المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
    ("ar", "قوات الدعم السريع", "Rapid Support Forces"),
    ("ar", "لقوات الدعم السريع", "Rapid Support Forces"),
    ("ar", "والجيش السوداني", "Sudanese Armed Forces"),
    ("ar", "داعش", "Islamic State"),
    ("ar", "تنظيم الدولة", "Islamic State"),
    ("ar", "اللجنة الدولية للصليب الأحمر", "International Committee of the Red Cross"),
    ("ar", "منظمة الصحة العالمية", "World Health Organization"),
    ("ar", "برنامج الأغذية العالمي", "World Food Programme"),
    ("ar", "الجيش اللبناني", "Lebanese Armed Forces"),
    ("ar", "جيش لبناني", "Lebanese Armed Forces"),
    ("ar", "الهلال الأحمر الفلسطيني", "Palestine Red Crescent Society"),
    ("ar", "للهلال الأحمر العربي السوري", "Syrian Arab Red Crescent"),
    ("ar", "الوكالة العربية السورية للأنباء (سانا)", "Syrian Arab News Agency"),
    (
        "ar",
        "قوة الأمم المتحدة المؤقتة في لبنان (اليونيفيل)",
        "United Nations Interim Force in Lebanon",
    ),
    ("ar", "حلف شمال الأطلسي", "NATO"),
    ("ar", "الاتحاد الأفريقي", "African Union"),
    ("ar", "جماعة نصرة الإسلام والمسلمين", "Jama'at Nusrat al-Islam wal-Muslimin"),
    ("ar", "الحرس الثوري الإيراني", "Islamic Revolutionary Guard Corps"),
    ("ar", "نتنياهو", "Benjamin Netanyahu"),
    ("ar", "الأمين العام للأمم المتحدة أنطونيو غوتيريش", "António Guterres"),
    ("ar", "حميدتي", "Mohamed Hamdan Dagalo"),
    # English: the new organisations
    ("en", "the Lebanese army", "Lebanese Armed Forces"),
    ("en", "Syria's state news agency SANA", "Syrian Arab News Agency"),
    ("en", "the Norwegian Refugee Council (NRC)", "Norwegian Refugee Council"),
    ("en", "UNMISS", "UN Mission in South Sudan"),
    ("en", "the Ethiopian National Defense Force", "Ethiopian National Defense Force"),
    ("en", "Fano militias", "Fano"),
    ("en", "UN Secretary-General Antonio Guterres", "António Guterres"),
]


@pytest.mark.parametrize(("language", "written", "name"), PHRASES)
def test_phrases_as_outlets_write_them(language: str, written: str, name: str) -> None:
    assert normalise_actor(written, language=language).name == name


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("l'armée", "fr"),
        ("el Ejército", "es"),
        ("o Exército", "pt"),
        ("die Armee", "de"),
        ("الجيش", "ar"),
    ],
)
def test_a_bare_army_is_no_country_s_army(written: str, language: str) -> None:
    assert normalise_actor(written, language=language).country is None
