"""The rule that answers the one question never put to the model: a statement's type.

`statement_type` reads the clause a speech event governs (`type_clause`):
cue words per type (English here, every other language's from its lexicon,
``types`` in ``extractor/data/speech_<language>.json``), then the content:
who attacked (`names_attacker`), a toll, harm. Asked zero-shot the embedded
model labelled types worse than chance (README, "Model against rule"), so
this rule is the answer under every strategy that assembles from candidates.
"""

from __future__ import annotations

import functools
import re

from extractor.normalise.actors import armed_actor_names, nouns_capitalised
from extractor.normalise.demonyms import demonyms
from extractor.staged.candidates.attackers import find_attackers, peoples_attacking
from extractor.staged.candidates.document import SentenceCandidates
from extractor.staged.candidates.lexicon import lexicon
from extractor.staged.candidates.speech import SpeechEvent

TYPES = ("deny", "accuse", "confirm", "claim", "condemn", "appeal", "support", "comment")

_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "deny",
        re.compile(
            r"\b(?:den(?:ied|ies|y|ying)|reject(?:ed|s)?|dismiss(?:ed|es)?|refut(?:ed|es)"
            r"|did not (?:carry out|target|strike|hit|bomb)|do not strike|not targeted|never"
            r"|fabricat\w+|charlatans|horror story|baseless|lies|false|no truth)\b",
            re.I,
        ),
    ),
    (
        "appeal",
        re.compile(
            r"\b(?:call(?:ed|ing|s)? (?:on|for)|made a call|urg(?:ed|es|ing)|appeal(?:ed|s)?"
            r"|demand(?:ed|s)|asked \w+ to|must stop|should stop)\b",
            re.I,
        ),
    ),
    (
        "condemn",
        re.compile(
            r"\b(?:condemn\w*|denounc\w+|crimes?|massacres?|barbaric|indefensible|atrocit\w+"
            r"|war crimes?|outrag\w+|heinous|brutal)\b",
            re.I,
        ),
    ),
    (
        "support",
        re.compile(
            r"\b(?:welcom\w+|support(?:s|ed)?|fully supports|back(?:ed|s)|endors\w+|prais\w+)\b",
            re.I,
        ),
    ),
    (
        "confirm",
        re.compile(r"\b(?:confirm\w*|acknowledg\w+|admit\w*|target(?:ing|ed) )\b", re.I),
    ),
    (
        "accuse",
        re.compile(r"\b(?:accus\w+|blam\w+|responsible for|launched by|carried out by)\b", re.I),
    ),
]
_PERPETRATOR = re.compile(
    r"\b(?:Russian|Syrian|Turkish|Iranian|Israeli|Saudi|American|U\.?S\.?|coalition|government"
    r"|regime|pro-government|rebel|IS|ISIS|Islamic State)(?:-led)?\s+(?:and\s+\w+\s+)?"
    r"(?:jets|warplanes|planes|aircraft|air ?strikes|forces|troops|military|army|helicopters"
    r"|drones|artillery|strikes|air force|bombers|raids|governments?)\b|\b(?:Moscow|Damascus) of\b",
    re.I,
)
_WEAPONS = (
    r"(?:jets?|warplanes?|planes?|aircraft|air ?strikes?|air raids?|raids?|forces|troops|military"
    r"|army|helicopters?|drones?|drone (?:strikes?|attacks?)|artillery|strikes?|air force|bombers"
    r"|shelling|shells|missiles?|missile strikes?|rockets?|attacks?|militants|fighters|gunmen"
    r"|soldiers|navy|warships?)"
)


@functools.cache
def _attacker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any country's forces or weapons ("a Ukrainian drone attack", "Pakistani warplanes"),
    and a known armed group or force doing the attacking ("Al-Shabaab militants detonated",
    "the Arakan Army had attacked")."""
    nations = "|".join(re.escape(d) for d in demonyms())
    forces = re.compile(
        rf"\b(?:{nations})(?:-led|-backed)?\s+(?:\w+\s+)?{_WEAPONS}\b", re.IGNORECASE
    )
    groups = "|".join(re.escape(n) for n in armed_actor_names())
    acting = re.compile(
        rf"(?<![\w-])(?:{groups})(?![\w-])[^,.;]{{0,40}}?\b(?:attacked|stormed|detonated|bombed"
        r"|shelled|struck|fired|launched|raided|targeted|hit|killed|ambushed)\b",
    )
    return forces, acting


def names_attacker(clause: str, *, language: str | None = None) -> bool:
    """Whether a clause says who attacked ("Russian jets"; "el ataque ruso" in Spanish)."""
    if _PERPETRATOR.search(clause) or find_attackers(clause, language):
        return True
    if language not in (None, "en") and peoples_attacking(clause, language):
        return True  # "Die Russen hätten die Stadt angegriffen"
    forces, acting = _attacker_patterns()
    return bool(forces.search(clause) or acting.search(clause))


_HARM = re.compile(
    r"\b(?:killed|killing|dead|wounded|injured|toll|hit|struck|destroyed|targeted|damaged"
    r"|bodies|casualties|attack(?:ed)?|bombed|shelled)\b",
    re.I,
)


def statement_type(
    clause: str,
    *,
    attack: bool,
    figure: bool,
    own_side: bool,
    witness: bool = False,
    language: str | None = None,
    context: str = "",
) -> str:
    """The keyword rule: the first type whose words the clause holds, else by content.

    A report of an attack that names the attacker is ``accuse`` (or
    ``confirm`` from the attacker's own side); a toll or an account of what
    was hit without blame is ``claim``; anything else ``comment``. In
    another language the cue words are its lexicon's (``types`` in
    ``extractor/data/speech_<language>.json``; its ``claim`` cues, words of
    harm such as "tués" or «قتلى», stand for the content rule's, read in the whole
    ``context`` sentence too: '« ... », a dit un élu' reports what comes before it).
    """
    harm = False
    if language not in (None, "en"):
        harm = any(k == "claim" and _cue(p, context, language) for k, p in lexicon(language).types)
        for kind, pattern in lexicon(language).types:
            if _cue(pattern, clause, language):
                if kind == "claim":
                    harm = True
                    continue
                return kind
    for kind, pattern in _TYPE_RULES:
        if _cue(pattern, clause):
            return kind
    if own_side:
        return "confirm"
    if (attack or figure) and names_attacker(clause, language=language):
        return "accuse"
    if figure or witness or harm or _HARM.search(clause):
        return "claim"
    return "comment"


def _cue(pattern: re.Pattern[str], clause: str, language: str | None = None) -> bool:
    """Whether a type's cue word is in the clause as a word of its own, not inside a name:
    "Fuerzas de Apoyo Rápido", "Rapid Support Forces" support no one (in German, whose
    nouns all take a capital, every match counts)."""
    if nouns_capitalised(language):
        return pattern.search(clause) is not None
    for m in pattern.finditer(clause):
        word = m.group().lstrip()
        inside = word[:1].isupper() and clause[: m.start()].strip(" \"'«“-–—") != ""
        if not inside or word.isupper():
            return True
    return False


def type_clause(c: SentenceCandidates, event: SpeechEvent) -> str:
    """The words a speech event governs: from its verb to the next event, or the whole
    sentence when the verb comes after what was said."""
    s = c.sentence
    later = [e for e in c.speech if e.start > event.start and not e.habitual]
    stop = later[0].start if later else s.end
    if later and len(s.text[event.end - s.start : stop - s.start].split()) <= 3:
        stop = later[1].start if len(later) > 1 else s.end  # "said it fully supports ..."
    clause = s.text[event.start - s.start : stop - s.start]
    earlier = [e for e in c.speech if e.end <= event.start]
    begin = earlier[-1].end if earlier else s.start
    said_first = (
        s.text[begin - s.start : event.start - s.start].rstrip(" \"'”»’").endswith((",", "،"))
    )
    if len(clause.split()) <= 4 or (said_first and len(clause.split()) <= _SPEAKER_WORDS):
        # '"...," he said.', "Six died in the strike, the prosecutor's office said on
        # Thursday.": what was said comes first
        clause = s.text[begin - s.start : stop - s.start]
    return clause


_SPEAKER_WORDS = 12  # at most this many words after a verb that follows what was said
