"""Casualty figures in every language: numbers, qualifiers, populations, outcomes,
one person written with an article, and one claim per figure of an entry."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.draft import Draft
from extractor.models import Outcome, Population, Qualifier
from extractor.normalise import figure_in_text, parse_figure
from extractor.normalise.figures import split_figures
from extractor.normalise.numbers import find_numbers
from extractor.postprocess import build_records

Q, P, OUT = Qualifier, Population, Outcome


@pytest.mark.parametrize(
    ("text", "language", "low", "high", "qualifier", "population"),
    [
        # the examples: "au moins 16 civils" was population people,
        # "quatre djihadistes", "أربعة رجال", "Seks andre" were unparsed
        ("au moins 16 civils", "fr", 16, None, Q.at_least, P.civilians),
        ("quatre djihadistes", "fr", 4, 4, Q.exact, P.combatants),
        ("أربعة رجال", "ar", 4, 4, Q.exact, P.people),
        ("Seks andre", "da", 6, 6, Q.exact, P.people),
        # English singulars and words between the number and the noun
        ("a child", "en", 1, 1, Q.exact, P.children),
        ("a displaced child", "en", 1, 1, Q.exact, P.children),
        ("two displaced children", "en", 2, 2, Q.exact, P.children),
        ("her two daughters", "en", 2, 2, Q.exact, P.children),
        ("A fourth man", "en", 1, 1, Q.exact, P.people),
        ("nine Daesh fighters", "en", 9, 9, Q.exact, P.combatants),
        ("seven of them children", "en", 7, 7, Q.exact, P.children),
        ("32 members of three families", "en", 32, 32, Q.exact, P.people),
        # one person in other languages
        ("un enfant", "fr", 1, 1, Q.exact, P.children),
        ("una niña", "es", 1, 1, Q.exact, P.children),
        ("um homem", "pt", 1, 1, Q.exact, P.people),
        ("eine Frau", "de", 1, 1, Q.exact, P.women),
        ("طفل", "ar", 1, 1, Q.exact, P.children),
        ("طفلان", "ar", 2, 2, Q.exact, P.children),
        # qualifiers per language
        ("plus de 20 personnes", "fr", 21, None, Q.more_than, P.people),
        ("près de 30 morts", "fr", 30, 30, Q.about, P.people),
        ("une dizaine de civils", "fr", 10, 10, Q.about, P.civilians),
        ("des dizaines de blessés", "fr", 24, None, Q.at_least, P.people),
        ("plus d'une centaine de victimes", "fr", 101, None, Q.more_than, P.people),
        ("entre 8 et 10 personnes", "fr", 8, 10, Q.exact, P.people),
        ("al menos 12 civiles", "es", 12, None, Q.at_least, P.civilians),
        ("más de 40 muertos", "es", 41, None, Q.more_than, P.people),
        ("unos 30 heridos", "es", 30, 30, Q.about, P.people),
        ("decenas de niños", "es", 24, None, Q.at_least, P.children),
        ("veintitrés menores", "es", 23, 23, Q.exact, P.children),
        ("pelo menos 12 civis", "pt", 12, None, Q.at_least, P.civilians),
        ("mais de 50 mortos", "pt", 51, None, Q.more_than, P.people),
        ("cerca de 20 crianças", "pt", 20, 20, Q.about, P.children),
        ("dezenas de feridos", "pt", 24, None, Q.at_least, P.people),
        ("mindestens 23 Zivilisten", "de", 23, None, Q.at_least, P.civilians),
        ("mehr als 60 Menschen", "de", 61, None, Q.more_than, P.people),
        ("rund 40 Tote", "de", 40, 40, Q.about, P.people),
        ("etwa 15 Kinder", "de", 15, 15, Q.about, P.children),
        ("Dutzende Verletzte", "de", 24, None, Q.at_least, P.people),
        ("zwei Soldaten", "de", 2, 2, Q.exact, P.combatants),
        ("ما لا يقل عن 12 مدنيا", "ar", 12, None, Q.at_least, P.civilians),
        ("أكثر من 20 شخصا", "ar", 21, None, Q.more_than, P.people),
        ("نحو 30 قتيلا", "ar", 30, 30, Q.about, P.people),
        ("عشرات القتلى", "ar", 24, None, Q.at_least, P.people),
        ("ثلاثة وعشرون مدنيا", "ar", 23, 23, Q.exact, P.civilians),
        ("ثلاث نساء", "ar", 3, 3, Q.exact, P.women),
        ("خمسة عشر طفلا", "ar", 15, 15, Q.exact, P.children),
        ("١٢ مدنيا", "ar", 12, 12, Q.exact, P.civilians),
        ("۱۵ کودک", "fa", 15, 15, Q.exact, None),
        ("1.200 personas", "es", 1200, 1200, Q.exact, P.people),
        ("2 000 civils", "fr", 2000, 2000, Q.exact, P.civilians),
        ("vingt et un soldats", "fr", 21, 21, Q.exact, P.combatants),
        ("tre børn", "da", 3, 3, Q.exact, P.children),
        ("due bambini", "it", 2, 2, Q.exact, P.children),
        ("twee vrouwen", "nl", 2, 2, Q.exact, P.women),
        ("several people", "en", 3, None, Q.at_least, P.people),
        ("a few civilians", "en", 2, None, Q.at_least, P.civilians),
        ("по меньшей мере 12 мирных жителей", "ru", 12, None, Q.at_least, P.civilians),
        ("более 20 человек", "ru", 21, None, Q.more_than, P.people),
        ("двое детей", "ru", 2, 2, Q.exact, P.children),
        ("две тысячи человек", "ru", 2000, 2000, Q.exact, P.people),
        ("щонайменше 5 цивільних", "uk", 5, None, Q.at_least, P.civilians),
        ("троє дітей", "uk", 3, 3, Q.exact, P.children),
        ("en az 12 sivil", "tr", 12, None, Q.at_least, P.civilians),
        ("on iki kişi", "tr", 12, 12, Q.exact, P.people),
        ("yüzlerce yaralı", "tr", 200, None, Q.at_least, P.people),
    ],
)
def test_a_figure_reads_in_its_language(
    text: str,
    language: str,
    low: int | None,
    high: int | None,
    qualifier: Qualifier,
    population: Population | None,
) -> None:
    fig = parse_figure(text, language=language)
    assert (fig.min, fig.max, fig.qualifier) == (low, high, qualifier)
    if population is not None:
        assert fig.population is population


@pytest.mark.parametrize(
    ("text", "language", "outcome"),
    [
        ("16 civils tués", "fr", OUT.killed),
        ("cinq morts", "fr", OUT.killed),
        ("trois blessés", "fr", OUT.injured),
        ("deux disparus", "fr", OUT.missing),
        ("12 muertos", "es", OUT.killed),
        ("seis fallecidos", "es", OUT.killed),
        ("20 heridos", "es", OUT.injured),
        ("tres desaparecidos", "es", OUT.missing),
        ("dez mortos", "pt", OUT.killed),
        ("oito feridos", "pt", OUT.injured),
        ("fünf Menschen getötet", "de", OUT.killed),
        ("zehn Verletzte", "de", OUT.injured),
        ("خمسة قتلى", "ar", OUT.killed),
        ("ثلاثة شهداء", "ar", OUT.killed),
        ("عشرة جرحى", "ar", OUT.injured),
        ("ستة مصابين", "ar", OUT.injured),
        ("более 20 человек погибли", "ru", OUT.killed),
        ("12 раненых", "ru", OUT.injured),
        ("троє дітей загинули", "uk", OUT.killed),
        ("on iki kişi öldü", "tr", OUT.killed),
        ("20 kişi yaralandı", "tr", OUT.injured),
    ],
)
def test_an_outcome_reads_in_its_language(text: str, language: str, outcome: Outcome) -> None:
    assert parse_figure(text, language=language).outcome is outcome


@pytest.mark.parametrize(
    ("text", "language", "parts"),
    [
        ("23 people, including two children", "en", ["23 people", "two children"]),
        (
            "six women, five children, and three police officers",
            "en",
            ["six women", "five children", "three police officers"],
        ),
        ("a woman and her two daughters", "en", ["a woman", "her two daughters"]),
        ("24 civilians, along with six others", "en", ["24 civilians", "six others"]),
        ("at least 16 people, including a child", "en", ["at least 16 people", "a child"]),
        (
            "plus de 20 personnes, dont trois enfants",
            "fr",
            ["plus de 20 personnes", "trois enfants"],
        ),
        (
            "al menos 23 personas, entre ellas dos niños",
            "es",
            ["al menos 23 personas", "dos niños"],
        ),
        ("ثمانية أشخاص بينهم طفلان", "ar", ["ثمانية أشخاص", "طفلان"]),
        (
            "a woman and her two daughters, aged six and nine",
            "en",
            ["a woman", "her two daughters, aged six and nine"],
        ),
        ("two killed and five wounded", "en", ["two killed", "five wounded"]),
        # one figure stays whole
        ("12 people in 3 villages", "en", ["12 people in 3 villages"]),
        ("between 8 and 10 people", "en", ["between 8 and 10 people"]),
        ("32 members of three families", "en", ["32 members of three families"]),
        ("a family of five", "en", ["a family of five"]),
        ("entre 8 et 10 personnes", "fr", ["entre 8 et 10 personnes"]),
        ("14 طفلاً", "ar", ["14 طفلاً"]),  # the noun a number counts is no one person
        ("at least 20 civilians", "en", ["at least 20 civilians"]),
    ],
)
def test_a_text_of_several_figures_splits_one_per_figure(
    text: str, language: str, parts: list[str]
) -> None:
    assert split_figures(text, language) == parts


def test_a_woman_and_her_two_daughters_are_a_woman_and_two_children() -> None:
    figures = [
        parse_figure(p, language="en") for p in split_figures("a woman and her two daughters")
    ]
    assert [(f.min, f.population) for f in figures] == [(1, P.women), (2, P.children)]


def test_numbers_keep_their_offsets_in_every_script() -> None:
    text = "قتل ١٢ مدنيا وثلاثة وعشرون آخرون"
    found = find_numbers(text, "ar")
    assert [(text[n.start : n.end], n.value) for n in found] == [("١٢", 12), ("ثلاثة وعشرون", 23)]
    assert figure_in_text(parse_figure("12 civils", language="fr"), "douze civils", language="fr")


def _single_entry_draft(figure: str, evidence: str) -> Draft:
    return Draft.model_validate(
        {
            "incidents": [
                {
                    "evidence": [evidence],
                    "event_type": "airstrike",
                    "date": "",
                    "location": "",
                    "perpetrators": [],
                    "casualties": [
                        {"source": "", "figure": figure, "outcome": "killed", "evidence": evidence}
                    ],
                }
            ]
        }
    )


@pytest.mark.parametrize(
    ("figure", "evidence", "language", "expected"),
    [
        (
            "23 people, including two children",
            "The strike killed 23 people, including two children.",
            "en",
            [("23 people", 23, P.people), ("two children", 2, P.children)],
        ),
        (
            "six women, five children, and three police officers",
            "Among the dead were six women, five children, and three police officers.",
            "en",
            [
                ("six women", 6, P.women),
                ("five children", 5, P.children),
                ("three police officers", 3, P.combatants),
            ],
        ),
        (
            "a woman and her two daughters",
            "The shell killed a woman and her two daughters.",
            "en",
            [("a woman", 1, P.women), ("her two daughters", 2, P.children)],
        ),
        (
            "au moins 16 civils, dont quatre enfants",
            "La frappe a tué au moins 16 civils, dont quatre enfants.",
            "fr",
            [("au moins 16 civils", 16, P.civilians), ("quatre enfants", 4, P.children)],
        ),
    ],
)
def test_one_draft_entry_of_several_figures_gives_one_claim_per_figure(
    figure: str, evidence: str, language: str, expected: list[tuple[str, int, Population]]
) -> None:
    records = build_records(
        _single_entry_draft(figure, evidence),
        text=evidence,
        published=dt.date(2024, 1, 1),
        examples=[],
        language=language,
    )
    claims = records.incidents[0].casualty_claims
    assert [(c.text, c.min, c.population) for c in claims] == expected
    assert all(c.outcome is OUT.killed and "figure_not_in_evidence" not in c.flags for c in claims)


@pytest.mark.parametrize(
    ("written", "language", "maximum"),
    [
        ("up to nine people", "en", 9),
        ("jusqu'à neuf personnes", "fr", 9),
        ("bis zu neun Menschen", "de", 9),
        ("hasta nueve personas", "es", 9),
        ("até nove pessoas", "pt", 9),
    ],
)
def test_up_to_states_no_lower_bound(written: str, language: str, maximum: int) -> None:
    """seeds/ANNOTATION.md §4.3: "up to 40" is min null, max 40 (dev19's "up to nine people")."""
    figure = parse_figure(written, language=language)
    assert (figure.min, figure.max, figure.qualifier) == (None, maximum, Qualifier.up_to)
