"""Name keys and phrase search: the fast paths give what the plain rules give."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from extractor.normalise.keys import find_phrases, name_key, name_tokens

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("evals/devset/*.txt"))
TRICKY = [
    "",
    " ",
    "Jisr al-Shughur",
    "Dar'a",
    "Dar’a",
    "Çavuşoğlu",
    "Russia's forces",
    "Russia’s forces",
    "the ministers' statement",
    "Assad's’s",
    "it's",
    "'s",
    "’s",
    "o'clock",
    "ʿAyn al-ʿArab",
    "Ḥalab — Idlib – Hama",
    "Łódź, Wrocław, Tromsø, Işık",
    "İstanbul",
    "Straße",
    "ﬁve ½ km²",
    "Kharkiv’s 2nd district, 10-15 km",
    "UN-OCHA (№ 12)",
    "名古屋 and Kyiv",
    "Zaporizhzhia\u00a0oblast\u2009",
    "tab\tnew\nline",
    "Sa`dah ´quote´ ʼokina ‘left’",
    "s's'ss’s_x",
    "café's",
    "\ud800 lone surrogate",
    "‘Ayn al-‘Arab’s ‘s",
    "“Kharkiv’s”—Izium–Kupiansk…",
    "’s‘s’s",
    "a\u00a0b\u00a0’s",
    "café’s — Ḥalab’s",
    "Mosul’s\u0301 old city",
    "ʼs ʿs ʾs ´s `s",
]


def _reference_key(text: str) -> str:
    """name_key as first written: a regex per step."""
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        plain = plain.replace("ı", "i").replace("ø", "o").replace("ł", "l").lower()
    plain = re.sub(r"['’]s\b", " s", plain)
    plain = re.sub(r"['’‘`ʼʿʾ´]", "", plain)
    return re.sub(r"[^0-9a-z]+", " ", plain).strip()


@pytest.mark.parametrize("text", TRICKY)
def test_name_tokens_on_short_strings(text: str) -> None:
    assert name_key(text) == _reference_key(text)
    assert name_tokens(text) == _reference_key(text).split()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_name_tokens_on_whole_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert name_tokens(text) == _reference_key(text).split()
    assert name_key(text) == _reference_key(text)


def test_name_key_examples() -> None:
    assert name_key("Jisr al-Shughur") == "jisr al shughur"
    assert name_key("Dar'a") == "dara"
    assert name_key("Çavuşoğlu") == "cavusoglu"
    assert name_key("Russia's") == "russia s"
    assert name_tokens("  Jisr al-Shughur! ") == ["jisr", "al", "shughur"]


def _reference_phrases(tokens: list[str], index: set[str], max_len: int) -> list[tuple[int, int]]:
    spans, i = [], 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + max_len), i, -1):
            if " ".join(tokens[i:j]) in index:
                spans.append((i, j))
                i = j
                break
        else:
            i += 1
    return spans


class _Lookup:
    """An index that can only be asked, not listed."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys

    def __contains__(self, key: object) -> bool:
        return key in self.keys


@pytest.mark.parametrize("path", ARTICLES[:8], ids=lambda p: p.name)
def test_find_phrases_is_leftmost_longest(path: Path) -> None:
    tokens = name_tokens(path.read_text(encoding="utf-8"))
    words = sorted(set(tokens))
    # Keys of one to four words taken from the article, plus overlapping ones.
    index = {" ".join(tokens[k : k + 1 + k % 4]) for k in range(0, len(tokens), 7)}
    index |= {w for w in words[::11]} | {"the", "of the", "the city of"}
    longest = max(len(k.split()) for k in index)
    expected = _reference_phrases(tokens, index, longest)
    assert find_phrases(tokens, frozenset(index), longest) == expected
    assert find_phrases(tokens, _Lookup(index), longest) == expected
    assert find_phrases(tokens, frozenset(index), 2) == _reference_phrases(tokens, index, 2)
    # Positions given by the caller: every word that starts a key, and more.
    firsts = {key.split(" ")[0] for key in index}
    more = firsts | set(words[::3])
    starts = [i for i, token in enumerate(tokens) if token in more]
    assert find_phrases(tokens, frozenset(index), longest, starts) == expected


def test_find_phrases_prefers_longest_then_moves_past_it() -> None:
    tokens = ["a", "b", "c", "b", "c", "d"]
    index = frozenset({"a b", "a b c", "b c d", "c", "d"})
    assert find_phrases(tokens, index, 3) == [(0, 3), (3, 6)]
    assert find_phrases(tokens, frozenset({"b c d"}), 3) == [(3, 6)]
    assert find_phrases([], index, 3) == []


def test_name_tokens_on_random_strings_of_tricky_characters() -> None:
    import random

    rng = random.Random(1)
    alphabet = "aAs's’‘“”–—\u00a0…éÉ\u0301ıØłİ K ſ ß ʼʿʾ´`-_.,1 "
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert name_tokens(text) == _reference_key(text).split(), text
