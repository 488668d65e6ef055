"""The review app through its ASGI interface: pages, JSON, saves, gold, tokens."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from review_support import SEEDS, make_run

from extractor.evaluation.evaluate import evaluate_path
from extractor.evaluation.load import load_gold
from extractor.models import GoldAnnotation
from extractor.review import ReviewStore, create_review_app

SAVE = {"X-Extractor-Review": "1"}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_run(tmp_path_factory.mktemp("review"))


@pytest.fixture
def run(seed_run: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seed run (reviews write into it)."""
    copy = tmp_path / "run"
    copy.mkdir()
    (copy / "results.jsonl").write_bytes((seed_run / "results.jsonl").read_bytes())
    return copy


def client(run: Path, **kw: object) -> httpx.AsyncClient:
    tokens = kw.pop("tokens", None)
    app = create_review_app(ReviewStore(run, **kw), tokens=tokens)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_the_list_shows_every_document_with_counts_and_state(run: Path) -> None:
    async with client(run, gold_dir=SEEDS / "annotations") as c:
        page = await c.get("/")
        assert page.status_code == 200
        assert 'class="page-list"' in page.text
        for path in SEEDS.glob("*.txt"):
            assert path.stem in page.text
        data = (await c.get("/api/documents")).json()
    assert data["counts"] == {"todo": 5, "in_progress": 0, "done": 0}
    row = data["documents"][0]
    assert {"incidents", "claims", "statements", "warnings", "status", "scores"} <= set(row)
    assert set(row["scores"]) == {"incident", "claim", "statement"}


async def test_the_document_json_has_text_records_gold_and_matches(run: Path) -> None:
    async with client(run, gold_dir=SEEDS / "annotations") as c:
        doc = (await c.get("/api/documents/003_13956b3d53b21d07")).json()
        page = await c.get("/doc/003_13956b3d53b21d07")
    text = (SEEDS / "003_13956b3d53b21d07.txt").read_text(encoding="utf-8")
    assert doc["text"] == text
    assert doc["state"]["revision"] == 0 and doc["status"] == "todo"
    assert doc["gold"]["doc_id"] == "003_13956b3d53b21d07"
    assert set(doc["matches"]) == {"incident", "claim", "statement"}
    assert "event_type" in doc["enums"] and "airstrike" in doc["enums"]["event_type"]
    assert page.status_code == 200 and 'class="page-document"' in page.text
    assert text[:40] not in page.text, "the article reaches the page as JSON, not in the HTML"


def _accept_all(state: dict) -> dict:
    for inc in state["incidents"]:
        state["decisions"][inc["id"]] = "accepted"
    for st in state["statements"]:
        state["decisions"][st["id"]] = "accepted"
    return state


async def test_saving_writes_gold_atomically_and_reopening_shows_it(run: Path) -> None:
    doc_id = "003_13956b3d53b21d07"
    async with client(run) as c:
        state = (await c.get(f"/api/documents/{doc_id}")).json()["state"]
        saved = await c.put(f"/api/documents/{doc_id}", json=_accept_all(state), headers=SAVE)
        assert saved.status_code == 200, saved.text
        assert saved.json()["status"] == "done"
        again = (await c.get(f"/api/documents/{doc_id}")).json()
    assert again["state"]["revision"] == 1 and again["status"] == "done"
    gold = GoldAnnotation.model_validate_json((run / "reviewed" / f"{doc_id}.json").read_bytes())
    assert len(gold.statements) == len(state["statements"])
    leftovers = [p.name for p in (run / "reviewed").iterdir() if p.name.startswith(".")]
    assert leftovers == [], "no temporary file is left behind"


async def test_a_stale_tab_is_refused_and_bad_evidence_writes_nothing(run: Path) -> None:
    doc_id = "000_7ea8c643e84d13f7"
    async with client(run) as c:
        state = (await c.get(f"/api/documents/{doc_id}")).json()["state"]
        first = await c.put(f"/api/documents/{doc_id}", json=state, headers=SAVE)
        assert first.status_code == 200
        stale = await c.put(f"/api/documents/{doc_id}", json=state, headers=SAVE)
        assert stale.status_code == 409 and "reload" in stale.json()["detail"]
        fresh = first.json()["state"]
        fresh["statements"][0]["evidence"][0]["char_start"] += 1
        fresh["decisions"][fresh["statements"][0]["id"]] = "accepted"
        bad = await c.put(f"/api/documents/{doc_id}", json=fresh, headers=SAVE)
        assert bad.status_code == 422 and "offsets" in bad.json()["detail"]
        no_header = await c.put(f"/api/documents/{doc_id}", json=first.json()["state"])
        assert no_header.status_code == 403
    kept = json.loads((run / "review" / f"{doc_id}.json").read_text())
    assert kept["revision"] == 1


async def test_reviewed_gold_scores_one_against_itself_and_moves_the_run_by_the_corrections(
    run: Path,
) -> None:
    async with client(run) as c:
        listing = (await c.get("/api/documents")).json()["documents"]
        rejected = corrected = None
        for row in listing:
            doc_id = row["doc_id"]
            state = _accept_all((await c.get(f"/api/documents/{doc_id}")).json()["state"])
            if rejected is None and state["statements"]:
                rejected = state["statements"][0]["id"]
                state["decisions"][rejected] = "rejected"
            claims = [i for i in state["incidents"] if i["casualty_claims"]]
            if corrected is None and claims:
                claim = claims[0]["casualty_claims"][0]
                claim["min"] = claim["max"] = (claim["min"] or 0) + 100
                corrected = claims[0]["id"]
                state["edited"].append(f"{corrected}/0")
            r = await c.put(f"/api/documents/{doc_id}", json=state, headers=SAVE)
            assert r.status_code == 200, r.text
    assert rejected and corrected
    reviewed = run / "reviewed"
    self_score = evaluate_path(load_gold(reviewed), reviewed).summary
    for kind in ("incident", "claim", "statement"):
        assert self_score[f"{kind}_f1"] == 1.0
    s = evaluate_path(load_gold(reviewed), run / "results.jsonl").summary
    n_claims = sum(r["claims"] for r in listing)
    n_statements = sum(r["statements"] for r in listing)
    assert s["incident_f1"] == 1.0
    # one statement rejected: one predicted statement more than the gold holds
    assert s["statement_precision"] == pytest.approx((n_statements - 1) / n_statements)
    assert s["statement_recall"] == 1.0
    # one figure corrected: that predicted claim no longer agrees (one FP and one FN)
    assert s["claim_precision"] == pytest.approx((n_claims - 1) / n_claims)
    assert s["claim_recall"] == pytest.approx((n_claims - 1) / n_claims)


async def test_with_tokens_pages_need_one_and_a_token_link_sets_a_cookie(run: Path) -> None:
    async with client(run, tokens=[SecretStr("s3cret")]) as c:
        assert (await c.get("/api/documents")).status_code == 401
        assert (await c.get("/")).status_code == 401
        link = await c.get("/?token=s3cret")
        assert link.status_code == 303 and "token" not in link.headers["location"]
        assert "httponly" in link.headers["set-cookie"].lower()
        assert (await c.get("/api/documents")).status_code == 200  # the cookie is kept
        assert (await c.get("/?token=wrong")).status_code == 401
    async with client(run, tokens=[SecretStr("s3cret")]) as c:
        auth = {"Authorization": "Bearer s3cret"}
        assert (await c.get("/api/documents", headers=auth)).status_code == 200


def test_the_command_refuses_another_host_without_a_token(run: Path) -> None:
    from click.testing import CliRunner

    from extractor.cli import cli

    out = CliRunner().invoke(cli, ["review", str(run), "--host", "0.0.0.0", "--no-browser"])
    assert out.exit_code == 2
    assert "not loopback" in out.output


def test_a_folder_without_results_is_a_clear_error(tmp_path: Path) -> None:
    from extractor.errors import InputError

    with pytest.raises(InputError, match="not a run folder"):
        ReviewStore(tmp_path)
