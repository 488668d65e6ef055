"""The country of an actor read from how it is written."""

from __future__ import annotations

from extractor.normalise import normalise_actor


def test_a_demonym_in_a_proper_name_gives_no_country() -> None:
    hospital = normalise_actor("the Kuwaiti Hospital in nearby Rafah")
    assert (hospital.name, hospital.country) == ("Kuwaiti Hospital", None)
    assert normalise_actor("Syrian activists").country == "SYR"
