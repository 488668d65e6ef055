"""A person written after their title, in languages whose titles are data."""

from __future__ import annotations

import pytest

from extractor.normalise import normalise_actor


@pytest.mark.parametrize(
    ("written", "language", "name", "role"),
    [
        ("Gouverneur Serhij Lyssak", "de", "Serhij Lyssak", "Gouverneur"),
        ("UN-Generalsekretär António Guterres", "de", "António Guterres", "UN-Generalsekretär"),
        ("Oberbefehlshaber Walerij Saluschnyj", "de", "Walerij Saluschnyj", "Oberbefehlshaber"),
        ("le président Emmanuel Macron", "fr", "Emmanuel Macron", "président"),
        ("o governador Ivan Fedorov", "pt", "Ivan Fedorov", "governador"),
        ("el alcalde Carlos Gómez", "es", "Carlos Gómez", "alcalde"),
    ],
)
def test_the_title_is_the_role_and_the_rest_the_name(
    written: str, language: str, name: str, role: str
) -> None:
    actor = normalise_actor(written, language=language)
    assert (actor.name, actor.role) == (name, role)


def test_a_body_named_after_its_region_is_not_read_as_a_name_in_german() -> None:
    actor = normalise_actor("die Militärverwaltung der Region Sumy", language="de")
    assert actor.name == "Sumy Regional Military Administration"


def test_a_title_and_a_region_before_a_comma_leave_the_person_after_it() -> None:
    actor = normalise_actor("o governador da região de Donetsk, Vadym Filashkin", language="pt")
    assert actor.name == "Vadym Filashkin"


def test_a_pronoun_speaker_is_the_nearest_named_actor_before_it() -> None:
    from extractor.normalise.actor_context import resolve_description

    zelensky = normalise_actor("Präsident Wolodymyr Selenskyj", language="de")
    ministry = normalise_actor("Das russische Verteidigungsministerium", language="de")
    found = resolve_description(
        normalise_actor("er", language="de"), [zelensky, ministry], language="de"
    )
    assert found is not None and found.name == "Volodymyr Zelensky"
    assert found.text == "er"
