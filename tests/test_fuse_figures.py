"""Figures: every claim kept with its source, the latest per source current, low/best/high."""

from __future__ import annotations

from fuse_support import SOHR, WHITE_HELMETS, claim, incident, market_strike, result

from extractor.fuse import fuse


def _one(results):
    events = fuse(results)
    assert len(events) == 1, [[m.doc_id for m in e.members] for e in events]
    return events[0]


def test_low_best_high_over_each_sources_current_figure() -> None:
    events = fuse(market_strike())
    event = next(e for e in events if len(e.members) == 4)
    # SOHR 39 (its latest article), Civil Defence 33; the Danish daily's own 38 is left
    # out, as named sources give figures
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (33, 33, 39)
    assert event.fatalities.sources == 2
    assert (event.civilian_fatalities.low, event.civilian_fatalities.high) == (33, 39)
    assert (event.injured.low, event.injured.high, event.injured.sources) == (70, 70, 1)
    current = {c.source_name: c for c in event.claims if "killed" in c.current}
    assert current["Syrian Observatory for Human Rights"].doc_id == "w3_de_dpa"
    # every claim keeps its article, publication date and quote
    assert len(event.claims) == 8
    assert all(c.doc_id and c.quote and c.published for c in event.claims)


def test_a_toll_that_rises_within_one_article_ends_at_its_last_figure() -> None:
    day = "2019-07-22"
    rises = [claim(SOHR, 23), claim(SOHR, 31, text="rose to 31"), claim(SOHR, 39)]
    event = _one([result("a", day, [incident("I1", day, claims=rises)])])
    assert [c.text for c in event.claims if "killed" in c.current] == ["39 civilians"]
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (39, 39, 39)


def test_a_later_article_supersedes_the_same_sources_earlier_figure() -> None:
    first = result("a", "2019-07-22", [incident("I1", "2019-07-22", claims=[claim(SOHR, 31)])])
    revised = result("b", "2019-07-24", [incident("I1", "2019-07-22", claims=[claim(SOHR, 28)])])
    event = _one([first, revised])
    assert (event.fatalities.low, event.fatalities.high) == (28, 28)
    assert event.fatalities.sources == 1


def test_a_part_given_after_the_toll_does_not_replace_it() -> None:
    day = "2016-08-11"
    parts = [claim(SOHR, 24), claim(SOHR, 6, population="people", text="six others")]
    event = _one([result("a", day, [incident("I1", day, claims=parts)])])
    assert event.fatalities.low == 24


def test_children_stand_for_civilians_not_for_all_killed() -> None:
    day = "2019-07-22"
    kids = [claim(WHITE_HELMETS, 8, population="children", text="8 children")]
    event = _one([result("a", day, [incident("I1", day, claims=kids)])])
    assert event.fatalities.low is None
    assert event.civilian_fatalities.low == 8


def test_best_is_the_figure_most_sources_give() -> None:
    day = "2022-01-21"
    msf = {"name": "Medecins Sans Frontieres", "kind": "ngo"}
    houthi = {"name": "Houthi health ministry", "kind": "government"}
    icrc = {"name": "ICRC", "kind": "international_org"}
    claims_by = [(msf, 70), (houthi, 82), (icrc, 70)]
    results = [
        result(f"d{i}", day, [incident("I1", day, "Saada", "Saada", "YEM", claims=[claim(c, n)])])
        for i, (c, n) in enumerate(claims_by)
    ]
    event = _one(results)
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (70, 70, 82)
    open_ended = result(
        "d9", day, [incident("I1", day, "Saada", "Saada", "YEM",
                              claims=[claim(icrc, 90, max=None, qualifier="at_least")])]
    )  # fmt: skip
    assert _one([*results, open_ended]).fatalities.high == 90


def test_a_sources_civilian_and_combatant_figures_add_up() -> None:
    day = "2024-05-20"
    police = {"name": "Colombian National Police", "kind": "state_military"}
    governor = {"name": "Octavio Guzmán", "kind": "government"}
    claims = [
        claim(police, 2, population="combatants", text="dos uniformados"),
        claim(governor, 2, population="combatants", text="dos policías"),
        claim(governor, 1, population="civilians", text="un civil"),
    ]
    event = _one(
        [result("a", day, [incident("I1", day, "Morales", "Cauca", "COL", claims=claims)])]
    )
    assert (event.fatalities.low, event.fatalities.high, event.fatalities.sources) == (2, 3, 2)
    assert (event.civilian_fatalities.low, event.civilian_fatalities.high) == (1, 1)
    assert sorted(c.text for c in event.claims if "killed" in c.current) == [
        "dos policías",
        "dos uniformados",
        "un civil",
    ]


def test_the_outlets_own_figure_counts_only_where_no_source_is_cited() -> None:
    day = "2024-06-06"
    unrwa = {"name": "UNRWA", "kind": "international_org"}
    dozens = claim(None, 24, max=None, qualifier="at_least", text="decenas de cuerpos")
    cited = _one([result("a", day, [incident("I1", day, claims=[claim(unrwa, 35), dozens])])])
    assert (cited.fatalities.low, cited.fatalities.high) == (35, 35)
    alone = _one([result("a", day, [incident("I1", day, claims=[dozens])])])
    assert (alone.fatalities.low, alone.fatalities.high, alone.fatalities.sources) == (24, 24, 1)
