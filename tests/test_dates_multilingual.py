"""Dates written in the document's language, resolved by the guideline's rules (6.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.models import Alignment
from extractor.models import DatePrecision as P
from extractor.normalise import detect_published, resolve_date
from extractor.normalise.date_phrases import date_words
from extractor.staged.candidates.dates import find_dates
from extractor.staged.candidates.sentences import Sentence

D = dt.date
WED = D(2019, 11, 20)  # a Wednesday
SUN = D(2019, 11, 17)  # a Sunday
MON, TUE, FRI = D(2019, 11, 18), D(2019, 11, 19), D(2019, 11, 15)
YESTERDAY = D(2019, 11, 19)


@pytest.mark.parametrize(
    ("language", "text", "start", "end", "precision"),
    [
        # the examples: a weekday with the page date known
        ("fr", "mardi", TUE, TUE, P.day),
        ("da", "mandag", MON, MON, P.day),
        ("en", "today 30th of September 2016", D(2016, 9, 30), D(2016, 9, 30), P.day),
        # weekdays with their prepositions, in every language
        ("es", "el lunes", MON, MON, P.day),
        ("de", "am Montag", MON, MON, P.day),
        ("pt", "na sexta-feira", FRI, FRI, P.day),
        ("ar", "الأحد", SUN, SUN, P.day),
        ("ar", "يوم الخميس", D(2019, 11, 14), D(2019, 11, 14), P.day),
        ("tr", "Pazartesi günü", MON, MON, P.day),
        ("uk", "у вівторок", TUE, TUE, P.day),
        ("ru", "в понедельник", MON, MON, P.day),
        ("ru", "в пятницу", FRI, FRI, P.day),
        ("uk", "у п’ятницю", FRI, FRI, P.day),
        ("da", "fredag", FRI, FRI, P.day),
        ("de", "Freitag", FRI, FRI, P.day),
        ("es", "el viernes", FRI, FRI, P.day),
        ("fr", "vendredi", FRI, FRI, P.day),
        ("tr", "cuma", FRI, FRI, P.day),
        ("ar", "الجمعة", FRI, FRI, P.day),
        ("pt", "segunda-feira", MON, MON, P.day),
        # the publication day's own weekday is that day
        ("fr", "mercredi", WED, WED, P.day),
        ("ar", "الأربعاء", WED, WED, P.day),
        # with a time of day
        ("fr", "mardi soir", TUE, TUE, P.day),
        ("de", "am Montagabend", MON, MON, P.day),
        ("es", "el lunes por la noche", MON, MON, P.day),
        ("da", "mandag aften", MON, MON, P.day),
        ("ar", "مساء الاثنين", MON, MON, P.day),
        ("ar", "فجر الثلاثاء", TUE, TUE, P.day),
        ("ru", "в понедельник вечером", MON, MON, P.day),
        ("tr", "salı gecesi", TUE, TUE, P.day),
        # last/past weekday
        ("fr", "mardi dernier", TUE, TUE, P.day),
        ("ar", "الخميس الماضي", D(2019, 11, 14), D(2019, 11, 14), P.day),
        ("es", "el lunes pasado", MON, MON, P.day),
        # yesterday and today
        ("fr", "hier", YESTERDAY, YESTERDAY, P.day),
        ("es", "ayer", YESTERDAY, YESTERDAY, P.day),
        ("de", "gestern", YESTERDAY, YESTERDAY, P.day),
        ("pt", "ontem", YESTERDAY, YESTERDAY, P.day),
        ("ar", "أمس", YESTERDAY, YESTERDAY, P.day),
        ("ar", "امس", YESTERDAY, YESTERDAY, P.day),
        ("da", "i går", YESTERDAY, YESTERDAY, P.day),
        ("tr", "dün", YESTERDAY, YESTERDAY, P.day),
        ("uk", "вчора", YESTERDAY, YESTERDAY, P.day),
        ("ru", "вчера", YESTERDAY, YESTERDAY, P.day),
        ("ar", "اليوم", WED, WED, P.day),
        ("fr", "aujourd'hui", WED, WED, P.day),
        ("es", "hoy", WED, WED, P.day),
        ("pt", "hoje", WED, WED, P.day),
        ("de", "heute", WED, WED, P.day),
        ("da", "i dag", WED, WED, P.day),
        ("tr", "bugün", WED, WED, P.day),
        ("uk", "сьогодні", WED, WED, P.day),
        ("ru", "сегодня", WED, WED, P.day),
        ("ar", "صباح اليوم", WED, WED, P.day),
        ("fr", "avant-hier", MON, MON, P.day),
        ("ar", "أول أمس", MON, MON, P.day),
        ("de", "vorgestern", MON, MON, P.day),
        # nights that run into the next day
        ("fr", "dans la nuit de samedi à dimanche", D(2019, 11, 16), SUN, P.days),
        ("es", "la noche del sábado al domingo", D(2019, 11, 16), SUN, P.days),
        ("pt", "na noite de sábado para domingo", D(2019, 11, 16), SUN, P.days),
        ("de", "in der Nacht zu Sonntag", D(2019, 11, 16), SUN, P.days),
        ("de", "in der Nacht von Samstag auf Sonntag", D(2019, 11, 16), SUN, P.days),
        ("ru", "в ночь с субботы на воскресенье", D(2019, 11, 16), SUN, P.days),
        ("uk", "в ніч на неділю", D(2019, 11, 16), SUN, P.days),
        ("da", "natten til søndag", D(2019, 11, 16), SUN, P.days),
        ("ar", "ليل السبت الأحد", D(2019, 11, 16), SUN, P.days),
        # weeks, months, years
        ("fr", "la semaine dernière", D(2019, 11, 11), SUN, P.week),
        ("ar", "الأسبوع الماضي", D(2019, 11, 11), SUN, P.week),
        ("de", "letzte Woche", D(2019, 11, 11), SUN, P.week),
        ("ru", "на прошлой неделе", D(2019, 11, 11), SUN, P.week),
        ("es", "el mes pasado", D(2019, 10, 1), D(2019, 10, 31), P.month),
        ("tr", "geçen yıl", D(2018, 1, 1), D(2018, 12, 31), P.year),
        ("fr", "il y a deux jours", D(2019, 11, 18), D(2019, 11, 18), P.day),
        ("fr", "en mars", D(2019, 3, 1), D(2019, 3, 31), P.month),
        # absolute dates inside longer phrases
        ("fr", "le 18 mars 2019", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("fr", "le 1er mars", D(2019, 3, 1), D(2019, 3, 1), P.day),
        ("es", "el 18 de marzo de 2019", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("pt", "em 18 de março de 2019", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("de", "am 18. März 2019", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("da", "den 18. marts 2019", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("tr", "18 Mart'ta", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("uk", "18 березня 2019 року", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("ru", "18 марта 2019 года", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("fr", "le mardi 12 novembre", D(2019, 11, 12), D(2019, 11, 12), P.day),
        ("ar", "في 17 تشرين الثاني", SUN, SUN, P.day),
        ("ar", "اليوم الأحد 17 تشرين الثاني", SUN, SUN, P.day),
        ("ar", "١٧ تشرين الثاني ٢٠١٩", SUN, SUN, P.day),
        ("ar", "۱۷ نوفمبر ۲۰۱۹", SUN, SUN, P.day),
        ("ar", "في آذار 2011", D(2011, 3, 1), D(2011, 3, 31), P.month),
        ("en", "yesterday, 19 November", YESTERDAY, YESTERDAY, P.day),
        # the ways reports write them: times, "last" after the date, brackets, clitics
        ("fr", "le 12 novembre dernier", D(2019, 11, 12), D(2019, 11, 12), P.day),
        ("fr", "mardi vers 14h30", TUE, TUE, P.day),
        ("fr", "ce mardi", TUE, TUE, P.day),
        ("de", "am Freitag gegen 14 Uhr", FRI, FRI, P.day),
        ("de", "am frühen Freitagmorgen", FRI, FRI, P.day),
        ("da", "i mandags", MON, MON, P.day),
        ("pt", "no domingo (17)", SUN, SUN, P.day),
        ("es", "el pasado 18 de marzo", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("ar", "والخميس", D(2019, 11, 14), D(2019, 11, 14), P.day),
        ("ar", "وأمس", YESTERDAY, YESTERDAY, P.day),
        ("ar", "نهار الأحد", SUN, SUN, P.day),
        ("ru", "в минувшее воскресенье", SUN, SUN, P.day),
        ("uk", "минулої неділі", SUN, SUN, P.day),
        ("en", "the strike of 25 September in Idlib", D(2019, 9, 25), D(2019, 9, 25), P.day),
        ("fr", "la frappe du 18 mars 2019 près d'Alep", D(2019, 3, 18), D(2019, 3, 18), P.day),
        ("ar", "الغارة التي وقعت في 17 تشرين الثاني على ريف إدلب", SUN, SUN, P.day),
    ],
)
def test_resolves_in_the_documents_language(
    language: str, text: str, start: dt.date, end: dt.date, precision: P
) -> None:
    spec = resolve_date(text, WED, language=language)
    assert (spec.start, spec.end, spec.precision) == (start, end, precision)
    assert spec.text == text and spec.source == "resolved"


LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
STANDARD = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_levantine_and_standard_arabic_month_names(month: int) -> None:
    for name in (LEVANTINE[month - 1], STANDARD[month - 1]):
        spec = resolve_date(f"5 {name} 2018", None, language="ar")
        assert spec.start == D(2018, month, 5), name
        assert spec.precision is P.day


def test_a_model_answering_in_english_about_a_french_page() -> None:
    assert resolve_date("on Tuesday", WED, language="fr").start == TUE


def test_relative_words_need_the_publication_date() -> None:
    spec = resolve_date("mardi", None, language="fr")
    assert spec.start is None and spec.precision is P.unknown and spec.text == "mardi"


@pytest.mark.parametrize("language", ["it", "xx", "zz"])
def test_a_language_without_date_words_falls_back_to_english(language: str) -> None:
    assert resolve_date("on Tuesday", WED, language=language).start == TUE


@pytest.mark.parametrize(("language", "text"), [("fr", "les militants"), ("ar", "المسلحين")])
def test_words_that_are_no_date_stay_unresolved(language: str, text: str) -> None:
    assert resolve_date(text, WED, language=language).precision is P.unknown


def _sentence(text: str) -> Sentence:
    return Sentence(index=0, start=10, end=10 + len(text), text=text, paragraph=0, body=True)


@pytest.mark.parametrize(
    ("language", "text", "found"),
    [
        (
            "fr",
            "Cinq civils ont été tués mardi soir et dans la nuit de samedi à dimanche, le 18 mars 2019.",
            ["mardi soir", "dans la nuit de samedi à dimanche", "le 18 mars 2019"],
        ),
        (
            "ar",
            "قتل خمسة مدنيين يوم الخميس الماضي، وقال المرصد أمس إن ١٧ تشرين الثاني كان داميا.",
            ["يوم الخميس الماضي", "أمس", "١٧ تشرين الثاني"],
        ),
        (
            "de",
            "Am Montagabend und in der Nacht zu Sonntag wurden drei Menschen getötet, hieß es gestern.",
            ["Am Montagabend", "in der Nacht zu Sonntag", "gestern"],
        ),
        ("es", "El lunes murieron cinco civiles en el mar.", ["El lunes"]),
        ("da", "Seks andre blev dræbt i går og mandag aften.", ["i går", "mandag aften"]),
        ("pt", "Na sexta-feira, três pessoas morreram.", ["Na sexta-feira"]),
        ("tr", "Salı günü ve 18 Mart'ta saldırı düzenlendi.", ["Salı günü", "18 Mart"]),
        ("uk", "У вівторок загинули троє.", ["У вівторок"]),
        ("ru", "Вчера погибли трое.", ["Вчера"]),
    ],
)
def test_date_phrases_are_found_in_every_language(
    language: str, text: str, found: list[str]
) -> None:
    mentions = find_dates(_sentence(text), language=language)
    assert [m.text for m in mentions] == found
    for m in mentions:
        assert text[m.start - 10 : m.end - 10] == m.text


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        ("fr", "« Nous avons été bombardés hier », a dit le maire.", "hier"),
        ("de", "Die Armee erklärte am Montag, sie habe nichts getan.", "am Montag"),
        ("ar", "وقال المرصد يوم الخميس إن الغارة قتلت خمسة.", "يوم الخميس"),
        ("en", "The army said on Monday night that it had not.", "on Monday night"),
        ("fr", "Le maire a dit que la ville était calme.", None),
    ],
)
def test_statement_date_words(language: str, text: str, words: str | None) -> None:
    assert date_words(text, language=language) == words


TODAY = D(2026, 12, 7)


@pytest.mark.parametrize(
    ("language", "page", "written", "day"),
    [
        ("fr", "BAMAKO, 18 mars 2019 (AFP) - Quatre djihadistes ont été tués.", "18 mars 2019", D(2019, 3, 18)),
        ("fr", "Monde\nPublié le 18/03/2019 à 10h30\nQuatre djihadistes", "18/03/2019", D(2019, 3, 18)),
        ("es", "Publicado el 18 de marzo de 2019\nCinco civiles", "18 de marzo de 2019", D(2019, 3, 18)),
        ("pt", "Publicado em 18/03/2019 - 14:03\nCinco civis", "18/03/2019", D(2019, 3, 18)),
        ("de", "Stand: 18.03.2019 14:03 Uhr\nFünf Zivilisten", "18.03.2019", D(2019, 3, 18)),
        ("de", "Veröffentlicht am 18. März 2019\nText", "18. März 2019", D(2019, 3, 18)),
        ("ar", "نشر في 17 تشرين الثاني 2019\nنص", "17 تشرين الثاني 2019", SUN),
        ("ar", "بتاريخ ١٧/١١/٢٠١٩\nنص", "١٧/١١/٢٠١٩", SUN),
        ("fr", "Lundi 18 mars 2019\nLe texte", "Lundi 18 mars 2019", D(2019, 3, 18)),
        ("ru", "МОСКВА, 18 марта 2019. /ТАСС/. Текст", "18 марта 2019", D(2019, 3, 18)),
        ("en", "Today 30th of September 2016 the army said", "Today 30th of September 2016", D(2016, 9, 30)),
    ],
)  # fmt: skip
def test_the_page_dates_itself(language: str, page: str, written: str, day: dt.date) -> None:
    spec = detect_published(page, language=language, today=TODAY)
    assert spec is not None
    assert (spec.start, spec.end, spec.precision, spec.source) == (day, day, P.day, "text")
    ev = spec.evidence
    assert ev is not None and ev.alignment is Alignment.exact and ev.quote == written
    assert page[ev.char_start : ev.char_end] == written


def test_a_dateline_without_its_year_takes_the_year_of_the_page() -> None:
    page = "BAMAKO, 18 mars (AFP) - Quatre djihadistes ont été tués.\n© AFP 2019"
    spec = detect_published(page, language="fr", today=TODAY)
    assert spec is not None and spec.start == D(2019, 3, 18)
    assert spec.evidence is not None and spec.evidence.quote == "18 mars"
    assert spec.text is not None and "2019" in spec.text and "year" in spec.text


ARABIC_PAGE = (
    "المرصد السوري\n"
    "قتل ثلاثة مدنيين اليوم الأحد 17 تشرين الثاني في قصف على ريف إدلب الجنوبي، "
    "بعد مقتل طفل أمس في غارة على البلدة.\n"
)


def test_an_arabic_page_dated_only_by_its_own_words() -> None:
    spec = detect_published(ARABIC_PAGE, language="ar", today=TODAY)
    assert spec is not None
    # the latest year not after today in which 17 November is a Sunday
    assert spec.start == D(2024, 11, 17) and spec.source == "text"
    assert spec.evidence is not None and spec.evidence.quote == "اليوم الأحد 17 تشرين الثاني"
    assert spec.text is not None and "weekday" in spec.text
    yesterday = resolve_date("أمس", spec.start, language="ar")
    assert yesterday.start == D(2024, 11, 16)


def test_an_arabic_page_with_its_year_elsewhere() -> None:
    spec = detect_published(ARABIC_PAGE + "© 2019 المرصد\n", language="ar", today=TODAY)
    assert spec is not None and spec.start == SUN


@pytest.mark.parametrize(
    ("language", "page"),
    [
        ("en", "KHARKIV, Ukraine (AP) — Russian forces shelled the city on Monday."),
        ("en", "Five people were killed on September 25, 2017 in a strike."),
        ("fr", "Cinq civils ont été tués le 18 mars 2019 dans une frappe, selon l'OSDH."),
        ("ar", "قتل خمسة مدنيين في 17 تشرين الثاني 2019 بغارة على السوق."),
        ("fr", "BAMAKO (AFP) - Quatre djihadistes ont été tués mardi 18 mars 2019."),
    ],
)
def test_event_dates_in_the_body_are_not_the_publication_date(language: str, page: str) -> None:
    assert detect_published(page, language=language, today=TODAY) is None


@pytest.mark.parametrize(
    ("language", "text", "start", "end", "precision"),
    [
        ("de", "vom 20. bis 26. Mai", D(2019, 5, 20), D(2019, 5, 26), P.days),
        ("fr", "du 20 au 26 mai", D(2019, 5, 20), D(2019, 5, 26), P.days),
        ("es", "del 20 al 26 de mayo de 2019", D(2019, 5, 20), D(2019, 5, 26), P.days),
        ("de", "zwischen dem 20. und 26. Mai", D(2019, 5, 20), D(2019, 5, 26), P.days),
        ("de", "am 26.5.", D(2019, 5, 26), D(2019, 5, 26), P.day),
        ("de", "in den vergangenen 24 Stunden", YESTERDAY, WED, P.days),
        ("es", "en las últimas 24 horas", YESTERDAY, WED, P.days),
        ("de", "am Wochenende", D(2019, 11, 16), SUN, P.days),
        ("de", "am Palmsonntag", SUN, SUN, P.day),
        ("es", "la madrugada de este lunes", MON, MON, P.day),
        ("pt", "durante a madrugada", WED, WED, P.day),
        ("de", "Nacht zum Sonntag", D(2019, 11, 16), SUN, P.days),
        ("de", "am frühen Morgen", WED, WED, P.day),
        ("ar", "صباح اليوم الثلاثاء", TUE, TUE, P.day),
    ],
)
def test_ranges_hours_weekends(
    language: str, text: str, start: dt.date, end: dt.date, precision: P
) -> None:
    spec = resolve_date(text, WED, language=language)
    assert (spec.start, spec.end, spec.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("language", "text", "shift"),
    [
        ("en", "later in the day", 0),
        ("en", "the same day", 0),
        ("fr", "le même jour", 0),
        ("de", "am selben Tag", 0),
        ("pt", "na mesma noite", 0),
        ("es", "al día siguiente", 1),
        ("fr", "le lendemain", 1),
        ("de", "tags zuvor", -1),
        ("ar", "في اليوم التالي", 1),
    ],
)
def test_a_date_that_refers_back_takes_its_referent(language: str, text: str, shift: int) -> None:
    referent = D(2019, 11, 12)
    assert resolve_date(text, WED, language=language).start is None
    spec = resolve_date(text, WED, language=language, referent=referent)
    assert spec.start == spec.end == referent + dt.timedelta(days=shift)
    assert spec.precision is P.day


def test_a_page_without_publication_date_gives_its_year() -> None:
    from extractor.normalise.page_date import page_year

    page = "OCHA-Lagebericht 2024\nAm 27. Mai wurden drei Zivilisten getötet (Stand 2024)."
    year = page_year(page, today=TODAY)
    assert year == 2024
    assert resolve_date("am 27. Mai", None, language="de").start is None
    assert resolve_date("am 27. Mai", None, language="de", year=year).start == D(2024, 5, 27)
    # relative words stay unresolved without a publication date, year or not
    assert resolve_date("am Montag", None, language="de", year=year).start is None
