// The cost-model-service page: upload, live progress, result, recent articles.
// Vanilla ES module, no build step. Server data only ever reaches the DOM through
// textContent / attributes, never parsed as HTML.

const API = (document.documentElement.dataset.apiPrefix || "/api").replace(/\/+$/, "");
const KEY_STORAGE = "cms.apiKey";
const POLL_MS = 2000;
const RECENT_MS = 3000;
const RECENT_LIMIT = 20;
const TERMINAL = new Set(["completed", "failed"]);
const SVG_NS = "http://www.w3.org/2000/svg";

const STAGES = {
  queued: "Queued",
  extracting_text: "Extracting text",
  extracting_metadata: "Finding weight and materials",
  generating_cost_model: "Building the cost model",
  saving: "Saving the result",
};
const STATUS_WORDS = {
  pending: "Waiting to start",
  processing: "Processing",
  completed: "Completed",
  failed: "Failed",
};
const CATEGORY_NAMES = {
  metal: "Metal",
  polymer: "Polymer",
  other: "Other material",
  energy: "Energy",
  labour: "Labour",
};
const FORM_FIELDS = ["articleName", "description", "productSpecification", "drawing"];

const $ = (id) => document.getElementById(id);
const numberFormat = (digits) =>
  new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const fmtKg = (kg) => numberFormat(6).format(kg);
const fmtG = (g) => numberFormat(g >= 100 ? 1 : 3).format(g);
const fmtPct = (part) => `${numberFormat(1).format(part * 100)}%`;
const fmtInt = (n) => numberFormat(0).format(n);

function fmtDate(value) {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

// ---------------------------------------------------------------- DOM helpers

function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function show(node, visible) {
  node.hidden = !visible;
}

function badge(status) {
  return el("span", {
    className: `badge badge--${status}`,
    text: STATUS_WORDS[status] ? (status === "pending" ? "Pending" : STATUS_WORDS[status]) : status,
  });
}

function setBadge(node, status) {
  node.className = `badge badge--${status}`;
  node.textContent = status === "pending" ? "Pending" : STATUS_WORDS[status] || status;
}

// ---------------------------------------------------------------- API access

class ApiError extends Error {
  constructor(status, detail, errors = []) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.errors = Array.isArray(errors) ? errors : [];
  }
}

function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

async function api(path, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set("Accept", "application/json, application/problem+json");
  const key = apiKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  let response;
  try {
    response = await fetch(`${API}${path}`, { ...init, headers, cache: "no-store" });
  } catch {
    throw new ApiError(0, "The service cannot be reached. Check the connection and try again.");
  }
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    let detail = (body && (body.detail || body.title)) || `${response.status} ${response.statusText}`;
    if (typeof detail !== "string") detail = JSON.stringify(detail);
    if (response.status === 401 || response.status === 403) {
      detail = apiKey()
        ? `The service refused the API key (${response.status}). Check it under “API key”.`
        : "The service needs an API key: enter it under “API key” at the top of the page.";
      $("apikey").open = true;
    }
    throw new ApiError(response.status, detail, body && body.errors);
  }
  const etag = response.headers.get("etag");
  if (etag) etags.set(path, etag);
  return body;
}

// The ETag each path last answered with: sent back in If-Match when changing it.
const etags = new Map();

function sendJson(path, method, body) {
  const headers = { "Content-Type": "application/json" };
  const etag = etags.get(path);
  if (etag) headers["If-Match"] = etag;
  return api(path, { method, headers, body: JSON.stringify(body) });
}

// ---------------------------------------------------------------- API key

function renderKeyState() {
  const key = apiKey();
  $("apikey-state").textContent = key ? "set" : "not set";
  $("apikey-state").classList.toggle("apikey__state--set", Boolean(key));
  $("apikey-input").value = key;
}

function initApiKey() {
  renderKeyState();
  $("apikey-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("apikey-input").value.trim();
    try {
      if (value) sessionStorage.setItem(KEY_STORAGE, value);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      /* storage disabled: the key lives only in the input */
    }
    renderKeyState();
    $("apikey").open = false;
    $("apikey").querySelector("summary").focus();
    refreshRecent();
  });
  $("apikey-clear").addEventListener("click", () => {
    try {
      sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      /* ignore */
    }
    renderKeyState();
    $("apikey-input").focus();
  });
}

// ---------------------------------------------------------------- upload form

function clearFormErrors() {
  for (const field of FORM_FIELDS) {
    const input = $(field);
    input.removeAttribute("aria-invalid");
    const message = $(`${field}-error`);
    message.textContent = "";
    show(message, false);
  }
  $("form-error").textContent = "";
  show($("form-error"), false);
}

function fieldError(field, message) {
  const input = $(field);
  const node = $(`${field}-error`);
  if (!input || !node) return false;
  input.setAttribute("aria-invalid", "true");
  node.textContent = node.textContent ? `${node.textContent} ${message}` : message;
  show(node, true);
  return true;
}

function formError(message) {
  $("form-error").textContent = message;
  show($("form-error"), true);
}

function focusFirstInvalid() {
  const first = FORM_FIELDS.map((f) => $(f)).find((input) => input.getAttribute("aria-invalid"));
  if (first) first.focus();
}

function validateLocally(form) {
  let ok = true;
  const name = form.articleName.value.trim();
  if (!name || name.length > 255) {
    fieldError("articleName", name ? "At most 255 characters." : "Enter the article’s name.");
    ok = false;
  }
  if (!form.productSpecification.files.length) {
    fieldError("productSpecification", "Choose the product specification file.");
    ok = false;
  }
  return ok;
}

function initUploadForm() {
  const form = $("upload-form");
  const submit = $("submit");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearFormErrors();
    if (!validateLocally(form)) {
      focusFirstInvalid();
      return;
    }
    const data = new FormData();
    data.append("articleName", form.articleName.value.trim());
    const description = form.description.value.trim();
    if (description) data.append("description", description);
    data.append("productSpecification", form.productSpecification.files[0]);
    if (form.drawing.files.length) data.append("drawing", form.drawing.files[0]);

    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    submit.textContent = "Uploading…";
    try {
      const article = await api("/analyze", { method: "POST", body: data });
      form.reset();
      selectArticle(article.id, { article });
      refreshRecent();
    } catch (error) {
      const errors = error instanceof ApiError ? error.errors : [];
      let placed = false;
      for (const item of errors) {
        if (item && fieldError(String(item.field), String(item.message || "Invalid value."))) placed = true;
      }
      const unplaced = errors.filter((item) => !item || !FORM_FIELDS.includes(String(item.field)));
      if (!placed || unplaced.length) {
        formError(error.detail || error.message || "The upload failed.");
      }
      if (placed) focusFirstInvalid();
    } finally {
      submit.disabled = false;
      form.removeAttribute("aria-busy");
      submit.textContent = "Analyse";
    }
  });
}

// ---------------------------------------------------------------- progress tracking

let tracker = null; // {id, stopped, source, timer, gotEvent}
let streamUnavailable = false; // the events endpoint failed before sending anything: poll

function stageWords(status) {
  if (status.processing_status === "processing") {
    return STAGES[status.processing_stage] || status.processing_stage || "Processing";
  }
  if (status.processing_status === "pending" && status.processing_error) {
    return "Waiting to retry";
  }
  return STATUS_WORDS[status.processing_status] || status.processing_status;
}

function renderProgress(status) {
  const progress = Math.max(0, Math.min(100, Number(status.progress) || 0));
  const words = stageWords(status);
  const bar = $("progress-bar");
  bar.setAttribute("aria-valuenow", String(progress));
  bar.setAttribute("aria-valuetext", `${words}, ${progress}%`);
  bar.dataset.status = status.processing_status;
  $("progress-fill").style.width = `${progress}%`;
  $("progress-text").textContent = `${words} — ${progress}%`;
}

function setTransport(text) {
  $("progress-transport").textContent = text;
}

function stopTracking() {
  if (!tracker) return;
  tracker.stopped = true;
  if (tracker.source) tracker.source.close();
  if (tracker.timer) clearTimeout(tracker.timer);
  tracker = null;
}

function track(id, name, initialStatus) {
  stopTracking();
  const current = { id, stopped: false, source: null, timer: null, gotEvent: false, failures: 0 };
  tracker = current;
  show($("progress-card"), true);
  $("progress-article").textContent = `${name || "Article"} (#${id})`;
  renderProgress(initialStatus || { processing_status: "pending", progress: 0 });
  if (!apiKey() && "EventSource" in window && !streamUnavailable) openStream(current);
  else poll(current);
}

function openStream(current) {
  setTransport("Live updates");
  const source = new EventSource(`${API}/articles/${current.id}/events`);
  current.source = source;
  const onData = (event) => {
    current.gotEvent = true;
    let status;
    try {
      status = JSON.parse(event.data);
    } catch {
      return;
    }
    onStatus(current, status);
  };
  source.addEventListener("status", onData);
  source.addEventListener("message", onData);
  source.addEventListener("error", () => {
    source.close();
    current.source = null;
    if (current.stopped) return;
    if (!current.gotEvent) streamUnavailable = true;
    poll(current);
  });
}

async function poll(current) {
  if (current.stopped) return;
  setTransport(`Checking every ${POLL_MS / 1000} s`);
  try {
    const status = await api(`/articles/${current.id}/status`);
    current.failures = 0;
    onStatus(current, status);
  } catch (error) {
    if (current.stopped) return;
    if (error instanceof ApiError && error.status === 404) {
      stopTracking();
      $("progress-text").textContent = "This article no longer exists.";
      return;
    }
    current.failures += 1;
    setTransport(`${error.message} Retrying…`);
  }
  if (!current.stopped) {
    const delay = POLL_MS * Math.min(2 ** current.failures, 8);
    current.timer = setTimeout(() => poll(current), delay);
  }
}

function onStatus(current, status) {
  if (current.stopped || !status || Number(status.id) !== current.id) return;
  renderProgress(status);
  if (selectedId === current.id) setBadge($("result-status"), status.processing_status);
  if (TERMINAL.has(status.processing_status)) {
    stopTracking();
    setTransport("");
    if (selectedId === current.id) loadArticle(current.id);
    refreshRecent();
  }
}

// ---------------------------------------------------------------- result

let selectedId = null;
let lastCostModels = [];

async function selectArticle(id, { article = null, focus = false } = {}) {
  selectedId = id;
  if (history.replaceState) history.replaceState(null, "", `#article-${id}`);
  markSelected();
  if (article) renderArticle(article);
  await loadArticle(id);
  if (focus) $("result").focus();
}

async function loadArticle(id) {
  try {
    const article = await api(`/articles/${id}`);
    if (selectedId !== id) return;
    renderArticle(article);
  } catch (error) {
    if (selectedId !== id) return;
    show($("result-body"), false);
    show($("result-placeholder"), true);
    $("result-placeholder").textContent =
      error.status === 404 ? `Article #${id} does not exist (any more).` : error.message;
  }
}

function renderArticle(article) {
  show($("result-placeholder"), false);
  show($("result-body"), true);
  $("result-name").textContent = article.article_name;
  const meta = [`#${article.id}`, `uploaded ${fmtDate(article.created_at)}`];
  if (article.analysis_method) meta.push(`analysed by ${article.analysis_method}`);
  $("result-meta").textContent = meta.join(" · ");
  $("result-description").textContent = article.description || "";
  show($("result-description"), Boolean(article.description));
  setBadge($("result-status"), article.processing_status);

  const failed = article.processing_status === "failed";
  const completed = article.processing_status === "completed";
  show($("result-failed"), failed);
  if (failed) {
    $("result-error-message").textContent = article.processing_error || "No error message was recorded.";
    $("result-error-code").textContent = article.processing_error_code || "unknown";
  }
  show($("result-details"), completed);
  if (!TERMINAL.has(article.processing_status)) {
    $("result-meta").textContent += " · analysis in progress";
    if (!tracker || tracker.id !== article.id) {
      track(article.id, article.article_name, article);
    }
  }
  if (!completed) return;
  const metadata = article.extracted_metadata || {};
  renderWeight(article, metadata.weight || null);
  lastCostModels = Array.isArray(article.cost_models) ? article.cost_models : [];
  renderCostChart(lastCostModels);
  renderCostTable(lastCostModels);
  renderMaterials(Array.isArray(metadata.materials) ? metadata.materials : []);
  renderDocuments(Array.isArray(metadata.documents) ? metadata.documents : []);
  renderNotes(Array.isArray(metadata.notes) ? metadata.notes : []);
  renderCorrections(article);
}

function evidenceBlock(evidence) {
  if (!evidence || !evidence.quote) return null;
  const caption = [];
  if (evidence.location) caption.push(`Location: ${evidence.location}`);
  if (evidence.confidence !== undefined && evidence.confidence !== null) {
    caption.push(`Confidence: ${Math.round(Number(evidence.confidence) * 100)}%`);
  }
  return el("figure", { className: "evidence" }, [
    el("blockquote", { className: "evidence__quote", text: evidence.quote }),
    el("figcaption", { className: "evidence__source", text: caption.join(" · ") }),
  ]);
}

function renderWeight(article, weight) {
  const host = $("weight");
  host.replaceChildren();
  const kg = article.unit_weight ?? (weight ? weight.kg : null);
  if (kg === null || kg === undefined) {
    host.append(el("p", { className: "muted", text: "No unit weight was found in the documents." }));
    return;
  }
  const manual = Boolean(article.corrections && article.corrections.unit_weight);
  const grams = !manual && weight && typeof weight.grams === "number" ? weight.grams : kg * 1000;
  const value = el("p", { className: "weight" }, [
    el("span", { className: "weight__kg", attrs: { "data-testid": "unit-weight-kg" }, text: `${fmtKg(kg)} kg` }),
    el("span", { className: "weight__g", text: `${fmtG(grams)} g` }),
  ]);
  const chips = el("p", { className: "chips" });
  if (manual) {
    chips.append(el("span", { className: "chip chip--ok", text: "Set by hand (the analysis found the weight quoted below)" }));
  }
  if (weight && weight.basis) {
    const basis = { net: "Net weight", gross: "Gross weight" }[weight.basis] || "Basis not stated";
    chips.append(el("span", { className: "chip", text: basis }));
  }
  if (weight && weight.supported_by_document === false) {
    chips.append(el("span", { className: "chip chip--warn", text: "Not found verbatim in the document — check it" }));
  } else if (weight && weight.supported_by_document) {
    chips.append(el("span", { className: "chip chip--ok", text: "Quoted from the document" }));
  }
  host.append(value, chips);
  const evidence = weight ? evidenceBlock(weight.evidence) : null;
  host.append(evidence || el("p", { className: "muted", text: "No quoted source for this weight." }));
}

function categoryClass(category) {
  return CATEGORY_NAMES[category] ? `cat-${category}` : "cat-unknown";
}

function sortedShares(entries) {
  return [...entries].sort((a, b) => b.part - a.part || String(a.index_code).localeCompare(b.index_code));
}

function renderCostChart(entries) {
  const host = $("cost-chart");
  host.replaceChildren();
  if (!entries.length) {
    host.append(el("p", { className: "muted", text: "No cost model." }));
    return;
  }
  const rows = sortedShares(entries);
  const width = Math.max(260, Math.floor(host.clientWidth || 480));
  const rowHeight = 42;
  const labelGap = 18;
  const barHeight = 14;
  const valueWidth = 56;
  const maxPart = Math.max(...rows.map((r) => r.part), 0.0001);
  const barSpace = width - valueWidth;
  const height = rows.length * rowHeight;
  const summary = rows.map((r) => `${r.index_name} ${fmtPct(r.part)}`).join(", ");
  const chart = svg("svg", {
    class: "chart",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": "cost-chart-title",
  });
  chart.append(svg("title", { id: "cost-chart-title" }, `Cost shares: ${summary}`));
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const group = svg("g", { class: "chart__row", transform: `translate(0 ${y})` });
    group.append(svg("text", { class: "chart__label", x: 0, y: 13 }, row.index_name));
    group.append(svg("rect", { class: "chart__track", x: 0, y: labelGap, width: barSpace, height: barHeight, rx: 3 }));
    const barWidth = Math.max(2, (row.part / maxPart) * barSpace);
    const bar = svg("rect", {
      class: `cost-bar ${categoryClass(row.category)}`,
      x: 0,
      y: labelGap,
      width: barWidth.toFixed(1),
      height: barHeight,
      rx: 3,
      "data-index-code": row.index_code,
      "data-part": row.part,
    });
    bar.append(svg("title", {}, `${row.index_name}: ${fmtPct(row.part)}`));
    group.append(bar);
    group.append(svg("text", { class: "chart__value", x: width, y: labelGap + barHeight - 2, "text-anchor": "end" }, fmtPct(row.part)));
    chart.append(group);
  });
  const categories = [...new Set(rows.map((r) => r.category))];
  const legend = el("ul", { className: "legend", attrs: { "aria-label": "Categories" } });
  for (const category of categories) {
    legend.append(
      el("li", {}, [
        el("span", { className: `swatch ${categoryClass(category)}`, attrs: { "aria-hidden": "true" } }),
        document.createTextNode(CATEGORY_NAMES[category] || category),
      ]),
    );
  }
  host.append(chart, legend);
}

// The index of a material no document names (it has no values; see the README).
const UNIDENTIFIED_MATERIAL = "unidentified_material";

function renderCostTable(entries) {
  const body = $("cost-table").tBodies[0];
  body.replaceChildren();
  for (const row of sortedShares(entries)) {
    body.append(
      el("tr", {}, [
        el("td", {}, [
          el("span", { className: "cell-main", text: row.index_name }),
          el("span", { className: "cell-sub", text: row.index_code }),
          ...(row.index_code === UNIDENTIFIED_MATERIAL
            ? [el("span", { className: "cell-sub", text: "no document names the material: name it under Materials to price it" })]
            : []),
        ]),
        el("td", {}, [
          el("span", { className: `swatch ${categoryClass(row.category)}`, attrs: { "aria-hidden": "true" } }),
          document.createTextNode(CATEGORY_NAMES[row.category] || row.category),
        ]),
        el("td", { className: "num", text: fmtPct(row.part) }),
        el("td", { className: "num", text: row.quantity_g === null || row.quantity_g === undefined ? "—" : fmtG(row.quantity_g) }),
      ]),
    );
  }
}

function renderMaterials(materials) {
  const host = $("materials");
  host.replaceChildren();
  if (!materials.length) {
    host.append(el("li", { className: "muted", text: "No materials were identified." }));
    return;
  }
  for (const material of materials) {
    const head = el("p", { className: "material__head" }, [
      el("span", { className: "material__name", text: material.name || material.index_code }),
      el("span", { className: "chip", text: `index: ${material.index_code}` }),
    ]);
    if (typeof material.mass_share === "number") {
      head.append(el("span", { className: "material__share", text: `${fmtPct(material.mass_share)} of the mass` }));
    }
    host.append(el("li", { className: "material" }, [head, evidenceBlock(material.evidence)]));
  }
}

function yesNo(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  return "—";
}

function renderDocuments(documents) {
  const body = $("documents-table").tBodies[0];
  body.replaceChildren();
  if (!documents.length) {
    body.append(el("tr", {}, [el("td", { className: "muted", text: "No document facts.", attrs: { colspan: 8 } })]));
    return;
  }
  for (const doc of documents) {
    const warnings = Array.isArray(doc.warnings) && doc.warnings.length ? doc.warnings.join("; ") : "—";
    body.append(
      el("tr", {}, [
        el("td", { text: doc.role === "specification" ? "Specification" : doc.role === "drawing" ? "Drawing" : doc.role }),
        el("td", { text: doc.format || "—" }),
        el("td", { className: "num", text: doc.page_count ?? "—" }),
        el("td", { text: yesNo(doc.has_text_layer) }),
        el("td", { className: "num", text: typeof doc.characters === "number" ? fmtInt(doc.characters) : "—" }),
        el("td", { className: "num", text: typeof doc.tokens === "number" ? fmtInt(doc.tokens) : "—" }),
        el("td", { text: doc.language || "—" }),
        el("td", { className: warnings === "—" ? "" : "warn-text", text: warnings }),
      ]),
    );
  }
}

function renderNotes(notes) {
  const host = $("notes");
  host.replaceChildren();
  for (const note of notes) host.append(el("li", { text: note }));
  show(host, notes.length > 0);
}

// ---------------------------------------------------------------- recent articles

let recentTimer = null;
let recentBusy = false;
let recentAgain = false; // asked for while a refresh was in flight: its answer may be stale

function markSelected() {
  for (const button of $("recent-list").querySelectorAll("button[data-id]")) {
    if (Number(button.dataset.id) === selectedId) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
}

function recentItem(item) {
  const progress = TERMINAL.has(item.processing_status) ? "" : ` · ${item.progress}%`;
  const weight = item.unit_weight !== null && item.unit_weight !== undefined ? ` · ${fmtKg(item.unit_weight)} kg` : "";
  const button = el("button", { className: "recent__item", attrs: { type: "button", "data-id": item.id } }, [
    el("span", { className: "recent__text" }, [
      el("span", { className: "recent__name", text: item.article_name }),
      el("span", { className: "recent__meta", text: `#${item.id} · ${fmtDate(item.created_at)}${weight}${progress}` }),
    ]),
    badge(item.processing_status),
  ]);
  button.addEventListener("click", () => selectArticle(item.id, { focus: true }));
  return el("li", {}, [button]);
}

async function refreshRecent() {
  if (recentBusy) {
    recentAgain = true;
    return;
  }
  recentBusy = true;
  recentAgain = false;
  clearTimeout(recentTimer);
  let items = null;
  try {
    const page = await api(`/articles?limit=${RECENT_LIMIT}`);
    items = Array.isArray(page && page.items) ? page.items : [];
    show($("recent-error"), false);
  } catch (error) {
    $("recent-error").textContent = error.message;
    show($("recent-error"), true);
  } finally {
    recentBusy = false;
  }
  if (items) {
    const list = $("recent-list");
    const focusedId = document.activeElement && document.activeElement.closest("#recent-list")
      ? document.activeElement.dataset.id
      : null;
    list.replaceChildren(...items.map(recentItem));
    if (focusedId) {
      const again = list.querySelector(`button[data-id="${CSS.escape(focusedId)}"]`);
      if (again) again.focus();
    }
    show($("recent-empty"), items.length === 0);
    markSelected();
  }
  if (recentAgain) {
    refreshRecent();
    return;
  }
  const busy = !items || items.some((item) => !TERMINAL.has(item.processing_status));
  if (busy) recentTimer = setTimeout(refreshRecent, items ? RECENT_MS : RECENT_MS * 3);
}

// ---------------------------------------------------------------- start

function initResize() {
  if (!("ResizeObserver" in window)) return;
  let lastWidth = 0;
  const observer = new ResizeObserver(() => {
    const width = Math.floor($("cost-chart").clientWidth);
    if (width && width !== lastWidth && lastWidth && lastCostModels.length && !$("result-details").hidden) {
      renderCostChart(lastCostModels);
    }
    lastWidth = width;
  });
  observer.observe($("cost-chart"));
}

function init() {
  initApiKey();
  initCorrections();
  initCatalogue();
  initUploadForm();
  initResize();
  $("recent-refresh").addEventListener("click", refreshRecent);
  refreshRecent();
  const match = /^#article-(\d+)$/.exec(location.hash);
  if (match) selectArticle(Number(match[1]));
}

init();

// ---------------------------------------------------------------- corrections, review, prices

let current = null; // the article on screen, as last loaded

function errorText(error) {
  const fields = (error.errors || []).map((e) => e.message && (e.field ? `${e.field}: ${e.message}` : e.message));
  return [error.message, ...fields.filter(Boolean)].join(" — ");
}

function formMessage(id, error) {
  const node = $(id);
  node.textContent = error ? (typeof error === "string" ? error : errorText(error)) : "";
  show(node, Boolean(error));
}

async function change(errorId, call) {
  formMessage(errorId, null);
  try {
    const article = await call();
    if (article && article.id) {
      etags.delete(`/articles/${article.id}`);
      await loadArticle(article.id);
    }
    refreshQueue();
    return true;
  } catch (error) {
    if (error.status === 412) {
      formMessage(errorId, "Someone changed this article meanwhile: it was reloaded, check and save again.");
      if (current) await loadArticle(current.id);
    } else {
      formMessage(errorId, error);
    }
    return false;
  }
}

function patchArticle(errorId, body) {
  return change(errorId, () => sendJson(`/articles/${current.id}`, "PATCH", body));
}

function renderCorrections(article) {
  current = article;
  const review = (article.extracted_metadata || {}).review || {};
  show($("review-block"), Boolean(article.needs_review));
  const reasons = [...(review.reasons || [])];
  if (article.pricing && article.pricing.review_reason) reasons.push(article.pricing.review_reason);
  $("review-reasons").replaceChildren(...reasons.map((r) => el("li", { text: r })));
  $("reviewed-by").textContent = article.reviewed_at
    ? `Reviewed by ${article.reviewed_by || "someone"} on ${fmtDate(article.reviewed_at)}`
    : "";
  show($("reviewed-by"), Boolean(article.reviewed_at));
  renderCandidates(review.candidates || []);
  $("weight-input").value = article.unit_weight ?? "";
  $("price-input").value = article.price ?? "";
  $("currency-input").value = article.currency ?? "";
  $("price-date-input").value = article.price_date ?? "";
  $("price-unit-input").value = article.price_unit || "piece";
  const pricing = article.pricing;
  $("pricing-state").textContent = !pricing
    ? "No price: the cost model is the analysis's estimate."
    : pricing.status === "computed"
      ? `Material shares computed from the price and the index values of ${pricing.period}; fixed share ${fmtPct(article.fixed_share)}.`
      : `Estimated shares (${pricing.reason || "not computed"}).`;
  renderProcess(article);
  renderCostEditor(article.cost_models || [], article.fixed_share || 0);
  const materials = ((article.extracted_metadata || {}).materials || []).map((m) => ({
    index_code: m.index_code, name: m.name, mass_share: m.mass_share,
  }));
  renderMaterialsEditor(materials);
  const start = article.price_date ? article.price_date.slice(0, 7) : "";
  if (!$("development-from").value && start) $("development-from").value = start;
  if (!$("development-to").value) $("development-to").value = new Date().toISOString().slice(0, 7);
  loadHistory(article.id);
  if (start) loadDevelopment();
  else $("development-chart").replaceChildren(el("p", { className: "muted", text: "Enter a price and its date to see how it developed." }));
}

// How the article is made: a person's choice (corrections.process) or the analysis's. The
// select shows the person's value, or "" (the analysis's) when none is set.
function renderProcess(article) {
  const process = (article.extracted_metadata || {}).process || null;
  const manual = Boolean(article.corrections && article.corrections.process);
  const label = (value) => {
    const option = [...$("process-input").options].find((o) => o.value === value);
    return option ? option.textContent : value;
  };
  $("process-input").value = manual && process ? process : "";
  $("process-state").textContent = !process
    ? "The analysis named no process."
    : manual
      ? `Made by ${label(process)} (set by hand); it sets the yield of a computed cost model.`
      : `Made by ${label(process)} (from the analysis).`;
}

function renderCandidates(candidates) {
  const table = $("candidates-table");
  const body = table.tBodies[0];
  body.replaceChildren();
  show(table, candidates.length > 0);
  for (const candidate of candidates) {
    const use = el("button", { className: "btn btn--small", attrs: { type: "button" }, text: "Use this" });
    use.disabled = candidate.grams === null || candidate.grams === undefined;
    use.addEventListener("click", () => patchArticle("weight-error", { unit_weight: candidate.grams / 1000 }));
    body.append(
      el("tr", { attrs: { "data-chosen": candidate.chosen ? "true" : "false" } }, [
        el("td", { className: "num", text: candidate.grams === null ? "—" : fmtG(candidate.grams) }),
        el("td", { text: candidate.basis }),
        el("td", { text: candidate.quote }),
        el("td", { text: candidate.location || "" }),
        el("td", { text: candidate.chosen ? "chosen" : candidate.reason || "" }),
        el("td", {}, [use]),
      ]),
    );
  }
}

function numberOrNull(value) {
  const text = String(value).trim().replace(",", ".");
  return text === "" ? null : Number(text);
}

function editRow(fields, remove) {
  const row = el("tr");
  for (const field of fields) row.append(el("td", {}, [field]));
  const button = el("button", { className: "btn btn--small btn--ghost", attrs: { type: "button" }, text: "Remove" });
  button.addEventListener("click", () => { row.remove(); remove(); });
  row.append(el("td", {}, [button]));
  return row;
}

function input(name, value, attrs = {}) {
  const node = el("input", { attrs: { name, type: "text", "aria-label": name, ...attrs } });
  node.value = value ?? "";
  return node;
}

function costRow(code, part) {
  const row = editRow([input("index_code", code, { size: 14 }), input("part", part, { inputmode: "decimal", size: 8 })], costSum);
  row.addEventListener("input", costSum);
  return row;
}

function renderCostEditor(entries, fixed) {
  $("cost-edit-table").tBodies[0].replaceChildren(...entries.map((e) => costRow(e.index_code, e.part)));
  $("fixed-share-input").value = fixed;
  costSum();
}

function costRows() {
  return [...$("cost-edit-table").tBodies[0].rows].map((row) => ({
    index_code: row.querySelector('[name="index_code"]').value.trim(),
    part: numberOrNull(row.querySelector('[name="part"]').value),
  }));
}

function costSum() {
  const total = costRows().reduce((sum, r) => sum + (r.part || 0), 0) + (numberOrNull($("fixed-share-input").value) || 0);
  $("cost-sum").textContent = `Parts and fixed share sum to ${numberFormat(6).format(total)} (must be 1).`;
}

function materialRow(material) {
  return editRow(
    [
      input("index_code", material.index_code, { size: 14 }),
      input("name", material.name),
      input("mass_share", material.mass_share, { inputmode: "decimal", size: 8 }),
    ],
    () => {},
  );
}

function renderMaterialsEditor(materials) {
  $("materials-edit-table").tBodies[0].replaceChildren(...materials.map(materialRow));
}

async function loadHistory(id) {
  try {
    const history = await api(`/articles/${id}/history`);
    if (!current || current.id !== id) return;
    const items = history.items || [];
    show($("history-empty"), items.length === 0);
    $("history-list").replaceChildren(
      ...items.map((h) =>
        el("li", {
          text: `${fmtDate(h.changed_at)} · ${h.changed_by} · ${h.field}: ${JSON.stringify(h.before)} → ${JSON.stringify(h.after)}`,
        }),
      ),
    );
  } catch (error) {
    $("history-list").replaceChildren(el("li", { text: error.message }));
  }
}

let developmentAsked = 0; // only the answer to the latest request is drawn

async function loadDevelopment() {
  if (!current) return;
  const asked = ++developmentAsked;
  formMessage("development-error", null);
  const query = new URLSearchParams({ from: $("development-from").value, to: $("development-to").value });
  try {
    const development = await api(`/articles/${current.id}/price-development?${query}`);
    if (asked === developmentAsked) renderDevelopmentChart(development);
  } catch (error) {
    if (asked !== developmentAsked) return;
    formMessage("development-error", error);
    $("development-chart").replaceChildren();
  }
}

// Stacked columns: per month the fixed share and each index's contribution, in price units
// when there is a base price (else as a factor); the adjusted price on top.
function renderDevelopmentChart(development) {
  const host = $("development-chart");
  host.replaceChildren();
  const months = development.months || [];
  if (!months.length) return;
  const scale = development.base_price ?? 1;
  const codes = development.indices.map((i) => i.code);
  const width = Math.max(300, Math.floor(host.clientWidth || 560));
  const height = 220;
  const top = 16;
  const bottom = 24;
  const left = 8;
  const max = Math.max(...months.map((m) => m.factor * scale), 1e-9) * 1.08;
  const step = (width - left) / months.length;
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const chart = svg("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "development-chart-title" });
  const last = months[months.length - 1];
  chart.append(svg("title", { id: "development-chart-title" },
    `Price from ${months[0].period} to ${last.period}: factor ${numberFormat(4).format(last.factor)}`));
  months.forEach((month, i) => {
    const x = left + i * step;
    let base = 0;
    const layers = [{ code: "fixed", value: development.fixed_share * scale, cls: "cat-fixed" }];
    const byCode = new Map(month.contributions.map((c) => [c.code, c]));
    codes.forEach((code, n) => {
      const c = byCode.get(code);
      if (c) layers.push({ code, value: c.contribution * scale, cls: `dev-${n % 6}`, c });
    });
    const group = svg("g", { "data-period": month.period, "data-factor": month.factor });
    for (const layer of layers) {
      const rect = svg("rect", {
        class: `dev-bar ${layer.cls}${layer.c && (layer.c.missing || layer.c.carried_forward) ? " dev-bar--carried" : ""}`,
        x: (x + step * 0.1).toFixed(1), width: Math.max(1, step * 0.8).toFixed(1),
        y: y(base + layer.value).toFixed(1), height: Math.max(0, y(base) - y(base + layer.value)).toFixed(1),
        "data-index-code": layer.code,
      });
      const note = layer.c && layer.c.missing ? " (no value)" : layer.c && layer.c.carried_forward ? ` (value of ${layer.c.value_period})` : "";
      rect.append(svg("title", {}, `${month.period} ${layer.code}: ${numberFormat(4).format(layer.value)}${note}`));
      group.append(rect);
      base += layer.value;
    }
    if (i === 0 || i === months.length - 1 || months.length <= 12) {
      group.append(svg("text", { class: "chart__label", x: x + step / 2, y: height - 6, "text-anchor": "middle" }, month.period.slice(2)));
    }
    chart.append(group);
  });
  const legend = el("ul", { className: "legend", attrs: { "aria-label": "Parts" } }, [
    el("li", {}, [el("span", { className: "swatch cat-fixed", attrs: { "aria-hidden": "true" } }), document.createTextNode("fixed")]),
    ...codes.map((code, n) => el("li", {}, [el("span", { className: `swatch dev-${n % 6}`, attrs: { "aria-hidden": "true" } }), document.createTextNode(code)])),
  ]);
  const price = last.price === null ? "" : ` · price ${numberFormat(4).format(last.price)} ${development.currency || ""}`;
  host.append(chart, legend, el("p", { className: "hint", attrs: { "data-testid": "development-summary" },
    text: `${last.period}: factor ${numberFormat(4).format(last.factor)}${price}` }));
}

function initCorrections() {
  $("review-done").addEventListener("click", () => patchArticle("weight-error", { needs_review: false }));
  $("weight-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const kg = numberOrNull($("weight-input").value);
    if (kg !== null && !(kg > 0)) return formMessage("weight-error", "A weight is more than 0 kg.");
    patchArticle("weight-error", { unit_weight: kg });
  });
  $("price-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const price = numberOrNull($("price-input").value);
    patchArticle("price-error", {
      price,
      currency: $("currency-input").value.trim().toUpperCase() || null,
      price_date: $("price-date-input").value || null,
      price_unit: $("price-unit-input").value,
    });
  });
  $("process-form").addEventListener("submit", (event) => {
    event.preventDefault();
    patchArticle("process-error", { process: $("process-input").value || null });
  });
  $("cost-add").addEventListener("click", () => $("cost-edit-table").tBodies[0].append(costRow("", "")));
  $("fixed-share-input").addEventListener("input", costSum);
  $("cost-form").addEventListener("submit", (event) => {
    event.preventDefault();
    change("cost-error", () =>
      sendJson(`/articles/${current.id}/cost-models`, "PUT", {
        parts: costRows(),
        fixed_share: numberOrNull($("fixed-share-input").value) || 0,
      }),
    );
  });
  $("materials-add").addEventListener("click", () =>
    $("materials-edit-table").tBodies[0].append(materialRow({ index_code: "", name: "", mass_share: "" })),
  );
  $("materials-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const materials = [...$("materials-edit-table").tBodies[0].rows].map((row) => ({
      index_code: row.querySelector('[name="index_code"]').value.trim(),
      name: row.querySelector('[name="name"]').value.trim(),
      mass_share: numberOrNull(row.querySelector('[name="mass_share"]').value),
    }));
    patchArticle("materials-error", { materials });
  });
  $("development-form").addEventListener("submit", (event) => {
    event.preventDefault();
    loadDevelopment();
  });
  $("queue-refresh").addEventListener("click", refreshQueue);
  refreshQueue();
}

async function refreshQueue() {
  try {
    const page = await api("/articles?needs_review=true&limit=50");
    const items = page.items || [];
    $("queue-list").replaceChildren(...items.map(recentItem));
    show($("queue-empty"), items.length === 0);
    show($("queue-error"), false);
  } catch (error) {
    $("queue-error").textContent = error.message;
    show($("queue-error"), true);
  }
}

// ---------------------------------------------------------------- the catalogue

function indexRow(index) {
  const edit = el("button", { className: "btn btn--small btn--ghost", attrs: { type: "button" }, text: "Edit" });
  edit.addEventListener("click", () => {
    $("index-id").value = index.id;
    for (const field of ["code", "name", "unit", "category", "currency", "source"]) {
      $(`index-${field}`).value = index[field] ?? "";
    }
    $("index-code").disabled = true; // the code is stable
    $("index-save").textContent = "Save index";
    $("index-name").focus();
  });
  return el("tr", { attrs: { "data-code": index.code } }, [
    el("td", { text: index.code }), el("td", { text: index.name }), el("td", { text: index.unit }),
    el("td", { text: index.category }), el("td", { text: index.currency || "" }),
    el("td", { text: index.source || "" }), el("td", {}, [edit]),
  ]);
}

async function refreshCatalogue() {
  try {
    const indices = await api("/indices");
    $("catalogue-table").tBodies[0].replaceChildren(...indices.map(indexRow));
    show($("catalogue-error"), false);
  } catch (error) {
    $("catalogue-error").textContent = error.message;
    show($("catalogue-error"), true);
  }
}

function resetIndexForm() {
  $("index-form").reset();
  $("index-id").value = "";
  $("index-code").disabled = false;
  $("index-save").textContent = "Add index";
}

async function importFile(dryRun) {
  const file = $("import-file").files[0];
  $("import-rejected").replaceChildren();
  if (!file) {
    $("import-result").textContent = "Choose a CSV file first.";
    return;
  }
  const form = new FormData();
  form.append("file", file);
  if ($("import-code").value.trim()) form.append("index_code", $("import-code").value.trim());
  if ($("import-format").value) form.append("format", $("import-format").value);
  if ($("import-codes").value.trim()) form.append("codes", $("import-codes").value.trim());
  form.append("dry_run", dryRun ? "true" : "false");
  try {
    const result = await api("/indices/import", { method: "POST", body: form });
    const series = result.series.map((s) => `${s.code} ${s.first}…${s.last} (${s.count})`).join(", ");
    $("import-result").textContent = `${dryRun ? "Would import" : "Imported"} ${fmtInt(result.imported)} values (${result.format}): ${series}`;
  } catch (error) {
    $("import-result").textContent = error.message;
    const rejected = (error.errors || []).map((e) => {
      const where = e.field && e.field !== "file" && !("line" in e) ? `${e.field}: ` : "";
      return el("li", { text: `${where}${e.message}` });
    });
    $("import-rejected").replaceChildren(...rejected);
  }
}

function initCatalogue() {
  $("catalogue-refresh").addEventListener("click", refreshCatalogue);
  $("index-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = $("index-id").value;
    const body = {};
    for (const field of ["name", "unit", "category", "currency", "source"]) {
      const value = $(`index-${field}`).value.trim();
      body[field] = field === "currency" ? value.toUpperCase() || null : value || null;
    }
    formMessage("index-error", null);
    try {
      if (id) await sendJson(`/indices/${id}`, "PATCH", body);
      else await sendJson("/indices", "POST", { ...body, code: $("index-code").value.trim() });
      resetIndexForm();
      await refreshCatalogue();
    } catch (error) {
      formMessage("index-error", error);
    }
  });
  $("import-preview").addEventListener("click", () => importFile(true));
  $("import-form").addEventListener("submit", (event) => {
    event.preventDefault();
    importFile(false);
  });
  refreshCatalogue();
}
