"""Chunk planning on long texts and merging of per-chunk records."""

from __future__ import annotations

import itertools
import random
import re
import time

import pytest

from extractor.chunking import Chunk, merge_chunk_records, plan_chunks
from extractor.models import (
    Actor,
    CasualtyClaim,
    DateSpec,
    EventType,
    Evidence,
    Incident,
    Location,
    Perpetrator,
    Statement,
    StatementType,
)

WORDS = [
    "the", "strike", "hit", "a", "market", "in", "idlib", "killing", "at", "least", "twelve",
    "people", "said", "observatory", "ministry", "denied", "reports", "residents", "told",
    "rescuers", "bodies", "rubble", "aircraft",
]  # fmt: skip


def make_text(n_chars: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paras: list[str] = []
    size = 0
    while size < n_chars:
        sents = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 25))).capitalize()
            + rng.choice([".", ".", "!", "?", '."'])
            for _ in range(rng.randint(1, 9))
        ]
        para = " ".join(sents)
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)[:n_chars]


def test_text_that_fits_is_one_chunk() -> None:
    assert plan_chunks("short text.", 100, 10) == [Chunk(0, 11)]
    assert plan_chunks("", 100, 10) == [Chunk(0, 0)]
    text = "x" * 100
    assert plan_chunks(text, 100, 10) == [Chunk(0, 100)]


@pytest.mark.parametrize(("max_chars", "overlap"), [(0, 0), (100, 100), (100, -1)])
def test_bad_sizes_are_rejected(max_chars: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        plan_chunks("abc " * 100, max_chars, overlap)


def test_chunks_cover_the_text_overlap_and_end_at_boundaries() -> None:
    text = make_text(60_000)
    chunks = plan_chunks(text, 3000, 300)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in itertools.pairwise(chunks):
        assert len(a) <= 3000
        assert a.start < b.start < a.end, "consecutive chunks overlap and advance"
        assert 100 <= a.end - b.start <= 500, "overlap is about the requested size"
        assert re.search(r"[.!?\"]\s*$", a.of(text)), "cut at a sentence end or paragraph"
        assert b.start == 0 or text[b.start - 1].isspace(), "next chunk starts at a word"


def test_paragraph_breaks_are_preferred() -> None:
    para = "One sentence here. " * 20  # 380 chars, no paragraph inside
    text = "\n\n".join([para.strip()] * 10)
    chunks = plan_chunks(text, 1000, 0)
    for c in chunks[:-1]:
        assert c.of(text).endswith("\n\n")


def test_text_without_any_boundary_is_cut_hard() -> None:
    text = "x" * 10_000
    chunks = plan_chunks(text, 1000, 100)
    assert all(len(c) <= 1000 for c in chunks)
    assert chunks[-1].end == len(text)
    assert all(a.end - b.start == 100 for a, b in itertools.pairwise(chunks))


def test_two_megabytes_plan_in_linear_time() -> None:
    text = make_text(2_000_000)
    t0 = time.perf_counter()
    chunks = plan_chunks(text, 6000, 400)
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0
    assert 330 < len(chunks) < 500
    covered = 0
    for c in chunks:
        assert c.start <= covered, "no gap between chunks"
        covered = c.end
    assert covered == len(text)


# --------------------------------------------------------------------------- merge


def ev(text: str, quote: str, after: int = 0) -> Evidence:
    start = text.index(quote, after)
    return Evidence(quote=quote, char_start=start, char_end=start + len(quote), alignment="exact")


def incident(id_: str, evidence: list[Evidence], **kw: object) -> Incident:
    base: dict[str, object] = {
        "event_type": EventType.airstrike,
        "location": Location(text="Raqqa", name="Raqqa"),
        "date": DateSpec(text="on Thursday"),
    }
    base.update(kw)
    return Incident(id=id_, evidence=evidence, **base)  # type: ignore[arg-type]


def statement(id_: str, speaker: str, evidence: list[Evidence], **kw: object) -> Statement:
    return Statement(
        id=id_,
        speaker=Actor(name=speaker),
        type=StatementType.deny,
        content="denied",
        evidence=evidence,
        **kw,  # type: ignore[arg-type]
    )


def test_merge_deduplicates_records_seen_in_overlapping_chunks() -> None:
    text = (
        "Airstrikes killed 20 civilians in Raqqa on Thursday, the Observatory said. "
        "Russia denied it. Turkey said 60 people died. Shelling hit Aleppo on Friday."
    )
    strike = "Airstrikes killed 20 civilians in Raqqa on Thursday"
    denial = "Russia denied it."
    obs = Actor(name="Syrian Observatory for Human Rights")
    claim20 = CasualtyClaim(claimant=obs, text="20 civilians", min=20, max=20)
    claim60 = CasualtyClaim(claimant=Actor(name="Turkey"), text="60 people", min=60, max=60)
    part1 = (
        [
            incident(
                "I1",
                [ev(text, strike)],
                casualty_claims=[claim20],
                perpetrators=[Perpetrator(name="Russia")],
            )
        ],
        [statement("S1", "Russia", [ev(text, denial)], about=["I1"])],
    )
    part2 = (
        [
            incident(
                "I1",
                [ev(text, "Turkey said 60 people died.")],
                casualty_claims=[claim20, claim60],
                perpetrators=[Perpetrator(name="russia")],
                weapons=["missiles"],
            ),
            incident(
                "I2",
                [ev(text, "Shelling hit Aleppo on Friday.")],
                event_type=EventType.shelling,
                location=Location(name="Aleppo"),
                date=DateSpec(text="on Friday"),
            ),
        ],
        [
            statement("S1", "Russia", [ev(text, denial)], about=["I1"]),
            statement(
                "S2", "Turkey", [ev(text, "Turkey said 60 people died.")], about=["I2", "I9"]
            ),
        ],
    )
    before = part1[0][0].model_dump()
    incidents, statements = merge_chunk_records([part1, part2])

    assert part1[0][0].model_dump() == before, "inputs are not modified"
    assert [i.id for i in incidents] == ["I1", "I2"]
    raqqa = incidents[0]
    assert [c.text for c in raqqa.casualty_claims] == ["20 civilians", "60 people"]
    assert [p.name for p in raqqa.perpetrators] == ["Russia"]
    assert raqqa.weapons == ["missiles"]
    assert len(raqqa.evidence) == 2
    assert incidents[1].event_type == EventType.shelling

    assert [s.id for s in statements] == ["S1", "S2"]
    assert statements[0].about == ["I1"]
    assert statements[1].about == ["I2"], "ids remapped; unknown ids dropped"
    assert len(statements[0].evidence) == 1


def test_records_of_one_chunk_are_never_merged_with_each_other() -> None:
    text = "A strike hit Raqqa on Thursday. Another strike hit Raqqa on Thursday."
    a = incident("I1", [ev(text, "A strike hit Raqqa on Thursday.")])
    b = incident("I2", [ev(text, "Another strike hit Raqqa on Thursday.")])
    incidents, _ = merge_chunk_records([([a, b], [])])
    assert len(incidents) == 2


def test_same_quote_means_same_statement_even_without_offsets() -> None:
    s1 = Statement(id="S1", speaker=Actor(name="UN"), content="c", quote="We condemn this")
    s2 = Statement(id="S4", speaker=Actor(text="un"), content="c2", quote="we  condemn this")
    s3 = Statement(id="S5", speaker=Actor(name="WHO"), content="c3", quote="We condemn this")
    _, statements = merge_chunk_records([([], [s1]), ([], [s2, s3])])
    assert [(s.id, s.speaker.name) for s in statements] == [("S1", "UN"), ("S2", "WHO")]


def test_different_event_types_stay_apart_and_ids_follow_chunk_order() -> None:
    text = "Strike on Idlib. Shelling on Idlib."
    parts = [
        ([incident("I3", [ev(text, "Strike on Idlib.")])], []),
        ([incident("I1", [ev(text, "Shelling on Idlib.")], event_type=EventType.shelling)], []),
    ]
    incidents, _ = merge_chunk_records(parts)
    assert [(i.id, i.event_type) for i in incidents] == [
        ("I1", EventType.airstrike),
        ("I2", EventType.shelling),
    ]


def test_two_megabyte_article_records_keep_whole_document_offsets() -> None:
    """Records found per chunk, offset into the whole text, survive the merge."""
    text = make_text(2_000_000, seed=3)
    chunks = plan_chunks(text, 6000, 400)
    parts = []
    for chunk in chunks:
        piece = chunk.of(text)
        sentences = [m for m in re.finditer(r"[A-Z][^.!?]{30,}[.!?]", piece)][:2]
        incs, sts = [], []
        for k, m in enumerate(sentences):
            e = Evidence(
                quote=m.group(0),
                char_start=chunk.start + m.start(),
                char_end=chunk.start + m.end(),
                alignment="exact",
            )
            incs.append(incident(f"I{k + 1}", [e], location=Location(name=f"place-{e.char_start}")))
            sts.append(statement(f"S{k + 1}", "Observatory", [e], about=[f"I{k + 1}"]))
        parts.append((incs, sts))
    t0 = time.perf_counter()
    incidents, statements = merge_chunk_records(parts)
    assert time.perf_counter() - t0 < 10
    assert len(incidents) >= len(chunks)
    for record in [*incidents, *statements]:
        for e in record.evidence:
            assert e.char_start is not None and e.char_end is not None
            assert text[e.char_start : e.char_end] == e.quote
    assert [i.id for i in incidents] == [f"I{k + 1}" for k in range(len(incidents))]
    known = {i.id for i in incidents}
    assert all(set(s.about) <= known for s in statements)
