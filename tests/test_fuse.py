"""Matching incidents of many articles into events, and why each pair was or was not merged."""

from __future__ import annotations

from fuse_support import RUS, SOHR, claim, incident, market_strike, result

from extractor.fuse import Grade, fuse


def _event_of(events, doc_id: str, incident_id: str = "I1"):
    return next(
        e
        for e in events
        if any(m.doc_id == doc_id and m.incident == incident_id for m in e.members)
    )


def test_one_strike_reported_in_four_languages_is_one_event() -> None:
    events = fuse(market_strike())
    event = _event_of(events, "w1_en_wire")
    assert sorted(m.doc_id for m in event.members) == [
        "w1_ar_monitor",
        "w1_en_wire",
        "w3_de_dpa",
        "w4_da_daily",
    ]
    assert event.notes == ["reported in ar, da, de, en"]
    assert str(event.date.start) == "2019-07-22"
    # every joined member says which fields agreed, with their weights, as data
    joined = [m for m in event.members if m.joined_with]
    assert len(joined) == 3
    danish = next(m for m in event.members if m.doc_id == "w4_da_daily")
    levels = {lv.field: lv.level for lv in danish.levels}
    assert levels["date"] == "adjacent_day"  # "yesterday" resolved one day off
    assert levels["place"] == "name_close"
    assert danish.score is not None and danish.score >= 5


def test_same_place_on_another_day_is_kept_apart_and_says_why() -> None:
    events = fuse(market_strike())
    strike, later = _event_of(events, "w1_en_wire"), _event_of(events, "w3_de_dpa", "I2")
    assert strike.id != later.id
    assert [(m.doc_id, m.incident) for m in later.members] == [("w3_de_dpa", "I2")]
    misses = [n for n in later.near_misses if n.other == "w4_da_daily#I1"]
    assert misses, later.near_misses
    assert "date apart" in misses[0].reason
    assert {lv.field: lv.level for lv in misses[0].levels}["place"] == "name_close"


def test_same_date_in_two_places_is_kept_apart() -> None:
    day = "2024-05-25"
    kharkiv = result(
        "a", day, [incident("I1", day, "Kharkiv", "Kharkiv", "UKR", perpetrators=[RUS])]
    )
    chuhuiv = result(
        "b", day, [incident("I1", day, "Chuhuiv", "Kharkiv", "UKR", perpetrators=[RUS])]
    )
    kherson = result(
        "c", day, [incident("I1", day, "Kherson", "Kherson", "UKR", event_type="shelling")]
    )
    kharkiv2 = result(
        "d", day, [incident("I1", day, "Kharkiv", "Kharkiv", "UKR", perpetrators=[RUS])]
    )
    events = fuse([kharkiv, chuhuiv, kherson, kharkiv2])
    groups = sorted(sorted(m.doc_id for m in e.members) for e in events)
    assert groups == [["a", "d"], ["b"], ["c"]]
    chuhuiv_event = _event_of(events, "b")
    assert chuhuiv_event.near_misses
    assert all(
        {lv.field: lv.level for lv in n.levels}["place"] == "different"
        for n in chuhuiv_event.near_misses
    )
    assert "below the threshold" in chuhuiv_event.near_misses[0].reason


def test_far_apart_coordinates_veto_a_shared_name() -> None:
    day = "2024-05-25"
    a = result("a", day, [incident("I1", day, "Mirny", "X", "RUS", lat=62.5, lon=113.9)])
    b = result("b", day, [incident("I1", day, "Mirny", "X", "RUS", lat=62.9, lon=40.3)])
    events = fuse([a, b])
    assert len(events) == 2
    assert "place far" in events[0].near_misses[0].reason


def test_two_incidents_of_one_article_are_never_merged() -> None:
    day = "2019-07-22"
    twice = result(
        "twin",
        day,
        [incident("I1", day, perpetrators=[RUS]), incident("I2", day, perpetrators=[RUS])],
    )
    other = result("other", day, [incident("I1", day, perpetrators=[RUS])])
    events = fuse([twice, other])
    assert len(events) == 2
    for event in events:
        assert len({m.doc_id for m in event.members}) == len(event.members)
    reasons = [n.reason for e in events for n in e.near_misses]
    assert any("same_article" in r for r in reasons), reasons


def test_a_chain_of_matches_cannot_join_two_days() -> None:
    # an undated-enough middle report must not bridge Monday's and Thursday's strikes
    monday = result("mon", "2019-07-22", [incident("I1", "2019-07-22", perpetrators=[RUS])])
    thursday = result("thu", "2019-07-25", [incident("I1", "2019-07-25", perpetrators=[RUS])])
    week = result(
        "week",
        "2019-07-26",
        [
            {
                **incident("I1", "2019-07-22", perpetrators=[RUS]),
                "date": {"start": "2019-07-22", "end": "2019-07-26", "precision": "week"},
            }
        ],
    )
    events = fuse([monday, thursday, week])
    assert _event_of(events, "mon").id != _event_of(events, "thu").id


def test_incompatible_types_are_kept_apart_but_compatible_ones_merge() -> None:
    day = "2024-05-20"
    drone = result(
        "a", day, [incident("I1", day, "Morales", "Cauca", "COL", event_type="drone_strike")]
    )
    air = result("b", day, [incident("I1", day, "Morales", "Cauca", "COL", event_type="airstrike")])
    raid = result(
        "c", day, [incident("I1", day, "Morales", "Cauca", "COL", event_type="chemical_attack")]
    )
    shelling = result(
        "d", day, [incident("I1", day, "Morales", "Cauca", "COL", event_type="shelling")]
    )
    events = fuse([drone, air, raid, shelling])
    assert _event_of(events, "a").id == _event_of(events, "b").id
    assert len(_event_of(events, "a").members) >= 2


def test_statements_about_member_incidents_are_kept_and_grade_contested_on_denial() -> None:
    event = _event_of(fuse(market_strike()), "w1_en_wire")
    assert [(s.doc_id, s.statement.type, s.by_accused) for s in event.statements] == [
        ("w1_en_wire", "deny", True)
    ]
    assert event.grade == Grade.contested
    assert "denies" in event.grade_reason


def test_grades() -> None:
    day = "2024-06-06"
    idf = {"name": "Israel Defense Forces", "kind": "state_military", "country": "ISR"}
    gmo = {"name": "Gaza Government Media Office", "kind": "government"}
    unrwa = {"name": "UNRWA", "kind": "international_org"}
    hamas = {"name": "Hamas", "kind": "armed_group"}

    def report(doc_id, perps, claimant, statements=()):
        inc = incident(
            "I1", day, "Nuseirat", "Deir al-Balah", "PSE", perpetrators=perps,
            claims=[claim(claimant, 40)],
        )  # fmt: skip
        return result(doc_id, day, [inc], list(statements))

    confirm = {"id": "S1", "speaker": idf, "type": "confirm", "content": "c", "about": ["I1"]}
    assert fuse([report("a", [idf], gmo, [confirm])])[0].grade == Grade.confirmed
    assert fuse([report("a", [idf], gmo), report("b", [idf], unrwa)])[0].grade == Grade.fair
    assert fuse([report("a", [idf], gmo), report("b", [idf], gmo)])[0].grade == Grade.weak
    contested = fuse([report("a", [idf], gmo), report("b", [hamas], unrwa)])
    assert len(contested) == 1 and contested[0].grade == Grade.contested
    # the accused confirms the strike and denies the civilian toll: confirmed, not contested
    deny = {"id": "S2", "speaker": idf, "type": "deny", "content": "no civilians", "about": ["I1"]}
    assert fuse([report("a", [idf], gmo, [confirm, deny])])[0].grade == Grade.confirmed
    # a local official of the accused's country making a claim is not the accused
    local = {"name": None, "kind": "government", "country": "ISR", "role": "mayor"}
    says = {"id": "S3", "speaker": local, "type": "claim", "content": "c", "about": ["I1"]}
    event = fuse([report("a", [idf], gmo, [says])])[0]
    assert event.grade == Grade.weak and not event.statements[0].by_accused
    claimed = {**hamas, "attribution": "claimed"}
    assert fuse([report("a", [claimed], None)])[0].grade == Grade.confirmed
    assert all(e.grade != Grade.discounted for e in contested)


def test_sources_are_counted_by_claimant_not_by_article() -> None:
    event = _event_of(fuse(market_strike()), "w1_en_wire")
    # SOHR in three articles is one source; the Danish daily counts for its own figure
    assert event.sources == [
        "Syrian Civil Defence",
        "Syrian Observatory for Human Rights",
        "w4_da_daily",
    ]
    sohr = [c for c in event.claims if c.source_name == SOHR["name"]]
    assert {c.doc_id for c in sohr} == {"w1_en_wire", "w1_ar_monitor", "w3_de_dpa"}


def test_blocking_sweep_gives_exactly_the_pairs_of_the_rule() -> None:
    import datetime as dt
    import random
    from itertools import combinations

    from extractor.fuse.block import blocked_together, candidate_pairs, mentions

    rng = random.Random(7)
    base = dt.date(2024, 5, 1)
    results = []
    for n in range(40):
        incidents = []
        for k in range(rng.randint(1, 3)):
            day = (base + dt.timedelta(days=rng.randint(0, 30))).isoformat()
            inc = incident(
                f"I{k + 1}", day, rng.choice(["A", "B"]), rng.choice(["X", "Y", ""]),
                rng.choice(["UKR", "SYR", ""]),
            )  # fmt: skip
            if rng.random() < 0.2:
                inc["date"] = {"precision": "unknown"}
            elif rng.random() < 0.2:
                inc["date"]["end"] = (base + dt.timedelta(days=40)).isoformat()
            incidents.append(inc)
        results.append(result(f"d{n}", "2024-06-01", incidents))
    items = mentions(results)
    fast = [(a.ref, b.ref) for a, b in candidate_pairs(items)]
    slow = {(a.ref, b.ref) for a, b in combinations(items, 2) if blocked_together(a, b)}
    assert len(fast) == len(set(fast)) and set(fast) == slow


def test_a_spokesperson_is_their_organisation_and_unnamed_claimants_their_kind() -> None:
    day = "2024-03-17"
    lazzarini = {"name": "Philippe Lazzarini", "kind": "international_org", "organisation": "UNRWA"}
    unrwa = {"name": "UNRWA", "kind": "international_org"}
    official_en = {"text": "a local elected official", "kind": "government", "country": "MLI"}
    official_fr = {"text": "un élu local", "kind": "government", "country": "MLI"}

    def report(doc_id, claimant, n):
        inc = incident("I1", day, "Amasrakad", "Gao", "MLI", claims=[claim(claimant, n)])
        return result(doc_id, day, [inc])

    event = fuse(
        [report("a", lazzarini, 13), report("b", unrwa, 13), report("c", official_en, 14),
         report("d", official_fr, 14)]
    )[0]  # fmt: skip
    assert len(event.members) == 4
    assert event.sources == ["a local elected official", "UNRWA"]
    assert (event.fatalities.low, event.fatalities.high, event.fatalities.sources) == (13, 14, 2)


def test_an_undated_report_joins_its_place_but_not_a_later_attack() -> None:
    undated = result(
        "u",
        "2025-04-14",
        [
            incident(
                "I1",
                "2025-04-13",
                "Sumy",
                "Sumy",
                "UKR",
                event_type="missile_strike",
                perpetrators=[RUS],
            )
        ],
    )
    undated.incidents[0].date.start = undated.incidents[0].date.end = None
    dated = result(
        "d",
        "2025-04-13",
        [
            incident(
                "I1",
                "2025-04-13",
                "Sumy",
                "Sumy",
                "UKR",
                event_type="missile_strike",
                perpetrators=[RUS],
            )
        ],
    )
    later = result(
        "l",
        "2025-05-02",
        [
            incident(
                "I1",
                "2025-05-01",
                "Sumy",
                "Sumy",
                "UKR",
                event_type="missile_strike",
                perpetrators=[RUS],
            )
        ],
    )
    events = fuse([undated, dated, later])
    assert _event_of(events, "u").id == _event_of(events, "d").id
    assert _event_of(events, "l").id != _event_of(events, "u").id
    assert any("after_report" in n.reason for n in _event_of(events, "l").near_misses)


def _sumy(doc_id: str, published: str, day: str | None):  # type: ignore[no-untyped-def]
    inc = incident(
        "I1",
        day or published,
        "Sumy",
        "Sumy",
        "UKR",
        event_type="missile_strike",
        perpetrators=[RUS],
    )
    out = result(doc_id, published, [inc])
    if day is None:
        out.incidents[0].date.start = out.incidents[0].date.end = None
    return out


def test_an_undated_report_does_not_join_an_attack_long_before_it() -> None:
    # a report of January names no date: it is not the attack of the June before
    events = fuse([_sumy("june", "2024-06-10", "2024-06-10"), _sumy("jan", "2025-01-28", None)])
    assert _event_of(events, "june").id != _event_of(events, "jan").id
    assert any("before_report" in n.reason for n in _event_of(events, "jan").near_misses)


def test_two_undated_reports_months_apart_are_two_events() -> None:
    events = fuse([_sumy("june", "2024-06-10", None), _sumy("jan", "2025-01-28", None)])
    assert _event_of(events, "june").id != _event_of(events, "jan").id
    assert any("reports_apart" in n.reason for n in _event_of(events, "jan").near_misses)


def test_two_undated_reports_days_apart_still_join() -> None:
    events = fuse([_sumy("mon", "2024-06-10", None), _sumy("wed", "2024-06-12", None)])
    assert _event_of(events, "mon").id == _event_of(events, "wed").id


def _dated(doc_id: str, published: str, day: str, written: str, language: str = "en"):  # type: ignore[no-untyped-def]
    inc = incident("I1", day, place="Kansafra", source="resolved", perpetrators=[RUS])
    inc["date"]["text"] = written
    return result(doc_id, published, [inc], language=language)


def test_a_weekday_one_day_from_another_reports_today_is_another_day() -> None:
    # a village struck on two days running: "on Monday" (a Tuesday page) and "today"
    events = fuse(
        [
            _dated("monday", "2019-06-11", "2019-06-10", "am Montagmorgen", "de"),
            _dated("tuesday", "2019-06-11", "2019-06-11", "today"),
        ]
    )
    assert len(events) == 2


def test_yesterday_one_day_from_another_reports_day_is_the_same_day() -> None:
    # "gestern" on a page dated a day late is the other report's Monday
    events = fuse(
        [
            _dated("late", "2019-06-12", "2019-06-11", "gestern", "de"),
            _dated("wire", "2019-06-10", "2019-06-10", "today"),
        ]
    )
    assert len(events) == 1


def test_a_village_in_arabic_script_and_in_latin_letters_is_one_place() -> None:
    arabic = incident("I1", "2019-06-10", place="حاس", perpetrators=[RUS])
    latin = incident("I1", "2019-06-10", place="Hass", perpetrators=[RUS])
    events = fuse(
        [
            result("sohr_ar", "2019-06-10", [arabic], language="ar"),
            result("dpa_de", "2019-06-11", [latin], language="de"),
        ]
    )
    assert len(events) == 1
    joined = next(m for m in events[0].members if m.joined_with)
    levels = {lv.field: lv.level for lv in joined.levels}
    assert levels["place"] == "name_transliterated"
