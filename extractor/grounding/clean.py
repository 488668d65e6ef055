"""Drop scraped-page boilerplate before the text goes into a prompt.

Cleaning removes whole lines only (and collapses runs of blank lines), so the
text kept is verbatim and every offset in it maps back to the original with
``CleanedText.to_original``. Dropped: navigation and promotion lines ("Promoted
Links", "READ MORE", "Editors Choice", "Also in World News"), newsletter
prompts, agency and credit lines alone on a line ("AFP", "Press Association",
"Agencies", "- IT", "- (With inputs from AP)"), markdown rules ("---"), and
repeated lines such as duplicated image captions (the first one is kept).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_AGENCIES = (
    r"afp|ap|reuters|press association|pa|pa media|agencies|agency|agence france-presse"
    r"|associated press|it|ians|pti|ani|xinhua|dpa|tass|ria novosti|anadolu|aa|upi|efe"
    r"|ansa|bbc|cnn|sana|wafa|staff|staff reporter|news desk|web desk|wires?|wire services"
)
_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"promoted( links| stories| content)?",
        r"(read|see|show|load) more( stories| news)?",
        r"(also read|read also|related|related (articles|stories|news|content)|recommended)",
        r"more (from|in|on) [\w ]{1,40}",
        r"also in [\w ]{1,40}",
        r"editors?[’']?s? (choice|picks?)",
        r"advertisement|sponsored( content)?|trending( now)?|most (read|popular|viewed)",
        r"(share|tweet|email|print|comments?)( this( article| story)?)?",
        r"(follow us|like us)( on [\w ]+)?",
        r"(click|tap) here[\w ,]*",
        r"skip to (main )?content|back to top|top stories|latest news",
        r"(photo|image|file photo|video)( credit)?s?:?",
        rf"[-–—•|]?\s*\(?\s*(with inputs from\s+)?({_AGENCIES})(\s*(/|,|and|&)\s*({_AGENCIES}))*"
        r"\s*\)?\s*[.]?",
    )
]
# One pattern for all of them: a line fully matches the alternation exactly when it
# fully matches one alternative, and one scan per line is ten times cheaper.
_ANY_BOILERPLATE = re.compile("|".join(f"(?:{p.pattern})" for p in _BOILERPLATE), re.IGNORECASE)
_RULE = re.compile(r"[-–—_*=#~•·\s]+")  # markdown rules and stray bullets
_NEWSLETTER = re.compile(
    r"(to your inbox|sign up (for|to)|subscribe (to|for|now)|newsletter|unsubscribe at any time)",
    re.IGNORECASE,
)
_MAX_NEWSLETTER_LINE = 160
# Every _NEWSLETTER phrase contains one of these. On an ASCII line, where
# IGNORECASE is plain lower-casing, a line holding none of them cannot match, and
# four substring tests are several times cheaper than the unanchored search.
_NEWSLETTER_MARKS = ("inbox", "sign up", "subscri", "newsletter")


@dataclass(frozen=True)
class CleanedText:
    """Text for the prompt, with the map back to the original."""

    text: str
    dropped: list[tuple[int, int]] = field(default_factory=list)
    _clean_starts: tuple[int, ...] = (0,)
    _orig_starts: tuple[int, ...] = (0,)
    _original_length: int = 0

    def to_original(self, offset: int) -> int:
        """Map an offset in ``text`` (0..len(text)) to the original text."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        if offset == len(self.text):
            return self.span_to_original(offset, offset)[1] if offset else 0
        k = bisect_right(self._clean_starts, offset) - 1
        return self._orig_starts[k] + (offset - self._clean_starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of ``text`` to the original text."""
        if end <= start:
            if start < len(self.text):
                first = self.to_original(start)
                return first, first
            if not self.text:
                return 0, 0
            last = self.to_original(len(self.text) - 1) + 1
            return last, last
        return self.to_original(start), self.to_original(end - 1) + 1


def is_boilerplate(line: str) -> bool:
    """Whether one line (without its line break) is page furniture."""
    raw = line.strip()
    if not raw:
        return False
    if _RULE.fullmatch(raw):
        return True
    stripped = raw.strip("*_").strip().rstrip(":»›>…").strip()
    if _ANY_BOILERPLATE.fullmatch(stripped):
        return True
    return len(stripped) <= _MAX_NEWSLETTER_LINE and _is_newsletter(stripped)


def _is_newsletter(line: str) -> bool:
    if line.isascii():
        lower = line.lower()
        if not any(mark in lower for mark in _NEWSLETTER_MARKS):
            return False
    return bool(_NEWSLETTER.search(line))


def clean_for_prompt(text: str) -> CleanedText:
    """Drop boilerplate and duplicate lines, collapse blank runs; keep the rest verbatim."""
    kept: list[tuple[int, str]] = []  # (original offset, line with its break)
    seen: set[str] = set()
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        key = _line_key(line)
        if not key:
            if kept and kept[-1][1].strip():
                kept.append((start, line))
            continue
        if is_boilerplate(line) or key in seen:
            continue
        seen.add(key)
        kept.append((start, line))
    while kept and not kept[-1][1].strip():
        kept.pop()
    return _assemble(text, kept)


def _line_key(line: str) -> str:
    """``" ".join(line.split())`` for one line of ``str.splitlines``.

    Inside such a line the only ASCII whitespace can be " ", tab and \\x1f (the
    others end a line), so an ASCII line without a tab, \\x1f or two spaces in a
    row is its own key once stripped, with no split and join of every word.
    """
    key = line.strip()
    if key.isascii() and "  " not in key and "\t" not in key and "\x1f" not in key:
        return key
    return " ".join(key.split())


def _assemble(text: str, kept: list[tuple[int, str]]) -> CleanedText:
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    dropped: list[tuple[int, int]] = []
    parts: list[str] = []
    out = 0
    prev_end = 0
    for start, line in kept:
        if start != prev_end or not clean_starts:
            clean_starts.append(out)
            orig_starts.append(start)
        if start > prev_end:
            dropped.append((prev_end, start))
        parts.append(line)
        out += len(line)
        prev_end = start + len(line)
    if prev_end < len(text):
        dropped.append((prev_end, len(text)))
    return CleanedText(
        text="".join(parts),
        dropped=dropped,
        _clean_starts=tuple(clean_starts) or (0,),
        _orig_starts=tuple(orig_starts) or (0,),
        _original_length=len(text),
    )
