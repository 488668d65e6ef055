"""align_quote: exact, folded and fuzzy alignment with offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.grounding import align_quote
from extractor.models import Alignment, Evidence

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def span(text: str, ev: Evidence) -> str:
    assert ev.char_start is not None and ev.char_end is not None
    return text[ev.char_start : ev.char_end]


def test_exact_quote_from_seed_slices_back_to_itself() -> None:
    text = seed("004")
    quote = "Seven children were among the dead"
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.exact
    assert span(text, ev) == quote
    assert ev.char_start == text.index(quote)
    assert ev.score is None


def test_exact_quote_with_curly_quotes_and_apostrophe() -> None:
    text = seed("004")
    quote = "Mr Konashenkov called the Observatory’s allegations “a horror story”"
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.exact
    assert span(text, ev) == quote


def test_first_occurrence_without_hint() -> None:
    text = seed("000")
    ev = align_quote(text, "at least 20 civilians")
    assert ev.alignment is Alignment.exact
    assert ev.char_start == text.index("at least 20 civilians")


def test_hint_picks_the_occurrence_at_or_after_it() -> None:
    text = seed("000")
    first = text.index("at least 20 civilians")
    second = text.index("at least 20 civilians", first + 1)
    ev = align_quote(text, "at least 20 civilians", hint=first + 10)
    assert ev.char_start == second
    assert align_quote(text, "at least 20 civilians", hint=first).char_start == first
    # past the last occurrence: the nearest one before the hint
    assert align_quote(text, "at least 20 civilians", hint=len(text)).char_start == second


@pytest.mark.parametrize("quote", ["aa", "aba", "abab", "b", "ab", "zz"])
def test_exact_search_picks_what_the_list_of_every_occurrence_picks(quote: str) -> None:
    from extractor.grounding.align import _find_nearest, _pick, occurrences

    text = "abababaab aab ababa"
    for hint in [None, -3, *range(len(text) + 3)]:
        expected = (
            _pick(occurrences(text, quote), hint, lambda i: i)
            if hint is not None
            else (text.find(quote) if quote in text else None)
        )
        assert _find_nearest(text, quote, hint) == expected, hint


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # straight quotes for curly ones
        (
            '"Russian planes did not carry out any combat missions',
            "“Russian planes did not carry out any combat missions",
        ),
        # case and whitespace runs
        ("russian  planes did NOT carry\nout any combat missions", None),
        # curly apostrophe in the text, straight one in the quote
        ("the Observatory's allegations", "the Observatory’s allegations"),
        # single for double quotes, guillemets for curly quotes
        ("'indefensible' crimes", "“indefensible” crimes"),
        ("«indefensible» crimes", "“indefensible” crimes"),
    ],
)
def test_folded_match_maps_to_original_offsets(quote: str, expected: str | None) -> None:
    text = seed("004")
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.fuzzy
    original = span(text, ev)
    assert original == (expected or "Russian planes did not carry out any combat missions")
    assert ev.score == 100.0


def test_dashes_are_folded() -> None:
    text = "Russian Su–25 jets – and Su—30SM fighters – flew"
    ev = align_quote(text, "Su-25 jets - and Su-30SM fighters")
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "Su–25 jets – and Su—30SM fighters"


def test_accents_are_folded_and_offsets_stay_in_the_original() -> None:
    text = "Turkish Foreign Minister Mevlüt Çavuşoğlu said Ankara would act."
    ev = align_quote(text, "Mevlut Cavusoglu said Ankara")
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "Mevlüt Çavuşoğlu said Ankara"
    exact = align_quote(text, "Mevlüt Çavuşoğlu")
    assert exact.alignment is Alignment.exact
    assert span(text, exact) == "Mevlüt Çavuşoğlu"


def test_decomposed_accents_match_precomposed_quote() -> None:
    text = "Le Cafe\u0301 de la Paix a e\u0301te\u0301 touche\u0301."
    ev = align_quote(text, "Le Café de la Paix")
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "Le Cafe\u0301 de la Paix"


def test_arabic_script_exact() -> None:
    text = "قال المرصد السوري لحقوق الإنسان إن 23 شخصا قتلوا في إدلب."
    quote = "المرصد السوري لحقوق الإنسان"
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.exact
    assert span(text, ev) == quote


def test_arabic_without_harakat_aligns_to_the_vocalised_text() -> None:
    text = "وقال المتحدث: عَرَبِيّ قُتِلَ في القصف"
    ev = align_quote(text, "عربي قتل")
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "عَرَبِيّ قُتِلَ"


def test_curly_quoted_arabic_with_straight_quotes() -> None:
    text = "He said “الحرب انتهت” on Monday."
    ev = align_quote(text, '"الحرب انتهت"')
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "“الحرب انتهت”"


def test_trailing_punctuation_difference() -> None:
    text = seed("004")
    ev = align_quote(text, "Seven children were among the dead.")
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev) == "Seven children were among the dead"
    assert ev.score is not None and ev.score >= 95


def test_fuzzy_quote_with_dropped_words_covers_the_whole_region() -> None:
    text = seed("004")
    quote = "Russian planes did not carry out combat missions, to say nothing of air strikes"
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.fuzzy
    region = span(text, ev)
    assert region.startswith("Russian planes did not carry out any combat missions")
    assert "to say nothing of any air strikes" in region
    assert ev.score is not None and 85 <= ev.score < 100


def test_fuzzy_picks_the_best_matching_of_similar_sentences() -> None:
    text = (
        "The Observatory said 23 people were killed in Idlib on Monday. "
        "Later, the Turkish foreign ministry said more than 60 civilians were killed in Idlib. "
        "The Observatory said 23 people were killed in Aleppo on Sunday."
    )
    quote = "the Turkish foreign ministry said more than 60 civilians died in Idlib"
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.fuzzy
    region = span(text, ev)
    assert region.startswith("the Turkish foreign ministry said more than 60 civilians")
    assert region.endswith("in Idlib")
    quote2 = "The Observatory said 23 people were killed in Aleppo on Sunday night"
    ev2 = align_quote(text, quote2)
    assert span(text, ev2) == "The Observatory said 23 people were killed in Aleppo on Sunday"


def test_quote_elided_with_ellipsis() -> None:
    text = seed("000")
    quote = "It's a result of contacts on the highest level … It's a very important statement."
    ev = align_quote(text, quote)
    assert ev.alignment is Alignment.fuzzy
    region = span(text, ev)
    assert region.startswith("It's a result of contacts on the highest level")
    assert region.endswith("It's a very important statement")


def test_paraphrase_is_unaligned() -> None:
    ev = align_quote(seed("004"), "The United Nations designated Nusra a terrorist organisation")
    assert ev.alignment is Alignment.unaligned
    assert ev.char_start is None and ev.char_end is None and ev.score is None


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_empty_quote_is_unaligned(quote: str) -> None:
    ev = align_quote(seed("004"), quote)
    assert ev.alignment is Alignment.unaligned
    assert ev.quote == quote
    assert ev.char_start is None


def test_short_quote_is_never_fuzzy() -> None:
    assert align_quote(seed("004"), "Idlibb").alignment is Alignment.unaligned


def test_threshold_controls_fuzzy_acceptance() -> None:
    text = seed("004")
    quote = "The Observatory said the air strikes hit several positions in the city"
    loose = align_quote(text, quote, threshold=70)
    strict = align_quote(text, quote, threshold=99)
    assert loose.alignment is Alignment.fuzzy
    assert strict.alignment is Alignment.unaligned


def test_empty_text() -> None:
    assert align_quote("", "anything at all here").alignment is Alignment.unaligned


@pytest.fixture(scope="module")
def huge() -> tuple[str, int]:
    tail = seed("004")
    filler = ("Lorem ipsum dolor sit amet,\n\nconsectetur  adipiscing elit. " * 40_000)[:2_000_000]
    return filler + tail, len(filler)


@pytest.mark.parametrize(
    ("quote", "alignment"),
    [
        ("Seven children were among the dead", Alignment.exact),
        ("seven  children WERE among the dead", Alignment.fuzzy),
        ("Seven childs were amongst the dead, Observatory director said", Alignment.fuzzy),
        ("A sentence that appears nowhere in the document at all", Alignment.unaligned),
    ],
)
def test_two_megabyte_text_aligns(huge: tuple[str, int], quote: str, alignment: Alignment) -> None:
    text, offset = huge
    ev = align_quote(text, quote)
    assert ev.alignment is alignment
    if alignment is not Alignment.unaligned:
        assert ev.char_start is not None and ev.char_start > offset
        assert "children" in span(text, ev).lower()


def test_hint_window_on_a_huge_text(huge: tuple[str, int]) -> None:
    text, offset = huge
    ev = align_quote(text, "Seven childs were amongst the dead, Observatory director", hint=offset)
    assert ev.alignment is Alignment.fuzzy
    assert span(text, ev).startswith("Seven children were among the dead")


JUNK_TEXT = (
    "Activists and local sources said the strike hit a market in the town. "
    "The Syrian Observatory for Human Rights said 20 civilians were killed."
)


@pytest.mark.parametrize(
    "quote",
    [
        "source:",  # a label, found only inside "sources"
        "Source",
        "Syrian Observatory for Human Rights, while witnesses and doctors told reporters more",
        "The Syrian Observatory for Human Rights said that the moon landed on a purple elephant",
        "killed by the government forces in an attack on the northern province of Idlib",
    ],
)
def test_a_junk_or_mostly_absent_quote_is_unaligned(quote: str) -> None:
    ev = align_quote(JUNK_TEXT, quote)
    assert ev.alignment is Alignment.unaligned, ev
    assert ev.char_start is None


def test_a_short_multiword_quote_still_aligns_when_folded() -> None:
    ev = align_quote(JUNK_TEXT, "LOCAL  SOURCES")
    assert ev.alignment is Alignment.fuzzy and span(JUNK_TEXT, ev) == "local sources"
