"""Comparison levels: for a pair of mentions, each field's level and weight.

As in splink, each field has ordered levels (exact, close, else), each with
a weight; the weights add up to a match score and a pair whose score reaches
``THRESHOLD`` (and that no level vetoes) is a match. The levels of every
merge and of every near miss are kept on the event, so the "why" is data.

    place         gazetteer_same +4 (both resolved, <= 2 km apart)
                  name_same +4 | name_close +3 (fuzzy >= 90) | name_transliterated +3
                  (one in Arabic script, the same consonants in Latin) | name_contains +2
                  region -1 (either only known to its province or country)
                  unknown 0 | different -4 | far: veto (both resolved, > 30 km)
    date          same_day +3 | adjacent_day +2 (one day apart, both to the day,
                  one "yesterday" as its page dates it) | overlap +1 (imprecise)
                  unknown -1 | apart: veto | after_report: veto (the undated
                  one's article was published before the other's date) |
                  reports_apart: veto (both undated, their articles published more
                  than a week apart) | before_report: veto (the other's date more than
                  a week before the undated one's article)
    event_type    same +1 | compatible +0.5 (COMPATIBLE) | unknown 0 | incompatible -3
    perpetrators  shared +1 | unknown 0 (either names none) | disjoint -1
    article       same_article: veto (two incidents of one article never merge)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from extractor.fuse.block import Mention, gap_days
from extractor.fuse.records import FieldLevel
from extractor.models import EventType, LocationPrecision
from extractor.normalise.place_keys import is_arabic, place_skeleton
from extractor.normalise.transliterated_names import romanised

__all__ = ["COMPATIBLE", "THRESHOLD", "Comparison", "Level", "compare"]

THRESHOLD = 5.0
REPORTS_APART_DAYS = 7  # two undated incidents of reports further apart are two events
NEAR_KM, FAR_KM = 2.0, 30.0
_VAGUE = {LocationPrecision.province, LocationPrecision.country}

# Event types that one attack may be reported as (an aerial strike is often
# named by its weapon by one source and "airstrike" by another).
_AERIAL = {
    EventType.airstrike,
    EventType.missile_strike,
    EventType.drone_strike,
    EventType.barrel_bomb,
    EventType.chemical_attack,
}
COMPATIBLE: dict[EventType, set[EventType]] = {
    **{t: _AERIAL - {t} | {EventType.shelling} for t in _AERIAL},
    EventType.shelling: {EventType.missile_strike, EventType.airstrike, EventType.ground_attack},
    EventType.ground_attack: {EventType.shelling, EventType.drone_strike},
}
COMPATIBLE[EventType.drone_strike].add(EventType.ground_attack)


class Level(NamedTuple):
    """One field's level (`FieldLevel` once it is kept on an event)."""

    field: str
    level: str
    weight: float
    veto: bool = False
    detail: str | None = None

    def record(self) -> FieldLevel:
        return FieldLevel(
            field=self.field,
            level=self.level,
            weight=self.weight,
            veto=self.veto,
            detail=self.detail,
        )


@dataclass(frozen=True)
class Comparison:
    levels: tuple[Level, ...]

    def records(self) -> list[FieldLevel]:
        return [level.record() for level in self.levels]

    @property
    def score(self) -> float:
        return sum(level.weight for level in self.levels)

    @property
    def vetoed(self) -> bool:
        return any(level.veto for level in self.levels)

    @property
    def match(self) -> bool:
        return not self.vetoed and self.score >= THRESHOLD

    def why_not(self) -> str:
        vetoes = [f"{lv.field} {lv.level}" for lv in self.levels if lv.veto]
        if vetoes:
            return "kept apart by " + ", ".join(vetoes)
        return f"score {self.score:g} below the threshold {THRESHOLD:g}"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _coords(m: Mention) -> tuple[float, float] | None:
    loc = m.incident.location
    return (loc.lat, loc.lon) if loc.lat is not None and loc.lon is not None else None


def _vague(m: Mention) -> bool:
    loc = m.incident.location
    return loc.precision in _VAGUE or not m.place


def _same_in_latin(a: str, b: str) -> bool:
    """Exactly one name in Arabic script, and its letters spell the other's consonants."""
    if is_arabic(a) == is_arabic(b):
        return False
    arabic, latin = (a, b) if is_arabic(a) else (b, a)
    skeleton = place_skeleton(romanised(arabic))
    return len(skeleton) >= 2 and skeleton == place_skeleton(latin)


def compare_place(a: Mention, b: Mention) -> Level:
    if not a.place and not b.place:
        return Level(field="place", level="unknown", weight=0)
    if _vague(a) or _vague(b):
        return Level(field="place", level="region", weight=-1)
    ca, cb = _coords(a), _coords(b)
    if ca and cb:
        km = _km(ca, cb)
        detail = f"{km:.1f} km"
        if km <= NEAR_KM:
            return Level(field="place", level="gazetteer_same", weight=4, detail=detail)
        if km > FAR_KM:
            return Level(field="place", level="far", weight=-4, veto=True, detail=detail)
    if a.place == b.place:
        return Level(field="place", level="name_same", weight=4, detail=a.place)
    if fuzz.ratio(a.place, b.place) >= 90:
        return Level(field="place", level="name_close", weight=3, detail=f"{a.place} ~ {b.place}")
    if _same_in_latin(a.place, b.place):  # «حاس» and "Hass": one name in two scripts
        return Level(
            field="place", level="name_transliterated", weight=3, detail=f"{a.place} ~ {b.place}"
        )
    ta, tb = set(a.place.split()), set(b.place.split())
    if ta <= tb or tb <= ta:
        return Level(
            field="place", level="name_contains", weight=2, detail=f"{a.place} ~ {b.place}"
        )
    return Level(field="place", level="different", weight=-4, detail=f"{a.place} / {b.place}")


def compare_date(a: Mention, b: Mention) -> Level:
    gap = gap_days(a, b)
    if gap is None:
        return _undated(a, b)
    both_days = a.day_precise and b.day_precise
    if gap == 0:
        if both_days:
            return Level(field="date", level="same_day", weight=3, detail=str(a.days[0]))  # type: ignore[index]
        return Level(field="date", level="overlap", weight=1)
    if gap == 1 and both_days and (a.relative or b.relative):
        return Level(field="date", level="adjacent_day", weight=2)
    return Level(field="date", level="apart", weight=-3, veto=True, detail=f"{gap} days")


def _undated(a: Mention, b: Mention) -> Level:
    """The level of two mentions of which one at least is undated: undated news is news
    of its report's days."""
    for undated, dated in ((a, b), (b, a)):
        if undated.days is None and dated.days is not None and undated.published:
            if (dated.days[0] - undated.published).days > 1:
                detail = f"{dated.days[0]} after the report of {undated.published}"
                return Level(
                    field="date", level="after_report", weight=-3, veto=True, detail=detail
                )
            if (undated.published - dated.days[1]).days > REPORTS_APART_DAYS:
                detail = f"{dated.days[1]} long before the report of {undated.published}"
                return Level(
                    field="date", level="before_report", weight=-3, veto=True, detail=detail
                )
    if a.days is None and b.days is None and a.published and b.published:
        apart = abs((a.published - b.published).days)
        if apart > REPORTS_APART_DAYS:
            detail = f"reports {apart} days apart"
            return Level(field="date", level="reports_apart", weight=-3, veto=True, detail=detail)
    return Level(field="date", level="unknown", weight=-1)


def compare_type(a: Mention, b: Mention) -> Level:
    ta, tb = EventType(a.incident.event_type), EventType(b.incident.event_type)
    if ta == tb and ta != EventType.other:
        return Level(field="event_type", level="same", weight=1, detail=str(ta))
    if EventType.other in (ta, tb):
        return Level(field="event_type", level="unknown", weight=0)
    if tb in COMPATIBLE.get(ta, set()):
        return Level(field="event_type", level="compatible", weight=0.5, detail=f"{ta}/{tb}")
    return Level(field="event_type", level="incompatible", weight=-3, detail=f"{ta}/{tb}")


def compare_perpetrators(a: Mention, b: Mention) -> Level:
    if not a.perpetrators or not b.perpetrators:
        return Level(field="perpetrators", level="unknown", weight=0)
    shared = a.perpetrators & b.perpetrators
    if shared:
        return Level(
            field="perpetrators", level="shared", weight=1, detail=", ".join(sorted(shared))
        )
    return Level(field="perpetrators", level="disjoint", weight=-1)


def compare(a: Mention, b: Mention) -> Comparison:
    """Every field's level for one pair; two incidents of one article are vetoed."""
    levels = [
        compare_place(a, b),
        compare_date(a, b),
        compare_type(a, b),
        compare_perpetrators(a, b),
    ]
    if a.doc_id == b.doc_id:
        levels.append(Level(field="article", level="same_article", weight=0, veto=True))
    return Comparison(tuple(levels))
