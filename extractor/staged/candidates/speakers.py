"""Speaker and source spans: who a speech event could be attributed to.

`subject_span` is the rule: the noun phrase that governs the reporting verb,
read backwards from the verb to the clause boundary ("which the Syrian
Observatory for Human Rights said" -> the Observatory), with an appositive
kept ("Igor Konashenkov, a Russian defence ministry spokesman, said"), the
phrase after the verb for inversions ('..." said Mark Lowcock, the UN's head
of ...') and after "according to". `find_speaker_spans` lists every span a
choice may pick from: that phrase, capitalised names and titles, and
described groups ("opposition activists", "residents and activists").

Every span is a noun phrase (`noun_phrase.is_noun_phrase`), never a clause
fragment: a subject relative clause is stepped over ("The Observatory, which
relies on a network of activists on the ground, said" -> "The Observatory"),
a document named as the source gives its author ("according to an updated
toll from a monitor" -> "a monitor"; "selon un bilan de l'OSDH" ->
"l'OSDH"), a quotation ends the phrase, and a phrase that is still no noun
phrase gives no speaker. In other languages the words come from the
document's lexicon (`lexicon`), and a language whose subject follows its
verb (Arabic «وقال المرصد السوري إن») or may (German "Am Montag sagte die
Beobachtungsstelle") reads the phrase after the verb.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor.normalise.actor_tables import known_actor_end, names_known_actor
from extractor.staged.candidates.lexicon import Lexicon, fold, lexicon
from extractor.staged.candidates.noun_phrase import is_noun_phrase
from extractor.staged.candidates.sentences import Sentence
from extractor.staged.candidates.speech import SpeechEvent

_TRAILING = re.compile(
    r"(?:[\s,]+(?:also|had|has|have|was|were|is|earlier|later|again|repeatedly|then|previously"
    r"|would|will|further|separately|however|once|first|initially|today|yesterday|tonight"
    r"|in a statement|in a tweet|on \w+day|\w+day|on \w+ \d{1,2}|(?:on\s+)?\w+day\s+(?:night|morning|evening)"
    r"|overnight|last week|this week|earlier this week|at the UN|at a news conference))+\s*$",
    re.IGNORECASE,
)
_DELIMITERS = re.compile(
    r"(?:[.;:]\s+|[\"”’]\s*|,\s+(?:and\s+|but\s+)?|\s+(?:which|that|whom|while|as|after|before"
    r"|when|but|because|where|although|though|by|with|amid|despite|if|what)\s+|^)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s+(?:who|which|that)\s*$", re.IGNORECASE)
_APPOSITIVE = re.compile(
    r"^(?:(?:a|an|the|its|his|her|their)\s+\S|(?:head|chief|director|spokes(?:man|woman|person)"
    r"|minister|leader|commander|member|official|president|ambassador|envoy|resident|senior"
    r"|deputy|founder|secretary|general|chairman|coordinator|researcher|analyst|doctor)\b)"
)
_NAME_LIKE = re.compile(
    r"^(?:[A-Z][\w'’.-]*|al|el|de|bin|ibn|van|von|der)(?:\s+(?:[A-Z][\w'’.-]*|al|el|de|bin|ibn|van|von|der))*$"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_INVERSION_END = re.compile(
    r"[.;:]\s|[\"“”«»]|\s[–—]\s|,\s+(?:adding|who|which|as|when|after)\b|\s+(?:adding|as)\s+"
)
_SUBJECT_RELATIVE = re.compile(r"^(?:which|who)\s+", re.IGNORECASE)
_CAPITALISED = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Brig|Sgt|Capt|Adm)\.?\s+)*"
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|on|al|el|de|the|and)\s+)*[A-Z][\w'’-]*)*"
)
_GROUPS = re.compile(
    r"\b(?:(?:local|opposition|syrian|rebel|civil defence|civil defense|humanitarian|medical"
    r"|security|military|government|hospital|rescue|aid|human rights)\s+)*"
    r"(?:activists|residents|rescue workers|rescuers|aid workers|officials|witnesses|medics"
    r"|doctors|sources|monitors|journalists|rebel officials|civil defence officials)"
    r"(?:\s+and\s+(?:activists|residents|witnesses|medics|officials))?\b",
    re.IGNORECASE,
)
_NOT_SPEAKERS = {"the", "a", "an", "but", "and", "on", "in", "asked", "speaking", "meanwhile"}
_MAX_WORDS = 18
_WORTHY = re.compile(
    r"(?-i:[A-Z])|\b(?:activists?|residents?|workers?|officials?|witness(?:es)?|medics?|doctors?"
    r"|sources?|monitors?|journalists?|group|ministry|military|army|government|statement"
    r"|spokes\w+|observatory|agency|rebels?|fighters?|police|council|committee)\b",
    re.I,
)


@dataclass(frozen=True)
class SpeakerSpan:
    start: int
    end: int
    text: str


def _span(sentence: Sentence, s: int, e: int) -> SpeakerSpan | None:
    raw = sentence.text[s:e]
    left = len(raw) - len(raw.lstrip(" ,\"“”'"))
    stripped = raw.strip(" ,\"“”'’")
    words = stripped.split()
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].islower():
        stripped = stripped[: -len(words[-1])].rstrip()  # "L'armée n'a pas": a negation's n'
    if not stripped or stripped.lower() in _NOT_SPEAKERS or len(stripped.split()) > _MAX_WORDS:
        return None
    s += left
    return SpeakerSpan(sentence.start + s, sentence.start + s + len(stripped), stripped)


def _after_verb(
    sentence: Sentence, local_end: int, lex: Lexicon | None = None
) -> SpeakerSpan | None:
    rest = sentence.text[local_end:]
    if lex is not None and lex.time_words is not None:  # "a déclaré hier soir un élu"
        lead = re.match(rf"(?:\s*(?:{lex.time_words.pattern})[\s,]*)+", rest, re.I)
        if lead is not None:
            local_end += lead.end()
            rest = sentence.text[local_end:]
    m = (_INVERSION_END if lex is None else _after_end(lex)).search(rest)
    stop = m.start() if m else len(rest.rstrip(" ."))
    if lex is not None:  # "a Missão ... da ONU na Ucrânia": a known name runs over a stop word
        whole = re.split(r"[.;:,،؛\"“”«»]", rest, maxsplit=1)[0]
        known = known_actor_end(whole.strip(), lex.language)
        if known is not None:
            stop = max(stop, len(whole) - len(whole.lstrip()) + known)
    span = _span(sentence, local_end, local_end + stop)
    if span is None:
        return None
    if lex is not None:  # «وثق المرصد السوري لحقوق الإنسان استشهادهم»: the name, not its object
        known = known_actor_end(span.text, lex.language)
        if known is not None and known < len(span.text):
            span = SpeakerSpan(span.start, span.start + known, span.text[:known])
    return _author_of_document(sentence, span, lex or lexicon("en"))


@functools.lru_cache(maxsize=16)
def _after_end(lex: Lexicon) -> re.Pattern[str]:
    """Where the phrase after a verb ends, in a language other than English."""
    words = sorted(
        {*lex.complementisers, *lex.clause_words, *lex.relatives, *lex.after_stops}
        - lex.determiners,
        key=len,
        reverse=True,
    )
    joined = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"[.;:,،؛]\s|[\"“”«»]|\s[–—]\s|(?<!\w)(?:{joined})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _delimiters(lex: Lexicon) -> re.Pattern[str]:
    """Where a subject phrase before a verb starts, in a language other than English."""
    words = sorted(
        {*lex.complementisers, *lex.clause_words, *lex.relatives} - lex.determiners,
        key=len,
        reverse=True,
    )
    joined = "|".join(re.escape(w) for w in words if w)
    return re.compile(
        rf"(?:[.;:،؛]\s+|[\"”’«»]\s*|,\s+|\s[-–—]\s+|(?<!\w)(?:{joined})(?:['’]\s*|\s+)(?=\S)|^)",
        re.IGNORECASE,
    )


def _author_of_document(sentence: Sentence, span: SpeakerSpan, lex: Lexicon) -> SpeakerSpan | None:
    """'an updated toll from a monitor' -> 'a monitor': a document's author is the source."""
    words = span.text.split()
    for n, word in enumerate(words[:5]):
        if fold(word) not in lex.source_nouns:
            continue
        rest = " ".join(words[n + 1 :])
        for link in sorted(lex.source_links, key=len, reverse=True):
            m = re.match(rf"(?:\S+\s+){{0,3}}?{re.escape(link)}['’]?\s*(?=\S)", rest, re.I)
            if m is None:
                continue
            at = span.text.find(rest) + m.end()
            author = _span(sentence, span.start - sentence.start + at, span.end - sentence.start)
            if author is not None and is_noun_phrase(author.text, lex.language):
                return author
        return None  # "the report" alone: no author named here
    return span if is_noun_phrase(span.text, lex.language) else None


def _repaired(sentence: Sentence, span: SpeakerSpan, lex: Lexicon) -> SpeakerSpan | None:
    """A span that is no noun phrase, cut to the one it starts with, or None.

    "Pakistan's foreign office did not confirm the strikes but [said]": the
    subject of both verbs; "... the incidents it [documented]": the pronoun.
    """
    if is_noun_phrase(span.text, lex.language):
        return span
    words = span.text.split()
    if words and fold(words[-1]) in lex.pronouns | lexicon("en").pronouns:
        at = span.text.rfind(words[-1])
        return SpeakerSpan(span.start + at, span.end, words[-1])
    if len(words) > 2 and fold(words[-1]) in lex.clause_words:
        for n, word in enumerate(words):
            if fold(word) in lex.finite_verbs and n > 0:
                head = " ".join(words[:n])
                cut = _span(
                    sentence, span.start - sentence.start, span.start - sentence.start + len(head)
                )
                if cut is not None and is_noun_phrase(cut.text, lex.language):
                    return cut
                break
    return None


def subject_span(sentence: Sentence, event: SpeechEvent) -> SpeakerSpan | None:
    """The rule's speaker for a speech event: its subject, or what follows the verb.

    The span is a noun phrase or None (see the module's docstring).
    """
    lex = lexicon(event.language)
    if event.source is not None:  # "SOHR: ...": the source that leads the paragraph
        s, e = event.source
        return SpeakerSpan(s, e, sentence.text[s - sentence.start : e - sentence.start])
    if event.language not in (None, "en"):
        return _subject_in(sentence, event, lex)
    vs, ve = event.start - sentence.start, event.end - sentence.start
    if event.kind == "according":
        return _after_verb(sentence, ve)
    before = sentence.text[:vs]
    trimmed = _TRAILING.sub("", before)
    if _RELATIVE.search(trimmed) and not re.search(r"\b(?:which|that)\s*$", trimmed, re.I):
        trimmed = _RELATIVE.sub("", trimmed)  # "rescue workers who accused"
    stripped = trimmed.rstrip(" ,")
    if not stripped or stripped.endswith(('"', "”", "’", ",")):
        return _after_verb(sentence, ve)
    starts = [m.end() for m in _DELIMITERS.finditer(stripped)]
    end = len(stripped)
    start = max(starts) if starts else 0
    while True:
        relative = _SUBJECT_RELATIVE.match(stripped[start:end])
        earlier = [s for s in starts if s < start - 2]
        if relative is None or start < 2 or stripped[start - 2] != "," or not earlier:
            break
        rest = stripped[start + relative.end() : end]
        if is_noun_phrase(rest):
            break  # "which the Syrian Observatory for Human Rights said": its object
        # "The Observatory, which relies on a network of activists, said": step over it
        end, start = start - 2, max(earlier)
    lead = re.match(
        r"(?:(?:which|that|who|whom|and|but|while|as|with|by|amid|after|before|when|where"
        r"|whereas|although|though|because|since|once|if)\s+)+",
        stripped[start:end],
        re.I,
    )
    if lead:
        start += lead.end()
    head = stripped[start:end]
    if _APPOSITIVE.match(head) and start >= 2 and stripped[start - 2] == ",":
        prev = [s for s in starts if s < start - 2]
        name_start = max(prev) if prev else 0
        if _NAME_LIKE.match(stripped[name_start : start - 2].strip()):
            start = name_start
    span = _span(sentence, start, end)
    if span is None or not (_WORTHY.search(span.text) or _PRONOUN.match(span.text)):
        return None  # "to", "it was": no one to attribute the words to
    return _repaired(sentence, span, lex)


def _subject_in(sentence: Sentence, event: SpeechEvent, lex: Lexicon) -> SpeakerSpan | None:
    """The speaker in a language other than English, from its lexicon."""
    vs, ve = event.start - sentence.start, event.end - sentence.start
    if event.pronoun is not None:
        s, e = event.pronoun
        return SpeakerSpan(s, e, sentence.text[s - sentence.start : e - sentence.start])
    if event.kind == "according":
        after = _after_verb(sentence, ve, lex)
        if after is not None and _weight(after, lex) == 0 and not _source_noun(after, lex):
            return None  # "selon son acronyme arabe": no one the words come from
        return after
    before = _before_in(sentence, vs, lex)
    if event.kind == "according_after":
        return before
    lead = sentence.text[:vs].split()
    if lead and fold(lead[-1]) in lex.conjunctions:
        return None  # "condenó el ataque y anunció": the first verb's subject (speech_subjects)
    after = _appositive_after(sentence, _after_verb(sentence, ve, lex), lex)
    if lex.subject_after_verb:
        return after
    inverted = sentence.text[:vs].rstrip().endswith((",", '"', "”", "»"))
    if before is not None and lex.verb_second and _starts_with_preposition(before, lex):
        before = None  # "Am Montag sagte die Beobachtungsstelle"
    if inverted and after is not None:  # '« ... », a raconté un vendeur': after the verb
        if before is None or _weight(after, lex) >= _weight(before, lex):
            return after
        return before
    return before or after


def _weight(span: SpeakerSpan, lex: Lexicon) -> int:
    """2: names a table actor; 1: a capitalised name or a noun of people; 0: neither."""
    if names_known_actor(span.text, lex.language):
        return 2
    words = span.text.split()
    head = [w for w in words if fold(w) not in lex.determiners]
    if any(w[:1].isupper() for w in head) or any(fold(w) in lex.actor_nouns for w in head):
        return 1
    return 0


def _source_noun(span: SpeakerSpan, lex: Lexicon) -> bool:
    """Whether the span holds a noun of sources or of people, determiners included
    ("son bilan", "fuentes locales", «مصادر»)."""
    words = [fold(w) for w in span.text.split()]
    return any(w in lex.source_nouns or w in lex.actor_nouns for w in words)


def _appositive_after(
    sentence: Sentence, span: SpeakerSpan | None, lex: Lexicon
) -> SpeakerSpan | None:
    """'dijo el gobernador de la región, Oleg Sinegúbov': the role and the name after it."""
    if span is None:
        return None
    rest = sentence.text[span.end - sentence.start :]
    m = re.match(r",\s+((?:[A-ZÀ-Ý][\w'’.-]*\s?){1,4})(?=[,.;]|$)", rest)
    if m is None or not _NAME_LIKE.match(m.group(1).strip()):
        return span
    end = span.end + m.start(1) + len(m.group(1).rstrip().rstrip("."))
    return SpeakerSpan(
        span.start, end, sentence.text[span.start - sentence.start : end - sentence.start]
    )


def _starts_with_preposition(span: SpeakerSpan, lex: Lexicon) -> bool:
    return fold(span.text.split()[0]) in lex.prepositions


def _before_in(sentence: Sentence, vs: int, lex: Lexicon) -> SpeakerSpan | None:
    stripped = sentence.text[:vs].rstrip(" ,")
    if not stripped or stripped.endswith(('"', "”", "’", "»")):
        return None
    if lex.time_words is not None:  # "L'OSDH a indiqué mardi": the date is not the speaker
        stripped = re.sub(rf"(?:[\s,]+(?:{lex.time_words.pattern}))+$", "", stripped, flags=re.I)
    starts = [m.end() for m in _delimiters(lex).finditer(stripped)]
    end = len(stripped)
    start = max(starts) if starts else 0
    while True:  # "L'ONG, qui s'appuie sur un réseau de sources, avait fait état": step over
        before = stripped[:start].rstrip()
        word = before.split()[-1] if before.split() else ""
        earlier = [s for s in starts if s < len(before) - len(word) - 1]
        if fold(word) not in lex.relatives or not before[: -len(word)].rstrip().endswith(","):
            break
        if not earlier:
            break
        end = len(before[: -len(word)].rstrip()) - 1
        start = max(earlier)
    head = stripped[start:end]
    if start >= 2 and stripped[start - 2] == "," and _NAME_LIKE.match(head.strip()):
        prev = [s for s in starts if s < start - 2]
        role_start = max(prev) if prev else 0
        role = stripped[role_start : start - 2].strip()
        if role and fold(role.split()[0]) in lex.determiners and is_noun_phrase(role, lex.language):
            start = role_start  # "El ministro de Defensa, Iván Velásquez": role and name
    span = _span(sentence, start, end)
    if span is None:
        return None
    if fold(span.text.split()[-1]) in lex.pronouns:
        words = span.text.split()
        at = span.text.rfind(words[-1])
        return SpeakerSpan(span.start + at, span.end, words[-1])
    return _repaired(sentence, span, lex)


def is_pronoun(span: SpeakerSpan | None, language: str | None = None) -> bool:
    if span is None:
        return False
    return bool(_PRONOUN.match(span.text)) or fold(span.text) in lexicon(language).pronouns


def find_speaker_spans(sentence: Sentence, *, language: str | None = None) -> list[SpeakerSpan]:
    """Every span of the sentence that could name a speaker or source, left to right."""
    found: dict[tuple[int, int], SpeakerSpan] = {}
    for pattern in (_CAPITALISED, _GROUPS):
        for m in pattern.finditer(sentence.text):
            span = _span(sentence, m.start(), m.end())
            if span is None or not is_noun_phrase(span.text, language):
                continue
            if (span.start, span.end) not in found:
                found[(span.start, span.end)] = span
    return sorted(found.values(), key=lambda s: (s.start, s.end))
