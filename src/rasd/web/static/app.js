/* rasd's page: plain JavaScript, no framework, no build step.
 *
 * Article text and everything derived from it is untrusted: the DOM is built with
 * createElement and textContent only (never innerHTML with data), and the server sends a
 * Content-Security-Policy that allows scripts from this origin alone.
 * Offsets in rasd.document/1 count Unicode code points, so text is sliced as code point arrays.
 */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
const QUAD_AR = {
  verbal_cooperation: "تعاون لفظي", material_cooperation: "تعاون مادي",
  verbal_conflict: "نزاع لفظي", material_conflict: "نزاع مادي",
};
const QUAD_COLOR = {
  verbal_cooperation: "#66bb6a", material_cooperation: "#1b7f3b",
  verbal_conflict: "#f0a030", material_conflict: "#d32f2f",
};
const TYPE_AR = { PER: "شخص", LOC: "مكان", ORG: "منظمة", MISC: "أخرى" };
const MODALITY_AR = { asserted: "مؤكد", reported: "منقول", planned: "مخطط", denied: "منفي" };
const PAGE = 25;
const state = { plover: {}, world: null, explore: { offset: 0, by: "week" }, entities: { offset: 0 } };

/* ---------- DOM helpers: text only ---------- */

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "href") el.setAttribute("href", safeHref(v));
    else el.setAttribute(k, String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function safeHref(v) {
  const url = String(v);
  return url.startsWith("#") || url.startsWith("/") || /^https:\/\/www\.wikidata\.org\/wiki\/Q\d+$/.test(url) ? url : "#";
}

function en(text) { return h("small", { lang: "en", dir: "ltr" }, text); }
/* Dates, codes and outlet names run left to right even inside Arabic lines (2015-08-11 must not read 11-08-2015). */
function ltr(text) { return h("bdi", { dir: "ltr", class: "code" }, text); }
function metaLine(...parts) {
  return parts.filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]));
}
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
function $(id) { return document.getElementById(id); }
function fmt(n) { return Number(n).toLocaleString("ar-EG"); }

function setStatus(id, text, isError) {
  const el = $(id);
  el.textContent = text || "";
  el.classList.toggle("error", Boolean(isError));
}

async function api(path, params, init) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    for (const item of [].concat(v)) if (item !== "" && item !== null && item !== undefined) url.searchParams.append(k, item);
  }
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function entityHref(id) { return "#entity/" + encodeURIComponent(id); }

/* ---------- the analyzed article ---------- */

function annotations(doc) {
  const anns = [];
  for (const e of doc.entities || []) for (const m of e.mentions || []) anns.push({ start: m.start, end: m.end, kind: "ent", ent: e });
  for (const t of doc.times || []) anns.push({ start: t.start, end: t.end, kind: "time", time: t });
  for (const q of doc.quantities || []) anns.push({ start: q.start, end: q.end, kind: "qty", qty: q });
  (doc.events || []).forEach((ev, i) => anns.push({ start: ev.trigger.start, end: ev.trigger.end, kind: "trigger", ev, index: i }));
  return anns.filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start < a.end);
}

/* Cut the text where any annotation starts or ends; each piece carries every annotation covering it. */
function segments(chars, anns) {
  const cuts = new Set([0, chars.length]);
  for (const a of anns) { cuts.add(Math.min(a.start, chars.length)); cuts.add(Math.min(a.end, chars.length)); }
  const points = [...cuts].sort((x, y) => x - y);
  const byStart = [...anns].sort((x, y) => x.start - y.start);
  const out = [];
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    while (next < byStart.length && byStart[next].start <= from) active.push(byStart[next++]);
    active = active.filter((a) => a.end > from);
    out.push({ from, to, anns: active.filter((a) => a.start <= from && a.end >= to) });
  }
  return out;
}

const annsOf = new WeakMap();

function renderText(doc, chars) {
  const box = h("div", { class: "article-text", dir: "rtl", lang: "ar" });
  for (const seg of segments(chars, annotations(doc))) {
    const text = chars.slice(seg.from, seg.to).join("");
    if (!seg.anns.length) { box.appendChild(document.createTextNode(text)); continue; }
    const classes = ["ann"];
    for (const a of seg.anns) {
      if (a.kind === "ent") classes.push("ent-" + a.ent.type);
      else classes.push(a.kind);
    }
    const span = h("span", { class: [...new Set(classes)].join(" "), tabindex: 0 }, text);
    const trig = seg.anns.find((a) => a.kind === "trigger");
    if (trig) span.dataset.event = String(trig.index);
    annsOf.set(span, seg.anns);
    box.appendChild(span);
  }
  return box;
}

function tipItem(a) {
  if (a.kind === "ent") {
    const e = a.ent;
    const rows = [["النوع", `${TYPE_AR[e.type] || e.type} · ${e.type}${e.subtype ? " / " + e.subtype : ""}`],
      ["البلد", e.country], ["الرمز", e.code], ["ويكي بيانات", e.wikidata], ["المعرّف", e.id]];
    return h("div", { class: "tip-item" },
      h("strong", {}, e.name_ar || a.text), " ", e.name_en ? h("span", { lang: "en", dir: "ltr" }, e.name_en) : null,
      kv(rows),
      h("a", { href: entityHref(e.id) }, "ملف الكيان ", en("profile")), " ",
      e.wikidata ? h("a", { href: "https://www.wikidata.org/wiki/" + e.wikidata, rel: "noopener", target: "_blank" }, "Wikidata") : null);
  }
  if (a.kind === "time") {
    return h("div", { class: "tip-item" }, h("strong", {}, "تعبير زمني "), en("time"),
      kv([["القيمة", a.time.value], ["النوع", a.time.type], ["هجري", a.time.hijri]]));
  }
  if (a.kind === "qty") {
    return h("div", { class: "tip-item" }, h("strong", {}, "كمية "), en("quantity"),
      kv([["القيمة", a.qty.value], ["الوحدة", a.qty.unit], ["النوع", a.qty.kind]]));
  }
  const ev = a.ev;
  return h("div", { class: "tip-item" }, h("strong", {}, "حدث "), en("event"), " ", quadBadge(ev.plover, ev.quad),
    kv([["CAMEO", ev.cameo], ["المصدر", actorLabel(ev.source)], ["الهدف", actorLabel(ev.target)],
      ["التاريخ", ev.date], ["الصيغة", modalityLabel(ev.modality, ev.negated)]]));
}

function kv(rows) {
  const dl = h("dl", { class: "kv" });
  for (const [k, v] of rows) if (v !== null && v !== undefined && v !== "") append(dl, [h("dt", {}, k), h("dd", {}, String(v))]);
  return dl;
}

function quadBadge(plover, quad) { return h("span", { class: "badge " + (quad || "") , title: QUAD_AR[quad] || "" }, plover); }
function modalityLabel(m, negated) { return (negated ? "منفي · " : "") + (MODALITY_AR[m] || m || ""); }
function actorLabel(actor) {
  if (!actor) return "—";
  return [actor.text, actor.code ? `(${actor.code})` : ""].filter(Boolean).join(" ");
}

function showTip(target) {
  const anns = annsOf.get(target);
  if (!anns) return;
  const tip = $("tip");
  clear(tip);
  for (const a of anns) tip.appendChild(tipItem(a));
  tip.hidden = false;
  const r = target.getBoundingClientRect();
  const width = tip.offsetWidth;
  const left = Math.min(Math.max(8, r.right - width), document.documentElement.clientWidth - width - 8);
  tip.style.left = `${left + window.scrollX}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
}

function hideTip() { $("tip").hidden = true; }

function wireTips(root) {
  root.addEventListener("mouseover", (e) => { const t = e.target.closest(".ann"); if (t) showTip(t); });
  root.addEventListener("focusin", (e) => { const t = e.target.closest(".ann"); if (t) showTip(t); });
  root.addEventListener("click", (e) => { const t = e.target.closest(".ann"); if (t) { e.stopPropagation(); showTip(t); } });
  root.addEventListener("mouseleave", () => { if (!$("tip").matches(":hover")) hideTip(); });
}

function legend(items) {
  return h("div", { class: "legend" }, items.map(([cls, ar, eng]) => h("span", {}, h("i", { class: "swatch sw-" + cls }), ar, " ", en(eng))));
}

const ANN_LEGEND = [["PER", "شخص", "person"], ["LOC", "مكان", "place"], ["ORG", "منظمة", "organization"],
  ["MISC", "أخرى", "other"], ["time", "زمن", "date/time"], ["qty", "كمية", "quantity"], ["trigger", "حدث", "event trigger"]];

const EVIDENCE_CONTEXT = 70; // characters shown on each side of the trigger, within its sentence

function evidence(doc, chars, ev) {
  const sent = (doc.sentences || [])[ev.sentence] || { start: 0, end: chars.length };
  const t0 = Math.max(sent.start, Math.min(ev.trigger.start, sent.end));
  const t1 = Math.max(t0, Math.min(ev.trigger.end, sent.end));
  const from = Math.max(sent.start, t0 - EVIDENCE_CONTEXT);
  const to = Math.min(sent.end, t1 + EVIDENCE_CONTEXT);
  return h("span", { class: "evidence" }, from > sent.start ? "…" : "", chars.slice(from, t0).join(""),
    h("mark", {}, chars.slice(t0, t1).join("")), chars.slice(t1, to).join(""), to < sent.end ? "…" : "");
}

/* One side of an event: the words of the article, then the English name and actor code. */
function actorBlock(text, nameEn, code, id) {
  if (!text && !nameEn && !code) return h("span", { class: "actor muted" }, "—");
  const main = id ? h("a", { href: entityHref(id) }, text || nameEn || code) : h("span", {}, text || nameEn || code);
  const sub = [text ? nameEn : null, text || nameEn ? code : null].filter(Boolean).join(" · ");
  return h("span", { class: "actor" }, main, sub ? h("span", { class: "sub", dir: "ltr" }, sub) : null);
}

function sides(source, target) { return h("div", { class: "sides" }, source, h("span", { class: "arrow" }, "←"), target); }

function actorCell(doc, actor) {
  if (!actor) return actorBlock();
  const ent = (doc.entities || []).find((e) => e.id === actor.entity);
  return actorBlock(actor.text || (ent && ent.name_ar), ent && ent.name_en, actor.code, actor.entity);
}

function placeCell(doc, loc) {
  if (!loc) return h("span", { class: "muted" }, "—");
  const ent = (doc.entities || []).find((e) => e.id === loc.entity);
  return actorBlock((ent && ent.name_ar) || loc.text, loc.name_en, null, loc.entity);
}

function docEventsTable(doc, chars, textBox) {
  const events = doc.events || [];
  if (!events.length) return h("p", { class: "empty" }, "لم تُرمَّز أحداث في هذا الخبر. ", en("No events coded."));
  const rows = events.map((ev, i) => h("tr", {
    class: "clickable", "data-index": i,
    onclick: () => {
      const span = textBox.querySelector(`[data-event="${i}"]`);
      if (span) { span.scrollIntoView({ block: "center", behavior: "smooth" }); span.classList.remove("flash"); void span.offsetWidth; span.classList.add("flash"); }
    },
  },
  h("td", { class: "code" }, ev.date || "—"),
  h("td", {}, quadBadge(ev.plover, ev.quad), " ", h("span", { class: "code" }, ev.cameo || "")),
  h("td", {}, sides(actorCell(doc, ev.source), actorCell(doc, ev.target))),
  h("td", {}, placeCell(doc, ev.location)),
  h("td", {}, modalityLabel(ev.modality, ev.negated)),
  h("td", {}, evidence(doc, chars, ev))));
  return table([["التاريخ", "Date"], ["الفئة", "PLOVER"], ["المصدر ← الهدف", "Source → Target"], ["المكان", "Place"],
    ["الصيغة", "Modality"], ["الدليل", "Evidence"]], rows, "doc-events");
}

function table(headers, rows, id) {
  return h("div", { class: "table-wrap" }, h("table", { id },
    h("thead", {}, h("tr", {}, headers.map(([ar, eng]) => h("th", { scope: "col" }, ar, " ", en(eng))))),
    h("tbody", {}, rows)));
}

function renderDocument(doc) {
  const chars = Array.from(doc.text || "");
  const textBox = renderText(doc, chars);
  wireTips(textBox);
  const entities = [...(doc.entities || [])].sort((a, b) => b.mentions.length - a.mentions.length);
  const side = h("aside", { class: "card side" },
    h("h3", {}, "الكيانات ", en(`Entities (${entities.length})`)),
    h("ul", { class: "chips" }, entities.map((e) => h("li", {},
      h("a", { href: entityHref(e.id), title: [e.name_en, e.type, e.country, e.code].filter(Boolean).join(" · ") },
        h("i", { class: "swatch sw-" + e.type }), " ", e.name_ar), " ", en(e.name_en || "")))),
    h("h3", {}, "التواريخ ", en(`Dates (${(doc.times || []).length})`)),
    h("ul", { class: "chips" }, (doc.times || []).map((t) => h("li", {}, t.text, " ", h("span", { class: "code" }, t.value)))),
    h("h3", {}, "الكميات ", en(`Quantities (${(doc.quantities || []).length})`)),
    h("ul", { class: "chips" }, (doc.quantities || []).map((q) => h("li", {}, q.text, " ", h("span", { class: "code" }, String(q.value)), q.unit ? " " + q.unit : ""))),
    (doc.keywords || []).length ? [h("h3", {}, "كلمات مفتاحية ", en("Keywords")), h("ul", { class: "chips" }, doc.keywords.map((k) => h("li", {}, k)))] : null);
  const meta = h("div", { class: "article-meta" }, metaLine(doc.published && ["النشر ", ltr(doc.published)],
    doc.source && ltr(doc.source), doc.id && ltr(doc.id)));
  return h("div", { class: "document" },
    h("div", { class: "doc-layout" },
      h("article", { class: "card" }, meta, legend(ANN_LEGEND), textBox),
      side),
    h("div", { class: "card" }, h("h2", {}, "الأحداث ", en(`Events (${(doc.events || []).length})`)), docEventsTable(doc, chars, textBox)),
    (doc.summary || []).length ? h("div", { class: "card" }, h("h2", {}, "الملخص ", en("Summary")), h("ul", {}, doc.summary.map((x) => h("li", {}, x)))) : null);
}

/* ---------- analyze ---------- */

async function analyzeSubmit(e) {
  e.preventDefault();
  const text = $("analyze-text").value;
  const file = $("analyze-file").files[0];
  const published = $("analyze-published").value;
  if (!file && !text.trim()) { setStatus("analyze-status", "الصق نصًّا أو اختر ملفًّا. Paste text or choose a file.", true); return; }
  let init;
  if (file) {
    const form = new FormData();
    form.append("file", file);
    if (published) form.append("published", published);
    init = { method: "POST", body: form };
  } else {
    init = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, published: published || null }) };
  }
  $("analyze-submit").disabled = true;
  setStatus("analyze-status", "جارٍ التحليل… Analyzing…");
  try {
    const doc = await api("/api/analyze", {}, init);
    const out = clear($("analyze-result"));
    out.appendChild(renderDocument(doc));
    setStatus("analyze-status", `${fmt(doc.entities.length)} كيانًا، ${fmt(doc.times.length)} تعبيرًا زمنيًّا، ${fmt(doc.events.length)} حدثًا`);
  } catch (err) {
    setStatus("analyze-status", "تعذّر التحليل: " + err.message, true);
  } finally {
    $("analyze-submit").disabled = false;
  }
}

/* ---------- explore ---------- */

function filterParams() {
  const form = $("filters");
  const out = {};
  for (const name of ["actor", "source", "target", "plover", "since", "until", "location"]) {
    const v = form.elements[name].value.trim();
    if (v) out[name] = name === "actor" ? v.split(/[,،\s]+/).filter(Boolean) : v;
  }
  return out;
}

function setFilters(params) {
  const form = $("filters");
  for (const name of ["actor", "source", "target", "plover", "since", "until", "location"]) {
    form.elements[name].value = params.getAll(name).join(", ");
  }
}

function hashParams(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) for (const item of [].concat(v)) p.append(k, item);
  return p.toString();
}

async function loadExplore() {
  const f = filterParams();
  setStatus("explore-status", "جارٍ التحميل… Loading…");
  try {
    const [stats, timeline, network, places] = await Promise.all([
      api("/api/stats"), api("/api/timeline", { ...f, by: state.explore.by }), api("/api/network", { ...f, nodes: 30 }),
      api("/api/places", f)]);
    const total = timeline.periods.reduce((n, p) => n + p.total, 0);
    setStatus("explore-status", `${fmt(total)} حدثًا مطابقًا من ${fmt(stats.events)} في ${fmt(stats.articles)} خبرًا · ${total} matching events`);
    drawTimeline($("timeline"), timeline);
    drawNetwork($("network"), network);
    await drawMap($("map"), places.places);
    await loadEventsPage();
  } catch (err) {
    setStatus("explore-status", "تعذّر التحميل: " + err.message, true);
  }
}

async function loadEventsPage() {
  const page = await api("/api/events", { ...filterParams(), limit: PAGE, offset: state.explore.offset });
  const rows = page.events.map((r) => h("tr", {},
    h("td", { class: "code" }, r.day || "—"),
    h("td", {}, quadBadge(r.plover, r.quad)),
    h("td", {}, sides(storedActor(r, "source"), storedActor(r, "target"))),
    h("td", {}, actorBlock(null, r.location_name, null, r.location_entity)),
    h("td", {}, modalityLabel(r.modality, r.negated)),
    h("td", {}, h("span", { class: "evidence" }, r.trigger_text || ""), " ",
      h("a", { href: "#article/" + r.article_id }, r.title || ("#" + r.article_id)))));
  const box = clear($("events-table"));
  box.appendChild(rows.length ? table([["اليوم", "Day"], ["الفئة", "PLOVER"], ["المصدر ← الهدف", "Source → Target"],
    ["المكان", "Place"], ["الصيغة", "Modality"], ["الدليل والخبر", "Trigger, article"]], rows, "explore-events")
    : h("p", { class: "empty" }, "لا أحداث. ", en("No events.")));
  pager($("events-pager"), page, (offset) => { state.explore.offset = offset; loadEventsPage(); });
}

function storedActor(r, side) {
  return actorBlock(r[side + "_text"], r[side + "_name"], r[side + "_code"], r[side + "_entity"]);
}

function pager(box, page, go) {
  clear(box);
  const first = page.offset + 1;
  const shown = (page.events || page.entities || []).length;
  append(box, [
    h("button", { type: "button", class: "secondary", disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - page.limit)) }, "السابق ", en("Previous")),
    h("span", { class: "muted" }, shown ? `${fmt(first)}–${fmt(page.offset + shown)}` : ""),
    h("button", { type: "button", class: "secondary", disabled: page.next_offset === null, onclick: () => go(page.next_offset) }, "التالي ", en("Next"))]);
}

const TRIM = 0.025; // share of events left out at each end: a stray date years off must not flatten the chart

/* Every period (empty ones too) from the one holding the first TRIM of events to the one holding the last. */
function coreRange(periods, by) {
  const total = periods.reduce((n, p) => n + p.total, 0);
  let seen = 0; let lo = 0; let hi = periods.length - 1;
  for (let i = 0; i < periods.length; i++) { seen += periods[i].total; if (seen > total * TRIM) { lo = i; break; } }
  seen = 0;
  for (let i = periods.length - 1; i >= 0; i--) { seen += periods[i].total; if (seen > total * TRIM) { hi = i; break; } }
  const known = new Map(periods.slice(lo, hi + 1).map((p) => [p.period, p]));
  const out = [];
  for (let key = periods[lo].period; key <= periods[hi].period && out.length < 2000; key = nextPeriod(key, by)) {
    out.push(known.get(key) || { period: key, total: 0, counts: {} });
  }
  return out;
}

function nextPeriod(key, by) {
  if (by === "month") {
    const [y, m] = key.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const d = new Date(key + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + (by === "week" ? 7 : 1));
  return d.toISOString().slice(0, 10);
}

function drawTimeline(box, data) {
  clear(box);
  if (!data.periods.length) { box.appendChild(h("p", { class: "empty" }, "لا أحداث مؤرخة. ", en("No dated events."))); return; }
  const periods = coreRange(data.periods, data.by);
  const W = 1000; const H = 220; const left = 40; const bottom = 30; const top = 10;
  const max = Math.max(...periods.map((p) => p.total));
  const bw = (W - left - 10) / periods.length;
  const y = (v) => H - bottom - (v / max) * (H - bottom - top);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period" });
  for (const tick of [0, Math.ceil(max / 2), max]) {
    svg.appendChild(s("line", { x1: left, x2: W - 10, y1: y(tick), y2: y(tick), stroke: "#e3e8ee" }));
    svg.appendChild(s("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
  }
  const every = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((p, i) => {
    const x = left + i * bw;
    let base = 0;
    for (const quad of QUADS) {
      const n = Object.entries(p.counts).filter(([pl]) => state.plover[pl] === quad).reduce((a, [, c]) => a + c, 0);
      if (!n) continue;
      const details = Object.entries(p.counts).filter(([pl]) => state.plover[pl] === quad).map(([pl, c]) => `${pl} ${c}`).join(", ");
      svg.appendChild(s("rect", { class: "bar", x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(base + n), height: y(base) - y(base + n), fill: QUAD_COLOR[quad] },
        s("title", {}, `${p.period}: ${QUAD_AR[quad]} (${quad}) ${n} — ${details}`)));
      base += n;
    }
    if (i % every === 0) svg.appendChild(s("text", { x: x + bw / 2, y: H - 10, "text-anchor": "middle" }, p.period));
  });
  const drawn = periods.reduce((n, p) => n + p.total, 0);
  const hidden = data.periods.reduce((n, p) => n + p.total, 0) - drawn;
  box.appendChild(svg);
  if (hidden) box.appendChild(h("p", { class: "muted" }, `${fmt(hidden)} حدثًا خارج المدى المرسوم · ${hidden} events outside the drawn range`));
}

function dominantQuad(counts) {
  const byQuad = {};
  for (const [pl, n] of Object.entries(counts)) byQuad[state.plover[pl]] = (byQuad[state.plover[pl]] || 0) + n;
  return Object.entries(byQuad).sort((a, b) => b[1] - a[1])[0]?.[0];
}

/* A small force layout: repulsion between all nodes, springs along edges, a pull to the centre. */
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n), y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n), vx: 0, vy: 0 }));
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  for (let step = 0; step < 300; step++) {
    const cool = 1 - step / 300;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x; const dy = pos[i].y - pos[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 4200 / d2;
        const d = Math.sqrt(d2);
        pos[i].vx += (f * dx) / d; pos[i].vy += (f * dy) / d; pos[j].vx -= (f * dx) / d; pos[j].vy -= (f * dy) / d;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[b].x - pos[a].x; const dy = pos[b].y - pos[a].y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const f = (d - 110) * 0.02;
      pos[a].vx += (f * dx) / d; pos[a].vy += (f * dy) / d; pos[b].vx -= (f * dx) / d; pos[b].vy -= (f * dy) / d;
    }
    for (const p of pos) {
      p.vx += (W / 2 - p.x) * 0.01; p.vy += (H / 2 - p.y) * 0.01;
      p.x = Math.min(W - 40, Math.max(40, p.x + p.vx * cool)); p.y = Math.min(H - 25, Math.max(25, p.y + p.vy * cool));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return pos;
}

function drawNetwork(box, data) {
  clear(box);
  if (!data.nodes.length) { box.appendChild(h("p", { class: "empty" }, "لا تفاعلات بين فاعلين. ", en("No actor interactions."))); return; }
  const W = 640; const H = 460;
  const pos = layout(data.nodes, data.edges, W, H);
  const index = new Map(data.nodes.map((nd, i) => [nd.id, i]));
  const maxEv = Math.max(...data.nodes.map((nd) => nd.events));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" });
  for (const e of data.edges) {
    const a = pos[index.get(e.source)]; const b = pos[index.get(e.target)];
    const quad = dominantQuad(e.counts);
    svg.appendChild(s("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: QUAD_COLOR[quad] || "#999", "stroke-width": 1 + Math.log2(e.total) },
      s("title", {}, `${e.source} → ${e.target}: ${Object.entries(e.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`)));
  }
  data.nodes.forEach((nd, i) => {
    const r = 5 + 14 * Math.sqrt(nd.events / maxEv);
    const go = () => { location.hash = /^(Q\d+|rasd:)/.test(nd.id) ? entityHref(nd.id) : "#explore?" + hashParams({ actor: nd.id }); };
    svg.appendChild(s("circle", { class: "node", cx: pos[i].x, cy: pos[i].y, r, fill: nd.type === "PER" ? "#d9822b" : nd.type === "ORG" ? "#7b4fc9" : "#2f74c0", onclick: go },
      s("title", {}, `${nd.name_ar || ""} · ${nd.name_en || nd.id} (${nd.events})`)));
    svg.appendChild(s("text", { class: "node-label", x: pos[i].x, y: pos[i].y - r - 3, "text-anchor": "middle" }, nd.name_ar || nd.name_en || nd.id));
  });
  box.appendChild(svg);
}

async function drawMap(box, places) {
  if (!state.world) state.world = await api("/static/world.json");
  clear(box);
  const view = mapView(places);
  const svg = s("svg", { viewBox: view.join(" "), role: "img", "aria-label": "map of event locations" });
  const hit = new Set(places.map((p) => p.country));
  for (const c of state.world.countries) svg.appendChild(s("path", { class: "land" + (hit.has(c.iso3) ? " hit" : ""), d: c.d }, s("title", {}, c.name)));
  const max = Math.max(1, ...places.map((p) => p.total));
  for (const p of [...places].reverse()) {
    const quad = dominantQuad(p.counts);
    svg.appendChild(s("circle", {
      class: "place", cx: (p.lon + 180) * 10, cy: (90 - p.lat) * 10, r: view[2] * (0.006 + 0.03 * Math.sqrt(p.total / max)), fill: QUAD_COLOR[quad] || "#555",
      onclick: () => { $("filters").elements.location.value = p.entity; applyFilters(); },
    }, s("title", {}, `${p.name_ar || ""} · ${p.name_en || ""}: ${p.total} — ${Object.entries(p.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`)));
  }
  box.appendChild(svg);
  if (!places.length) box.appendChild(h("p", { class: "empty" }, "لا أماكن معروفة الإحداثيات. ", en("No located events.")));
}

/* The part of the world the places are in (with a margin, at least 70 degrees wide, 2:1), else the whole map. */
function mapView(places) {
  const [wx, wy, wW, wH] = state.world.viewBox;
  if (!places.length) return [wx, wy, wW, wH];
  const xs = places.map((p) => (p.lon + 180) * 10);
  const ys = places.map((p) => (90 - p.lat) * 10);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const w = Math.min(wW, Math.max(700, (Math.max(...xs) - Math.min(...xs)) * 1.3, (Math.max(...ys) - Math.min(...ys)) * 2.6));
  const hgt = Math.min(wH, w / 2);
  const x = Math.min(Math.max(wx, cx - w / 2), wx + wW - w);
  const y = Math.min(Math.max(wy, cy - hgt / 2), wy + wH - hgt);
  return [x, y, w, hgt].map(Math.round);
}

function applyFilters(e) {
  if (e) e.preventDefault();
  state.explore.offset = 0;
  const target = "#explore" + (Object.keys(filterParams()).length ? "?" + hashParams(filterParams()) : "");
  if (location.hash === target) loadExplore(); else location.hash = target;
}

/* ---------- entities ---------- */

async function loadEntities() {
  const form = $("entities-form");
  const page = await api("/api/entities", { name: form.elements.name.value.trim(), type: form.elements.type.value, limit: PAGE, offset: state.entities.offset });
  const rows = page.entities.map((e) => h("tr", { class: "clickable", onclick: () => { location.hash = entityHref(e.id); } },
    h("td", {}, h("a", { href: entityHref(e.id) }, e.name_ar || e.id)), h("td", { lang: "en", dir: "ltr" }, e.name_en || ""),
    h("td", {}, h("span", { class: "type-tag " + e.type }, e.type)), h("td", { class: "code" }, e.country || ""),
    h("td", { class: "code" }, e.code || ""), h("td", { class: "num" }, fmt(e.articles)), h("td", { class: "num" }, fmt(e.mentions))));
  const box = clear($("entities-list"));
  box.appendChild(rows.length ? table([["الاسم", "Name"], ["بالإنجليزية", "English"], ["النوع", "Type"], ["البلد", "Country"],
    ["الرمز", "Code"], ["أخبار", "Articles"], ["ذِكر", "Mentions"]], rows, "entities-table") : h("p", { class: "empty" }, "لا كيانات. ", en("No entities.")));
  pager($("entities-pager"), page, (offset) => { state.entities.offset = offset; loadEntities(); });
}

async function loadEntity(id) {
  const box = clear($("entity-profile"));
  box.appendChild(h("p", { class: "status" }, "جارٍ التحميل… Loading…"));
  let p;
  try { p = await api("/api/entities/" + encodeURIComponent(id)); } catch (err) {
    clear(box).appendChild(h("p", { class: "status error" }, err.message)); return;
  }
  const maxC = Math.max(1, ...p.counterparts.map((c) => c.total));
  const timelineBox = h("div", { class: "chart", id: "entity-timeline" });
  clear(box);
  append(box, [
    h("div", { class: "card" },
      h("div", { class: "profile-head" }, h("h1", {}, p.name_ar || p.id), p.name_en ? h("span", { lang: "en", dir: "ltr" }, p.name_en) : null,
        h("span", { class: "type-tag " + p.type }, `${TYPE_AR[p.type] || ""} ${p.type}`)),
      kv([["النوع الفرعي", p.subtype], ["البلد", p.country], ["الرمز", p.code], ["ويكي بيانات", p.wikidata], ["المعرّف", p.id],
        ["الأخبار", fmt(p.articles)], ["مرات الذكر", fmt(p.mentions)]]),
      h("p", {}, h("a", { href: "#explore?" + hashParams({ actor: p.followed_as }) }, "استكشف أحداثه ", en("explore its events")))),
    h("div", { class: "grid" },
      h("div", { class: "card" }, h("h2", {}, "الأسماء الواردة ", en("Names used")),
        h("ul", { class: "chips" }, p.names.map((n) => h("li", {}, n.text, " ", h("span", { class: "muted" }, fmt(n.count))))),
        h("h2", {}, "الأدوار ", en("Roles")),
        p.roles.length || p.actor_codes.length ? h("ul", {}, p.roles.map((r) => h("li", {}, r.title, " ", h("span", { class: "code" }, r.code), " ",
          ltr(`${r.start || "…"} – ${r.end || "…"}`))),
        p.actor_codes.map((c) => h("li", {}, h("span", { class: "code" }, c.code), ` ${fmt(c.count)} حدثًا `, ltr(`${c.first_day || ""} – ${c.last_day || ""}`))))
          : h("p", { class: "muted" }, "—")),
      h("div", { class: "card" }, h("h2", {}, "الأطراف المقابلة ", en("Most frequent counterparts")),
        p.counterparts.length ? h("ul", { class: "bars" }, p.counterparts.map((c) => {
          const fill = h("div", { class: "bar-fill" });
          fill.style.width = `${(100 * c.total) / maxC}%`;
          fill.style.background = QUAD_COLOR[dominantQuad(c.counts)] || "";
          const label = /^(Q\d+|rasd:)/.test(c.id) ? h("a", { href: entityHref(c.id) }, c.name_ar || c.id) : h("span", {}, c.name_ar || c.id);
          return h("li", { title: Object.entries(c.counts).map(([k, v]) => `${k} ${v}`).join(", ") },
            h("span", {}, label, " ", en(c.name_en || "")), h("div", { class: "bar-track" }, fill), h("span", { class: "num" }, fmt(c.total)));
        })) : h("p", { class: "muted" }, "—")),
      h("div", { class: "card wide" }, h("h2", {}, "الأحداث عبر الزمن ", en("Events over time")), timelineBox, legend(QUADS.map((q) => [q, QUAD_AR[q], q.replace("_", " ")]))),
      h("div", { class: "card wide" }, h("h2", {}, "أحدث الأحداث ", en("Latest events")),
        p.events.length ? table([["اليوم", "Day"], ["الفئة", "PLOVER"], ["المصدر ← الهدف", "Source → Target"], ["الخبر", "Article"]],
          p.events.map((r) => h("tr", {}, h("td", { class: "code" }, r.day || "—"), h("td", {}, quadBadge(r.plover, r.quad)),
            h("td", {}, sides(storedActor(r, "source"), storedActor(r, "target"))),
            h("td", {}, h("a", { href: "#article/" + r.article_id }, r.title || "#" + r.article_id)))), "entity-events") : h("p", { class: "muted" }, "—")),
      h("div", { class: "card wide" }, h("h2", {}, "أخبار تذكره ", en("Articles mentioning it")),
        h("ul", {}, p.recent_articles.map((a) => h("li", {}, h("a", { href: "#article/" + a.article_id }, a.title || a.doc_id), " ",
          h("span", { class: "muted" }, metaLine(a.published && ltr(a.published), a.source && ltr(a.source)))))))),
  ]);
  drawTimeline(timelineBox, p.timeline);
}

/* ---------- search and stored articles ---------- */

async function runSearch(q) {
  $("search-form").elements.q.value = q;
  const list = clear($("search-results"));
  if (!q) { setStatus("search-status", ""); return; }
  setStatus("search-status", "جارٍ البحث… Searching…");
  try {
    const res = await api("/api/search", { q, limit: 50 });
    setStatus("search-status", `${fmt(res.results.length)} نتيجة · ${res.results.length} results`);
    for (const r of res.results) {
      list.appendChild(h("li", {}, h("a", { href: "#article/" + r.article_id }, r.title || r.doc_id), " ",
        h("span", { class: "muted" }, metaLine(r.published && ltr(r.published), r.source && ltr(r.source))),
        h("p", { class: "snippet" }, r.snippet)));
    }
  } catch (err) {
    setStatus("search-status", err.message, true);
  }
}

async function loadArticle(id) {
  const box = clear($("article-view"));
  try {
    const doc = await api("/api/articles/" + encodeURIComponent(id));
    append(box, [h("h1", {}, doc.title || "خبر", " ", en("Article")), renderDocument(doc)]);
  } catch (err) {
    box.appendChild(h("p", { class: "status error" }, err.message));
  }
}

/* ---------- routing ---------- */

function show(view) {
  for (const sec of document.querySelectorAll(".view")) sec.hidden = sec.id !== "view-" + view;
  const tab = { entity: "entities", article: "search" }[view] || view;
  for (const a of document.querySelectorAll(".top nav a[data-view]")) a.classList.toggle("active", a.dataset.view === tab);
  hideTip();
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || "analyze";
  const [path, query] = [hash.split("?")[0], new URLSearchParams(location.hash.split("?")[1] || "")];
  const [view, ...rest] = path.split("/");
  const arg = rest.join("/");
  if (view === "explore") { show("explore"); setFilters(query); loadExplore(); }
  else if (view === "entities") { show("entities"); loadEntities().catch((err) => clear($("entities-list")).appendChild(h("p", { class: "status error" }, err.message))); }
  else if (view === "entity" && arg) { show("entity"); loadEntity(arg); }
  else if (view === "search") { show("search"); runSearch(query.get("q") || ""); }
  else if (view === "article" && arg) { show("article"); loadArticle(arg); }
  else show("analyze");
  window.scrollTo(0, 0);
}

async function init() {
  $("analyze-form").addEventListener("submit", analyzeSubmit);
  $("filters").addEventListener("submit", applyFilters);
  $("filters").addEventListener("reset", () => setTimeout(applyFilters, 0));
  $("entities-form").addEventListener("submit", (e) => { e.preventDefault(); state.entities.offset = 0; loadEntities(); });
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); location.hash = "#search?" + hashParams({ q: e.target.elements.q.value.trim() }); });
  for (const b of document.querySelectorAll("#timeline-by button")) {
    b.addEventListener("click", () => { state.explore.by = b.dataset.by; markGranularity(); loadExplore(); });
  }
  document.addEventListener("click", (e) => { if (!e.target.closest(".tip") && !e.target.closest(".ann")) hideTip(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
  try {
    const meta = await api("/api/meta");
    state.plover = meta.plover;
    for (const pl of Object.keys(meta.plover)) $("plover-select").appendChild(h("option", { value: pl }, pl));
  } catch (err) {
    setStatus("analyze-status", err.message, true);
  }
  $("quad-legend").appendChild(legend(QUADS.map((q) => [q, QUAD_AR[q], q.replace("_", " ")])));
  markGranularity();
  window.addEventListener("hashchange", route);
  route();
}

function markGranularity() {
  for (const b of document.querySelectorAll("#timeline-by button")) b.classList.toggle("secondary", b.dataset.by !== state.explore.by);
}

document.addEventListener("DOMContentLoaded", init);
