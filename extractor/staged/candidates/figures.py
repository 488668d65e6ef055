"""Casualty mentions: a figure the figure parser reads, tied to a casualty word.

Phrasings found (offsets are the original text's):

* "24 civilians were killed", "killed at least 20 civilians", "Seven children
  were among the dead", "including 21 children", "wounded 18 others";
* "left 12 dead", "23 dead", "40 wounded";
* "a toll of 45", "the death toll rose to 53", "death toll reached 60";
* "killing 23", "wounding dozens".

The outcome is the casualty word of the figure's own clause (after the
figure first, then before it), else the nearest one before it in the
sentence; a clause about rescuing, evacuating or arresting people is no
casualty report. `campaign_marker` flags sentences that give a total over
several days or places ("since March 2011", "in over a week of bombing"):
their figures are campaign totals, not incident claims, unless a choice says
otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.models import Outcome, Population, Qualifier
from extractor.normalise import parse_figure
from extractor.normalise.calendar import MONTHS_PATTERN
from extractor.normalise.figures import ParsedFigure, range_end
from extractor.normalise.language import detect_language
from extractor.normalise.lexicon import lexicon
from extractor.normalise.numbers import NumberMatch, find_numbers
from extractor.staged.candidates.figures_lang import campaign_words, find_figures_in
from extractor.staged.candidates.sentences import Sentence

_POPULATION = {
    **dict.fromkeys(
        [
            "civilians",
            "civilian",
            "residents",
            "villagers",
            "worshippers",
            "patients",
            "non-combatants",
        ],
        Population.civilians,
    ),
    **dict.fromkeys(
        [
            "children",
            "child",
            "kids",
            "minors",
            "boys",
            "girls",
            "infants",
            "babies",
            "schoolchildren",
            "students",
            "daughters",
            "sons",
        ],
        Population.children,
    ),
    **dict.fromkeys(["women", "woman"], Population.women),
    **dict.fromkeys(
        [
            "fighters",
            "combatants",
            "militants",
            "soldiers",
            "troops",
            "rebels",
            "jihadists",
            "gunmen",
            "insurgents",
            "militiamen",
            "servicemen",
            "policemen",
            "members",
            "terrorists",
            "extremists",
            "attackers",
            "assailants",
        ],
        Population.combatants,
    ),
    **dict.fromkeys(
        [
            "people",
            "persons",
            "labourers",
            "laborers",
            "workers",
            "monks",
            "officials",
            "bodyguards",
            "passengers",
            "pilgrims",
            "shoppers",
            "traders",
            "journalists",
            "doctors",
            "nurses",
            "medics",
            "refugees",
            "farmers",
            "fishermen",
            "guards",
            "employees",
            "relatives",
            "mourners",
            "guests",
            "palestinians",
            "family",
            "person",
            "others",
            "individuals",
            "victims",
            "bodies",
            "men",
            "dead",
        ],
        Population.people,
    ),
}
_ADJECTIVES = set(
    [
        "of",
        "the",
        "more",
        "other",
        "innocent",
        "unarmed",
        "local",
        "syrian",
        "russian",
        "government",
        "opposition",
        "rebel",
        "young",
        "civilian",
        "pro-government",
        "regime",
        "afghan",
        "iraqi",
        "yemeni",
        "kurdish",
        "palestinian",
        "displaced",
        "novice",
        "apostate",
        "her",
        "his",
        "their",
        "its",
    ]
)
_KILLED = r"killed|killing|kills|dead|died|deaths?|bodies|fatalities|slain|perished|massacred|lives"
_INJURED = r"wounded|wounding|injured|injuring|injuries|hurt|maimed"
_MISSING = r"missing|unaccounted|disappeared"
_OUTCOME = re.compile(
    rf"\b(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED})|(?P<missing>{_MISSING}))\b",
    re.IGNORECASE,
)
_DIRECT = re.compile(rf"\s+(?:{_KILLED}|{_INJURED}|{_MISSING}|casualties)\b", re.IGNORECASE)
_TOLL = re.compile(r"\btoll\b[^.;\d]{0,40}$", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?:\b(?:at least|no fewer than|no less than|more than|over|upwards of|in excess of"
    r"|about|around|approximately|roughly|some|an estimated|estimated|nearly|almost|close to"
    r"|up to|as many as|fewer than|less than|at most|a minimum of|between)\s+)+$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r",|;|:|\s+and\s+|\s+but\s+|\s+while\s+|\s+[-–—]\s+|\s+who\s+|\s+which\s+")
_NOT_HARM = re.compile(
    r"\b(?:rescued|rescuing|evacuated|evacuating|saved|arrested|detained|displaced|fled"
    r"|freed|released|treated|sheltering)\b",
    re.IGNORECASE,
)
_DATE_NEIGHBOUR = re.compile(
    rf"(?:\b(?:{MONTHS_PATTERN})\.?\s*$)|(?:^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS_PATTERN})\b)",
    re.IGNORECASE,
)
_NON_COUNT_AFTER = re.compile(
    r"^\s*(?:%|per ?cent|percent|years?|months?|weeks?|days?|hours?|minutes?|km|kilomet|miles?"
    r"|am\b|pm\b|a\.m|p\.m|o'clock|times)",
    re.IGNORECASE,
)
_CAMPAIGN = re.compile(
    r"\bsince\s+(?:the\s+(?:start|beginning|outbreak)|(?:early|late|mid-?)?\s*(?:"
    rf"{MONTHS_PATTERN})|\d{{4}}|the\s+\w+\s+(?:began|started|of)|it\s+began)"
    r"|\b(?:in|over|during)\s+(?:over\s+|more than\s+|nearly\s+|almost\s+)?(?:a|one|two|three"
    r"|several|the\s+(?:past|last|first))\s+(?:few\s+)?(?:weeks?|months?|years?|days)\b"
    r"|\b(?:a|one|two|three)\s+weeks?\s+of\b|\bso far\b|\bin total\b|\bsince\s+\d{4}"
    r"|\b(?:campaign|the war|the conflict|civil war)\b",
    re.IGNORECASE,
)


_FAMILY = re.compile(r"\s+of\s+(?:\w+\s+){0,2}(?:famil|household)", re.IGNORECASE)
_STOP = {"were", "was", "had", "have", "in", "on", "at", "and", "the"}
# "at least 25 had been wounded", "dozens more were hurt", "more than a dozen were wounded"
_AUXILIARY = re.compile(
    rf"\s+(?:more\s+|others?\s+)?(?:(?:had|have|has)\s+been|were|was|are|is|been|had|have)"
    rf"\s+(?:{_KILLED}|{_INJURED}|{_MISSING})\b",
    re.IGNORECASE,
)
# the object of a casualty verb with no noun: "killing 23", "wounding more than 30,"
_VERB_BEFORE = re.compile(
    rf"\b(?:{_KILLED}|{_INJURED})\s+(?:(?:at least|more than|over|about|around|nearly|some"
    r"|up to|as many as|another|a further)\s+)?$",
    re.IGNORECASE,
)
_OBJECT_END = re.compile(r"\s*(?:[,.;:]|and\b|$|others\b|more\b)", re.IGNORECASE)
# "seven of them children", "Three of the dead", "Two of the wounded were children"
_PART_OF = re.compile(
    r"\s+of\s+(?:the|them|those)(?:\s+(?P<word>dead|killed|wounded|injured|victims))?"
    r"(?:\s+(?:were|was|being))?(?:\s+(?P<noun>[a-z]+))?",
    re.IGNORECASE,
)
# one person: "a woman was killed", "a third man was wounded", "a passer-by was hurt"
_ONE_PERSON = re.compile(
    r"\b(?:an?|one)\s+(?:(?:second|third|fourth|fifth|young|elderly|pregnant|local)\s+)?"
    r"(?P<noun>woman|man|child|boy|girl|baby|infant|toddler|teenager|passer-by|civilian"
    r"|soldier|fighter|militant|policeman|resident|worker|journalist|doctor|nurse|paramedic"
    r"|farmer|shepherd|student)\b",
    re.IGNORECASE,
)
_INCLUDED = re.compile(
    r"\b(?:including|among them|among the dead|among the wounded|one of them)\s+(?:those of\s+)?$",
    re.IGNORECASE,
)
_ONE_POPULATION = {
    "woman": Population.women,
    "child": Population.children,
    "boy": Population.children,
    "girl": Population.children,
    "baby": Population.children,
    "infant": Population.children,
    "toddler": Population.children,
    "civilian": Population.civilians,
    "soldier": Population.combatants,
    "fighter": Population.combatants,
    "militant": Population.combatants,
}


@dataclass(frozen=True)
class FigureMention:
    """A casualty figure in one sentence; ``text`` is the original text at ``start:end``."""

    sentence: int
    start: int
    end: int
    text: str
    outcome: Outcome
    population: Population
    min: int | None
    max: int | None
    qualifier: Qualifier


def campaign_marker(sentence: str, language: str | None = None) -> str | None:
    """The words that make a sentence's figures a campaign total, if any, in English and
    in ``language`` (where not given, the sentence's own, as detected)."""
    m = _CAMPAIGN.search(sentence)
    if m:
        return m.group(0)
    language = language or detect_language(sentence)
    return campaign_words(sentence, language) if language and language != "en" else None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    m = _BOUNDARY.search(text, end)
    return left, m.start() if m else len(text)


def _outcome(text: str, start: int, end: int, *, anywhere: bool = True) -> Outcome | None:
    """The casualty word of the clause of ``start:end`` (after it first, then before);
    with ``anywhere``, else the nearest one in the sentence."""
    left, right = _clause(text, start, end)
    if _NOT_HARM.search(text, left, right):
        return None
    after = _OUTCOME.search(text, end, right)
    if after:
        return Outcome(after.lastgroup)
    before = list(_OUTCOME.finditer(text, left, start))
    if before:
        return Outcome(before[-1].lastgroup)
    if not anywhere:
        return None
    # no casualty word in its own clause: the nearest one in the sentence
    earlier = list(_OUTCOME.finditer(text, 0, left))
    later = _OUTCOME.search(text, right)
    nearest = min(
        [m for m in (earlier[-1] if earlier else None, later) if m is not None],
        key=lambda m: start - m.end() if m.end() <= start else m.start() - end,
        default=None,
    )
    return Outcome(nearest.lastgroup) if nearest is not None else None


def _noun(text: str, end: int) -> tuple[Population | None, int]:
    """The population noun within three words after a number, and where it ends."""
    for count, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", text[end:])):
        word = m.group().lower()
        if word in _POPULATION:
            population = _POPULATION[word]
            if word == "members" and _FAMILY.match(text, end + m.end()):
                population = Population.people  # "32 members of three families"
            return population, end + m.end()
        named = m.group()[0].isupper() or "-" in word  # "nine Daesh fighters", "al-Shabab"
        if count >= 3 or not (word in _ADJECTIVES or (named and word not in _STOP)):
            return None, end
    return None, end


def _is_count(text: str, n: NumberMatch) -> bool:
    raw = text[n.start : n.end]
    if raw.isdigit() and len(raw) == 4 and 1900 <= n.value <= 2100:
        return False  # a year
    before, after = text[max(0, n.start - 12) : n.start], text[n.end : n.end + 14]
    if raw[0].isdigit() and (
        (n.start >= 2 and text[n.start - 1] == "-" and text[n.start - 2].isalpha())
        or (after[:1].isalpha())
    ):
        return False  # a model code: Su-25, TU-22M3
    return not (_DATE_NEIGHBOUR.search(before) or _DATE_NEIGHBOUR.search(after)) and not (
        _NON_COUNT_AFTER.search(after)
    )


def find_figures(sentence: Sentence, *, language: str | None = None) -> list[FigureMention]:
    """Casualty figures of one sentence, left to right, read in ``language``."""
    lex = lexicon(language)
    if lex is not None:
        return [
            _mention(
                sentence,
                a,
                b,
                outcome,
                population,
                parse_figure(sentence.text[a:b], language=language),
            )
            for a, b, outcome, population in find_figures_in(sentence, lex)
        ]
    text = sentence.text
    out: list[FigureMention] = []
    covered = 0
    numbers = find_numbers(text)
    for k, n in enumerate(numbers):
        if n.start < covered or not _is_count(text, n):
            continue
        end = n.end
        upper = range_end(text, numbers[k:])
        if upper is not None:
            end = upper.end  # one figure: "between 8 and 10 people"
        population, noun_end = None, end
        outcome_word = None
        part = _PART_OF.match(text, end)
        noun = (part.group("noun") or "").lower() if part else ""
        if part and (part.group("word") or noun in _POPULATION):
            population = _POPULATION.get(noun, Population.people)
            noun_end = part.end("noun") if noun in _POPULATION else part.end("word")
            outcome_word = part.group("word")
        else:
            population, noun_end = _noun(text, end)
        direct = _DIRECT.match(text, end) or _AUXILIARY.match(text, end)
        toll = _TOLL.search(text, 0, n.start)
        verb_object = _VERB_BEFORE.search(text, 0, n.start) and _OBJECT_END.match(text, end)
        if population is None and not direct and not toll and not verb_object:
            continue
        if population is None:
            population, noun_end = Population.people, end
        outcome = _outcome(text, n.start, noun_end)
        said = _OUTCOME.fullmatch(outcome_word) if outcome_word else None
        if said is not None and said.lastgroup:  # "of the dead", "of the wounded"
            outcome = Outcome(said.lastgroup)
        if direct:
            word = _OUTCOME.search(text, end, direct.end())
            outcome = Outcome(word.lastgroup) if word and word.lastgroup else Outcome.injured
        if toll and outcome is None:
            outcome = Outcome.killed
        if outcome is None:
            continue
        q = _QUALIFIER.search(text, 0, n.start)
        start = q.start() if q and q.end() == n.start else n.start
        written = text[start:noun_end]
        parsed = parse_figure(written, language=language)
        if parsed.min is None and parsed.max is None:
            continue
        covered = max(noun_end, end)
        out.append(_mention(sentence, start, noun_end, outcome, population, parsed))
    out.extend(_one_person_figures(sentence, out))
    return sorted(out, key=lambda f: f.start)


def _mention(
    sentence: Sentence,
    start: int,
    end: int,
    outcome: Outcome,
    population: Population,
    parsed: ParsedFigure,
) -> FigureMention:
    return FigureMention(
        sentence=sentence.index,
        start=sentence.start + start,
        end=sentence.start + end,
        text=sentence.text[start:end],
        outcome=outcome,
        population=population,
        min=parsed.min,
        max=parsed.max,
        qualifier=parsed.qualifier,
    )


def _one_person_figures(sentence: Sentence, found: list[FigureMention]) -> list[FigureMention]:
    """ "A woman was killed", "a third man was wounded": one person, when the casualty
    word is in the person's own clause (a man who speaks is no casualty)."""
    text, out = sentence.text, []
    taken = [(f.start - sentence.start, f.end - sentence.start) for f in found]
    for m in _ONE_PERSON.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        left, right = _clause(text, m.start(), m.end())
        if _NOT_HARM.search(text, left, right):
            continue
        if any(m.end() <= a < right for a, _ in taken):
            continue  # "a soldier killed two civilians": the person is who did it
        outcome = _outcome(text, m.start(), m.end(), anywhere=False)
        if outcome is None and _INCLUDED.search(text, 0, m.start()):
            earlier = list(_OUTCOME.finditer(text, 0, m.start()))  # "killing 7, including a child"
            outcome = Outcome(earlier[-1].lastgroup) if earlier else None
        if outcome is None:
            continue
        noun = m.group("noun").lower()
        out.append(
            _mention(
                sentence,
                m.start(),
                m.end(),
                outcome,
                _ONE_POPULATION.get(noun, Population.people),
                parse_figure("1"),
            )
        )
    return out
