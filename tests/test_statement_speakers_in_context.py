"""A speaker or claimant that only describes an actor is the actor its article names."""

from __future__ import annotations

from extractor.draft import Draft
from extractor.postprocess import build_records
from extractor.staged.candidates.document_actors import document_mentions


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
    assert [(m.start, m.actor.name, m.speaking) for m in mentions] == [
        (0, "Syrian Observatory for Human Rights", True),  # "The Syrian Observatory ... said"
        (4, "Syrian Observatory for Human Rights", False),  # its name in the alias tables
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


def test_a_spokesperson_of_a_described_body_is_that_body() -> None:
    text = (
        "A Polícia da República de Moçambique (PRM) em Cabo Delgado confirmou a incursão. "
        '"A situação está controlada", disse à Lusa um porta-voz do comando provincial.'
    )
    evidence = '"A situação está controlada", disse à Lusa um porta-voz do comando provincial.'
    found = _speaker(text, evidence, "um porta-voz do comando provincial", "pt")
    assert found == "Police of the Republic of Mozambique"


def test_an_army_spokesman_is_the_army_named_before_in_any_language() -> None:
    german = (
        "Die israelische Armee griff die Schule an. Ein Armeesprecher wies Berichte über "
        "viele zivile Opfer zurück."
    )
    evidence = "Ein Armeesprecher wies Berichte über viele zivile Opfer zurück."
    assert _speaker(german, evidence, "ein Armeesprecher", "de") == "Israel Defense Forces"
    arabic = "قال الجيش الإسرائيلي إنه استهدف مسلحين. ونفى المتحدث باسم الجيش سقوط نساء."
    evidence = "ونفى المتحدث باسم الجيش سقوط نساء."
    assert _speaker(arabic, evidence, "المتحدث باسم الجيش", "ar") == "Israel Defense Forces"


def test_a_descriptor_describes_the_words_after_it() -> None:
    text = (
        "Al-Shabaab militants detonated a car bomb, police said. The al Qaeda-linked group "
        "claimed responsibility."
    )
    evidence = "The al Qaeda-linked group claimed responsibility."
    assert _speaker(text, evidence, "The al Qaeda-linked group", "en") == "Al-Shabaab"
    german = (
        "Die Syrische Beobachtungsstelle für Menschenrechte meldete zwölf Tote. Die in "
        "Großbritannien ansässige Organisation stützt sich auf Informanten."
    )
    evidence = "Die in Großbritannien ansässige Organisation stützt sich auf Informanten."
    found = _speaker(german, evidence, "die in Großbritannien ansässige Organisation", "de")
    assert found == "Syrian Observatory for Human Rights"


def test_teams_of_a_body_are_the_body() -> None:
    text = "The Syrian Civil Defence said its teams were still searching for people."
    found = _speaker(text, text, "the Civil Defence teams", "en")
    assert found == "Syrian Civil Defence"


def test_a_person_named_only_with_a_role_is_no_body_of_a_kind() -> None:
    text = (
        "Militants stormed the hotel, killing nine people, police said. Police spokesman "
        "Abdifatah Aden Hassan told reporters three soldiers died."
    )
    evidence = "Militants stormed the hotel, killing nine people, police said."
    assert _speaker(text, evidence, "police", "en") != "Abdifatah Aden Hassan"


def test_a_regional_governor_heads_the_body_of_the_region_s_country() -> None:
    russian = (
        "Uma mulher morreu quando um drone atingiu uma casa na aldeia de Novaya Tavolzhanka, "
        "na região russa de Belgorod, disse o governador regional."
    )
    found = _speaker(russian, russian, "o governador regional", "pt")
    assert found == "Belgorod Regional Administration"
    ukrainian = "Russian missiles hit a school in Kharkiv, the regional governor said."
    found = _speaker(ukrainian, ukrainian, "the regional governor", "en")
    assert found == "Kharkiv Regional Military Administration"


def test_an_unnamed_official_is_the_person_named_with_that_office() -> None:
    text = (
        "UN envoy Anders Holmqvist said the truce had held. The United Nations special envoy "
        "for Yemen urged both sides to extend it."
    )
    evidence = "The United Nations special envoy for Yemen urged both sides to extend it."
    found = _speaker(text, evidence, "The United Nations special envoy for Yemen", "en")
    assert found == "Anders Holmqvist"


def test_an_official_of_no_particular_office_stays_the_body_s() -> None:
    text = (
        "Military official Colonel Ahmad Saleh said the army had advanced. A Syrian military "
        "official said two soldiers died."
    )
    evidence = "A Syrian military official said two soldiers died."
    assert _speaker(text, evidence, "A Syrian military official", "en") == "Syrian Armed Forces"


def test_groups_joined_by_and_are_sources_of_no_name() -> None:
    text = "Civil defence officials and other humanitarian aid workers said 20 people died."
    speaker = "Civil defence officials and other humanitarian aid workers"
    assert _speaker(text, text, speaker, "en") is None


def test_an_official_introduced_by_name_right_after_is_that_person() -> None:
    text = (
        "The United Nations special envoy for Yemen on Thursday urged both sides to extend "
        "the truce.\n\nAnders Holmqvist told reporters in Geneva that both sides had kept it."
    )
    evidence = (
        "The United Nations special envoy for Yemen on Thursday urged both sides to extend "
        "the truce."
    )
    found = _speaker(text, evidence, "The United Nations special envoy for Yemen", "en")
    assert found == "Anders Holmqvist"
    other = text.replace("Anders Holmqvist told", "A resident, Ali Hassan, told")
    found = _speaker(other, evidence, "The United Nations special envoy for Yemen", "en")
    assert found == "United Nations"
