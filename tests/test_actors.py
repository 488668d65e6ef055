"""normalise_actor: canonical organisations and people, titles and roles."""

from __future__ import annotations

import pytest

from extractor.models import ActorKind as K
from extractor.normalise import normalise_actor

SOHR = "Syrian Observatory for Human Rights"
MOD = "Russian Ministry of Defence"


@pytest.mark.parametrize(
    ("written", "name", "kind", "country"),
    [
        # rows of docs/canonical-names.md
        ("SOHR", SOHR, K.monitor, None),
        ("the Syrian Observatory", SOHR, K.monitor, None),
        ("the Observatory", SOHR, K.monitor, None),
        ("the Britain-based Syrian Observatory for Human Rights", SOHR, K.monitor, None),
        ("The British-based Syrian Observatory for Human Rights", SOHR, K.monitor, None),
        ("the Russian Defence Ministry", MOD, K.state_military, "RUS"),
        ("Russia's defence ministry", MOD, K.state_military, "RUS"),
        ("Russia’s Defence Ministry", MOD, K.state_military, "RUS"),
        ("the Russian Ministry of Defence", MOD, K.state_military, "RUS"),
        ("the Russian military", "Russian Armed Forces", K.state_military, "RUS"),
        ("Russian jets", "Russian Armed Forces", K.state_military, "RUS"),
        ("Russian planes", "Russian Armed Forces", K.state_military, "RUS"),
        ("Russian air force", "Russian Armed Forces", K.state_military, "RUS"),
        ("Syrian government forces", "Syrian Armed Forces", K.state_military, "SYR"),
        ("Syrian jets", "Syrian Armed Forces", K.state_military, "SYR"),
        ("regime forces", "Syrian Armed Forces", K.state_military, "SYR"),
        ("the Syrian military", "Syrian Armed Forces", K.state_military, "SYR"),
        ("the Syrian government", "Syrian Government", K.government, "SYR"),
        ("Damascus", "Syrian Government", K.government, "SYR"),
        (
            "Raqqa is Being Slaughtered Silently",
            "Raqqa is Being Slaughtered Silently",
            K.monitor,
            None,
        ),
        ("Civil Defence", "Syrian Civil Defence", K.ngo, "SYR"),
        ("Syrian Civil Defence", "Syrian Civil Defence", K.ngo, "SYR"),
        ("the White Helmets", "Syrian Civil Defence", K.ngo, "SYR"),
        (
            "the Turkish foreign ministry",
            "Turkish Ministry of Foreign Affairs",
            K.government,
            "TUR",
        ),
        ("Iran's Foreign Ministry", "Iranian Ministry of Foreign Affairs", K.government, "IRN"),
        ("Islamic State", "Islamic State", K.armed_group, None),
        ("IS", "Islamic State", K.armed_group, None),
        ("ISIS", "Islamic State", K.armed_group, None),
        ("Daesh", "Islamic State", K.armed_group, None),
        ("the Islamic State group", "Islamic State", K.armed_group, None),
        ("Nusra Front", "Nusra Front", K.armed_group, None),
        ("the al Qaeda-linked Nusra Front", "Nusra Front", K.armed_group, None),
        (
            "Organization for the Prohibition of Chemical Weapons",
            "Organisation for the Prohibition of Chemical Weapons",
            K.international_org,
            None,
        ),
        ("OPCW", "Organisation for the Prohibition of Chemical Weapons", K.international_org, None),
        ("the UN", "United Nations", K.international_org, None),
        ("United Nations", "United Nations", K.international_org, None),
        ("Syrian National Council", "Syrian National Council", K.armed_group, "SYR"),
        # beyond the table
        ("the Kremlin", "Kremlin", K.government, "RUS"),
        ("the opposition", "Syrian opposition", K.armed_group, "SYR"),
        ("Russian", "Russian Armed Forces", K.state_military, "RUS"),
        (
            "A local activist group, Raqqa is Being Slaughtered Silently",
            "Raqqa is Being Slaughtered Silently",
            K.monitor,
            None,
        ),
        (
            "the Russian Federation Council's Defence and Security Committee",
            "Federation Council Defence and Security Committee",
            K.government,
            "RUS",
        ),
        ("Russia", "Russian Government", K.government, "RUS"),
        ("Turkey", "Turkish Government", K.government, "TUR"),
        ("Turkish air force jets", "Turkish Armed Forces", K.state_military, "TUR"),
        ("the Local Co-ordination Committees", "Local Coordination Committees", K.monitor, None),
        ("The Army of Conquest", "Army of Conquest", K.armed_group, None),
        ("Tass news agency", "Tass", K.media, "RUS"),
    ],
)
def test_organisations(written: str, name: str, kind: K, country: str | None) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.kind, actor.country) == (name, kind, country)
    # an organisation speaking is not a member of an organisation
    assert actor.organisation is None and actor.role is None
    assert actor.text == written


@pytest.mark.parametrize(
    ("written", "name", "organisation", "kind", "country"),
    [
        ("Igor Konashenkov", "Igor Konashenkov", MOD, K.state_military, "RUS"),
        ("Rami Abdel Rahman", "Rami Abdel Rahman", SOHR, K.monitor, None),
        ("Rami Abdulrahman", "Rami Abdel Rahman", SOHR, K.monitor, None),
        ("Vladimir Putin", "Vladimir Putin", None, K.government, "RUS"),
        ("Dmitry Peskov", "Dmitry Peskov", "Kremlin", K.government, "RUS"),
        ("Sergei Ivanov", "Sergei Ivanov", "Kremlin", K.government, "RUS"),
        (
            "Mevlut Cavusoglu",
            "Mevlut Cavusoglu",
            "Turkish Ministry of Foreign Affairs",
            K.government,
            "TUR",
        ),
        (
            "Mevlüt Çavuşoğlu",
            "Mevlut Cavusoglu",
            "Turkish Ministry of Foreign Affairs",
            K.government,
            "TUR",
        ),
        (
            "Mikhail Bogdanov",
            "Mikhail Bogdanov",
            "Russian Ministry of Foreign Affairs",
            K.government,
            "RUS",
        ),
        ("Sergei Rudskoi", "Sergei Rudskoi", "Russian Armed Forces", K.state_military, "RUS"),
        ("Jan Egeland", "Jan Egeland", "United Nations", K.international_org, None),
        ("Staffan de Mistura", "Staffan de Mistura", "United Nations", K.international_org, None),
        ("de Mistura", "Staffan de Mistura", "United Nations", K.international_org, None),
        ("Mark Lowcock", "Mark Lowcock", "United Nations", K.international_org, None),
        ("Khaled Khoja", "Khaled Khoja", "Syrian National Council", K.armed_group, "SYR"),
        (
            "Marzieh Afkham",
            "Marzieh Afkham",
            "Iranian Ministry of Foreign Affairs",
            K.government,
            "IRN",
        ),
        (
            "Alexander Orlov",
            "Alexander Orlov",
            "Russian Ministry of Foreign Affairs",
            K.government,
            "RUS",
        ),
        ("Salem Abu al Azem", "Salem Abu al Azem", "Syrian Civil Defence", K.ngo, "SYR"),
        (
            "Mohammed Alloush",
            "Mohammed Alloush",
            "High Negotiations Committee",
            K.armed_group,
            "SYR",
        ),
        ("Josephine Guerrero", "Josephine Guerrero", "United Nations", K.international_org, None),
        ("Konashenkov", "Igor Konashenkov", MOD, K.state_military, "RUS"),
        ("Abdelkafi al-Hamdu", "Abdelkafi al-Hamdu", None, K.civilian, "SYR"),
    ],
)
def test_people(
    written: str, name: str, organisation: str | None, kind: K, country: str | None
) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.organisation, actor.kind, actor.country) == (
        name,
        organisation,
        kind,
        country,
    )
    assert actor.role is None


@pytest.mark.parametrize(
    ("written", "name", "role"),
    [
        ("Major-General Igor Konashenkov", "Igor Konashenkov", "Major-General"),
        ("Lt. Gen. Sergei Rudskoi", "Sergei Rudskoi", "Lt. Gen."),
        ("Mr Konashenkov", "Igor Konashenkov", None),  # an honorific is not a role
        ("Mr Putin", "Vladimir Putin", None),
        ("President Vladimir Putin", "Vladimir Putin", "President"),
        ("Russian Ambassador Alexander Orlov", "Alexander Orlov", "Ambassador"),
        (
            "Russia's Defence Ministry spokesman Igor Konashenkov",
            "Igor Konashenkov",
            "Defence Ministry spokesman",
        ),
        (
            "Igor Konashenkov, a Russian defence ministry spokesman",
            "Igor Konashenkov",
            "defence ministry spokesman",
        ),
        ("Mr Putin's spokesman Dmitry Peskov", "Dmitry Peskov", "spokesman"),
        ("Observatory director Rami Abdulrahman", "Rami Abdel Rahman", "Observatory director"),
        (
            "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights",
            "Rami Abdel Rahman",
            "head",
        ),
        ("UN special envoy Staffan de Mistura", "Staffan de Mistura", "special envoy"),
        (
            "Turkish Foreign Minister Mevlut Cavusoglu",
            "Mevlut Cavusoglu",
            "Foreign Minister",
        ),
        ("Sergei Ivanov, Mr Putin's chief of staff", "Sergei Ivanov", "chief of staff"),
        (
            "Salem Abu al Azem, a senior rescue worker from the opposition-run Civil Defence in Idlib",
            "Salem Abu al Azem",
            "senior rescue worker",
        ),
        (
            "Mark Lowcock, the UN's head of humanitarian affairs and emergency relief",
            "Mark Lowcock",
            "head of humanitarian affairs and emergency relief",
        ),
        (
            "A senior U.N. humanitarian official, Jan Egeland",
            "Jan Egeland",
            "senior U.N. humanitarian official",
        ),
    ],
)
def test_titles_become_the_role(written: str, name: str, role: str | None) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.role) == (name, role)


def test_given_role_wins_over_the_written_title() -> None:
    actor = normalise_actor("Major-General Igor Konashenkov", role="defence ministry spokesman")
    assert actor.role == "defence ministry spokesman"
    assert actor.name == "Igor Konashenkov"
    assert actor.organisation == MOD


@pytest.mark.parametrize(
    ("written", "name", "role", "kind", "country"),
    [
        ("A Syrian military official", "Syrian Armed Forces", "official", K.state_military, "SYR"),
        ("a Russian defence ministry spokesman", MOD, "spokesman", K.state_military, "RUS"),
        # an unnamed official of a body the text does not name has no name (ANNOTATION 5.2)
        ("the ministry's spokeswoman", None, None, K.government, None),
    ],
)
def test_unnamed_officials_speak_for_their_organisation(
    written: str, name: str | None, role: str | None, kind: K, country: str | None
) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.role, actor.kind, actor.country) == (name, role, kind, country)


@pytest.mark.parametrize(
    ("written", "name", "kind", "country"),
    [
        # source groups have no name, only their text (ANNOTATION 5.2)
        ("residents", None, K.civilian, None),
        ("A local activist group", None, K.monitor, None),
        ("opposition rescue workers", None, K.ngo, None),
        ("A Syrian rescue worker", None, K.ngo, "SYR"),
        ("Abu Omar al-Halabi", "Abu Omar al-Halabi", K.unknown, None),
        ("Dr John Smith", "John Smith", K.unknown, None),
    ],
)
def test_unknown_actors_keep_their_cleaned_text(
    written: str, name: str | None, kind: K, country: str | None
) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.kind, actor.country) == (name, kind, country)
    assert actor.text == written
    assert actor.organisation is None


def test_unknown_person_with_a_known_organisation() -> None:
    actor = normalise_actor("Abu Ahmed", role="rescue worker", organisation="the White Helmets")
    assert actor.name == "Abu Ahmed"
    assert actor.organisation == "Syrian Civil Defence"
    assert (actor.kind, actor.country, actor.role) == (K.ngo, "SYR", "rescue worker")


@pytest.mark.parametrize("written", [None, "", "  "])
def test_empty(written: str | None) -> None:
    actor = normalise_actor(written)
    assert actor.name is None and actor.kind is K.unknown
    only_org = normalise_actor(written, organisation="SOHR")
    assert only_org.organisation == SOHR and only_org.kind is K.monitor


@pytest.mark.parametrize(
    ("written", "name", "role"),
    [
        ("regional governor Serhiy Koval", "Serhiy Koval", "regional governor"),
        ("Council member Haji Ghulam Sarwar", "Haji Ghulam Sarwar", "Council member"),
        ("Information Minister Saleh al-Qirshi", "Saleh al-Qirshi", "Information Minister"),
        ("district commissioner Joseph Otieno", "Joseph Otieno", "district commissioner"),
        ("provincial police chief Ahmed Yusuf Hassan", "Ahmed Yusuf Hassan", None),
        ("Lieutenant Colonel John Smith", "John Smith", "Lieutenant Colonel"),
    ],
)
def test_a_personal_name_after_its_descriptors_is_the_name(
    written: str, name: str, role: str | None
) -> None:
    actor = normalise_actor(written)
    assert actor.name == name
    if role is not None:
        assert actor.role == role
    assert actor.text == written


@pytest.mark.parametrize(
    ("written", "name", "organisation"),
    [
        (
            "Samira Daoud, Amnesty International's Regional Director for West and Central Africa",
            "Samira Daoud",
            "Amnesty International",
        ),
        (
            "Nadia Hardman, a researcher at Human Rights Watch",
            "Nadia Hardman",
            "Human Rights Watch",
        ),
        (
            "SNHR's chairman, Fadel Abdul Ghany",
            "Fadel Abdul Ghany",
            "Syrian Network for Human Rights",
        ),
        ("Junta spokesman Major General Aung Zaw Moe", "Aung Zaw Moe", "Myanmar Armed Forces"),
        (
            "Taliban government spokesman Zabihullah Hamidi",
            "Zabihullah Hamidi",
            "Taliban Government",
        ),
        ("Civil Defense spokesman Mahmoud Abu Salem", "Mahmoud Abu Salem", None),
    ],
)
def test_a_named_person_of_an_organisation_is_the_speaker(
    written: str, name: str, organisation: str | None
) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.organisation) == (name, organisation)
    assert actor.role


@pytest.mark.parametrize(
    ("written", "name", "kind", "country"),
    [
        ("the Sudanese army", "Sudanese Armed Forces", K.state_military, "SDN"),
        ("the Kenyan army", "Kenyan Armed Forces", K.state_military, "KEN"),
        ("Colombian forces", "Colombian Armed Forces", K.state_military, "COL"),
        ("Nigeria's foreign ministry", "Nigerian Ministry of Foreign Affairs", K.government, "NGA"),
        ("Mali's defence ministry", "Malian Ministry of Defence", K.state_military, "MLI"),
        ("Egypt's health ministry", "Egyptian Ministry of Health", K.government, "EGY"),
        ("the Malian government", "Malian Government", K.government, "MLI"),
        ("the U.S. military", "United States Armed Forces", K.state_military, "USA"),
        # table entries win over the generic form
        ("the Israeli military", "Israel Defense Forces", K.state_military, "ISR"),
        ("Pakistan's military", "Pakistan Armed Forces", K.state_military, "PAK"),
        ("Lebanon's health ministry", "Lebanese Ministry of Public Health", K.government, "LBN"),
        (
            "Ukraine's foreign ministry",
            "Ukrainian Ministry of Foreign Affairs",
            K.government,
            "UKR",
        ),
        ("the Somali army", "Somali National Army", K.state_military, "SOM"),
        # the seeds' names keep working
        ("the Russian military", "Russian Armed Forces", K.state_military, "RUS"),
        ("Syrian government forces", "Syrian Armed Forces", K.state_military, "SYR"),
        ("Turkey's foreign ministry", "Turkish Ministry of Foreign Affairs", K.government, "TUR"),
    ],
)
def test_a_countrys_institution_from_its_demonym_or_possessive(
    written: str, name: str, kind: K, country: str
) -> None:
    actor = normalise_actor(written)
    assert (actor.name, actor.kind, actor.country) == (name, kind, country)


def test_an_unnamed_official_of_a_countrys_institution() -> None:
    actor = normalise_actor("A spokesman for the Chadian army")
    assert (actor.name, actor.role, actor.organisation, actor.country) == (
        "Chadian Armed Forces",
        "spokesman",
        "Chadian Armed Forces",
        "TCD",
    )


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("the rebels' Al-Masirah TV", "Al-Masirah"),
        ("The Huthis' Al-Masirah television", "Al-Masirah"),
        ("Al-Shabab's Radio Andalus", "Radio Andalus"),
        ("local news outlet Nineveh Voices", "Nineveh Voices"),
        ("local news site Hiiraan Online", "Hiiraan Online"),
        ("the medical charity Doctors Without Borders (MSF", "Doctors Without Borders"),
        ("the International Rescue Committee (IRC", "International Rescue Committee"),
        ("Kuwaiti Hospital in nearby Rafah", "Kuwaiti Hospital"),
        ("Al-Quds Hospital in Gaza City", "Al-Quds Hospital"),
        ("The Kanbalu People's Defence Force", "Kanbalu People's Defence Force"),
    ],
)
def test_a_capitalised_name_loses_its_possessor_descriptors_and_fragments(
    written: str, name: str
) -> None:
    actor = normalise_actor(written)
    assert actor.name == name
    assert actor.text == written


@pytest.mark.parametrize(
    "written",
    [
        "local officials",
        "Survivors",
        "Ukrainian officials",
        "Nigerian officials",
        "two security sources",
        "Two elders in Jilib",
        "residents of Hodeidah",
        "A resident of Laman village",
        "tribal elders and a member of the provincial council",
        "hospital officials",
    ],
)
def test_source_groups_and_officials_of_no_named_body_have_no_name(written: str) -> None:
    actor = normalise_actor(written)
    assert actor.name is None
    assert actor.text == written


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Civil Defence", "Syrian Civil Defence"),
        ("the Palestinian Civil Defense", "Palestinian Civil Defence"),
        ("Gaza's Civil Defence", "Palestinian Civil Defence"),
        ("Lebanon's Civil Defence", "Civil Defence"),
    ],
)
def test_civil_defence_alone_is_syrian_only_as_the_whole_text(written: str, name: str) -> None:
    assert normalise_actor(written).name == name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        (
            "The UN Assistance Mission in Afghanistan (UNAMA)",
            "UN Assistance Mission in Afghanistan",
        ),
        (
            "The U.N. humanitarian office, OCHA",
            "UN Office for the Coordination of Humanitarian Affairs",
        ),
        ("the RSF", "Rapid Support Forces"),
        ("the Kanbalu PDF", "Kanbalu People's Defence Force"),
        ("Taliban officials", "Taliban Government"),
        ("the NUG", "National Unity Government"),
        ("A resident who helped bury the dead", None),
    ],
)
def test_actors_of_todays_conflicts(written: str, name: str | None) -> None:
    assert normalise_actor(written).name == name
