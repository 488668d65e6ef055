// The document page of `extractor review`. Every text from the run (the
// article, every field) is put in the page with textContent: nothing from a
// document is ever parsed as HTML.
(() => {
  "use strict";
  const base = document.body.dataset.base;
  const root = document.getElementById("document");
  if (!root) return;
  const docId = root.dataset.doc;
  const $ = (id) => document.getElementById(id);
  let data = null;
  let state = null;
  let selected = null;
  let dirty = false;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function say(text, kind) {
    const m = $("message");
    m.textContent = text;
    m.className = kind || "";
  }
  const api = (path) => `${base}/api/documents/${encodeURIComponent(docId)}${path || ""}`;

  // -- records and their keys --------------------------------------------------
  function claimKey(incidentId, n) { return `${incidentId}/${n}`; }
  function records() {
    const out = [];
    for (const inc of state.incidents) {
      out.push({ key: inc.id, kind: "incident", record: inc });
      inc.casualty_claims.forEach((c, n) =>
        out.push({ key: claimKey(inc.id, n), kind: "claim", record: c, incident: inc, n }));
    }
    for (const st of state.statements) out.push({ key: st.id, kind: "statement", record: st });
    return out;
  }
  function find(key) { return records().find((r) => r.key === key) || null; }
  function decision(item) {
    const own = state.decisions[item.key] || "pending";
    if (item.kind === "claim" && own === "pending") return state.decisions[item.incident.id] || "pending";
    return own;
  }
  function status() {
    const keys = state.incidents.map((i) => i.id).concat(state.statements.map((s) => s.id));
    const decided = keys.filter((k) => (state.decisions[k] || "pending") !== "pending");
    if (!decided.length) return "todo";
    return decided.length === keys.length ? "done" : "in_progress";
  }

  // -- the article with its evidence -------------------------------------------
  function spansOf(incidents, statements) {
    const marks = [];
    for (const inc of incidents) {
      for (const ev of inc.evidence || []) marks.push({ key: inc.id, kind: "incident", ev });
      inc.casualty_claims.forEach((c, n) => {
        for (const ev of c.evidence || []) marks.push({ key: claimKey(inc.id, n), kind: "claim", ev });
      });
    }
    for (const st of statements) for (const ev of st.evidence || []) marks.push({ key: st.id, kind: "statement", ev });
    return marks.filter((m) => m.ev.char_start !== null && m.ev.char_end !== null && m.ev.char_end > m.ev.char_start);
  }
  function renderArticle(target, text, marks, flagged) {
    target.replaceChildren();
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const m of marks) { cuts.add(m.ev.char_start); cuts.add(m.ev.char_end); }
    const points = [...cuts].filter((p) => p >= 0 && p <= chars.length).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join("");
      const covering = marks.filter((m) => m.ev.char_start <= a && m.ev.char_end >= b);
      if (!covering.length) { target.appendChild(document.createTextNode(piece)); continue; }
      const span = el("span", "ev", piece);
      const kinds = new Set(covering.map((m) => m.kind));
      for (const k of kinds) span.classList.add(`ev-${k}`);
      const keys = [...new Set(covering.map((m) => m.key))];
      span.dataset.keys = keys.join(" ");
      span.dataset.start = String(a);
      if (keys.some((k) => flagged.has(k))) span.classList.add("diff");
      target.appendChild(span);
    }
  }
  function unmatched(kind, side) {
    // keys of predicted (side "pred") or gold records the scorer left unmatched
    const out = new Set();
    if (!data.matches || !data.matches[kind]) return out;
    const m = data.matches[kind];
    const list = side === "pred" ? flatten(data.result, kind) : flatten(data.gold, kind);
    list.forEach((key, i) => {
      const matched = side === "pred" ? String(i) in m.pred_to_gold : !m.unmatched_gold.includes(i);
      if (!matched) out.add(key);
    });
    return out;
  }
  function flatten(records, kind) {
    if (kind === "incident") return records.incidents.map((i) => i.id);
    if (kind === "statement") return records.statements.map((s) => s.id);
    const out = [];
    for (const inc of records.incidents) inc.casualty_claims.forEach((_c, n) => out.push(claimKey(inc.id, n)));
    return out;
  }
  function drawTexts() {
    if (data.text === null) {
      $("article").textContent = "The article text was not found (its file moved or changed): spans cannot be shown.";
      return;
    }
    const flaggedPred = new Set();
    const flaggedGold = new Set();
    if (data.gold) {
      for (const kind of ["incident", "claim", "statement"]) {
        unmatched(kind, "pred").forEach((k) => flaggedPred.add(k));
        unmatched(kind, "gold").forEach((k) => flaggedGold.add(k));
      }
    }
    renderArticle($("article"), data.text, spansOf(state.incidents, state.statements), flaggedPred);
    if (data.gold) {
      $("gold-pane").hidden = false;
      renderArticle($("gold-article"), data.text, spansOf(data.gold.incidents, data.gold.statements), flaggedGold);
    }
    highlight();
  }
  function highlight() {
    for (const span of document.querySelectorAll("#article .ev")) {
      span.classList.toggle("active", selected !== null && span.dataset.keys.split(" ").includes(selected));
    }
  }

  // -- the records ---------------------------------------------------------------
  const show = (v) => (v === null || v === undefined || v === "" ? "–" : String(v));
  function actorName(a) { return a ? show(a.name) : "–"; }
  function fieldsOf(item) {
    const r = item.record;
    if (item.kind === "incident") {
      const d = r.date || {}, l = r.location || {};
      return [
        ["event type", r.event_type, null],
        ["status", r.status, null],
        ["place", [l.name, l.admin1, l.country].filter(Boolean).join(", ") + (l.geo_precision ? ` (geo ${l.geo_precision})` : ""), l.text],
        ["date", d.start ? (d.end && d.end !== d.start ? `${d.start} to ${d.end}` : d.start) + ` (${d.precision})` : null, d.text],
        ["perpetrators", (r.perpetrators || []).map((p) => `${show(p.name)} (${p.attribution})`).join("; "), (r.perpetrators || []).map((p) => p.text).filter(Boolean).join("; ")],
      ];
    }
    if (item.kind === "claim") {
      const fig = r.max === r.min ? show(r.min) : `${show(r.min)}–${show(r.max)}`;
      return [
        ["figure", `${fig} (${r.qualifier})`, r.text],
        ["outcome", r.outcome, null],
        ["population", r.population, null],
        ["claimant", actorName(r.claimant), r.claimant ? r.claimant.text : null],
      ];
    }
    return [
      ["speaker", actorName(r.speaker), r.speaker ? r.speaker.text : null],
      ["type", r.type, null],
      ["content", r.content, null],
      ["about", (r.about || []).join(", "), null],
    ];
  }
  function card(item) {
    const c = el("article", `record record-${item.kind} decision-${decision(item)}`);
    c.dataset.key = item.key;
    c.tabIndex = -1;
    const head = el("header");
    head.appendChild(el("b", "rid", item.key));
    head.appendChild(el("span", "kind", item.kind));
    head.appendChild(el("span", "decision", decision(item)));
    if (state.edited.includes(item.key)) head.appendChild(el("span", "flag edited", "edited"));
    if (state.added.includes(item.key)) head.appendChild(el("span", "flag added", "added"));
    c.appendChild(head);
    const table = el("table", "fields");
    for (const [name, norm, written] of fieldsOf(item)) {
      const tr = el("tr");
      tr.appendChild(el("th", null, name));
      tr.appendChild(el("td", "norm", show(norm)));
      tr.appendChild(el("td", "written", written ? `“${written}”` : ""));
      table.appendChild(tr);
    }
    c.appendChild(table);
    const actions = el("div", "actions");
    for (const [label, act] of [["accept", accept], ["reject", reject], ["edit", edit]]) {
      const b = el("button", `act-${label}`, label);
      b.type = "button";
      b.addEventListener("click", (e) => { e.stopPropagation(); select(item.key); act(); });
      actions.appendChild(b);
    }
    c.appendChild(actions);
    c.addEventListener("click", () => select(item.key, true));
    return c;
  }
  function drawRecords() {
    const box = $("records");
    box.replaceChildren();
    const list = records();
    if (!list.length) box.appendChild(el("p", "empty", "No records: add one from a text selection."));
    for (const item of list) box.appendChild(card(item));
    if (selected) {
      const c = box.querySelector(`[data-key="${CSS.escape(selected)}"]`);
      if (c) c.classList.add("selected");
    }
    $("status").textContent = status().replace("_", " ");
    $("status").className = `status status-${status()}`;
  }
  function redraw() { drawRecords(); drawTexts(); }

  function select(key, scroll) {
    selected = key;
    for (const c of document.querySelectorAll("#records .record")) c.classList.toggle("selected", c.dataset.key === key);
    highlight();
    if (scroll) {
      const span = [...document.querySelectorAll("#article .ev")].find((s) => s.dataset.keys.split(" ").includes(key));
      if (span) span.scrollIntoView({ block: "nearest" });
    }
  }
  function selectedItem() { return selected ? find(selected) : null; }
  function keepParent(item) {
    // a claim kept under a pending incident keeps the incident too
    if (item.kind === "claim" && (state.decisions[item.incident.id] || "pending") === "pending") {
      state.decisions[item.incident.id] = "accepted";
    }
  }
  function decide(value) {
    const item = selectedItem();
    if (!item) return say("select a record first", "error");
    state.decisions[item.key] = value;
    if (value === "accepted") keepParent(item);
    dirty = true;
    redraw();
  }
  const accept = () => decide("accepted");
  const reject = () => decide("rejected");
  function move(step) {
    const keys = records().map((r) => r.key);
    if (!keys.length) return;
    const at = selected === null ? -1 : keys.indexOf(selected);
    const next = keys[Math.min(keys.length - 1, Math.max(0, at + step))];
    select(next, true);
    const c = document.querySelector(`#records [data-key="${CSS.escape(next)}"]`);
    if (c) c.scrollIntoView({ block: "nearest" });
  }

  // -- editing ---------------------------------------------------------------------
  function editable(item) {
    const r = item.record, e = data.enums;
    if (item.kind === "incident") {
      r.location = r.location || {};
      r.date = r.date || {};
      return [
        ["event_type", "event type", e.event_type, () => r.event_type, (v) => { r.event_type = v; }],
        ["status", "status", e.status, () => r.status, (v) => { r.status = v; }],
        ["place", "place name", null, () => r.location.name, (v) => { r.location.name = v || null; r.location.lat = null; r.location.lon = null; }],
        ["admin1", "admin1", null, () => r.location.admin1, (v) => { r.location.admin1 = v || null; }],
        ["country", "country (ISO3)", null, () => r.location.country, (v) => { r.location.country = v || null; }],
        ["date_start", "date from", "date", () => r.date.start, (v) => { r.date.start = v || null; }],
        ["date_end", "date to", "date", () => r.date.end, (v) => { r.date.end = v || null; }],
        ["date_precision", "date precision", e.date_precision, () => r.date.precision, (v) => { r.date.precision = v; }],
      ];
    }
    if (item.kind === "claim") {
      const num = (v) => (v === "" ? null : Number.parseInt(v, 10));
      return [
        ["claimant", "claimant", null, () => (r.claimant ? r.claimant.name : ""), (v) => {
          r.claimant = v ? Object.assign(r.claimant || { kind: "unknown" }, { name: v }) : null; }],
        ["outcome", "outcome", e.outcome, () => r.outcome, (v) => { r.outcome = v; }],
        ["population", "population", e.population, () => r.population, (v) => { r.population = v; }],
        ["min", "figure min", "number", () => r.min, (v) => { r.min = num(v); }],
        ["max", "figure max", "number", () => r.max, (v) => { r.max = num(v); }],
        ["qualifier", "qualifier", e.qualifier, () => r.qualifier, (v) => { r.qualifier = v; }],
        ["text", "figure as written", null, () => r.text, (v) => { r.text = v; }],
      ];
    }
    r.speaker = r.speaker || { kind: "unknown" };
    return [
      ["speaker", "speaker", null, () => r.speaker.name, (v) => { r.speaker.name = v || null; }],
      ["type", "statement type", e.statement_type, () => r.type, (v) => { r.type = v; }],
      ["content", "content", null, () => r.content, (v) => { r.content = v; }],
    ];
  }
  function edit() {
    const item = selectedItem();
    if (!item) return say("select a record first", "error");
    const c = document.querySelector(`#records [data-key="${CSS.escape(item.key)}"]`);
    if (!c || c.querySelector("form")) return;
    const form = el("form", "edit");
    const inputs = [];
    for (const [name, label, kind, get, set] of editable(item)) {
      const row = el("label", null, label);
      let input;
      if (Array.isArray(kind)) {
        input = el("select");
        for (const v of kind) { const o = el("option", null, v); o.value = v; input.appendChild(o); }
      } else {
        input = el("input");
        input.type = kind === "number" ? "number" : kind === "date" ? "date" : "text";
      }
      input.name = name;
      input.value = get() === null || get() === undefined ? "" : String(get());
      row.appendChild(input);
      form.appendChild(row);
      inputs.push([input, set]);
    }
    const ok = el("button", "apply", "apply");
    ok.type = "submit";
    const cancel = el("button", "cancel", "cancel");
    cancel.type = "button";
    cancel.addEventListener("click", (e) => { e.stopPropagation(); drawRecords(); });
    form.append(ok, cancel);
    form.addEventListener("click", (e) => e.stopPropagation());
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      for (const [input, set] of inputs) set(input.value);
      if (!state.edited.includes(item.key)) state.edited.push(item.key);
      state.decisions[item.key] = "accepted";
      keepParent(item);
      dirty = true;
      redraw();
      say(`${item.key} edited`);
    });
    c.appendChild(form);
    const first = form.querySelector("input, select");
    if (first) first.focus();
  }

  // -- adding from a selection ------------------------------------------------------
  function selectionOffsets() {
    const sel = window.getSelection();
    const article = $("article");
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return null;
    const upto = (node, offset) => {
      const r = document.createRange();
      r.setStart(article, 0);
      r.setEnd(node, offset);
      return Array.from(r.toString()).length;
    };
    const start = upto(range.startContainer, range.startOffset);
    const end = upto(range.endContainer, range.endOffset);
    const quote = Array.from(data.text).slice(start, end).join("");
    return end > start ? { quote, char_start: start, char_end: end, alignment: "exact", score: null } : null;
  }
  function nextId(prefix, list) {
    let n = 1;
    const used = new Set(list.map((r) => r.id));
    while (used.has(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  }
  function add(kind) {
    const ev = selectionOffsets();
    if (!ev) return say("select the evidence in the run's text first", "error");
    let key;
    if (kind === "incident") {
      const id = nextId("I", state.incidents);
      state.incidents.push({ id, event_type: "other", status: "reported", date: {}, location: {}, perpetrators: [],
        targets: [], weapons: [], casualty_claims: [], evidence: [ev], grounded: true });
      key = id;
    } else if (kind === "statement") {
      const id = nextId("S", state.statements);
      state.statements.push({ id, speaker: { kind: "unknown" }, type: "comment", content: ev.quote, quote: null,
        about: [], date: {}, evidence: [ev], grounded: true });
      key = id;
    } else {
      const item = selectedItem();
      const inc = item && (item.kind === "incident" ? item.record : item.incident);
      if (!inc) return say("select the incident the claim belongs to first", "error");
      inc.casualty_claims.push({ claimant: null, outcome: "killed", population: "people", min: null, max: null,
        qualifier: "exact", text: ev.quote, evidence: [ev], flags: [] });
      key = claimKey(inc.id, inc.casualty_claims.length - 1);
    }
    state.added.push(key);
    state.decisions[key] = "accepted";
    const added = find(key);
    if (added) keepParent(added);
    dirty = true;
    window.getSelection().removeAllRanges();
    redraw();
    select(key, true);
    edit();
  }

  // -- loading and saving -------------------------------------------------------------
  async function save() {
    say("saving…");
    const response = await fetch(api(), {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-Extractor-Review": "1" },
      body: JSON.stringify(state),
      credentials: "same-origin",
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return say(`not saved: ${body.detail || response.status}`, "error");
    state = body.state;
    dirty = false;
    redraw();
    say(`saved (revision ${state.revision})`, "ok");
  }
  async function load() {
    const response = await fetch(api(), { credentials: "same-origin" });
    if (!response.ok) return say(`cannot load ${docId}: HTTP ${response.status}`, "error");
    data = await response.json();
    state = data.state;
    for (const [id, target] of [["prev", data.previous], ["next", data.next]]) {
      const a = $(id);
      if (target) a.href = `${base}/doc/${encodeURIComponent(target)}`; else a.hidden = true;
    }
    redraw();
  }

  $("article").addEventListener("click", (e) => {
    const span = e.target.closest(".ev");
    if (!span || !window.getSelection().isCollapsed) return;
    const keys = span.dataset.keys.split(" ");
    const at = keys.indexOf(selected);
    const key = keys[(at + 1) % keys.length];
    select(key);
    const c = document.querySelector(`#records [data-key="${CSS.escape(key)}"]`);
    if (c) c.scrollIntoView({ block: "nearest" });
  });
  $("save").addEventListener("click", save);
  $("add-incident").addEventListener("click", () => add("incident"));
  $("add-claim").addEventListener("click", () => add("claim"));
  $("add-statement").addEventListener("click", () => add("statement"));
  document.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest("input, select, textarea")) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = { j: () => move(1), k: () => move(-1), a: accept, r: reject, e: edit, s: save,
      n: () => add("incident"), c: () => add("claim"), m: () => add("statement") };
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });
  window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  load();
})();
