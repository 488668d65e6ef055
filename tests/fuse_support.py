"""Synthetic results for the fuse tests: one market strike reported in four languages."""

from __future__ import annotations

from typing import Any

from extractor.models import ExtractionResult

RUS = {"name": "Russian Armed Forces", "kind": "state_military", "country": "RUS"}
SAA = {"name": "Syrian Arab Army", "kind": "state_military", "country": "SYR"}
SOHR = {"name": "Syrian Observatory for Human Rights", "kind": "monitor"}
WHITE_HELMETS = {"name": "Syrian Civil Defence", "kind": "ngo"}
MOD = {"name": "Russian Ministry of Defence", "kind": "government", "country": "RUS"}


def claim(claimant: dict[str, Any] | None, n: int, **kw: Any) -> dict[str, Any]:
    return {
        "claimant": claimant,
        "outcome": kw.get("outcome", "killed"),
        "population": kw.get("population", "civilians"),
        "min": n,
        "max": kw.get("max", n),
        "qualifier": kw.get("qualifier", "exact"),
        "text": kw.get("text", f"{n} civilians"),
        "evidence": [{"quote": kw.get("quote", f"{n} civilians were killed")}],
    }


def incident(
    iid: str,
    day: str,
    place: str = "Maarat al-Numan",
    admin1: str = "Idlib",
    country: str = "SYR",
    *,
    event_type: str = "airstrike",
    perpetrators: list[dict[str, Any]] | None = None,
    claims: list[dict[str, Any]] | None = None,
    source: str = "text",
    lat: float | None = None,
    lon: float | None = None,
) -> dict[str, Any]:
    return {
        "id": iid,
        "event_type": event_type,
        "date": {"start": day, "end": day, "precision": "day", "source": source},
        "location": {
            "name": place,
            "admin1": admin1,
            "country": country,
            "precision": "town",
            "lat": lat,
            "lon": lon,
        },
        "perpetrators": [
            {**p, "attribution": p.get("attribution", "alleged")} for p in (perpetrators or [])
        ],
        "casualty_claims": claims or [],
    }


def result(
    doc_id: str,
    published: str,
    incidents: list[dict[str, Any]],
    statements: list[dict[str, Any]] | None = None,
    language: str = "en",
) -> ExtractionResult:
    return ExtractionResult.model_validate(
        {
            "doc_id": doc_id,
            "source": f"articles/{doc_id}.txt",
            "text_sha256": "0" * 64,
            "language": language,
            "published": {"start": published, "end": published, "precision": "day"},
            "incidents": incidents,
            "statements": statements or [],
            "provenance": {
                "provider": "test",
                "model": "test",
                "prompt_version": "t",
                "extractor_version": "0",
            },
        }
    )


def statement(sid: str, speaker: dict[str, Any], kind: str, about: list[str]) -> dict[str, Any]:
    return {"id": sid, "speaker": speaker, "type": kind, "content": f"{kind}", "about": about}


def market_strike() -> list[ExtractionResult]:
    """E1 (2019-07-22, Maarat al-Numan) in en/ar/de/da, and D1 (07-25, same town) in de."""
    en = result(
        "w1_en_wire",
        "2019-07-22",
        [
            incident(
                "I1",
                "2019-07-22",
                perpetrators=[RUS],
                claims=[claim(SOHR, 23), claim(SOHR, 31, text="rose to 31"), claim(SOHR, 39)],
            )
        ],
        [statement("S1", MOD, "deny", ["I1"])],
    )
    ar = result(
        "w1_ar_monitor",
        "2019-07-23",
        [
            incident(
                "I1",
                "2019-07-22",
                place="Maarat al-Numan",
                perpetrators=[RUS, SAA],
                claims=[
                    claim(WHITE_HELMETS, 33),
                    claim(WHITE_HELMETS, 70, outcome="injured", max=None, qualifier="more_than"),
                    claim(SOHR, 39),
                ],
            )
        ],
        language="ar",
    )
    de = result(
        "w3_de_dpa",
        "2019-07-26",
        [
            incident("I1", "2019-07-22", perpetrators=[RUS], claims=[claim(SOHR, 39)]),
            incident("I2", "2019-07-25", perpetrators=[RUS], claims=[claim(SOHR, 4)]),
        ],
        language="de",
    )
    da = result(
        "w4_da_daily",
        "2019-07-23",
        [
            incident(
                "I1",
                "2019-07-23",
                place="Ma'arrat al-Nu'man",
                source="resolved",
                claims=[claim(None, 38, text="38 dræbte")],
            )
        ],
        language="da",
    )
    return [en, ar, de, da]
