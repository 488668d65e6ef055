"""Date words of every language, read from ``extractor/data/dates.json``.

A date expression written in the document's language is *translated* into the
English the date rules of :mod:`.relative` read: weekday and month names
become their English names ("mardi" -> "tuesday", "تشرين الثاني" ->
"november"), relative words and prepositions their English equivalents
("hier" -> "yesterday", "am" -> "on", "dans la nuit de" -> "the night of"),
and words that carry nothing for the date are dropped. Phrases are matched
longest first, in one pass, so a translation is never translated again.

Arabic is matched after folding (hamza forms of alef to bare alef, diacritics
and tatweel removed), Eastern Arabic and Persian digits become ASCII digits
in every language, and Turkish case endings after an apostrophe ("Mart'ta")
are dropped.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": None, "ʼ": "'", "،": ",", "؛": ";"}
)
_ALEF_ONLY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "،": ",", "؛": ";"})
_TASHKEEL = re.compile("[\u064b-\u0652\u0670]")
_ORDINAL_DOT = re.compile(r"(?<=\b\d)\.(?=\s)|(?<=\b\d\d)\.(?=\s)")
_APOSTROPHE_SUFFIX = re.compile(r"(?<=\w)'\w+")
_LAST_AFTER = re.compile(
    r"\b(?P<x>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february"
    r"|march|april|may|june|july|august|september|october|november|december|week|month|year"
    r"|weekend)) (?P<rel>last|next)\b"
)
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_MARK = re.compile(r" ([,;])")
_CLOCK = re.compile(
    r"(?<![\w./-])(?:\d{1,2}(?:[:h.]\d{2})?\s*uhr|\d{1,2}(?:[:h]\d{2}|h))(?![\w./-])"
    r"(?:\s*(?:gmt|utc|local time))?"
)
_DANGLING = re.compile(r"(?: (?:at|around|about|to|on|in|from))+$")
_DAY_IN_BRACKETS = re.compile(r"(?<=[a-z]) \(\d{1,2}\)")
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_LAST_DAY = re.compile(rf"\b(?P<d>\d{{1,2}} (?:of )?(?:{_MONTHS_EN}))(?: (?P<y>\d{{4}}))? last\b")
_DAY_DOT_MONTH = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)")
_TWO_MONTHS = re.compile(rf"\b(?P<m>{_MONTHS_EN}) ?/ ?(?:{_MONTHS_EN})\b")
_GLUED = re.compile(r"(?<=\d)[./](?=[^\W\d_])|(?<=[^\W\d_])[./](?=\d)")
_LAST_NUMBER = re.compile(rf"\b(?:last|this) (?=\d{{1,2}} (?:of )?(?:{_MONTHS_EN})\b)")

# English expressions that are a date on their own: a phrase translated to one of
# them is a date phrase wherever it is written.
STANDALONE = frozenset(
    {
        "today",
        "tonight",
        "yesterday",
        "overnight",
        "last night",
        "this morning",
        "the day before yesterday",
        "last week",
        "this week",
        "earlier this week",
        "last weekend",
        "this weekend",
        "last month",
        "this month",
        "last year",
        "two days ago",
        "the weekend",
        "this afternoon",
        "this evening",
        "early today",
        "the day before",
        "throughout the day",
    }
)
WEEKDAY_NAMES = [name.lower() for name in calendar.day_name]
MONTH_NAMES = [name.lower() for name in calendar.month_name if name]


def ascii_digits(text: str) -> str:
    """``text`` with Eastern Arabic and Persian digits written as ASCII digits."""
    return text.translate(_DIGITS)


def fold(text: str) -> str:
    """Lowercased text with ASCII digits and Arabic letter forms folded."""
    text = text.translate(_DIGITS).replace("’", "'").replace("‘", "'")
    text = text.replace("İ", "i").replace("I", "ı") if _has_turkish(text) else text
    return _TASHKEEL.sub("", text.lower().translate(_ARABIC_FOLD))


def fold_in_place(text: str) -> str:
    """`fold` one character for one, so that offsets into it are offsets into ``text``.

    Diacritics and tatweel are kept (they are rare in news copy); a character whose
    lowercase is longer than one character stays as it is.
    """
    text = text.translate(_DIGITS).replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    if _has_turkish(text):
        text = text.replace("İ", "i").replace("I", "ı")
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_ALEF_ONLY)


def _has_turkish(text: str) -> bool:
    return any(c in text for c in "ğşıİĞŞ")


@dataclass(frozen=True)
class Lexicon:
    """One language's date words: the translation table and what finds date phrases."""

    language: str
    table: dict[str, str]
    pattern: re.Pattern[str] | None
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    relative: tuple[str, ...]
    published: tuple[str, ...]
    strip_suffix: bool
    clitics: str

    def words_for(self, *english: str) -> tuple[str, ...]:
        """The written phrases this language translates to one of ``english``."""
        return tuple(k for k, v in self.table.items() if v in english)

    def translate(self, text: str) -> str:
        """``text`` (folded) in the English of the date rules."""
        if self.strip_suffix:
            text = _APOSTROPHE_SUFFIX.sub("", text)
        text = _DAY_DOT_MONTH.sub(_day_month_name, text)  # "26.5." as German writes it
        text = _GLUED.sub(" ", text)  # "14.abr.2025", "14/abr/2025"
        text = _ORDINAL_DOT.sub("", text)
        text = _CLOCK.sub(" ", text)
        if self.pattern is not None:
            text = self.pattern.sub(lambda m: f" {self.table[m.group('w')]} ", text)
        text = _SPACE_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", text)).strip(" ,")
        text = _DAY_IN_BRACKETS.sub("", _DANGLING.sub("", text))
        text = _LAST_DAY.sub(lambda m: " ".join(filter(None, (m["d"], m["y"]))), text)
        text = _LAST_NUMBER.sub("", text)
        text = _TWO_MONTHS.sub(r"\g<m>", text)  # "حزيران/يونيو": one month in two names
        return _LAST_AFTER.sub(r"\g<rel> \g<x>", text)


def _day_month_name(m: re.Match[str]) -> str:
    month = int(m.group(2))
    return f"{m.group(1)} {MONTH_NAMES[month - 1]}" if 1 <= month <= 12 else m.group(0)


@functools.cache
def _raw() -> dict:
    path = resources.files("extractor").joinpath("data/dates.json")
    return json.loads(path.read_text("utf-8"))


def languages() -> frozenset[str]:
    """The languages whose date words are translated (English needs none)."""
    return frozenset(k for k, v in _raw().items() if isinstance(v, dict) and v.get("words"))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@functools.cache
def lexicon(language: str | None) -> Lexicon:
    """The date words of ``language`` (English, with no table, when unknown)."""
    raw = _raw()
    entry = raw.get(language or "en") or raw["en"]
    table: dict[str, str] = {}
    weekdays: list[str] = []
    months: list[str] = []
    for i, forms in enumerate(entry.get("weekdays", [])):
        for form in forms:
            table[fold(form)] = WEEKDAY_NAMES[i]
            weekdays.append(fold(form))
            for suffix, english in entry.get("compounds", {}).items():
                table[fold(form + suffix)] = f"{WEEKDAY_NAMES[i]} {english}"
                weekdays.append(fold(form + suffix))
    for i, forms in enumerate(entry.get("months", [])):
        for form in forms:
            table[fold(form)] = MONTH_NAMES[i]
            months.append(fold(form))
    relative = []
    for phrase, english in entry.get("words", {}).items():
        table.setdefault(fold(phrase), english)
        if english in STANDALONE:
            relative.append(fold(phrase))
    pattern = None
    clitics = "".join(entry.get("clitics", []))
    if table:
        prefix = f"[{re.escape(clitics)}]?" if clitics else ""
        pattern = re.compile(rf"(?<![\w'-]){prefix}(?P<w>{_alternation(list(table))})(?![\w'-])")
    return Lexicon(
        language=language or "en",
        table=table,
        pattern=pattern,
        weekdays=tuple(weekdays),
        months=tuple(months),
        relative=tuple(relative),
        published=tuple(fold(p) for p in entry.get("published", [])),
        strip_suffix=bool(entry.get("strip_apostrophe_suffix")),
        clitics=clitics,
    )


def translate(text: str, language: str | None) -> str:
    """A date expression in the English the rules read (folded; unchanged for English)."""
    folded = fold(text)
    if language in (None, "en"):
        return folded
    return lexicon(language).translate(folded)
