"""Shared fixtures of the eval-harness tests: small gold documents built from the models.

``gold_documents()`` returns the real gold files of ``seeds/annotations`` when
they exist and load, else the two hand-built documents below (seeds 000 and
003), so the tests run either way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from extractor.evaluation.load import load_gold
from extractor.models import (
    Actor,
    Alignment,
    CasualtyClaim,
    DateSpec,
    DocumentRecords,
    Evidence,
    GoldAnnotation,
    Incident,
    Location,
    Perpetrator,
    Statement,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD_DIR = SEEDS / "annotations"


def seed_text(doc_id: str) -> str:
    return (SEEDS / f"{doc_id}.txt").read_bytes().decode("utf-8")


def ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(
        quote=quote, char_start=start, char_end=start + len(quote), alignment=Alignment.exact
    )


SOHR = Actor(name="Syrian Observatory for Human Rights", kind="monitor")
RU_MIL = Perpetrator(
    name="Russian Armed Forces", kind="state_military", country="RUS", attribution="stated"
)


def _day(text: str, day: dt.date, precision: str = "day") -> DateSpec:
    return DateSpec(text=text, start=day, end=day, precision=precision)


def fixture_000() -> GoldAnnotation:
    doc_id = "000_7ea8c643e84d13f7"
    t = seed_text(doc_id)
    rbss = Actor(name="Raqqa is Being Slaughtered Silently", kind="monitor")
    raqqa = Incident(
        id="I1",
        event_type="airstrike",
        date=_day("on Thursday", dt.date(2016, 8, 11)),
        location=Location(
            text="Raqqa", name="Raqqa", admin1="Raqqa", country="SYR", precision="town"
        ),
        perpetrators=[RU_MIL],
        targets=["oil refinery"],
        casualty_claims=[
            CasualtyClaim(
                claimant=rbss,
                population="civilians",
                min=20,
                max=None,
                qualifier="at_least",
                text="at least 20 civilians",
                evidence=[ev(t, "said at least 20 civilians were killed in the assault")],
            ),
            CasualtyClaim(
                claimant=SOHR,
                population="civilians",
                min=24,
                max=24,
                text="24 civilians",
                evidence=[ev(t, "said 24 civilians were killed")],
            ),
        ],
        evidence=[ev(t, "The early morning airstrikes on the IS stronghold of Raqqa")],
    )
    aleppo = Incident(
        id="I2",
        event_type="barrel_bomb",
        status="disputed",
        date=_day("late Wednesday", dt.date(2016, 8, 10)),
        location=Location(
            text="eastern Zabadieh neighborhood",
            name="Zabadieh",
            admin1="Aleppo",
            country="SYR",
            precision="neighbourhood",
        ),
        perpetrators=[
            Perpetrator(
                name="Syrian Armed Forces",
                kind="state_military",
                country="SYR",
                attribution="alleged",
            )
        ],
        weapons=["barrel bombs", "chlorine gas"],
        casualty_claims=[
            CasualtyClaim(
                claimant=Actor(name="Syrian Civil Defence", kind="ngo", country="SYR"),
                population="people",
                min=2,
                max=None,
                qualifier="at_least",
                text="at least two people",
                evidence=[ev(t, "killed at least two people")],
            )
        ],
        evidence=[ev(t, "at least four barrel bombs dropped on the area")],
    )
    statements = [
        Statement(
            id="S1",
            speaker=rbss,
            type="claim",
            about=["I1"],
            content="At least 20 civilians were killed in the Raqqa strikes.",
            evidence=[ev(t, "said at least 20 civilians were killed in the assault")],
        ),
        Statement(
            id="S2",
            speaker=SOHR,
            type="claim",
            about=["I1"],
            content="Twenty-four civilians were killed in Raqqa.",
            evidence=[ev(t, "said 24 civilians were killed")],
        ),
        Statement(
            id="S3",
            speaker=Actor(
                name="Russian Ministry of Defence",
                text="The Russian military",
                kind="state_military",
                country="RUS",
            ),
            type="confirm",
            about=["I1"],
            content="Russian long-range bombers struck IS facilities near Raqqa.",
            evidence=[ev(t, "six of its long-range bombers had flown from their base")],
        ),
        Statement(
            id="S4",
            speaker=Actor(
                text="A Syrian military official",
                kind="state_military",
                country="SYR",
                organisation="Syrian Armed Forces",
            ),
            type="deny",
            about=["I2"],
            content="The chlorine allegations were fabricated by the militants.",
            evidence=[ev(t, "A Syrian military official denied the allegations")],
        ),
        Statement(
            id="S5",
            speaker=Actor(
                name="Organisation for the Prohibition of Chemical Weapons",
                kind="international_org",
            ),
            type="comment",
            about=["I2"],
            content="Reports of possible chemical weapons use are of great concern.",
            quote="of great concern.",
            evidence=[ev(t, 'were "of great concern."')],
        ),
    ]
    return _gold(doc_id, t, [raqqa, aleppo], statements, dt.date(2016, 8, 12))


def fixture_003() -> GoldAnnotation:
    doc_id = "003_13956b3d53b21d07"
    t = seed_text(doc_id)
    rahman = Actor(
        name="Rami Abdel Rahman",
        kind="monitor",
        role="head",
        organisation="Syrian Observatory for Human Rights",
    )
    mod = Actor(name="Russian Ministry of Defence", kind="state_military", country="RUS")
    strike = Incident(
        id="I1",
        event_type="airstrike",
        date=_day("today morning", dt.date(2017, 11, 27)),
        location=Location(
            text="the village of Al-Shafah",
            name="Al-Shafah",
            admin1="Deir ez-Zor",
            country="SYR",
            precision="town",
        ),
        perpetrators=[RU_MIL],
        targets=["residential buildings"],
        casualty_claims=[
            CasualtyClaim(
                claimant=SOHR,
                population="civilians",
                min=53,
                qualifier="at_least",
                text="At least 53 civilians",
                evidence=[ev(t, "At least 53 civilians")],
            ),
            CasualtyClaim(
                claimant=SOHR,
                population="children",
                min=21,
                max=21,
                text="21 children",
                evidence=[ev(t, "including 21 children")],
            ),
            CasualtyClaim(
                claimant=SOHR,
                outcome="injured",
                population="people",
                min=18,
                max=18,
                text="18 others",
                evidence=[ev(t, "18 others were wounded")],
            ),
        ],
        evidence=[ev(t, "air strikes hit the village of Al-Shafah in Deir Ezzor province")],
    )
    statements = [
        Statement(
            id="S1",
            speaker=SOHR,
            type="accuse",
            about=["I1"],
            content="Russian air strikes hit the village of Al-Shafah.",
            evidence=[ev(t, "air strikes hit the village of Al-Shafah in Deir Ezzor province")],
        ),
        Statement(
            id="S2",
            speaker=rahman,
            type="claim",
            about=["I1"],
            content="The toll rose after debris was removed.",
            quote="The toll increased after removing the debris in a long day of rescue operation,",
            evidence=[ev(t, "The toll increased after removing the debris")],
        ),
        Statement(
            id="S3",
            speaker=mod,
            type="confirm",
            about=["I1"],
            content="Russia launched air strikes in Deir ez-Zor province.",
            evidence=[ev(t, "The Russian Defence Ministry confirmed launching air strikes")],
        ),
    ]
    return _gold(doc_id, t, [strike], statements, dt.date(2017, 11, 27))


def _gold(
    doc_id: str,
    text: str,
    incidents: list[Incident],
    statements: list[Statement],
    published: dt.date,
) -> GoldAnnotation:
    return GoldAnnotation(
        doc_id=doc_id,
        source=f"seeds/{doc_id}.txt",
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        published=DateSpec(start=published, end=published, precision="day", source="metadata"),
        incidents=incidents,
        statements=statements,
        annotator="eval-harness tests",
    )


def fixture_documents() -> list[DocumentRecords]:
    return [fixture_000(), fixture_003()]


def real_gold_documents() -> list[DocumentRecords]:
    """The gold files of seeds/annotations, or [] when there are none (yet)."""
    if not GOLD_DIR.is_dir() or not any(GOLD_DIR.glob("*.json")):
        return []
    return list(load_gold(GOLD_DIR).records().values())


def gold_documents() -> list[DocumentRecords]:
    """Real gold when present, else the fixtures."""
    return real_gold_documents() or fixture_documents()


def copy_docs(docs: list[DocumentRecords]) -> list[DocumentRecords]:
    return [d.model_copy(deep=True) for d in docs]
