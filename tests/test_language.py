"""detect_language: the language of a document, even of one short sentence."""

from __future__ import annotations

import pytest

from extractor.normalise import detect_language


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Five civilians were killed when a shell hit the market on Tuesday."),
        ("ar", "قتل خمسة مدنيين يوم الثلاثاء في قصف استهدف السوق."),
        ("fr", "Cinq civils ont été tués mardi dans une frappe sur le marché."),
        ("es", "Cinco civiles murieron el martes en un bombardeo contra el mercado."),
        ("pt", "Cinco civis morreram na terça-feira num ataque contra o mercado."),
        ("de", "Fünf Zivilisten wurden am Dienstag bei einem Angriff auf den Markt getötet."),
        ("da", "Fem civile blev dræbt tirsdag, da en granat ramte markedet."),
        ("tr", "Salı günü pazar yerine düşen top mermisi beş sivili öldürdü."),
        ("uk", "У вівторок п'ятеро цивільних загинули внаслідок обстрілу ринку."),
        ("ru", "Во вторник пятеро мирных жителей погибли при обстреле рынка."),
    ],
)
def test_one_sentence(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Cinq civils tués dans une frappe"),
        ("de", "Fünf Zivilisten bei Luftangriff getötet"),
        ("ar", "مقتل خمسة مدنيين بغارة على سوق"),
        ("uk", "П'ятеро цивільних загинули внаслідок удару"),
    ],
)
def test_a_headline(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "12/08/2016", "AFP —", "  \n "])
def test_too_little_to_tell(text: str) -> None:
    assert detect_language(text) is None
