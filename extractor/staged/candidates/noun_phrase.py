"""Whether a span names an actor as a noun phrase, not a fragment of a clause.

A speaker or claimant is written as a noun phrase: a person ("Rami Abdel
Rahman, head of the Observatory"), an organisation ("l'Observatoire syrien
des droits de l'Homme"), a group ("local activists"), a role ("a local
official"). `noun_phrase_problem` names what keeps a span from being one:

* a quote mark inside ('Idlib Media Center, "One rocket hit'),
* clause punctuation inside (; : ! ? a full stop that ends a sentence, a
  spaced dash),
* a finite verb of the sentence inside ("The coalition has repeatedly been")
  before any relative pronoun ("A resident who helped bury the dead" is a noun
  phrase: the verb is its relative clause's),
* more than ``MAX_WORDS`` words,
* a first word that starts no noun phrase: a preposition ("in a statement"),
  a conjunction, a verb ("relies on a network ..."), or in a script with
  capitals a lowercase word that is no determiner, number or title, in a head
  (the words before a preposition, relative pronoun or comma) that holds no
  capitalised word and no noun of a person or group ("updated toll from a
  monitor").

The words are the document language's (`lexicon`); the checks are the same
for every language.
"""

from __future__ import annotations

import re

from extractor.normalise.actor_keys import actor_tokens
from extractor.normalise.actor_tables import names_known_actor
from extractor.staged.candidates.lexicon import Lexicon, fold, lexicon

MAX_WORDS = 20
_QUOTES = re.compile("[\"“”«»„‟‹›]|(?:^|\\s)['‘]")
_CLAUSE_PUNCTUATION = re.compile(r"[;!?؛؟]|:(?!\d)|\s[–—]|[–—]\s")
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+$|^[A-Z][a-z]{0,3}\.$|^(?:No|Nr|St)\.$")
_DIGITS = re.compile(r"^\d")


def _has_case(word: str) -> bool:
    return any(c.isalpha() and c.lower() != c.upper() for c in word)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if fold(w)]


def _is_actor_noun(word: str, lex: Lexicon) -> bool:
    if fold(word) in lex.actor_nouns:
        return True
    return any(t.casefold() in lex.actor_nouns for t in actor_tokens(word, lex.language))


def _head(words: list[str], lex: Lexicon) -> list[str]:
    out = []
    for n, word in enumerate(words):
        bare = fold(word)
        if n > 0 and (bare in lex.prepositions or bare in lex.relatives):
            break
        out.append(word)
        if word.endswith(","):
            break
    return out


def _sentence_stop(words: list[str]) -> bool:
    for word in words[:-1]:
        if word.endswith(".") and not _ABBREVIATION.match(word.strip("(),")):
            return True
    return False


def _in_name(words: list[str], n: int) -> bool:
    """'Raqqa is Being Slaughtered Silently': a lowercase word between capitalised ones."""
    return 0 < n < len(words) - 1 and words[n - 1][:1].isupper() and words[n + 1][:1].isupper()


def _finite_verb(words: list[str], lex: Lexicon, english: Lexicon) -> str | None:
    for n, word in enumerate(words):
        bare = fold(word)
        if n > 0 and bare in lex.relatives:
            return None  # what follows is a relative clause of the noun
        if _in_name(words, n):
            continue
        if bare in lex.finite_verbs or (lex is not english and bare in english.finite_verbs):
            if lex is not english and bare in lex.determiners:
                continue  # Portuguese "a", Spanish "a": an article, not "has"
            return word
        if lex.verbs.fullmatch(word.strip(".,;:")) and lex.language != "en":
            return word
    return None


def noun_phrase_problem(text: str | None, language: str | None = None) -> str | None:
    """Why ``text`` is not a noun phrase naming an actor, or None when it is one."""
    if text is None or not text.strip():
        return "empty"
    lex, english = lexicon(language), lexicon("en")
    words = _words(text)
    if not words:
        return "no words"
    if len(words) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if _QUOTES.search(text):
        return "a quote mark inside"
    if _CLAUSE_PUNCTUATION.search(text) or _sentence_stop(words):
        return "clause punctuation inside"
    verb = _finite_verb(words, lex, english)
    if verb is not None:
        return f"a finite verb inside ({verb})"
    first = fold(words[0])
    elided = re.split("['’]", first, maxsplit=1)[0] if re.search("['’].", first) else None
    if first in lex.determiners or _DIGITS.match(first) or elided in lex.determiners:
        return None  # "the", "deux", "l'OSDH"
    if first in lex.prepositions:
        return f"starts with a preposition ({words[0]})"
    if first in lex.clause_words or first in lex.relatives:
        return f"starts with a clause word ({words[0]})"
    if not _has_case(words[0]):
        # a script without capitals: a definite noun, a noun of people, or a known name
        bare = words[0].lstrip('(«"')
        if not lex.definite_prefixes or bare.startswith(lex.definite_prefixes):
            return None
        if _is_actor_noun(bare, lex) or names_known_actor(text, lex.language):
            return None
        return f"does not start a noun phrase ({words[0]})"
    if words[0][:1].isupper() or _is_actor_noun(words[0], lex):
        return None
    head = _head(words, lex)
    if any(w[:1].isupper() or _is_actor_noun(w, lex) for w in head):
        return None
    return f"does not start a noun phrase ({words[0]})"


def is_noun_phrase(text: str | None, language: str | None = None) -> bool:
    """Whether ``text`` is a noun phrase that can name a speaker or claimant."""
    return noun_phrase_problem(text, language) is None
