"""Sentences with offsets into the original text, from pysbd over the cleaned view.

Each line of the cleaned text is a paragraph; pysbd splits it into sentences,
each located verbatim in its line and mapped back to the original text, so
``text[s.start:s.end] == s.text`` always. Lines that do not end as a sentence
ends (headlines, section titles, standfirsts, datelines) are kept but marked
``body=False``: they never create records (seeds/ANNOTATION.md §1). A caption
that ends with a credit in parentheses ("... in Syria (AP)") is body, and so is a
paragraph of prose that leads into a list with a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from extractor.grounding.clean import CleanedText

_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$|[\"”]$")
_CREDIT = re.compile(r"\((?:[A-Z][\w/ .&-]{0,30})\)$")
_MIN_CAPTION_WORDS = 6
_MIN_LEAD_IN_WORDS = 8  # "The Observatory listed the villages hit:" before a list; not "Latest:"


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` equals the original text at ``start:end``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    body: bool


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _is_body(line: str) -> bool:
    line = line.strip()
    if _ENDS_SENTENCE.search(line):
        return len(line.split()) >= 3
    if line.endswith((":", "：")):  # a paragraph that leads into a list is prose, not a title
        return len(line.split()) >= _MIN_LEAD_IN_WORDS
    return bool(_CREDIT.search(line)) and len(line.split()) >= _MIN_CAPTION_WORDS


def _split(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line, located verbatim from left to right."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(line):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, cursor)
        if at < 0:  # pysbd changed the text: keep the rest of the line whole
            rest = line[cursor:].strip()
            if rest:
                at = line.find(rest, cursor)
                spans.append((at, at + len(rest)))
            break
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    return spans


def find_sentences(text: str, cleaned: CleanedText) -> list[Sentence]:
    """All sentences of the cleaned view, in order, with original offsets."""
    out: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(cleaned.text.splitlines(keepends=True)):
        start_of_line, offset = offset, offset + len(line)
        if not line.strip():
            continue
        body = _is_body(line)
        for s, e in _split(line.rstrip("\r\n")):
            start, end = cleaned.span_to_original(start_of_line + s, start_of_line + e)
            if text[start:end] != line[s:e]:  # a span across a dropped line: keep it clean
                continue
            out.append(Sentence(len(out), start, end, text[start:end], paragraph, body))
    return out
