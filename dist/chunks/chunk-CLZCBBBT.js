if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  gatedMetrics,
  loadJobHistory,
  trendWithCurrent
} from "./chunk-BHHNFLZV.js";
import {
  readComparableResults
} from "./chunk-CRVPYRSU.js";
import {
  renderHtml
} from "./chunk-DOMUVXZO.js";
import {
  sniffSchema
} from "./chunk-JFXT5PYH.js";
import {
  loadThresholds
} from "./chunk-4ATGSLI2.js";
import {
  compareResults,
  describeLoad,
  describeTrials,
  errorsText,
  exitCodeFor,
  joinReport,
  renderMarkdown,
  telemetryText,
  whatChangedText
} from "./chunk-NXO3WHA4.js";
import {
  historyLine
} from "./chunk-MF6P33B3.js";
import {
  SWEEP_SCHEMA
} from "./chunk-IGTO2X5J.js";
import {
  turnsTextLine
} from "./chunk-V4FAYOQB.js";
import {
  VERDICT_HEAD,
  formatDelta,
  formatNumber,
  formatP,
  formatPercent,
  formatTolerance,
  formatValue,
  headlineMetric,
  label,
  oneLine,
  passCaveat
} from "./chunk-S2KP6JOK.js";
import {
  metricLabel,
  metricUnit,
  parseMetricName
} from "./chunk-D55ENMMY.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";

// src/commands/compare.ts
import { writeFileSync } from "node:fs";

// src/report/text.ts
var EMOJI = new RegExp("\\p{Extended_Pictographic}", "u");
var width = (text) => [...text.replace(/\uFE0F/g, "")].reduce((sum, char) => sum + (EMOJI.test(char) ? 2 : 1), 0);
var pad = (text, size, left) => left ? text + " ".repeat(size - width(text)) : " ".repeat(size - width(text)) + text;
function table(rows, leftAligned) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => width(row[column]))));
  return rows.map((row) => row.map((cell, column) => pad(cell, widths[column], leftAligned.has(column))).join("  ").trimEnd());
}
function compactInterval(m) {
  if (m.ci_low_pct === null || m.ci_high_pct === null) return "\u2014";
  const end = (value) => formatPercent(value, Math.abs(value) < 10 ? 1 : 0);
  return `${end(m.ci_low_pct).slice(0, -1)}\u2026${end(m.ci_high_pct)}`;
}
var limit = (m) => `${formatTolerance(m)}${m.gate === "warn" ? " warn" : ""}`;
function shortStatus(m) {
  if (m.insufficient_data === true) return m.gate === "fail" ? "\u26A0\uFE0F too few data" : "\u2796 too few data";
  if (m.status === "regressed") return m.gate === "warn" ? "\u26A0\uFE0F regressed" : "\u274C regressed";
  if (m.status === "improved") return "\u{1F680} improved";
  if (m.status === "inconclusive") return "\u26A0\uFE0F inconclusive";
  return passCaveat(m) === null ? "\u2705 pass" : "\u2705 pass*";
}
function renderText(input) {
  const { comparison } = input;
  const head = VERDICT_HEAD[comparison.verdict];
  const headline = headlineMetric(comparison.metrics);
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: ${oneLine(comparison.current.name)}${headline !== null ? ` (${label(headline.metric)} ${formatDelta(headline)})` : ""}`];
  lines.push(`${describeTrials(comparison, (text) => text)} \xB7 ${describeLoad(input.current)} \xB7 thresholds ${oneLine(comparison.thresholds.source)} (${comparison.thresholds.decision}, alpha ${comparison.thresholds.alpha})`);
  const changed = whatChangedText(comparison);
  if (changed.length > 0) lines.push("", ...changed);
  const gated = comparison.metrics.filter((m) => m.gate !== "off");
  if (gated.length > 0) {
    lines.push("");
    const ci = `${Math.round(comparison.thresholds.confidence * 100)}% CI`;
    const rows = gated.map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), formatDelta(m), compactInterval(m), formatP(m.p_adjusted), limit(m), shortStatus(m)]);
    lines.push(...table([["metric", "baseline", "candidate", "delta", ci, "Holm p", "limit", "status"], ...rows], /* @__PURE__ */ new Set([0, 7])));
  }
  const why = [];
  for (const m of gated) {
    const caveat = passCaveat(m);
    if (caveat !== null) why.push(`${label(m.metric)}: pass*, but ${caveat} (tolerance ${m.tolerance_pct}%)`);
    if (m.reason !== void 0) why.push(`${label(m.metric)}: ${oneLine(m.reason)}`);
  }
  for (const check of comparison.validity) if (!check.ok) why.push(`${check.check.replaceAll("_", " ")}${check.side !== void 0 && check.side !== "both" ? ` (${check.side})` : ""}: ${oneLine(check.detail)}`);
  why.push(...comparison.notes.map(oneLine));
  const history = historyLine(comparison, false);
  if (history !== null) why.push(history);
  if (why.length > 0) lines.push("", ...why.map((line) => `- ${line}`));
  const errors = errorsText(input.baseline, input.current);
  if (errors.length > 0) lines.push("", ...errors);
  lines.push(...telemetryText(input));
  const turns = turnsTextLine(input.baseline, input.current);
  if (turns !== null) lines.push("", turns);
  const mde = gated.filter((m) => m.test !== "threshold").map((m) => `${label(m.metric)} ${m.mde_pct === null ? "not detectable" : `\xB1${formatNumber(m.mde_pct)}%`}`);
  if (mde.length > 0) lines.push("", `Minimum detectable change at this noise (80% power): ${mde.join(", ")}.`);
  return `${lines.join("\n")}
`;
}

// src/report/html/history-trend.ts
function htmlTrendOf(trend) {
  if (trend === null || trend.window.length === 0) return {};
  const past = trend.window.slice(0, -1);
  const metrics = trend.series.flatMap((series) => {
    const parsed = parseMetricName(series.metric);
    if (parsed === null) return [];
    const runs = past.flatMap((run, index) => {
      const value = series.values[index];
      return value === null || value === void 0 ? [] : [{ label: run.commit?.slice(0, 7) ?? run.created_at.slice(0, 10), value }];
    });
    return [{ metric: metricLabel(parsed), unit: metricUnit(parsed), runs, candidate: series.values.at(-1) ?? null }];
  });
  return metrics.length === 0 ? {} : { history: { metrics } };
}

// src/commands/compare.ts
var FORMATS = ["text", "markdown", "json", "html"];
function renderReport(input, format) {
  if (format === "json") return `${JSON.stringify(input.comparison, null, 2)}
`;
  if (format === "markdown") return joinReport(renderMarkdown(input));
  if (format === "html") return renderHtml(input);
  return renderText(input);
}
function compareAndReport(baseline, current, options, io) {
  const thresholds = typeof options.thresholds === "object" ? options.thresholds : loadThresholds(options.thresholds);
  const comparison = compareResults(baseline, current, thresholds, options.history !== void 0 ? { history: options.history } : {});
  const trend = options.history !== void 0 && (options.format === "markdown" || options.format === "html") ? trendWithCurrent(options.history.records, current, gatedMetrics(thresholds)) : null;
  const input = { comparison, baseline, current, trend, ...options.format === "html" ? htmlTrendOf(trend) : {}, ...options.labels !== void 0 ? { labels: options.labels } : {}, ...options.reproduce !== void 0 ? { reproduce: options.reproduce } : {} };
  const format = options.format ?? "text";
  const report = renderReport(input, format);
  io.stdout.write(report);
  if (options.out !== void 0) writeFileSync(options.out, report);
  return { comparison, exitCode: exitCodeFor(comparison), input };
}
async function compareCommand(options, io) {
  const format = options.format ?? "text";
  if (!FORMATS.includes(format)) throw new InputError(`--format: got ${JSON.stringify(format)}; expected one of ${FORMATS.join(", ")}`);
  const thresholds = loadThresholds(options.thresholds);
  const schemas = { baseline: sniffSchema(options.baseline), current: sniffSchema(options.current) };
  if (schemas.baseline === SWEEP_SCHEMA || schemas.current === SWEEP_SCHEMA) return (await import("./compare-sweep-LFJ4CXMA.js")).compareSweepCommand(options, thresholds, format, schemas, io);
  const history = options.history === void 0 ? void 0 : loadJobHistory(options.history, (line) => io.stderr.write(`warning: ${line}
`));
  const [baseline, current] = await readComparableResults([
    { path: options.baseline, role: "baseline", resample: { thresholds, side: "baseline" } },
    { path: options.current, role: "current result", resample: { thresholds, side: "current" }, ahead: options.currentAhead ?? null }
  ]);
  return compareAndReport(baseline, current, { thresholds, format, out: options.out, labels: { baseline: options.baseline, current: options.current }, history, reproduce: `npx llm-perf-gate compare --baseline ${options.baseline} --current ${options.current}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}${options.history !== void 0 ? ` --history ${options.history}` : ""}` }, io).exitCode;
}

export {
  htmlTrendOf,
  FORMATS,
  renderReport,
  compareAndReport,
  compareCommand
};
