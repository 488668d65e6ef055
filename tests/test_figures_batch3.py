"""Figures as the third batch of real-style pages writes them: an age is no count, a
possessive with a kinship noun is one person, role nouns name their population, a
bare number after soldiers counts soldiers, Arabic numbers written after their noun,
and a toll whose subject follows the figure."""

from __future__ import annotations

import pytest

from extractor.models import Population, Qualifier
from extractor.normalise import parse_figure
from extractor.normalise.figures_context import population_in_context

P, Q = Population, Qualifier


@pytest.mark.parametrize(
    ("text", "language", "low", "high", "population"),
    [
        # an age is no count: one person
        ("Eine 67-jährige Frau", "de", 1, 1, P.women),
        ("eine 72-jährige Frau", "de", 1, 1, P.women),
        ("Der 47 Jahre alte Fahrer", "de", 1, 1, P.people),
        ("a 67-year-old woman", "en", 1, 1, P.women),
        ("un anciano de 80 años", "es", 1, 1, P.people),
        # role nouns name their population
        ("ein Kommandeur", "de", 1, 1, P.combatants),
        ("Um camponês", "pt", 1, 1, P.people),
        ("un presidente de junta de acción comunal", "es", 1, 1, P.people),
        # a possessive with a kinship noun is one person
        ("su hijo adolescente", "es", 1, 1, P.children),
        ("su hijo de ocho años", "es", 1, 1, P.children),
        ("son fils", "fr", 1, 1, P.children),
        ("her son", "en", 1, 1, P.children),
        # named forces are combatants
        (
            "une dizaine de Volontaires pour la défense de la patrie (VDP)",
            "fr",
            10,
            10,
            P.combatants,
        ),
        # Arabic writes one and two after the noun they count
        ("مدنيين اثنين", "ar", 2, 2, P.civilians),
        ("طفل واحد", "ar", 1, 1, P.children),
        ("عنصرين اثنين", "ar", 2, 2, P.combatants),
    ],
)
def test_figures_as_written(
    text: str, language: str, low: int, high: int, population: Population
) -> None:
    figure = parse_figure(text, language=language)
    assert (figure.min, figure.max, figure.population) == (low, high, population)


def test_a_number_before_its_noun_is_not_read_backwards_in_arabic() -> None:
    # larger numbers come before the noun: the word before them is not their noun
    assert parse_figure("ثمانية مدنيين", language="ar").population is P.civilians
    assert parse_figure("مدنيين ثمانية", language="ar").population is None


@pytest.mark.parametrize(
    ("written", "sentence", "language", "population"),
    [
        (
            "ثمانية",
            "ارتفع إلى ثمانية، بينهم ثلاثة أطفال، عدد المدنيين الذين قتلوا جراء غارات روسية",
            "ar",
            P.civilians,
        ),
        ("ocho", "Asciende a ocho el número de civiles muertos en el ataque.", "es", P.civilians),
        ("huit", "Il est passé à huit, le nombre de civils tués", "fr", P.civilians),
        ("oito", "Subiu para oito o número de civis mortos no ataque.", "pt", P.civilians),
    ],
)
def test_a_toll_subject_written_after_the_figure_gives_its_population(
    written: str, sentence: str, language: str, population: Population
) -> None:
    assert population_in_context(written, sentence, language=language) is population


def test_a_toll_subject_in_the_next_sentence_gives_nothing() -> None:
    sentence = "Le bilan s'élève à huit. Le nombre de civils tués reste inconnu."
    assert population_in_context("huit", sentence, language="fr") is None


def test_a_bare_number_after_soldiers_counts_soldiers() -> None:
    sentence = "tres soldados murieron y cinco resultaron heridos"
    assert population_in_context("cinco", sentence, language="es") is P.combatants


# -- the rules strategy's figure candidates --------------------------------------------


def _candidates(text: str, language: str) -> list[tuple[str, str, str, int | None]]:
    from extractor.staged.candidates import find_figures
    from extractor.staged.candidates.sentences import Sentence

    sentence = Sentence(0, 0, len(text), text, 0, True)
    return [
        (f.text, f.outcome.value, f.population.value, f.min)
        for f in find_figures(sentence, language=language)
    ]


def test_people_listed_after_a_figure_share_its_outcome() -> None:
    text = "Un dron atacó un coche e hirió a dos civiles, una mujer y su hijo adolescente."
    assert _candidates(text, "es") == [
        ("dos civiles", "injured", "civilians", 2),
        ("una mujer", "injured", "women", 1),
        ("su hijo", "injured", "children", 1),
    ]


def test_an_age_does_not_end_the_clause_of_the_outcome() -> None:
    text = "El ataque dejó un hombre y su hijo de ocho años muertos."
    assert _candidates(text, "es") == [
        ("un hombre", "killed", "people", 1),
        ("su hijo", "killed", "children", 1),
    ]


def test_a_bare_rules_candidate_takes_the_soldiers_counted_before_it() -> None:
    text = "Según el gobernador, tres soldados murieron y cinco resultaron heridos."
    assert ("cinco", "injured", "combatants", 5) in _candidates(text, "es")


def test_a_possessive_without_a_kinship_noun_is_no_figure() -> None:
    assert _candidates("Su casa fue destruida y su coche quemado.", "es") == []


@pytest.mark.parametrize(
    ("text", "language", "population"),
    [
        ("Pelo menos 22 palestinianos", "pt", P.people),
        ("au moins 30 Palestiniens", "fr", P.people),
        ("mindestens 12 Palästinenser", "de", P.people),
        ("22 فلسطينيا", "ar", P.people),
        ("dos misiles balísticos rusos", "es", None),  # the missiles are Russian
    ],
)
def test_a_people_right_after_its_number_counts_people(
    text: str, language: str, population: Population | None
) -> None:
    assert parse_figure(text, language=language).population is population


def test_a_people_is_a_rules_figure_candidate() -> None:
    text = "Pelo menos 22 palestinianos foram mortos hoje em bombardeamentos israelitas."
    assert ("Pelo menos 22 palestinianos", "killed", "people", 22) in _candidates(text, "pt")


def test_a_bare_count_after_a_casualty_verb_ends_at_an_arabic_comma() -> None:
    text = "استشهد 12 فلسطينيا، بينهم أربعة أطفال، وأصيب العشرات، في غارة إسرائيلية"
    assert ("العشرات", "injured", "people", 24) in _candidates(text, "ar")
