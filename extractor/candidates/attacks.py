"""Attack mentions: the words that name an attack, each with its event type.

Types follow seeds/ANNOTATION.md §3.4; `most_specific` picks an incident's
type from its mentions in the guideline's order (chemical_attack first,
ground_attack last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.candidates.sentences import Sentence
from extractor.models import EventType

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


def find_attacks(sentence: Sentence, *, language: str | None = None) -> list[AttackMention]:
    """Attack words of one sentence, left to right."""
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
    """Whether the mention is a bare "strikes"/"raid" that needs other support."""
    return mention.text.lower() in _WEAK


def most_specific(types: list[EventType]) -> EventType:
    """The incident's type: the first of the guideline's order among its mentions."""
    for t in _ORDER:
        if t in types:
            return t
    return EventType.other
