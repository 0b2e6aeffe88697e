if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  HISTORY_SCHEMA,
  byWorkload,
  comparableRuns,
  historyRecordOf,
  metricSeries,
  workloadChanges
} from "./chunk-MF6P33B3.js";
import {
  describeIssues,
  external_exports,
  parseMetricName,
  percentile,
  worseDirection
} from "./chunk-D55ENMMY.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";

// src/history/file.ts
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
var HISTORY_FILE_LIMIT_BYTES = 64 * 2 ** 20;
var HISTORY_LINE_LIMIT = 2 ** 20;
var value = external_exports.number().nullable();
var recordSchema = external_exports.looseObject({
  schema: external_exports.literal(HISTORY_SCHEMA, { error: `expected "${HISTORY_SCHEMA}"` }),
  id: external_exports.string().min(1),
  workload: external_exports.looseObject({ name: external_exports.string(), workload_hash: external_exports.string() }),
  hardware: external_exports.string(),
  environment: external_exports.record(external_exports.string(), external_exports.unknown()),
  commit: external_exports.string().nullable(),
  ref: external_exports.string().nullable(),
  created_at: external_exports.string(),
  tool_version: external_exports.string(),
  definitions: external_exports.number(),
  trials: external_exports.number().int().min(0),
  metrics: external_exports.record(external_exports.string(), external_exports.looseObject({ run: value, trials: external_exports.array(value) }))
});
function parseHistory(text, path) {
  const records = [];
  const problems = [];
  const seen = /* @__PURE__ */ new Map();
  const lines = text.split("\n");
  let lastLine = lines.length - 1;
  while (lastLine > 0 && lines[lastLine].trim() === "") lastLine--;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const textLine = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (textLine.trim() === "") return;
    if (textLine.length > HISTORY_LINE_LIMIT) {
      problems.push({ line, message: `${textLine.length} characters long, beyond the ${HISTORY_LINE_LIMIT}-character limit of a history line` });
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(textLine);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${error.message})${index === lastLine ? "; the last line: the file may have been cut short" : ""}` });
      return;
    }
    const checked = recordSchema.safeParse(parsed);
    if (!checked.success) {
      problems.push({ line, message: describeIssues(checked.error.issues, parsed).slice(0, 3).join("; ") });
      return;
    }
    const record = checked.data;
    const first = seen.get(record.id);
    if (first !== void 0) {
      problems.push({ line, message: `the same run as line ${first} (id ${record.id})` });
      return;
    }
    seen.set(record.id, line);
    records.push(record);
  });
  return { path, records, problems };
}
function readBounded(path, role) {
  let size;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new InputError(`${role} ${path}: cannot read it (${error.code ?? String(error)}); expected a history file written by \`llm-perf-gate history append\``);
  }
  if (size > HISTORY_FILE_LIMIT_BYTES) {
    throw new InputError(`${role} ${path}: ${size} bytes, beyond the ${HISTORY_FILE_LIMIT_BYTES}-byte limit of a history file; keep fewer runs (the action's history-limit input) or move old lines elsewhere`);
  }
  const descriptor = openSync(path, "r");
  try {
    const bytes = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(descriptor, bytes, filled, size - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return bytes.subarray(0, filled).toString("utf8");
  } finally {
    closeSync(descriptor);
  }
}
function readHistory(path, options = {}) {
  if (options.missingIsEmpty === true && !existsSync(path)) return { path, records: [], problems: [] };
  return parseHistory(readBounded(path, options.role ?? "history"), path);
}
function describeProblems(history) {
  return history.problems.map((problem) => `${history.path} line ${problem.line}: ${problem.message}; skipped`);
}
function serializeRecord(record) {
  return JSON.stringify(record);
}
function appendRecord(path, record, history = readHistory(path, { missingIsEmpty: true })) {
  const index = history.records.findIndex((existing) => existing.id === record.id);
  if (index >= 0) return { appended: false, reason: `${path} already holds this run (id ${record.id}); not appended again` };
  const needsNewline = existsSync(path) && statSync(path).size > 0 && !readFileSync(path).subarray(-1).equals(Buffer.from("\n"));
  appendFileSync(path, `${needsNewline ? "\n" : ""}${serializeRecord(record)}
`);
  return { appended: true, runs: history.records.length + 1 };
}

// src/history/trend.ts
function historyTrend(runs, metrics, options = {}) {
  const newest = runs.at(-1);
  if (newest === void 0) return null;
  const comparable = comparableRuns(runs, { workload_hash: newest.workload.workload_hash, hardware: newest.hardware, definitions: newest.definitions });
  const shown = comparable.slice(-(options.last ?? 30));
  const series = metrics.map((metric) => {
    const values = metricSeries(shown, metric);
    const present = values.filter((value2) => value2 !== null);
    const median = present.length === 0 ? null : percentile(present, 50);
    const parsed = parseMetricName(metric);
    const sign = parsed === null ? 1 : worseDirection(parsed);
    return { metric, values, median, worse_pct: values.map((value2) => value2 === null || median === null || median === 0 ? null : sign * 100 * (value2 / median - 1)) };
  });
  return {
    workload: newest.workload.name,
    runs: runs.length,
    comparable: comparable.length,
    window: shown.map((run) => ({ index: runs.indexOf(run), id: run.id, commit: run.commit, ref: run.ref, created_at: run.created_at })),
    series,
    changes: options.changes === false ? [] : workloadChanges(runs, metrics)
  };
}

// src/history/input.ts
function loadJobHistory(path, warn, options = {}) {
  const history = readHistory(path, { role: "history", ...options });
  for (const line of describeProblems(history)) warn(line);
  return { records: history.records, source: path };
}
function gatedMetrics(thresholds) {
  return Object.entries(thresholds.metrics).filter(([, spec]) => spec.gate !== "off").map(([name]) => name);
}
function trendWithCurrent(records, current, metrics, currentRecord = historyRecordOf(current)) {
  const runs = records.some((record) => record.id === currentRecord.id) ? records : [...records, currentRecord];
  const workload = byWorkload(runs).get(current.workload.name);
  return workload === void 0 ? null : historyTrend(workload, metrics);
}

export {
  readHistory,
  describeProblems,
  appendRecord,
  historyTrend,
  loadJobHistory,
  gatedMetrics,
  trendWithCurrent
};
