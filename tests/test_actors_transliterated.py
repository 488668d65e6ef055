"""Personal names in Arabic script take the conventional English spelling."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise_actor
from extractor.normalise.transliterated_names import transliterated_person


@pytest.mark.parametrize(
    ("written", "name", "role"),
    [
        ("الناشط الإعلامي أحمد الخطيب", "Ahmad al-Khatib", "الناشط الإعلامي"),
        ("الطبيب محمد أبو سلمية", "Mohammed Abu Salmiya", "الطبيب"),
        ("عبد الله الحمد", "Abdullah al-Hamad", None),
    ],
)
def test_an_arabic_name_after_its_role(written: str, name: str, role: str | None) -> None:
    actor = normalise_actor(written, language="ar")
    assert (actor.name, actor.role) == (name, role)


def test_a_family_name_no_table_lists_is_romanised() -> None:
    # letter by letter, without the short vowels Arabic does not write
    assert transliterated_person("مدير المركز خالد الزيدي", "ar") == (
        "Khaled al-Zidi",
        "مدير المركز",
    )


@pytest.mark.parametrize("written", ["أحمد", "قال محمد إن", "مصادر أهلية"])
def test_no_name_where_none_is_written(written: str) -> None:
    assert transliterated_person(written, "ar") is None


def test_a_table_name_wins_and_other_languages_have_no_such_reading() -> None:
    assert normalise_actor("المرصد السوري لحقوق الإنسان", language="ar").name == (
        "Syrian Observatory for Human Rights"
    )
    assert transliterated_person("Ahmad al-Khatib", "en") is None
