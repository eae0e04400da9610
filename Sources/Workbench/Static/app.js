// dibao workbench: the page over the JSON API (docs/openapi.yaml). Plain JavaScript, no
// network beyond this server. Every recompute is one POST /api/view.
"use strict";

const TEXT = {
  zh: {
    title: "农村低保测算工作台", skip: "跳到结果", scenario: "方案", compare: "对比方案", noCompare: "（不对比）",
    inputs: "输入", inputsHint: "改动任一输入，结果立即重算。原文件不会改变，除非另存为新文件。", reset: "恢复原值",
    save: "另存为新方案", saveName: "新文件名", saveButton: "保存", downloads: "下载",
    dlDocx: "年度报告 Word (docx)", dlXlsx: "测算表 Excel (xlsx)", dlHtml: "年度报告网页 (HTML)", dlCsv: "年度表 CSV",
    targets: "目标", charts: "图表", chartLevels: "低保标准与国家扶贫标准（元/人·年）", chartFunding: "资金分担（万元）",
    funding: "资金分担", years: "年度表", comparison: "方案对比", montecarlo: "不确定性（蒙特卡洛）",
    mcNone: "此方案没有不确定性（uncertainty）设定，无法抽样。", draws: "抽样次数", times: "（次）", seed: "随机种子",
    confidence: "把握程度", mcRun: "运行抽样", progress: "进度",
    footer: "本工作台只在本机运行，读写的只是方案文件夹中的文件。数字均为按方案测算的预计数。",
    langButton: "English", langLabel: "Switch to English", computing: "计算中…", took: (ms) => `已重算（${ms} 毫秒）`,
    errorsTitle: "输入有误，结果未更新：", original: "原值", pathGrowth: (s) => `${s}年均增长率（改写各年数值）`,
    pathGroup: "增长路径", year: "年份", level: "级次", total: "合计", share: "占比",
    central: "中央", provincial: "省级", city: "市级", county: "县级", surplus: "超出需求的转移支付",
    standard: "低保标准", povertyLine: "国家扶贫标准", margin: "高于扶贫标准", wan: "万元",
    saved: (f) => `已保存为 ${f}`, exists: (f) => `${f} 已存在。要覆盖它吗？`, notSaved: "未保存。", needName: "请先填写新文件名。",
    mcStarted: "抽样中…", mcDone: (n) => `完成：${n} 次抽样`, probability: "达标概率", metWithout: "不计不确定性",
    budgetAt: (y, c) => `${y}年资金（${c}把握）`, deterministic: "测算值", mean: "平均", atConfidence: "足够的金额",
    se: "标准误", cap: "上限", enough: "足够的概率", known: "（已知差距）", figure: "指标", met: "达标", notMet: "未达标",
    expected: "按预期", unexpected: "与预期不符", withEdits: "（含改动）", defaultDraws: (n) => `达标概率按 ${n} 次抽样评估`,
  },
  en: {
    title: "dibao workbench", skip: "Skip to results", scenario: "Scenario", compare: "Compare with", noCompare: "(none)",
    inputs: "Inputs", inputsHint: "Change any input and everything recomputes at once. The file is not changed unless you save a new one.",
    reset: "Reset", save: "Save as a new scenario", saveName: "New file name", saveButton: "Save", downloads: "Downloads",
    dlDocx: "Annual report, Word (docx)", dlXlsx: "Workbook, Excel (xlsx)", dlHtml: "Annual report, web page (HTML)",
    dlCsv: "Year table, CSV", targets: "Targets", charts: "Charts", chartLevels: "Standard and poverty line (元 per person a year)",
    chartFunding: "Funding split (万元)", funding: "Funding split", years: "Year table", comparison: "Comparison",
    montecarlo: "Uncertainty (Monte Carlo)", mcNone: "This scenario has no uncertainty section to draw from.",
    draws: "Draws", times: "", seed: "Seed", confidence: "Confidence", mcRun: "Run draws", progress: "Progress",
    footer: "The workbench runs on this computer only and reads and writes only the files of the scenario folder. All figures are projections.",
    langButton: "中文", langLabel: "切换到中文", computing: "computing…", took: (ms) => `recomputed (${ms} ms)`,
    errorsTitle: "An input is wrong; results not updated:", original: "was", pathGrowth: (s) => `${s}: growth a year (rewrites each year)`,
    pathGroup: "growth paths", year: "year", level: "level", total: "total", share: "share",
    central: "central", provincial: "provincial", city: "city", county: "county", surplus: "transfers beyond the need",
    standard: "standard", povertyLine: "poverty line", margin: "margin above line", wan: "万元",
    saved: (f) => `saved as ${f}`, exists: (f) => `${f} exists. Overwrite it?`, notSaved: "not saved.", needName: "Give a file name first.",
    mcStarted: "drawing…", mcDone: (n) => `done: ${n} draws`, probability: "probability met", metWithout: "without uncertainty",
    budgetAt: (y, c) => `${y} budget at ${c} confidence`, deterministic: "projected", mean: "mean", atConfidence: "enough amount",
    se: "std. error", cap: "cap", enough: "probability enough", known: " (known shortfall)", figure: "figure", met: "met",
    notMet: "not met", expected: "as expected", unexpected: "not as expected", withEdits: " (edited)",
    defaultDraws: (n) => `probabilities judged by ${n} draws`,
  },
};

const LEVELS = ["central", "provincial", "city", "county"];
const state = {
  lang: localStorage.getItem("dibao-lang") === "en" ? "en" : "zh",
  scenarios: [], scenario: null, inputs: null, edits: {}, pathGrowth: {}, view: null, compare: null,
  sequence: 0, controller: null, timer: null, monteCarlo: null, status: null, mcStatus: null,
};

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => { const v = TEXT[state.lang][key]; return typeof v === "function" ? v(...args) : v; };
const pick = (words) => (words ? words[state.lang] ?? words.zh : "");
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
};
const grouped = (v, decimals = 0) => v == null ? "—" :
  v.toLocaleString(state.lang === "zh" ? "zh-CN" : "en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const wan = (yuan) => yuan == null ? "—" : grouped(yuan / 10000, 2);
const percent = (v, d = 1) => v == null ? "—" : (v * 100).toFixed(d) + "%";
const clean = (x) => Number(Number(x).toPrecision(12));

async function api(path, body, signal) {
  const response = await fetch(path, body === undefined ? { signal } :
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal });
  const json = await response.json();
  return { status: response.status, json };
}

function showErrors(json) {
  const box = $("errors");
  box.replaceChildren();
  if (!json) {
    box.hidden = true;
    for (const node of document.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    return;
  }
  box.append(el("h2", { text: t("errorsTitle") }));
  const list = el("ul");
  for (const node of document.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const e of json.errors ?? [{ message: String(json) }]) {
    // An input's error names the field as the page labels it, then the command line's message.
    const input = state.inputs?.inputs.find((i) => i.key === e.key);
    const item = el("li");
    if (input) {
      item.append(el("strong", { text: `${pick(input.label)}：` }), " ");
      $(inputId(input.key))?.setAttribute("aria-invalid", "true");
    }
    item.append(el("code", { text: e.message }));
    list.append(item);
  }
  box.append(list);
  box.hidden = false;
}

/// The status line and the Monte Carlo line, kept as keys so that they follow the language.
function setStatus(key, ...args) {
  state.status = key ? [key, ...args] : null;
  $("status").textContent = key ? t(key, ...args) : "";
}
function setMonteCarloStatus(key, ...args) {
  state.mcStatus = key ? [key, ...args] : null;
  $("mc-status").textContent = key ? t(key, ...args) : "";
}

// MARK: - Language

function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("lang").textContent = t("langButton");
  $("lang").setAttribute("aria-label", t("langLabel"));
  fillScenarioLists();
  if (state.inputs) renderInputs();
  if (state.view) render();
  if (state.monteCarlo) showMonteCarlo(state.monteCarlo);
  if (state.status) setStatus(...state.status);
  if (state.mcStatus) setMonteCarloStatus(...state.mcStatus);
}

// MARK: - Scenarios and inputs

function fillScenarioLists() {
  const title = (s) => `${(state.lang === "en" ? s.title_en : s.title) || s.name} — ${s.file}`;
  for (const [id, withNone] of [["scenario", false], ["compare", true]]) {
    const select = $(id);
    const value = select.value;
    select.replaceChildren();
    if (withNone) select.append(el("option", { value: "", text: t("noCompare") }));
    for (const s of state.scenarios) select.append(el("option", { value: s.name, text: title(s) }));
    if (value) select.value = value;
  }
  if (state.scenario) $("scenario").value = state.scenario;
  const current = state.scenarios.find((s) => s.name === state.scenario);
  $("scenario-title").textContent = current ? ((state.lang === "en" ? current.title_en : current.title) || current.name) : "";
}

async function loadScenarios() {
  const { json } = await api("/api/scenarios");
  state.scenarios = json;
  const wanted = new URLSearchParams(location.search).get("scenario");
  state.scenario = json.some((s) => s.name === wanted) ? wanted : json.find((s) => !s.errors)?.name ?? json[0]?.name;
  fillScenarioLists();
  await selectScenario(state.scenario);
}

async function selectScenario(name) {
  state.scenario = name;
  state.edits = {};
  state.pathGrowth = {};
  fillScenarioLists();
  const { status, json } = await api(`/api/scenarios/${encodeURIComponent(name)}/inputs`);
  if (status !== 200) { state.inputs = null; $("inputs").replaceChildren(); showErrors(json); return; }
  state.inputs = json;
  $("save-name").value = `${name}-改`;
  $("mc-none").hidden = json.uncertain;
  $("mc-form").hidden = !json.uncertain;
  $("mc-results").replaceChildren();
  $("mc-progress").value = 0;
  state.monteCarlo = null;
  setMonteCarloStatus(null);
  $("save-result").textContent = "";
  // The last scenario's results are never shown under this one's name.
  state.view = null;
  for (const id of ["targets-area", "chart-levels", "chart-funding", "funding-table", "year-table"]) $(id).replaceChildren();
  renderInputs();
  await recompute();
}

function inputId(key) { return "in-" + key.replace(/[^A-Za-z0-9]/g, "_"); }

function renderInputs() {
  const area = $("inputs");
  area.replaceChildren();
  const groups = new Map();
  const fieldset = (words) => {
    const name = pick(words);
    if (!groups.has(name)) {
      const set = el("fieldset", {}, el("legend", { text: name }));
      groups.set(name, set);
      area.append(set);
    }
    return groups.get(name);
  };
  for (const path of state.inputs.paths) {
    const first = path.values[0], last = path.values[path.values.length - 1];
    const span = path.years[path.years.length - 1] - path.years[0];
    const exact = span > 0 && first > 0 && last > 0 ? Math.pow(last / first, 1 / span) - 1 : 0;
    const implied = Math.round(exact * 10000) / 10000;
    fieldset({ zh: TEXT.zh.pathGroup, en: TEXT.en.pathGroup }).append(field({
      id: "path-" + path.series, label: t("pathGrowth", pick(path.label)) + ` ${path.years[0]}–${path.years[path.years.length - 1]}`,
      unit: "%", value: (state.pathGrowth[path.series] ?? implied) * 100, original: implied * 100,
      min: -20, max: Math.max(30, implied * 200), step: 0.01,
      changed: state.pathGrowth[path.series] !== undefined,
      onChange: (v) => {
        if (v === null) delete state.pathGrowth[path.series]; else state.pathGrowth[path.series] = v / 100;
        showPath(path);
        schedule();
      },
    }));
  }
  for (const input of state.inputs.inputs) {
    const f = input.factor;
    const shown = (v) => clean(v * f);
    fieldset(input.group).append(field({
      id: inputId(input.key), label: pick(input.label), unit: pick(input.unit), key: input.key,
      value: state.edits[input.key] !== undefined ? shown(Number(state.edits[input.key])) : shown(input.value),
      original: shown(input.value), min: shown(input.min), max: shown(input.max), step: clean(input.step * f),
      changed: state.edits[input.key] !== undefined,
      onChange: (v) => {
        if (v === null) delete state.edits[input.key]; else state.edits[input.key] = String(clean(v / f));
        schedule();
      },
    }));
  }
  for (const path of state.inputs.paths) showPath(path);
}

/// One labelled field: a number box and a slider bound together; both have the visible label.
function field(spec) {
  const wrap = el("div", { class: "field" + (spec.changed ? " changed" : "") });
  const label = el("label", { for: spec.id }, spec.label + " ", el("span", { class: "unit", text: `(${spec.unit})` }));
  const number = el("input", { id: spec.id, type: "number", step: "any", value: String(clean(spec.value)) });
  if (spec.key) number.dataset.key = spec.key;
  const lo = Math.min(spec.min, spec.value), hi = Math.max(spec.max, spec.value);
  const range = el("input", {
    type: "range", min: String(lo), max: String(hi), step: String(spec.step || "any"), value: String(spec.value),
    "aria-label": `${spec.label} (${spec.unit})`, tabindex: "0",
  });
  const original = el("div", { class: "original", text: `${t("original")} ${grouped(spec.original, decimalsOf(spec.original))} ${spec.unit}` });
  const changed = (v) => {
    const same = Math.abs(v - spec.original) <= 1e-9 * Math.max(1, Math.abs(spec.original));
    wrap.classList.toggle("changed", !same);
    spec.onChange(same ? null : v);
  };
  number.addEventListener("input", () => {
    if (number.value.trim() === "") return;
    const v = Number(number.value);
    if (Number.isFinite(v)) { range.value = String(v); changed(v); }
  });
  range.addEventListener("input", () => { number.value = String(clean(Number(range.value))); changed(Number(range.value)); });
  wrap.append(label, el("div", { class: "controls" }, range, number), original);
  return wrap;
}

function decimalsOf(v) {
  const text = String(clean(v));
  return text.includes(".") ? Math.min(4, text.split(".")[1].length) : 0;
}

/// A path's values at its growth rate: the first year as written, the others grown from it (whole 元).
function pathValues(path) {
  const g = state.pathGrowth[path.series];
  if (g === undefined) return null;
  return path.keys.map((key, i) => [key, i === 0 ? path.values[0] : Math.round(path.values[0] * Math.pow(1 + g, path.years[i] - path.years[0]))]);
}

/// The year fields of a path show the values its growth rate writes (an edited year keeps its edit).
function showPath(path) {
  const values = pathValues(path);
  path.keys.forEach((key, i) => {
    const box = $(inputId(key));
    if (!box || state.edits[key] !== undefined) return;
    const v = values ? values[i][1] : path.values[i];
    box.value = String(v);
    box.parentElement.querySelector("input[type=range]").value = String(v);
    box.closest(".field").classList.toggle("changed", v !== path.values[i]);
  });
}

/// The `set` of the request: each varied path written out year by year, then the edited inputs.
function settings() {
  const set = {};
  for (const path of state.inputs?.paths ?? []) {
    for (const [key, value] of pathValues(path)?.slice(1) ?? []) set[key] = String(value);
  }
  return { ...set, ...state.edits };
}

// MARK: - Recompute

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(recompute, 120);
  updateDownloads();
}

async function recompute() {
  if (!state.scenario) return;
  const sequence = ++state.sequence;
  state.controller?.abort();
  state.controller = new AbortController();
  setStatus("computing");
  const started = performance.now();
  // A slow answer (Monte Carlo to judge probability targets) dims the results it will replace.
  const slow = setTimeout(() => $("results").classList.add("stale"), 250);
  try {
    const { status, json } = await api("/api/view", { scenario: state.scenario, set: settings() }, state.controller.signal);
    clearTimeout(slow);
    if (sequence !== state.sequence) return;
    if (status !== 200) {
      showErrors(json);
      $("results").classList.add("stale");
      setStatus(null);
      return;
    }
    showErrors(null);
    $("results").classList.remove("stale");
    state.view = json;
    render();
    setStatus("took", Math.round(performance.now() - started));
  } catch (error) {
    clearTimeout(slow);
    if (error.name !== "AbortError") { showErrors({ errors: [{ message: String(error) }] }); setStatus(null); }
  }
  updateDownloads();
}

async function loadCompare() {
  const name = $("compare").value;
  state.compare = null;
  if (name) {
    const { status, json } = await api("/api/view", { scenario: name, set: {} });
    if (status === 200) state.compare = json; else showErrors(json);
  }
  render();
}

function updateDownloads() {
  const query = new URLSearchParams({ scenario: state.scenario ?? "", lang: state.lang });
  for (const [key, value] of Object.entries(settings())) query.append("set", `${key}=${value}`);
  for (const a of document.querySelectorAll(".downloads a")) {
    a.href = `/api/report?${query}&format=${a.dataset.format}`;
  }
}

// MARK: - Rendering

function render() {
  const view = state.view;
  if (!view) return;
  const targets = $("targets-area");
  targets.replaceChildren(targetList(view, state.compare ? pick({ zh: "当前方案", en: "this scenario" }) + (Object.keys(settings()).length ? t("withEdits") : "") : null));
  if (state.compare) targets.append(targetList(state.compare, state.compare.run.title || state.compare.run.scenario));
  $("chart-levels").replaceChildren(levelsChart(view.run.years, state.compare?.run.years));
  $("chart-funding").replaceChildren(fundingChart(view.run.years));
  $("funding-table").replaceChildren(fundingTable(view.run.years));
  $("year-table").replaceChildren(yearTable(view.run.years));
  $("compare-panel").hidden = !state.compare;
  if (state.compare) $("compare-table").replaceChildren(compareTable(view.run.years, state.compare.run.years));
}

function targetList(view, heading) {
  const box = el("div");
  if (heading) box.append(el("h3", { text: heading }));
  const list = el("ul", { class: "targets", "aria-label": t("targets") });
  view.checks.forEach((check, i) => {
    const raw = view.run.checks[i];
    const item = el("li", { class: check.passed ? "pass" : "fail", "data-kind": raw.kind, "data-passed": String(check.passed) });
    const text = el("div", {},
      el("div", { class: "title", text: pick(check.title) }),
      el("div", { class: "figures", text: `${pick(check.actual)} · ${pick(check.requirement)}` }),
      el("div", { class: "outcome", text: pick(check.outcome).replace(/^[✓✗]\s*/, "") + (check.expected === "fail" ? t("known") : "") }));
    item.append(el("span", { class: "mark", "aria-label": check.passed ? t("met") : t("notMet"), text: check.passed ? "✓" : "✗" }), text);
    list.append(item);
  });
  box.append(list);
  if (view.default_draws) box.append(el("p", { class: "note", text: t("defaultDraws", view.default_draws) }));
  return box;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function axes(root, years, max, x, y, format) {
  const ticks = 4;
  for (let i = 0; i <= ticks; i++) {
    const v = (max * i) / ticks;
    root.append(svg("line", { x1: 56, x2: 460, y1: y(v), y2: y(v), stroke: "#e3e7eb" }));
    root.append(svg("text", { x: 50, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#5b6673" }, format(v)));
  }
  for (const year of years) root.append(svg("text", { x: x(year), y: 236, "text-anchor": "middle", "font-size": 11, fill: "#5b6673" }, String(year)));
}

function levelsChart(years, compareYears) {
  const root = svg("svg", { viewBox: "0 0 470 270", role: "img", "aria-label": t("chartLevels") });
  const series = [
    { key: "standard_yuan_per_year", name: t("standard"), color: "#1f5f99", data: years },
    { key: "poverty_line_yuan_per_year", name: t("povertyLine"), color: "#d9822b", data: years },
  ];
  if (compareYears) series.push({ key: "standard_yuan_per_year", name: t("standard") + " (" + t("compare") + ")", color: "#1f5f99", dash: "5 4", data: compareYears });
  series.splice(0, series.length, ...series.filter((s) => s.data.some((d) => d[s.key] != null)));
  const all = series.flatMap((s) => s.data.map((d) => d[s.key])).filter((v) => v != null);
  if (!all.length) return root;
  const max = niceMax(Math.max(...all));
  const list = years.map((d) => d.year);
  const x = (year) => 70 + ((year - list[0]) / Math.max(1, list[list.length - 1] - list[0])) * 370;
  const y = (v) => 220 - (v / max) * 200;
  axes(root, list, max, x, y, (v) => grouped(v));
  series.forEach((s, i) => {
    const points = s.data.filter((d) => d[s.key] != null).map((d) => `${x(d.year)},${y(d[s.key])}`).join(" ");
    root.append(svg("polyline", { points, fill: "none", stroke: s.color, "stroke-width": 2.5, "stroke-dasharray": s.dash ?? "" }));
    for (const d of s.data) if (d[s.key] != null) root.append(svg("circle", { cx: x(d.year), cy: y(d[s.key]), r: 3, fill: s.color }));
    root.append(svg("rect", { x: 70 + i * 150, y: 248, width: 12, height: 4, fill: s.color }));
    root.append(svg("text", { x: 86 + i * 150, y: 254, "font-size": 11, fill: "#1d2733" }, s.name));
  });
  return root;
}

function fundingChart(years) {
  const root = svg("svg", { viewBox: "0 0 470 270", role: "img", "aria-label": t("chartFunding") });
  const present = LEVELS.filter((l) => years.some((d) => d[`${l}_yuan`] != null && d[`${l}_yuan`] !== 0));
  if (!present.length) return root;
  const totals = years.map((d) => present.reduce((s, l) => s + (d[`${l}_yuan`] ?? 0), 0) / 10000);
  const max = niceMax(Math.max(...totals, 1));
  const list = years.map((d) => d.year);
  const band = 370 / list.length;
  const x = (year) => 70 + (list.indexOf(year) + 0.5) * band;
  const y = (v) => 220 - (v / max) * 200;
  axes(root, list, max, x, y, (v) => grouped(v));
  for (const d of years) {
    let base = 0;
    for (const level of present) {
      const v = (d[`${level}_yuan`] ?? 0) / 10000;
      const rect = svg("rect", { x: x(d.year) - band * 0.32, width: band * 0.64, y: y(base + v), height: Math.max(0, y(base) - y(base + v)), fill: `var(--${level})` });
      rect.append(svg("title", {}, `${d.year} ${t(level)} ${grouped(v, 2)} ${t("wan")}`));
      root.append(rect);
      base += v;
    }
  }
  present.forEach((level, i) => {
    root.append(svg("rect", { x: 70 + i * 95, y: 246, width: 10, height: 10, fill: `var(--${level})` }));
    root.append(svg("text", { x: 84 + i * 95, y: 255, "font-size": 11, fill: "#1d2733" }, t(level)));
  });
  return root;
}

function niceMax(v) {
  const magnitude = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (v <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

function table(head, rows) {
  const node = el("table");
  const thead = el("thead");
  const tr = el("tr");
  for (const h of head) tr.append(el("th", { scope: "col", text: h }));
  thead.append(tr);
  const tbody = el("tbody");
  for (const row of rows) {
    const r = el("tr");
    row.forEach((cell, i) => {
      const c = i === 0 ? el("th", { scope: "row" }) : el("td");
      if (typeof cell === "object" && cell !== null) { c.textContent = cell.text; if (cell.class) c.className = cell.class; } else c.textContent = cell;
      r.append(c);
    });
    tbody.append(r);
  }
  node.append(thead, tbody);
  return node;
}

function fundingTable(years) {
  const present = LEVELS.filter((l) => years.some((d) => d[`${l}_yuan`] != null));
  if (!present.length) return el("p", { class: "hint", text: "—" });
  const surplus = years.some((d) => d.surplus_yuan != null);
  const head = [t("year"), ...present.map((l) => `${t(l)} (${t("wan")})`), `${t("total")} (${t("wan")})`, ...(surplus ? [`${t("surplus")} (${t("wan")})`] : []),
    `${t("county")} ${t("share")}`];
  const rows = years.map((d) => {
    const total = d.total_budget_yuan;
    return [String(d.year), ...present.map((l) => wan(d[`${l}_yuan`])), wan(total), ...(surplus ? [wan(d.surplus_yuan)] : []),
      total ? percent((d.county_yuan ?? 0) / total) : "—"];
  });
  return table(head, rows);
}

function columnLabel(column) {
  const label = state.lang === "en" ? column.en : column.zh;
  return column.unit === "yuan" ? label.replace(/\(元\)|（元）/, `(${t("wan")})`) : label;
}

function formatColumn(column, v) {
  if (v == null) return "—";
  if (column.unit === "ratio") return percent(v);
  if (column.unit === "yuan") return wan(v);
  if (column.unit.startsWith("yuan/")) return grouped(v, Number.isInteger(Math.round(v * 100) / 100) ? 0 : 2);
  return grouped(v);
}

function yearTable(years) {
  const columns = state.inputs.columns.filter((c) => years.some((d) => d[c.key] != null));
  return table([t("figure"), ...years.map((d) => String(d.year))],
    columns.map((c) => [columnLabel(c), ...years.map((d) => formatColumn(c, d[c.key]))]));
}

function compareTable(a, b) {
  const keys = ["standard_yuan_per_year", "margin_above_poverty_line", "benefit_yuan_per_month", "caseload_persons", "total_budget_yuan", "county_yuan"];
  const columns = state.inputs.columns.filter((c) => keys.includes(c.key));
  const years = a.map((d) => d.year).filter((y) => b.some((d) => d.year === y));
  const rows = [];
  for (const c of columns) {
    const row = [columnLabel(c)];
    for (const y of years) {
      const va = a.find((d) => d.year === y)?.[c.key], vb = b.find((d) => d.year === y)?.[c.key];
      row.push(`${formatColumn(c, va)} | ${formatColumn(c, vb)}`);
    }
    rows.push(row);
  }
  return table([`${t("figure")} (${pick({ zh: "当前 | 对比", en: "this | other" })})`, ...years.map(String)], rows);
}

// MARK: - Save

async function save(overwrite = false) {
  const name = $("save-name").value.trim();
  const result = $("save-result");
  if (!name) { result.textContent = t("needName"); return; }
  const { status, json } = await api("/api/save", { scenario: state.scenario, set: settings(), file: name, overwrite });
  if (status === 201) {
    result.textContent = t("saved", json.file);
    showErrors(null);
    const list = await api("/api/scenarios");
    state.scenarios = list.json;
    fillScenarioLists();
  } else if (status === 409 && !overwrite && json.errors?.[0]?.message.includes("exists")) {
    if (confirm(t("exists", name))) await save(true); else result.textContent = t("notSaved");
  } else {
    result.textContent = t("notSaved");
    showErrors(json);
  }
}

// MARK: - Monte Carlo

async function runMonteCarlo() {
  const button = $("mc-run");
  button.disabled = true;
  $("mc-results").replaceChildren();
  const body = {
    scenario: state.scenario, set: settings(), draws: Number($("mc-draws").value), seed: Number($("mc-seed").value),
    confidence: Number($("mc-confidence").value) / 100,
  };
  const { status, json } = await api("/api/montecarlo", body);
  if (status !== 202) { showErrors(json); button.disabled = false; return; }
  setMonteCarloStatus("mcStarted");
  const progress = $("mc-progress");
  for (let i = 0; i < 3000; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const poll = await api(`/api/montecarlo/${json.id}`);
    if (poll.status !== 200) { showErrors(poll.json); break; }
    progress.max = poll.json.total;
    progress.value = poll.json.done;
    if (!poll.json.finished) continue;
    if (poll.json.error) showErrors(poll.json.error); else showMonteCarlo(poll.json.result);
    setMonteCarloStatus("mcDone", poll.json.total);
    break;
  }
  button.disabled = false;
}

function showMonteCarlo(result) {
  state.monteCarlo = result;
  const area = $("mc-results");
  area.replaceChildren();
  const probabilities = result.run.uncertainty?.targets ?? [];
  area.append(el("h3", { text: t("probability") }));
  area.append(table([t("targets"), t("probability"), t("metWithout")],
    probabilities.map((p, i) => [pick(result.checks[i].title), percent(p.probability_met), p.met_without_uncertainty ? "✓" : "✗"])));
  const budget = result.confidence_budget;
  if (budget) {
    area.append(el("h3", { text: t("budgetAt", budget.year, percent(budget.confidence, 0)) }));
    area.append(table([t("level"), `${t("deterministic")} (${t("wan")})`, `${t("mean")} (${t("wan")})`, `${t("atConfidence")} (${t("wan")})`, `${t("se")} (${t("wan")})`],
      budget.lines.map((l) => [pick(l.label).replace(/\(元\)|（元）/, ""), wan(l.deterministic_yuan), wan(l.mean_yuan), wan(l.at_confidence_yuan), wan(l.standard_error_yuan)])));
    if (budget.caps.length) {
      area.append(table([t("cap"), `${t("cap")} (${t("wan")})`, t("enough")],
        budget.caps.map((c) => [pick(c.label).replace(/\(元\)|（元）/, ""), wan(c.cap_yuan), percent(c.probability_enough)])));
    }
  }
}

// MARK: - Start

$("scenario").addEventListener("change", (e) => selectScenario(e.target.value));
$("compare").addEventListener("change", loadCompare);
$("lang").addEventListener("click", () => {
  state.lang = state.lang === "zh" ? "en" : "zh";
  localStorage.setItem("dibao-lang", state.lang);
  applyLanguage();
  updateDownloads();
});
$("reset").addEventListener("click", () => { state.edits = {}; state.pathGrowth = {}; renderInputs(); schedule(); });
$("save").addEventListener("click", () => save(false));
$("save-name").addEventListener("keydown", (e) => { if (e.key === "Enter") save(false); });
$("mc-run").addEventListener("click", runMonteCarlo);
applyLanguage();
loadScenarios();
