"""A people named as the attacker is its country's armed forces, in every language."""

from __future__ import annotations

import pytest

from extractor.normalise.perpetrators import perpetrator_actor


@pytest.mark.parametrize(
    ("written", "language", "name"),
    [
        ("the Russians", "en", "Russian Armed Forces"),
        ("rusos", "es", "Russian Armed Forces"),
        ("russos", "pt", "Russian Armed Forces"),
        ("les Russes", "fr", "Russian Armed Forces"),
        ("Russen", "de", "Russian Armed Forces"),
        ("الروس", "ar", "Russian Armed Forces"),
        ("israelíes", "es", "Israel Defense Forces"),
        ("Israelis", "en", "Israel Defense Forces"),
    ],
)
def test_a_people_as_attacker_is_its_armed_forces(written: str, language: str, name: str) -> None:
    actor = perpetrator_actor(written, language=language)
    assert actor.name == name and actor.text == written


def test_a_government_still_acts_through_its_forces_and_others_are_kept() -> None:
    assert perpetrator_actor("the Syrian government").name == "Syrian Armed Forces"
    assert perpetrator_actor("Al-Shabaab militants").name != "Somali Armed Forces"
