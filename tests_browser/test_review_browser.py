"""Reviewing in a real browser: follow, accept, correct, reject, add, save, reload, hostile text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import SCREENSHOTS
from review_support import SEEDS, make_run, results

DOC = "003_13956b3d53b21d07"

SELECT_JS = """([start, end]) => {
  const article = document.getElementById('article');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let pos = 0, sNode = null, sOff = 0, eNode = null, eOff = 0;
  while (walker.nextNode()) {
    const n = walker.currentNode, len = Array.from(n.data).length;
    if (sNode === null && start < pos + len) { sNode = n; sOff = start - pos; }
    if (eNode === null && end <= pos + len) { eNode = n; eOff = end - pos; }
    pos += len;
  }
  const r = document.createRange();
  r.setStart(sNode, sOff); r.setEnd(eNode, eOff);
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
}"""


def card(page: Any, key: str) -> Any:
    return page.locator(f'#records .record[data-key="{key}"]')


def test_review_one_seed_document_end_to_end(tmp_path: Path, page: Any, review_of: Any) -> None:
    run = make_run(tmp_path, process=True)
    original = results(run)[DOC]
    text = (SEEDS / f"{DOC}.txt").read_text(encoding="utf-8")
    server = review_of(run, "--gold", str(SEEDS / "annotations"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(server.url + "/")
    page.wait_for_selector("#documents")
    assert page.locator("body.page-list").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "list.png"), full_page=True)
    page.click(f"a.doc-link:text('{DOC}')")
    page.wait_for_selector("#records .record")
    assert page.locator("#gold-pane").is_visible(), "gold shown beside the run"

    # follow a record to its span, and a span to its record
    card(page, "I1").click()
    active = page.eval_on_selector_all("#article .ev.active", "e => e.map(x => x.dataset.keys)")
    assert active and all("I1" in keys.split() for keys in active)
    span = page.locator('#article .ev[data-keys~="S1"]').first
    span.click()
    assert page.locator("#records .record.selected").count() == 1

    # accept one statement
    card(page, "S1").locator("button.act-accept").click()
    assert "decision-accepted" in (card(page, "S1").get_attribute("class") or "")
    # correct one figure: the first claim of I1
    claim = original["incidents"][0]["casualty_claims"][0]
    card(page, "I1/0").click()
    page.keyboard.press("e")
    form = card(page, "I1/0").locator("form.edit")
    form.locator("input[name=min]").fill("99")
    form.locator("input[name=max]").fill("99")
    form.locator("button.apply").click()
    # reject one statement, by its key
    card(page, "S2").click()
    page.keyboard.press("r")
    # add one from a text selection
    phrase = "the Syrian Observatory for Human Rights"
    start = text.index(phrase)
    page.evaluate(SELECT_JS, [start, start + len(phrase)])
    page.click("#add-statement")
    added = card(page, "S4")
    added.locator("input[name=speaker]").fill("Syrian Observatory for Human Rights")
    added.locator("select[name=type]").select_option("claim")
    added.locator("button.apply").click()
    page.keyboard.press("s")
    page.wait_for_function("document.getElementById('message').textContent.startsWith('saved')")
    page.screenshot(path=str(SCREENSHOTS / "document.png"), full_page=False)

    gold = json.loads((run / "reviewed" / f"{DOC}.json").read_text(encoding="utf-8"))
    expected_claims = [dict(c) for c in original["incidents"][0]["casualty_claims"]]
    expected_claims[0] = {**claim, "min": 99, "max": 99}
    assert [i["id"] for i in gold["incidents"]] == ["I1"]
    got = [
        {k: c[k] for k in ("min", "max", "outcome", "population", "text")}
        for c in gold["incidents"][0]["casualty_claims"]
    ]
    want = [
        {k: c[k] for k in ("min", "max", "outcome", "population", "text")} for c in expected_claims
    ]
    assert got == want
    assert [s["id"] for s in gold["statements"]] == ["S1", "S4"]
    s1 = next(s for s in original["statements"] if s["id"] == "S1")
    assert gold["statements"][0]["about"] == [a for a in s1["about"] if a == "I1"]
    new = gold["statements"][1]
    assert new["evidence"] == [
        {
            "quote": phrase,
            "char_start": start,
            "char_end": start + len(phrase),
            "alignment": "exact",
            "score": None,
        }
    ]
    assert new["speaker"]["name"] == "Syrian Observatory for Human Rights"
    assert new["type"] == "claim"

    # reload: the review is kept
    page.reload()
    page.wait_for_selector("#records .record")
    assert "decision-rejected" in (card(page, "S2").get_attribute("class") or "")
    assert "decision-accepted" in (card(page, "S1").get_attribute("class") or "")
    assert card(page, "I1/0").locator(".flag.edited").count() == 1
    assert card(page, "S4").locator(".flag.added").count() == 1
    assert page.locator("#status").inner_text() == "in progress"


HOSTILE = (
    "Ten civilians were killed in an airstrike on Idlib on Monday, "
    "the Syrian Observatory for Human Rights said.\n\n"
    "<script>window.__pwned = 1; alert('script')</script>\n"
    '<img src="x" onerror="window.__pwned = 2; alert(\'img\')">\n'
    "A local official said the strike hit a market <b onmouseover=alert(3)>bold</b>.\n"
)


def test_a_hostile_article_runs_nothing(tmp_path: Path, page: Any, review_of: Any) -> None:
    evil_id = "evil<img src=x onerror=window.__pwned=3>"
    texts = {"hostile": HOSTILE, evil_id: HOSTILE.replace("Ten", "Nine")}
    run = make_run(tmp_path, texts, process=True)
    server = review_of(run)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/")
    page.wait_for_selector("#documents")
    assert page.evaluate("window.__pwned") is None
    assert evil_id in page.locator("#documents").inner_text()
    for doc_id in ("hostile", evil_id):
        page.goto(server.url + "/")
        page.locator("a.doc-link", has_text=doc_id).click()
        page.wait_for_selector("#article")
        page.wait_for_function("document.getElementById('article').textContent.length > 0")
        page.hover("#article")
        article = page.locator("#article").inner_text()
        assert "<script>window.__pwned = 1" in article, "shown as text"
        assert page.locator("#article script, #article img, #article b").count() == 0
        assert page.evaluate("window.__pwned") is None
    assert dialogs == []
