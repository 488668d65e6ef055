"""Attack mentions: the words that name an attack, each with its event type.

Types follow seeds/ANNOTATION.md §3.4; `most_specific` picks an incident's
type from its mentions in the guideline's order (chemical_attack first,
ground_attack last). English words live here; every other language's in
extractor/data/attacks/<code>.json, matched as whole words (with the clitics
the language writes onto them) in the text folded as `normalise.lexicon.fold`
folds it, offsets mapped back to the original.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from extractor.models import EventType
from extractor.normalise.lexicon import fold
from extractor.staged.candidates.sentences import Sentence

_PATTERNS: list[tuple[EventType, str]] = [
    (
        EventType.chemical_attack,
        r"chlorine|sarin|mustard gas|nerve agent|chemical (?:attack|weapons?|strike)s?"
        r"|(?:toxic|poison(?:ous)?) gas|gas attacks?",
    ),
    (EventType.barrel_bomb, r"barrel[- ]bomb(?:s|ing|ings|ed)?"),
    (
        EventType.missile_strike,
        r"(?:cruise |ballistic |guided |surface-to-surface )?missiles?(?: strikes?| attacks?)?"
        r"|rockets?(?: attacks?| fire)?|rocket-fired",
    ),
    (EventType.drone_strike, r"drone (?:strikes?|attacks?)|drones? (?:struck|hit|fired)|UAV"),
    (
        EventType.airstrike,
        r"air[- ]?strikes?|air[- ]?raids?|aerial (?:bombardment|attacks?|bombing|raids?)"
        r"|(?:jets?|warplanes?|planes?|aircraft|bombers|helicopters?) (?:struck|hit|bombed|pounded"
        r"|targeted|attacked|carried out)|bomb(?:ing|ings|ed|ardment|arded)|raids?|strikes?"
        r"|struck",
    ),
    (EventType.shelling, r"shell(?:ing|ings|ed|s)|artillery(?: fire)?|mortars?(?: fire)?"),
    (
        EventType.ground_attack,
        r"ground (?:assault|attack|offensive)s?|assaults?|stormed|ambush(?:ed)?|clashes"
        r"|gunmen (?:opened fire|attacked)|opened fire",
    ),
]
_ORDER = [t for t, _ in _PATTERNS]
_FINDER = re.compile("|".join(rf"(?P<{t.value}>\b(?:{p})\b)" for t, p in _PATTERNS), re.IGNORECASE)
# "strikes" alone counts only when no other word says what kind of strike it is
# and it is not a labour strike or a verb about something else.
_WEAK = {"strike", "strikes", "struck", "raid", "raids"}


@dataclass(frozen=True)
class AttackMention:
    sentence: int
    start: int
    end: int
    text: str
    event_type: EventType
    weak: bool = False  # a language's word that needs other support ("frappe", "هجوم")


def find_attacks(sentence: Sentence, *, language: str | None = None) -> list[AttackMention]:
    """Attack words of one sentence, left to right, in ``language``."""
    words = _words(language)
    if words is not None:
        return _find_in(sentence, *words)
    out = []
    for m in _FINDER.finditer(sentence.text):
        kind = EventType(m.lastgroup) if m.lastgroup else EventType.other
        out.append(
            AttackMention(
                sentence.index,
                sentence.start + m.start(),
                sentence.start + m.end(),
                m.group(),
                kind,
            )
        )
    return out


def is_weak(mention: AttackMention) -> bool:
    """Whether the mention is a bare "strikes"/"raid" (or a language's like word:
    "frappe", "ataque", "هجوم") that needs other support."""
    return mention.weak or mention.text.lower() in _WEAK


@functools.cache
def attack_data(language: str | None) -> dict | None:
    """A language's attack-word file (extractor/data/attacks/<code>.json); None for
    English, whose words live in this module, and for a language without one."""
    if not language or language == "en":
        return None
    try:
        raw = resources.files("extractor.data").joinpath(f"attacks/{language}.json").read_text()
    except (FileNotFoundError, OSError):
        return None
    return json.loads(raw)


@functools.cache
def _words(
    language: str | None,
) -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]] | None:
    """The finder of a language's attack words, and its weak words; None for English."""
    data = attack_data(language)
    if data is None:
        return None
    prefixes = "|".join(re.escape(fold(p)) for p in data.get("prefixes", []))
    clitic = f"(?:{prefixes})?" if prefixes else ""
    groups = []
    for kind in _ORDER:
        phrases = sorted(
            {fold(p) for p in data["types"].get(kind.value, [])}, key=len, reverse=True
        )
        if phrases:
            body = "|".join(re.escape(p) for p in phrases)
            groups.append(rf"(?P<{kind.value}>(?<!\w){clitic}(?:{body})(?!\w))")
    weak = frozenset(fold(w) for w in data.get("weak", []))
    return re.compile("|".join(groups)), weak, tuple(fold(p) for p in data.get("prefixes", []))


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and the original offset of each character."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for f in fold(ch):
            chars.append(f)
            where.append(i)
    return "".join(chars), where


def _find_in(
    sentence: Sentence, finder: re.Pattern[str], weak: frozenset[str], prefixes: tuple[str, ...]
) -> list[AttackMention]:
    folded, where = _folded(sentence.text)
    out = []
    for m in finder.finditer(folded):
        if m.start() == m.end():
            continue
        start, end = where[m.start()], where[m.end() - 1] + 1
        kind = EventType(m.lastgroup) if m.lastgroup else EventType.other
        text = sentence.text[start:end]
        out.append(
            AttackMention(
                sentence.index,
                sentence.start + start,
                sentence.start + end,
                text,
                kind,
                weak=_is_weak_word(fold(text), weak, prefixes),
            )
        )
    return out


def most_specific(types: list[EventType]) -> EventType:
    """The incident's type: the first of the guideline's order among its mentions."""
    for t in _ORDER:
        if t in types:
            return t
    return EventType.other


def _is_weak_word(word: str, weak: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    return word in weak or any(word.startswith(p) and word[len(p) :] in weak for p in prefixes)
