"""A speaker or claimant that only describes an actor is the actor its article names."""

from __future__ import annotations

from extractor.candidates.document_actors import document_mentions
from extractor.draft import Draft
from extractor.postprocess import build_records


def _speaker(text: str, evidence: str, speaker: str, language: str) -> str | None:
    draft = Draft.model_validate(
        {
            "statements": [
                {"evidence": evidence, "speaker": speaker, "type": "claim", "content": evidence}
            ]
        }
    )
    records = build_records(draft, text=text, published=None, examples=(), language=language)
    return records.statements[0].speaker.name


def test_a_description_is_the_actor_the_article_names_before_it() -> None:
    text = (
        "A Organização Mundial da Saúde, OMS, informou que duas ambulâncias foram danificadas. "
        "A agência lembrou que um ataque com míssil matou 18 pessoas."
    )
    evidence = "A agência lembrou que um ataque com míssil matou 18 pessoas."
    assert _speaker(text, evidence, "A agência", "pt") == "World Health Organization"


def test_a_role_is_the_person_named_with_it_later() -> None:
    text = (
        "Pelo menos quatro civis foram mortos num ataque a Mucojo, disse o administrador "
        'distrital.\n\n"Os malfeitores queimaram casas", afirmou o administrador de '
        "Macomia, Tomás Langa."
    )
    evidence = (
        "Pelo menos quatro civis foram mortos num ataque a Mucojo, disse o administrador distrital."
    )
    assert _speaker(text, evidence, "o administrador distrital", "pt") == "Tomás Langa"


def test_a_source_quoted_comes_before_a_body_only_mentioned() -> None:
    text = (
        "The Syrian Network for Human Rights (SNHR) said in its monthly report that 80 "
        "civilians were killed in April. It urged the UN Security Council to act. The report "
        "adds that no investigation was opened."
    )
    evidence = "The report adds that no investigation was opened."
    assert _speaker(text, evidence, "the report", "en") == "Syrian Network for Human Rights"


def test_a_generic_name_read_as_its_usual_body_keeps_it() -> None:
    text = (
        "Daesh fighters attacked the town, the Syrian Observatory said. Last week, the Syrian "
        "government and the opposition traded accusations of using chlorine."
    )
    evidence = (
        "Last week, the Syrian government and the opposition traded accusations of using chlorine."
    )
    assert _speaker(text, evidence, "the opposition", "en") == "Syrian opposition"


def test_the_rebels_are_the_armed_group_the_article_names() -> None:
    text = (
        "The Huthis said US and British forces struck targets in Yemen overnight. The rebels "
        "said three people were killed."
    )
    evidence = "The rebels said three people were killed."
    assert _speaker(text, evidence, "the rebels", "en") == "Huthis"


def test_the_mentions_of_an_article_are_its_speakers_and_known_names() -> None:
    text = "The Syrian Observatory for Human Rights said 12 people died. Residents fled to Idlib."
    mentions = document_mentions(text, "en")
    assert [(m.actor.name, m.speaking) for m in mentions] == [
        ("Syrian Observatory for Human Rights", True)
    ]


def test_a_regional_body_without_its_region_is_named_after_the_region_of_its_sentence() -> None:
    text = (
        "In the neighbouring Sumy region, Russian shelling of the border village of "
        "Krasnopillia killed one man, the regional military administration said."
    )
    assert (
        _speaker(text, text, "the regional military administration", "en")
        == "Sumy Regional Military Administration"
    )
    portuguese = (
        "Dois civis morreram em bombardeamentos russos contra a aldeia de Ruska Lozova, a "
        "norte de Kharkiv, segundo a procuradoria regional."
    )
    assert (
        _speaker(portuguese, portuguese, "a procuradoria regional", "pt")
        == "Kharkiv Regional Prosecutor's Office"
    )


def test_the_region_may_come_from_the_rest_of_the_sentence() -> None:
    text = (
        "Ukrainian officials said Russian shelling of the city of Kherson killed two people, "
        "a toll later raised to three dead by the regional prosecutor's office."
    )
    evidence = "a toll later raised to three dead by the regional prosecutor's office"
    found = _speaker(text, evidence, "the regional prosecutor's office", "en")
    assert found == "Kherson Regional Prosecutor's Office"


def test_a_region_of_another_country_names_no_body_of_this_template() -> None:
    text = "A drone hit a house in Russia's Belgorod region, the regional prosecutor's office said."
    assert _speaker(text, text, "the regional prosecutor's office", "en") != (
        "Belgorod Regional Prosecutor's Office"
    )
