"""Dates told by the day written before them ("la veille", "en la noche del mismo día",
"ao longo do dia") and a weekday followed by a time of day after a comma ("na
segunda-feira, ao fim da tarde"), in every language the product reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.draft import Draft
from extractor.models import DatePrecision as P
from extractor.models import DateSpec
from extractor.normalise.date_phrases import mention_spans, referent_day
from extractor.normalise.dates import refers_back, resolve_date, told_by_publication
from extractor.postprocess import build_records

D = dt.date
DEV2 = Path(__file__).resolve().parents[1] / "evals" / "devset2" / "dev"
REFERENT = D(2024, 9, 10)  # a Tuesday
PUBLISHED = D(2024, 9, 12)  # a Thursday


def _sentence(text: str, phrase: str) -> str:
    """The sentence of ``text`` that holds ``phrase`` (the evidence a draft quotes)."""
    at = text.index(phrase)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = text.find(".", at + len(phrase))
    return text[start : end + 1]


def _incident_date(
    text: str, evidence: str, written: str, published: dt.date, language: str
) -> DateSpec:
    """The date of the one incident a draft writes ``written`` for, quoting ``evidence``."""
    incident = {
        "evidence": [evidence],
        "event_type": "shelling",
        "date": written,
        "location": "",
        "perpetrators": [],
        "casualties": [],
    }
    draft = Draft.model_validate({"incidents": [incident], "statements": []})
    records = build_records(draft, text=text, published=published, language=language)
    return records.incidents[0].date


def _date(document: str, written: str, published: dt.date, language: str) -> tuple:
    text = (DEV2 / f"{document}.txt").read_text(encoding="utf-8")
    date = _incident_date(text, _sentence(text, written), written, published, language)
    return date.start, date.end, date.precision


@pytest.mark.parametrize(
    ("document", "written", "published", "language", "day"),
    [
        # the Sumy shelling "ao longo do dia" is the Friday written before it
        ("r66_pt_pokrovsk_portal", "ao longo do dia", D(2024, 8, 17), "pt", D(2024, 8, 16)),
        (
            "r67_pt_ancuabe_aldeias",
            "na segunda-feira, ao fim da tarde",
            D(2024, 6, 19),
            "pt",
            D(2024, 6, 17),
        ),
        # "the night of the same day" is the 10 September written before it
        ("r70_es_catatumbo_ocha", "En la noche del mismo día", D(2024, 9, 12), "es", REFERENT),
        # "a annoncé lundi avoir mené la veille des frappes": the day before that Monday
        ("r72_fr_barsalogho_radio", "la veille", D(2024, 8, 28), "fr", D(2024, 8, 25)),
    ],
)
def test_the_second_development_sets_dates_resolve_in_their_article(
    document: str, written: str, published: dt.date, language: str, day: dt.date
) -> None:
    assert _date(document, written, published, language) == (day, day, P.day)


SAME_DAY = [
    ("en", "on the night of the same day"),
    ("en", "in the evening of that day"),
    ("fr", "dans la nuit du même jour"),
    ("fr", "le soir du même jour"),
    ("fr", "le même jour"),
    ("es", "el mismo día"),
    ("es", "en la tarde del mismo día"),
    ("pt", "no mesmo dia"),
    ("pt", "na noite do mesmo dia"),
    ("de", "am selben Tag"),
    ("de", "am gleichen Tag"),
    ("de", "in der Nacht desselben Tages"),
    ("ar", "في اليوم نفسه"),
    ("ar", "في نفس اليوم"),
    ("ar", "مساء اليوم نفسه"),
]
DAY_BEFORE = [
    ("en", "the day before"),
    ("fr", "la veille"),
    ("de", "am Vortag"),
    ("es", "la víspera"),
    ("pt", "na véspera"),
    ("ar", "في اليوم السابق"),
]
THROUGHOUT = [
    ("en", "throughout the day"),
    ("pt", "ao longo do dia"),
    ("es", "a lo largo del día"),
    ("fr", "tout au long de la journée"),
    ("de", "im Laufe des Tages"),
    ("ar", "على مدار اليوم"),
]


@pytest.mark.parametrize(
    ("language", "written", "shift"),
    [(lang, w, 0) for lang, w in SAME_DAY + THROUGHOUT] + [(lang, w, -1) for lang, w in DAY_BEFORE],
)
def test_a_day_told_by_the_day_before_it_takes_that_day(
    language: str, written: str, shift: int
) -> None:
    assert refers_back(written, language=language)
    alone = resolve_date(written, PUBLISHED, language=language).start
    assert alone in (None, PUBLISHED + dt.timedelta(days=shift))  # never another day
    spec = resolve_date(written, PUBLISHED, language=language, referent=REFERENT)
    day = REFERENT + dt.timedelta(days=shift)
    assert (spec.start, spec.end, spec.precision) == (day, day, P.day)


@pytest.mark.parametrize(("language", "written"), DAY_BEFORE + THROUGHOUT)
def test_the_day_before_and_throughout_the_day_are_told_by_publication_alone(
    language: str, written: str
) -> None:
    assert told_by_publication(written, language=language)


@pytest.mark.parametrize(
    ("language", "written"), [*SAME_DAY[:3], ("fr", "le lendemain"), ("fr", "lundi")]
)
def test_the_same_day_and_the_next_day_need_a_day_written_before_them(
    language: str, written: str
) -> None:
    assert not told_by_publication(written, language=language)


@pytest.mark.parametrize(
    ("language", "text", "written"),
    [
        (
            "es",
            "En la noche del 8 de septiembre hubo combates. El 10 de septiembre murieron tres "
            "soldados. En la noche del mismo día murieron dos civiles.",
            "En la noche del mismo día",
        ),
        (
            "en",
            "Fighting went on through the night of 8 September. On 10 September three soldiers "
            "died. On the night of the same day two civilians were killed.",
            "On the night of the same day",
        ),
        (
            "fr",
            "Dans la nuit du 8 septembre, des combats ont eu lieu. Le 10 septembre, trois "
            "soldats sont morts. Dans la nuit du même jour, deux civils ont été tués.",
            "Dans la nuit du même jour",
        ),
    ],
)
def test_the_night_of_the_same_day_is_the_day_before_it_not_an_earlier_night(
    language: str, text: str, written: str
) -> None:
    at = text.index(written)
    assert referent_day(text, written, at, PUBLISHED, language=language) == REFERENT


@pytest.mark.parametrize(
    ("language", "written", "day"),
    [
        ("en", "on Monday, in the late afternoon", D(2024, 9, 9)),
        ("es", "el lunes, al caer la tarde", D(2024, 9, 9)),
        ("fr", "lundi, peu avant minuit", D(2024, 9, 9)),
        ("de", "am Montag, kurz vor Sonnenuntergang", D(2024, 9, 9)),
        ("ar", "يوم الاثنين، قبيل الغروب", D(2024, 9, 9)),
        ("pt", "na terça-feira, ao cair da noite", REFERENT),
    ],
)
def test_a_time_of_day_after_a_comma_does_not_block_the_weekday(
    language: str, written: str, day: dt.date
) -> None:
    spec = resolve_date(written, PUBLISHED, language=language)
    assert (spec.start, spec.end, spec.precision) == (day, day, P.day)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "the day before, on Sunday"),
        ("fr", "la veille, dimanche"),
        ("es", "la víspera, el domingo"),
        ("pt", "na véspera, no domingo"),
        ("de", "am Vortag, am Sonntag"),
    ],
)
def test_a_day_written_beside_a_phrase_that_refers_back_is_that_day(
    language: str, written: str
) -> None:
    sunday = D(2024, 9, 8)
    spec = resolve_date(written, PUBLISHED, language=language, referent=REFERENT)
    assert (spec.start, spec.end, spec.precision) == (sunday, sunday, P.day)


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("de", "Die Armee hatte am Vortag zwei Dörfer beschossen.", "am Vortag"),
        ("fr", "L'armée a annoncé avoir mené la veille des frappes.", "la veille"),
        ("pt", "As forças dispararam contra aldeias ao longo do dia.", "ao longo do dia"),
        ("es", "Los combates siguieron a lo largo del día.", "a lo largo del día"),
    ],
)
def test_the_day_before_and_throughout_the_day_are_date_phrases(
    language: str, text: str, phrase: str
) -> None:
    found = [text[s:e] for s, e in mention_spans(text, language)]
    assert phrase in found


@pytest.mark.parametrize(
    ("written", "sentence", "language", "day"),
    [
        ("am Vortag", "Bei einem Angriff am Vortag wurden zwei Menschen getötet.", "de", 14),
        ("la veille", "La veille, deux civils ont été tués dans une frappe.", "fr", 14),
        ("ao longo do dia", "Ao longo do dia, dois civis morreram em ataques.", "pt", 15),
    ],
)
def test_a_page_that_names_no_day_before_gives_the_day_from_its_publication(
    written: str, sentence: str, language: str, day: int
) -> None:
    date = _incident_date(sentence, sentence, written, dt.date(2024, 8, 15), language)
    assert date.start == dt.date(2024, 8, day)


def test_the_same_day_on_a_page_that_names_no_day_before_stays_unresolved() -> None:
    sentence = "Le même jour, deux civils ont été tués dans une frappe."
    date = _incident_date(sentence, sentence, "Le même jour", dt.date(2024, 8, 15), "fr")
    assert date.start is None


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        (
            "Cúcuta, 12 de enero de 2025. Un ataque con explosivos dejó dos soldados muertos.",
            "es",
            "2025-01-12",
        ),
        ("Kyiv, 12 March 2024. A missile hit a residential building.", "en", "2024-03-12"),
    ],
)
def test_a_dateline_ending_in_a_full_stop_dates_the_page(
    text: str, language: str, day: str
) -> None:
    from extractor.normalise.page_date import page_date

    found = page_date(text, language=language)
    assert found is not None and found.start == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Berlin/Kiew, 21.08.2024\n\nBei russischen Angriffen starben vier Menschen.",
            "2024-08-21",
        ),
        ("Gaza/Rafah, 3. Juni 2024 (dpa) - Bei einem Angriff starben drei Menschen.", "2024-06-03"),
    ],
)
def test_a_dateline_of_two_places_dates_the_page(text: str, day: str) -> None:
    from extractor.normalise.page_date import page_date

    found = page_date(text, language="de")
    assert found is not None and found.start == dt.date.fromisoformat(day)
