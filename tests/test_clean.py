"""clean_for_prompt: whole boilerplate lines dropped, kept text verbatim and mapped back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from extractor.grounding import CleanedText, clean_for_prompt
from extractor.grounding.clean import is_boilerplate

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def assert_maps_back(original: str, cleaned: CleanedText) -> None:
    for i, ch in enumerate(cleaned.text):
        assert original[cleaned.to_original(i)] == ch, i


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_kept_character_maps_to_the_same_character(prefix: str) -> None:
    text = seed(prefix)
    cleaned = clean_for_prompt(text)
    assert_maps_back(text, cleaned)
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text == cleaned.text.lstrip("\n")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_kept_text_plus_dropped_spans_is_the_original(prefix: str) -> None:
    text = seed(prefix)
    cleaned = clean_for_prompt(text)
    covered = sorted([*cleaned.dropped, *_kept_spans(text, cleaned)])
    assert covered[0][0] == 0 and covered[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(covered):
        assert end == start
    assert sum(b - a for a, b in cleaned.dropped) == len(text) - len(cleaned.text)


def _kept_spans(text: str, cleaned: CleanedText) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for i in range(len(cleaned.text)):
        o = cleaned.to_original(i)
        if spans and spans[-1][1] == o:
            spans[-1] = (spans[-1][0], o + 1)
        else:
            spans.append((o, o + 1))
    return spans


def test_seed_001_drops_agency_promotions_newsletter_and_duplicate_caption() -> None:
    text = seed("001")
    cleaned = clean_for_prompt(text)
    kept = lines(cleaned.text)
    for furniture in [
        "Press Association",
        "Promoted Links",
        "Today's news headlines, directly to your inbox every morning.",
        "Editors Choice",
        "Also in World News",
    ]:
        assert furniture in lines(text)
        assert furniture not in kept
    caption = (
        "Vladimir Putin's spokesman says Russia's airstrikes in Syria are targeting other "
        "groups as well as Islamic State"
    )
    assert lines(text).count(caption) == 2
    assert kept.count(caption) == 1
    # the first occurrence is the one kept
    assert cleaned.to_original(cleaned.text.index(caption)) == text.index(caption)
    # content survives, including the date line and the last paragraph
    assert kept[0] == "Monday 22 January 2018"
    assert kept[-1].startswith('"We are ready for such information attacks,"')
    assert "Sergey Lavrov listed countries with a key role to play" in cleaned.text


def test_seed_002_drops_afp_credits_and_repeated_caption() -> None:
    text = seed("002")
    cleaned = clean_for_prompt(text)
    kept = lines(cleaned.text)
    assert lines(text).count("AFP") == 3
    assert "AFP" not in kept
    caption = "A Syrian man with a blood stained shirt gestures near debris"
    assert text.count(caption) == 2 and cleaned.text.count(caption) == 1
    # captions that appear once are content and stay, subheadings too
    assert "Destroyed ambulances from the Syrian Civil Defence" in cleaned.text
    for heading in ["The airstrikes", "Easy to tell", "New round of talks"]:
        assert heading in kept
    i = cleaned.text.index("Major-General Igor Konashenkov")
    assert text[cleaned.to_original(i) :].startswith("Major-General Igor Konashenkov")


def test_seed_004_drops_read_more_and_agencies_keeps_subheadings() -> None:
    text = seed("004")
    cleaned = clean_for_prompt(text)
    kept = lines(cleaned.text)
    assert "READ MORE" not in kept and "Agencies" not in kept
    assert "Denied" in kept and "Frustration" in kept
    assert kept[-1].startswith("The province has witnesses some of the worst violence")
    dropped = [text[a:b] for a, b in cleaned.dropped]
    assert any("READ MORE" in d for d in dropped)
    assert any("Agencies" in d for d in dropped)


def test_seeds_000_and_003_drop_markdown_rules_and_byline_credits() -> None:
    text0, text3 = seed("000"), seed("003")
    kept0, kept3 = lines(clean_for_prompt(text0).text), lines(clean_for_prompt(text3).text)
    assert "---" not in kept0 and "- (With inputs from AP)" not in kept0
    assert "- IT" not in kept3 and "---" not in kept3
    assert "12/08/2016 17:41 by admin" in kept0
    assert kept3[0].startswith("## **At least 53 civilians including over 20 kids killed")


@pytest.mark.parametrize(
    "line",
    [
        "AFP",
        "Press Association",
        "Agencies",
        "- IT",
        "- (With inputs from AP)",
        "(With inputs from Reuters and AFP)",
        "READ MORE",
        "Read more:",
        "Promoted Links",
        "Editors Choice",
        "Editor's Choice",
        "Also in World News",
        "Today's news headlines, directly to your inbox every morning.",
        "Sign up for our daily newsletter",
        "---",
        "***",
        "* * *",
        "Advertisement",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        '"The toll increased," Rami Abdel Rahman told news agency AFP.',
        "Denied",
        "Route 6",
        "The AFP reporter saw three bodies.",
        "Readers were asked to read more widely.",
        "## **Atleast '20 civilians killed' in air strikes by Russia in Syria**",
        "",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_blank_runs_collapse_and_offsets_survive() -> None:
    text = "Title\n\n\n\nAFP\n\n\nBody one.\r\nBody one.\r\n\nREAD MORE\nEnd"
    cleaned = clean_for_prompt(text)
    assert cleaned.text == "Title\n\nBody one.\r\n\nEnd"
    assert_maps_back(text, cleaned)
    start = cleaned.text.index("End")
    assert cleaned.span_to_original(start, start + 3) == (text.index("End"), len(text))
    assert cleaned.to_original(len(cleaned.text)) == len(text)


def test_span_to_original_across_a_dropped_line() -> None:
    text = "Alpha line\nAFP\nBeta line\n"
    cleaned = clean_for_prompt(text)
    assert cleaned.text == "Alpha line\nBeta line\n"
    start, end = cleaned.span_to_original(6, cleaned.text.index("Beta") + 4)
    assert text[start:end] == "line\nAFP\nBeta"
    assert cleaned.dropped == [(11, 15)]


def test_empty_and_clean_texts() -> None:
    empty = clean_for_prompt("")
    assert empty.text == "" and empty.dropped == [] and empty.to_original(0) == 0
    plain = "Nothing to remove here.\nSecond line."
    cleaned = clean_for_prompt(plain)
    assert cleaned.text == plain and cleaned.dropped == []
    assert cleaned.to_original(5) == 5
    with pytest.raises(IndexError):
        cleaned.to_original(len(plain) + 1)


_NEWSLETTER_LINES = [
    "Sign up for our newsletter",
    "SUBSCRIBE NOW",
    "Get the top stories sent to your INBOX every morning",
    "You can unsubscribe at any time.",
    "Sign up to the daily briefing",
    "Subscribe to our channel",
    "ſubscribe now",  # long s: IGNORECASE folds it to 's', lower() does not
    "Subscribe now for more KELVIN updates",
    "Sign-up for the newsletter",
    "The Sign Up campaign",
    "He said the monitor would subscribe for it.",
    "Nothing to see here",
    "İnbox newsletter",
]


@pytest.mark.parametrize("line", _NEWSLETTER_LINES)
def test_newsletter_check_agrees_with_the_pattern_on_short_lines(line: str) -> None:
    from extractor.grounding.clean import _NEWSLETTER, _is_newsletter

    assert _is_newsletter(line) == bool(_NEWSLETTER.search(line))


def test_newsletter_check_agrees_with_the_pattern_on_every_article_line() -> None:
    from extractor.grounding.clean import _NEWSLETTER, _is_newsletter

    root = SEEDS.parent
    for path in [*sorted(SEEDS.glob("*.txt")), *sorted((root / "evals" / "devset").glob("*.txt"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert _is_newsletter(line.strip()) == bool(_NEWSLETTER.search(line.strip())), line


def test_line_key_is_the_line_with_whitespace_runs_as_single_spaces() -> None:
    from extractor.grounding.clean import _line_key

    root = SEEDS.parent
    texts = [
        p.read_text(encoding="utf-8")
        for p in [*sorted(SEEDS.glob("*.txt")), *sorted((root / "evals" / "devset").glob("*.txt"))]
    ]
    texts.append(
        " a  b \tc\x1fd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\r\nm\rn\xa0o\u2009p\u3000q \n"
        "  \t \n\x1f\nplain line\n caf\u00e9  au lait \nend"
    )
    for text in texts:
        for line in text.splitlines(keepends=True):
            assert _line_key(line) == " ".join(line.split()), repr(line)
