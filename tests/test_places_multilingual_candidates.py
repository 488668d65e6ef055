"""Place candidates of the rules strategy in every language (the locatives and descriptors as data)."""

from __future__ import annotations

import pytest

from extractor.staged.candidates.places import find_places
from extractor.staged.candidates.sentences import Sentence


def _places(text: str, language: str) -> list[tuple[str, str | None, str | None]]:
    sentence = Sentence(index=0, start=10, end=10 + len(text), text=text, paragraph=0, body=True)
    found = find_places(sentence, language=language)
    for p in found:
        assert text[p.start - 10 : p.end - 10] == p.text  # offsets index the original text
    return [(p.text, p.location.name, p.location.admin1) for p in found]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Une frappe a touché le village de Kafrnuran, dans la campagne d'Alep.",
            "fr",
            ("Kafrnuran", None),
        ),
        ("Trois civils ont été tués à Saraqib mardi.", "fr", ("Saraqib", "Idlib")),
        ("قتل ثلاثة مدنيين في قصف على مدينة معرة النعمان.", "ar", ("Maarat al-Numan", "Idlib")),
        ("غارة جوية على بلدة سراقب بريف إدلب", "ar", ("Saraqib", "Idlib")),
        ("سقط صاروخ بإدلب", "ar", ("Idlib", "Idlib")),
        ("Un ataque en Morales, en el departamento del Cauca.", "es", ("Morales", "Cauca")),
        ("Ein Angriff auf das Dorf Krasnopillia bei Sumy.", "de", ("Krasnopillia", None)),
        ("Ataque na aldeia de Mucojo, em Cabo Delgado.", "pt", ("Mucojo", "Cabo Delgado")),
    ],
)
def test_places_are_found_in_every_language(
    text: str, language: str, expected: tuple[str, str | None]
) -> None:
    found = _places(text, language)
    assert expected in [(name, admin1) for _, name, admin1 in found], found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Angriff am Donnerstag traf im Osten viele Menschen.", "de"),
        ("نحن في حالة خطرة", "ar"),
        ("Le ministère de la Défense a démenti.", "fr"),
    ],
)
def test_common_words_after_a_locative_are_no_places(text: str, language: str) -> None:
    assert _places(text, language) == []
