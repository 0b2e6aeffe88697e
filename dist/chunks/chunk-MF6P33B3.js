if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  escapeMarkdown,
  formatNumber,
  formatPercent,
  formatValue,
  label
} from "./chunk-S2KP6JOK.js";
import {
  ALL_METRIC_NAMES,
  parseMetricName,
  percentile,
  worseDirection
} from "./chunk-D55ENMMY.js";
import {
  Random
} from "./chunk-P72UHX6G.js";

// src/history/record.ts
import { createHash } from "node:crypto";

// src/history/hardware.ts
function hardwareKey(environment) {
  const gpus = environment?.gpu ?? [];
  if (gpus.length === 0) return "none";
  const counts = /* @__PURE__ */ new Map();
  for (const gpu of gpus) {
    const entry = gpu;
    counts.set(entry.name, (counts.get(entry.name) ?? 0) + (typeof entry.count === "number" && entry.count > 0 ? entry.count : 1));
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${count}\xD7 ${name}`).join(" + ");
}

// src/history/record.ts
var HISTORY_SCHEMA = "llm-perf-gate/history@1";
var compact = (value) => value === null || value === void 0 || !Number.isFinite(value) ? null : Number(value.toPrecision(6));
function metricValues(result) {
  const metrics = {};
  for (const name of ALL_METRIC_NAMES) {
    const metric = parseMetricName(name);
    const of = (summary) => compact(metric.kind === "distribution" ? summary[metric.base][metric.statistic] : summary[metric.base]);
    metrics[name] = { run: of(result.summary), trials: result.trials.map((trial) => of(trial.summary)) };
  }
  return metrics;
}
function runId(result) {
  const hash = createHash("sha256");
  hash.update(`${result.created_at}\0${result.workload.workload_hash}`);
  for (const trial of result.trials) hash.update(`\0${trial.started_at}`);
  for (const [name, metric] of Object.entries(metricValues(result))) hash.update(`\0${name}=${metric.run}`);
  return `sha256:${hash.digest("hex").slice(0, 24)}`;
}
var DROPPED_SERVER_FIELDS = /* @__PURE__ */ new Set(["url", "models"]);
var MAX_STRING = 200;
var MAX_ITEMS = 32;
function bounded(value, depth) {
  if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING - 1)}\u2026` : value;
  if (value === null || typeof value !== "object") return typeof value === "number" || typeof value === "boolean" ? value : null;
  if (depth >= 4) return null;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => bounded(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bounded(item, depth + 1)]));
}
function environmentFingerprint(environment) {
  const { server, ...rest } = environment;
  const kept = server === void 0 ? {} : Object.fromEntries(Object.entries(server).filter(([key]) => !DROPPED_SERVER_FIELDS.has(key)));
  return bounded({ server: kept, ...rest }, 0);
}
function historyRecordOf(result, options = {}) {
  return {
    schema: HISTORY_SCHEMA,
    id: runId(result),
    workload: { name: result.workload.name, workload_hash: result.workload.workload_hash },
    hardware: hardwareKey(result.environment),
    environment: environmentFingerprint(result.environment),
    commit: options.commit ?? null,
    ref: options.ref ?? null,
    created_at: result.created_at,
    tool_version: result.tool.version,
    definitions: result.definitions,
    trials: result.trials.length,
    ...result.interrupted === true ? { interrupted: true } : {},
    metrics: metricValues(result)
  };
}
function commitAndRef(options, env) {
  return {
    commit: options.commit ?? (env.GITHUB_SHA || null),
    ref: options.ref ?? (env.GITHUB_REF || null)
  };
}

// src/history/series.ts
var time = (record) => {
  const parsed = Date.parse(record.created_at);
  return Number.isNaN(parsed) ? 0 : parsed;
};
function chronological(records) {
  return records.map((record, index) => ({ record, index })).sort((a, b) => time(a.record) - time(b.record) || a.index - b.index).map(({ record }) => record);
}
function byWorkload(records) {
  const groups = /* @__PURE__ */ new Map();
  for (const record of chronological(records)) {
    const group = groups.get(record.workload.name);
    if (group === void 0) groups.set(record.workload.name, [record]);
    else group.push(record);
  }
  return groups;
}
function comparableRuns(records, other) {
  const limit = other.notAfter === void 0 ? NaN : Date.parse(other.notAfter);
  return chronological(records).filter((record) => {
    if (record.workload.workload_hash !== other.workload_hash || record.hardware !== other.hardware) return false;
    if (other.definitions !== void 0 && record.definitions !== other.definitions) return false;
    if (record.id === other.excludeId || record.interrupted === true) return false;
    const made = Date.parse(record.created_at);
    return Number.isNaN(limit) || Number.isNaN(made) || made <= limit;
  });
}
function metricSeries(records, metric) {
  return records.map((record) => {
    const value = record.metrics[metric]?.run;
    return value === null || value === void 0 || !Number.isFinite(value) ? null : value;
  });
}

// src/stats/change-points.ts
var CHANGE_POINT_DEFAULTS = { alpha: 5e-3, permutations: 999 };
function distanceSums(values, start, end, prefix) {
  const length = end - start;
  const width = length + 1;
  for (let b = 0; b <= length; b++) prefix[b] = 0;
  for (let a = 0; a < length; a++) {
    const row = (a + 1) * width;
    const above = a * width;
    prefix[row] = 0;
    const xa = values[start + a];
    let rowSum = 0;
    for (let b = 0; b < length; b++) {
      rowSum += Math.abs(xa - values[start + b]);
      prefix[row + b + 1] = prefix[above + b + 1] + rowSum;
    }
  }
  return (a1, a2, b1, b2) => prefix[a2 * width + b2] - prefix[a1 * width + b2] - prefix[a2 * width + b1] + prefix[a1 * width + b1];
}
function energyStatistic(rect, n, m) {
  const withinX = n > 1 ? rect(0, n, 0, n) / (n * (n - 1)) : 0;
  const withinY = m > 1 ? rect(n, n + m, n, n + m) / (m * (m - 1)) : 0;
  return n * m / (n + m) * (2 * rect(0, n, n, n + m) / (n * m) - withinX - withinY);
}
function bestSplit(values, start, end, prefix = new Float64Array((end - start + 1) ** 2)) {
  const length = end - start;
  if (length < 2) return null;
  const rect = distanceSums(values, start, end, prefix);
  let best = null;
  for (let tau = 1; tau < length; tau++) {
    for (let kappa = tau + 1; kappa <= length; kappa++) {
      const statistic = energyStatistic(rect, tau, kappa - tau);
      if (best === null || statistic > best.statistic) best = { tau: start + tau, kappa: start + kappa, statistic };
    }
  }
  return best;
}
function segmentsOf(length, changeIndices) {
  const bounds = [0, ...[...changeIndices].sort((a, b) => a - b), length];
  const segments = [];
  for (let i = 0; i + 1 < bounds.length; i++) if (bounds[i + 1] > bounds[i]) segments.push({ start: bounds[i], end: bounds[i + 1] });
  return segments;
}
function bestOver(values, segments, prefix) {
  let best = null;
  for (const segment of segments) {
    const split = bestSplit(values, segment.start, segment.end, prefix);
    if (split !== null && (best === null || split.statistic > best.statistic)) best = split;
  }
  return best;
}
function permutationPValue(values, segments, observed, options, step, prefix) {
  const random = new Random(options.seed, "e-divisive", step);
  const shuffled = Float64Array.from(values);
  const threshold = observed - 1e-9 * Math.abs(observed);
  let exceed = 0;
  let drawn = 0;
  for (; drawn < options.permutations; drawn++) {
    for (const { start, end } of segments) {
      for (let i = end - 1; i > start; i--) {
        const j = start + Math.floor(random.uniform() * (i - start + 1));
        const swap = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = swap;
      }
    }
    const split = bestOver(shuffled, segments, prefix);
    if (split !== null && split.statistic >= threshold) exceed++;
    if ((1 + exceed) / (options.permutations + 1) > options.alpha) return (1 + exceed) / (drawn + 2);
  }
  return (1 + exceed) / (drawn + 1);
}
function splitAt(values, start, end, prefix) {
  const length = end - start;
  const rect = distanceSums(values, start, end, prefix);
  let best = start + 1;
  let bestStatistic = -Infinity;
  for (let tau = 1; tau < length; tau++) {
    const statistic = energyStatistic(rect, tau, length - tau);
    if (statistic > bestStatistic) {
      bestStatistic = statistic;
      best = start + tau;
    }
  }
  return best;
}
function refine(values, found, prefix) {
  const sorted = [...found].sort((a, b) => a.index - b.index);
  for (let pass = 0; pass < 10; pass++) {
    let moved = false;
    sorted.forEach((change, i) => {
      const start = i === 0 ? 0 : sorted[i - 1].index;
      const end = i === sorted.length - 1 ? values.length : sorted[i + 1].index;
      const index = splitAt(values, start, end, prefix);
      if (index !== change.index) {
        sorted[i] = { ...change, index };
        moved = true;
      }
    });
    if (!moved) break;
  }
  return sorted;
}
function eDivisive(series, options = {}) {
  const settings = { alpha: options.alpha ?? CHANGE_POINT_DEFAULTS.alpha, permutations: options.permutations ?? CHANGE_POINT_DEFAULTS.permutations, seed: options.seed ?? 0 };
  if (!(settings.alpha > 0 && settings.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${settings.alpha}`);
  if (!Number.isInteger(settings.permutations) || settings.permutations < 1) throw new RangeError(`permutations must be a positive integer, got ${settings.permutations}`);
  if (1 / (settings.permutations + 1) > settings.alpha) throw new RangeError(`${settings.permutations} permutations cannot reach p <= ${settings.alpha}: the smallest p-value is 1 / ${settings.permutations + 1}`);
  series.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`series values must be finite (index ${index} is ${value})`);
  });
  const values = Float64Array.from(series);
  const prefix = new Float64Array((values.length + 1) ** 2);
  const found = [];
  for (let step = 0; ; step++) {
    const segments = segmentsOf(values.length, found.map((change) => change.index));
    const candidate = bestOver(values, segments, prefix);
    if (candidate === null || !(candidate.statistic > 0)) break;
    const pValue = permutationPValue(values, segments, candidate.statistic, settings, step, prefix);
    if (pValue > settings.alpha) break;
    found.push({ index: candidate.tau, pValue, statistic: candidate.statistic });
  }
  return refine(values, found, prefix);
}

// src/history/changes.ts
var CHANGES_SCHEMA = "llm-perf-gate/changes@1";
var DETECT_DEFAULTS = { ...CHANGE_POINT_DEFAULTS, seed: 0 };
function seriesChanges(values, options = {}) {
  const positions = [];
  const kept = [];
  values.forEach((value, position) => {
    if (value !== null && Number.isFinite(value)) {
      positions.push(position);
      kept.push(value);
    }
  });
  const scaled = kept.every((value) => value > 0) ? kept.map(Math.log) : kept;
  const found = eDivisive(scaled, { ...DETECT_DEFAULTS, ...options });
  const segments = segmentsOf(kept.length, found.map((change) => change.index));
  return found.map((change) => {
    const beforeSegment = segments.find((segment) => segment.end === change.index);
    const afterSegment = segments.find((segment) => segment.start === change.index);
    const before = percentile(kept.slice(beforeSegment.start, beforeSegment.end), 50);
    const after = percentile(kept.slice(afterSegment.start, afterSegment.end), 50);
    return {
      position: positions[change.index],
      before,
      after,
      delta_pct: before === 0 ? null : 100 * (after - before) / before,
      p_value: change.pValue,
      runs_before: beforeSegment.end - beforeSegment.start,
      runs_after: afterSegment.end - afterSegment.start
    };
  });
}
function workloadChanges(runs, metrics, options = {}) {
  const newest = runs.at(-1);
  if (newest === void 0) return [];
  const comparable = comparableRuns(runs, { workload_hash: newest.workload.workload_hash, hardware: newest.hardware, definitions: newest.definitions });
  const changes = [];
  for (const metric of metrics) {
    for (const change of seriesChanges(metricSeries(comparable, metric), options)) {
      const run = comparable[change.position];
      const { position: _position, ...rest } = change;
      const parsed = parseMetricName(metric);
      const up = change.after > change.before;
      changes.push({
        workload: run.workload.name,
        metric,
        index: runs.indexOf(run),
        commit: run.commit,
        ref: run.ref,
        created_at: run.created_at,
        run_id: run.id,
        ...rest,
        worse: parsed !== null && worseDirection(parsed) === -1 ? !up : up
      });
    }
  }
  return changes.sort((a, b) => a.index - b.index || a.metric.localeCompare(b.metric));
}

// src/report/sections.ts
var SECTION_PRIORITY = {
  gatedMetrics: 100,
  summary: 80,
  validity: 60,
  distribution: 40,
  details: 10
};

// src/report/history-section.ts
var TREND_COLOURS = [
  { hex: "#0072B2", square: "\u{1F7E6}" },
  { hex: "#E69F00", square: "\u{1F7E7}" },
  { hex: "#009E73", square: "\u{1F7E9}" },
  { hex: "#D55E00", square: "\u{1F7E5}" },
  { hex: "#CC79A7", square: "\u{1F7EA}" },
  { hex: "#F0E442", square: "\u{1F7E8}" },
  { hex: "#000000", square: "\u2B1B" },
  { hex: "#8B5A2B", square: "\u{1F7EB}" }
];
var short = (commit) => commit === null ? "" : /^[0-9a-f]{7,64}$/i.test(commit) ? commit.slice(0, 7) : escapeMarkdown(commit, { maxLength: 12 });
function historyLine(comparison, markdown) {
  const history = comparison.history;
  if (history === void 0) return null;
  const text = (value) => markdown ? escapeMarkdown(value, { maxLength: 120 }) : value;
  const source = markdown ? `\`${text(history.source).replaceAll("`", "'")}\`` : history.source;
  const counted = `${history.comparable} comparable past run${history.comparable === 1 ? "" : "s"} (same workload hash and hardware) of ${history.runs} in ${source}`;
  if (!history.used) {
    const missing = history.needed - history.comparable;
    return `History: ${counted}; ${missing} more ${missing === 1 ? "is" : "are"} needed before job-to-job variation counts in the verdict, which rests on the trial-level tests alone.`;
  }
  const spreads = comparison.metrics.filter((m) => m.gate !== "off" && m.job_variation !== void 0).map((m) => `${label(m.metric)} \xB1${formatNumber(m.job_variation.spread_pct)}%`);
  const changed = history.verdict_without_history !== void 0 && history.verdict_without_history !== comparison.verdict ? ` Without them the verdict would have been ${history.verdict_without_history}.` : "";
  return `Job-to-job variation from ${counted}${spreads.length > 0 ? `; spread of one job: ${spreads.join(", ")}` : ""}.${changed}`;
}
var chartText = (value) => value.replace(/[^A-Za-z0-9 _.,:+()/-]/g, "_").slice(0, 60);
var round = (value) => Number(value.toPrecision(3)).toString();
function chartLines(series) {
  const drawn = [];
  for (const entry of series) {
    const first = entry.worse_pct.find((value) => value !== null);
    if (first === void 0 || first === null) continue;
    let last = first;
    drawn.push({ series: entry, points: entry.worse_pct.map((value) => last = value ?? last) });
  }
  return drawn;
}
function chart(trend, series, what) {
  const lines = chartLines(series).slice(0, TREND_COLOURS.length);
  if (lines.length === 0 || trend.window.length < 2) return null;
  const all = lines.flatMap((line) => line.points);
  const low = Math.min(0, ...all);
  const high = Math.max(0, ...all);
  const pad = Math.max(1, (high - low) * 0.1);
  const palette = lines.map((_, index) => TREND_COLOURS[index].hex).join(", ");
  const first = trend.window[0].index;
  const last = trend.window.at(-1).index;
  return [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    "xychart-beta",
    `    title "${chartText(trend.workload)}: ${what}, % worse than the median of runs ${first}-${last}"`,
    `    x-axis [${trend.window.map((run) => run.index).join(", ")}]`,
    `    y-axis "% worse" ${round(low - pad)} --> ${round(high + pad)}`,
    ...lines.map((line) => `    line [${line.points.map(round).join(", ")}]`),
    "```",
    "",
    lines.map((line, index) => `${TREND_COLOURS[index].square} ${label(line.series.metric)} (median ${formatValue(line.series.metric, line.series.median)})`).join(" \xB7 ")
  ].join("\n");
}
function trendCharts(trend) {
  const latency = trend.series.filter((entry) => parseMetricName(entry.metric)?.kind === "distribution");
  const other = trend.series.filter((entry) => !latency.includes(entry) && entry.metric !== "error_rate");
  return [chart(trend, latency, "latency"), chart(trend, other, "throughput")].filter((text) => text !== null);
}
function describeChange(change, markdown) {
  const commit = short(change.commit);
  const text = (value) => markdown ? escapeMarkdown(value, { maxLength: 60 }) : value;
  const where = [commit !== "" ? markdown ? `\`${commit}\`` : commit : null, change.created_at.slice(0, 10) || null, change.ref !== null ? text(change.ref) : null].filter((part) => part !== null).join(", ");
  const p = change.p_value < 1e-3 ? "< 0.001" : `= ${change.p_value.toPrecision(2)}`;
  return `${label(change.metric)} ${formatPercent(change.delta_pct)}${change.worse ? " (worse)" : " (better)"} from run ${change.index}${where !== "" ? ` (${where})` : ""}: ${formatValue(change.metric, change.before)} \u2192 ${formatValue(change.metric, change.after)}, p ${p}, over ${change.runs_before} runs before and ${change.runs_after} after`;
}
function changesList(trend, markdown) {
  if (trend.changes.length === 0) return `No change point in ${trend.comparable} comparable runs (E-divisive means, permutation test at p \u2264 ${DETECT_DEFAULTS.alpha}).`;
  return ["Change points (E-divisive means, permutation test):", ...trend.changes.map((change) => `- ${describeChange(change, markdown)}`)].join("\n");
}
function historySections(comparison, trend) {
  const sections = [];
  const line = comparison === null ? null : historyLine(comparison, true);
  if (line !== null) sections.push({ title: "job-to-job variation", text: line, priority: SECTION_PRIORITY.validity });
  if (trend !== null) {
    const charts = trendCharts(trend);
    const heading = `**Trend of \`${escapeMarkdown(trend.workload, { maxLength: 80 }).replaceAll("`", "'")}\`** over its last ${trend.window.length} comparable runs`;
    sections.push({ title: "trend", text: [heading, ...charts].join("\n\n"), priority: SECTION_PRIORITY.distribution - 5 });
    sections.push({ title: "change points", text: changesList(trend, true), priority: SECTION_PRIORITY.distribution, cut: "lines" });
  }
  return sections;
}

export {
  hardwareKey,
  HISTORY_SCHEMA,
  runId,
  historyRecordOf,
  commitAndRef,
  segmentsOf,
  eDivisive,
  byWorkload,
  comparableRuns,
  metricSeries,
  CHANGES_SCHEMA,
  DETECT_DEFAULTS,
  workloadChanges,
  SECTION_PRIORITY,
  historyLine,
  trendCharts,
  describeChange,
  changesList,
  historySections
};
