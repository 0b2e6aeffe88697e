if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  appendRecord,
  describeProblems,
  gatedMetrics,
  historyTrend,
  readHistory
} from "./chunk-BHHNFLZV.js";
import {
  readComparableResult
} from "./chunk-HZNHISRA.js";
import {
  loadThresholds
} from "./chunk-4ATGSLI2.js";
import {
  CHANGES_SCHEMA,
  DETECT_DEFAULTS,
  byWorkload,
  changesList,
  commitAndRef,
  describeChange,
  historyRecordOf,
  trendCharts
} from "./chunk-MF6P33B3.js";
import {
  escapeMarkdown,
  formatValue,
  label,
  markdownTable
} from "./chunk-S2KP6JOK.js";
import {
  ALL_METRIC_NAMES
} from "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/commands/history.ts
var HISTORY_FORMATS = ["text", "markdown", "json"];
var HISTORY_SHOW_SCHEMA = "llm-perf-gate/history-show@1";
function warnProblems(history, io) {
  for (const line of describeProblems(history)) io.stderr.write(`warning: ${line}
`);
}
async function historyAppendCommand(options, io) {
  const result = readComparableResult(options.result, "result");
  const history = readHistory(options.history, { missingIsEmpty: true });
  warnProblems(history, io);
  const record = historyRecordOf(result, commitAndRef({ ...options.commit !== void 0 ? { commit: options.commit } : {}, ...options.ref !== void 0 ? { ref: options.ref } : {} }, io.env));
  const outcome = appendRecord(options.history, record, history);
  if (!outcome.appended) {
    io.stderr.write(`${outcome.reason}
`);
    return 0;
  }
  const workloadRuns = history.records.filter((existing) => existing.workload.name === record.workload.name).length + 1;
  io.stderr.write(`appended run ${record.id} of ${record.workload.name}${record.commit !== null ? ` at ${record.commit.slice(0, 12)}` : ""} to ${options.history} (${workloadRuns} run${workloadRuns === 1 ? "" : "s"} of this workload, ${outcome.runs} in all)
`);
  return 0;
}
function prepare(options, io) {
  const format = options.format ?? "text";
  if (!HISTORY_FORMATS.includes(format)) throw new InputError(`--format: got ${JSON.stringify(format)}; expected one of ${HISTORY_FORMATS.join(", ")}`);
  for (const metric of options.metric ?? []) {
    if (!ALL_METRIC_NAMES.includes(metric)) throw new InputError(`--metric: got ${JSON.stringify(metric)}; expected one of ${ALL_METRIC_NAMES.join(", ")}`);
  }
  const metrics = options.metric !== void 0 && options.metric.length > 0 ? options.metric : gatedMetrics(loadThresholds(options.thresholds ?? "nightly"));
  const history = readHistory(options.history);
  warnProblems(history, io);
  const groups = byWorkload(history.records);
  if (options.workload !== void 0 && !groups.has(options.workload)) {
    const known = [...groups.keys()];
    throw new InputError(`--workload: ${options.history} holds no run of ${JSON.stringify(options.workload)}; ${known.length === 0 ? "it holds no run at all" : `it holds ${known.map((name) => JSON.stringify(name)).join(", ")}`}`);
  }
  const workloads = [...groups].filter(([name]) => options.workload === void 0 || name === options.workload);
  return { format, metrics, workloads };
}
function trendsOf(view, last, changes) {
  return view.workloads.map(([, runs]) => historyTrend(runs, view.metrics, { ...last !== void 0 ? { last } : {}, changes })).filter((trend) => trend !== null);
}
var day = (time) => time.slice(0, 10);
var commitCell = (commit) => commit === null ? "\u2014" : commit.slice(0, 7);
function header(trend) {
  return `${trend.workload}: ${trend.runs} run${trend.runs === 1 ? "" : "s"}, ${trend.comparable} comparable with the newest (same workload hash and hardware)`;
}
function textTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows.map((row) => row.map((cell, column) => column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join("  ").trimEnd());
}
function runRows(trend) {
  return trend.window.map((run, position) => [String(run.index), day(run.created_at), commitCell(run.commit), ...trend.series.map((series) => formatValue(series.metric, series.values[position] ?? null))]);
}
async function historyShowCommand(options, io) {
  const view = prepare(options, io);
  const trends = trendsOf(view, options.last ?? 30, view.format !== "text");
  if (view.format === "json") {
    io.stdout.write(`${JSON.stringify({ schema: HISTORY_SHOW_SCHEMA, workloads: trends }, null, 2)}
`);
    return 0;
  }
  const heading = ["run", "date", "commit", ...view.metrics.map(label)];
  const blocks = trends.map((trend) => {
    if (view.format === "text") return [header(trend), ...textTable([heading, ...runRows(trend)]).map((line) => `  ${line}`)].join("\n");
    const rows = runRows(trend).map((row) => row.map((cell) => escapeMarkdown(cell)));
    return [`### ${escapeMarkdown(header(trend))}`, ...trendCharts(trend), changesList(trend, true), markdownTable([heading, ...rows])].join("\n\n");
  });
  io.stdout.write(blocks.length === 0 ? "the history holds no runs\n" : `${blocks.join("\n\n")}
`);
  return 0;
}
async function historyDetectCommand(options, io) {
  const view = prepare(options, io);
  const trends = trendsOf(view, void 0, true);
  const changes = trends.flatMap((trend) => trend.changes);
  if (view.format === "json") {
    io.stdout.write(`${JSON.stringify({ schema: CHANGES_SCHEMA, changes }, null, 2)}
`);
    return 0;
  }
  const blocks = trends.map((trend) => {
    if (view.format === "markdown") return [`### ${escapeMarkdown(header(trend))}`, changesList(trend, true)].join("\n\n");
    const lines = trend.changes.map((change) => `  ${describeChange(change, false)}`);
    return [header(trend), ...lines.length > 0 ? lines : [`  no change point (E-divisive means, permutation test at p \u2264 ${DETECT_DEFAULTS.alpha}) in ${view.metrics.map(label).join(", ")}`]].join("\n");
  });
  io.stdout.write(blocks.length === 0 ? "the history holds no runs\n" : `${blocks.join("\n\n")}
`);
  return 0;
}
export {
  HISTORY_FORMATS,
  HISTORY_SHOW_SCHEMA,
  historyAppendCommand,
  historyDetectCommand,
  historyShowCommand
};
