"""Place candidates in a country the rest of the document does not name.

A gazetteer holds common words that are also places somewhere: Arabic «بشرية»
(human) is a village in Yemen, «معسكر» (camp) the Algerian city of Mascara,
German "Landstraße" (country road) a district of Vienna. A document reports
from one country and its neighbours' names come with a word that calls them
places ("die Stadt Kirjat Schmona", "la región de Bélgorod") or more than once.
So a candidate resolved to a country that no other candidate of the document
is in, written without a place-type word, is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from extractor.normalise.place_phrase import words_for
from extractor.staged.candidates.places import PlaceMention

__all__ = ["plausible_places"]


def plausible_places(mentions: Iterable[PlaceMention], language: str | None) -> list[PlaceMention]:
    """``mentions`` (every place candidate of one document) without the lone foreign ones."""
    mentions = list(mentions)
    countries = Counter(m.location.country for m in mentions if m.location.country)
    if len(countries) < 2:
        return mentions
    top = countries.most_common(1)[0][1]
    types = words_for(language).types
    out = []
    for m in mentions:
        country = m.location.country
        lone = country is not None and countries[country] == 1 and top > 1
        said = any(w.casefold() in types for w in m.text.split())
        if lone and not said:
            continue
        out.append(m)
    return out
