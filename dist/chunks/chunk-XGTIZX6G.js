if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatNumber,
  formatPercent,
  markdownTable
} from "./chunk-LEHYPBYW.js";

// src/report/turns-section.ts
var turnsOf = (result) => result.summary.conversations;
var pickStat = (distribution, statistic) => (turns) => distribution(turns)[statistic];
var ROWS = [
  { label: "TTFT first turn p50 (ms)", pick: pickStat((t) => t.ttft_first_turn_ms, "p50") },
  { label: "TTFT first turn p99 (ms)", pick: pickStat((t) => t.ttft_first_turn_ms, "p99") },
  { label: "TTFT later turns p50 (ms)", pick: pickStat((t) => t.ttft_later_turns_ms, "p50") },
  { label: "TTFT later turns p99 (ms)", pick: pickStat((t) => t.ttft_later_turns_ms, "p99") },
  { label: "conversations", pick: (t) => t.count, count: true }
];
function delta(a, b) {
  return a === null || b === null || a === 0 ? "\u2014" : formatPercent(100 * (b - a) / a);
}
function rows(baseline, current) {
  const a = turnsOf(baseline);
  const b = turnsOf(current);
  if (a === void 0 && b === void 0) return null;
  return ROWS.map((row) => {
    const va = a === void 0 ? null : row.pick(a);
    const vb = b === void 0 ? null : row.pick(b);
    const format = (value) => row.count === true && value !== null ? String(value) : formatNumber(value);
    return [row.label, format(va), format(vb), delta(va, vb)];
  });
}
function turnsMarkdown(baseline, current) {
  const table = rows(baseline, current);
  if (table === null) return null;
  return ["**TTFT by turn** (later turns carry the history: a prefix cache serves it)", "", markdownTable([["", "baseline", "candidate", "\u0394"], ...table], { align: ["l", "r", "r", "r"] })].join("\n");
}
function turnsTextLine(baseline, current) {
  const a = turnsOf(baseline);
  const b = turnsOf(current);
  if (a === void 0 && b === void 0) return null;
  const side = (turns) => turns === void 0 ? "\u2014" : `first ${formatNumber(turns.ttft_first_turn_ms.p50)} ms, later ${formatNumber(turns.ttft_later_turns_ms.p50)} ms`;
  return `TTFT p50 by turn: baseline ${side(a)}; candidate ${side(b)}`;
}
function turnsConsoleRows(result, row) {
  const turns = turnsOf(result);
  if (turns === void 0) return [];
  const fixed = (value) => value === null ? "n/a" : value.toFixed(2);
  return [
    row("Conversations:", `${turns.count} (${result.summary.sent} turns)`),
    row("Median TTFT first turn (ms):", fixed(turns.ttft_first_turn_ms.p50)),
    row("Median TTFT later turns (ms):", fixed(turns.ttft_later_turns_ms.p50))
  ];
}

// src/environment/fingerprint.ts
var gpusOf = (environment) => Array.isArray(environment?.gpu) ? environment.gpu.filter((gpu) => gpu !== null && typeof gpu === "object" && typeof gpu.name === "string") : [];
var distinct = (values) => {
  const seen = [...new Map(values.filter((value) => value !== null && value !== void 0).map((value) => [String(value), value])).values()];
  return seen.length === 0 ? null : seen.length === 1 ? seen[0] : seen.join(" + ");
};
function hardwareKey(environment) {
  const counts = /* @__PURE__ */ new Map();
  for (const gpu of gpusOf(environment)) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1);
  if (counts.size === 0) return null;
  return [...counts.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([name, count]) => `${count}\xD7 ${name}`).join(" + ");
}
var server = (side) => side.environment?.server ?? {};
var runner = (side) => side.environment?.runner ?? {};
var scalar = (value) => value === void 0 ? void 0 : value === null ? null : typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value);
var list = (value) => Array.isArray(value) ? value.length === 0 ? null : value.map(String).join(" ") : scalar(value);
var perGpu = (field) => (side) => {
  const gpus = gpusOf(side.environment);
  if (gpus.some((gpu) => gpu[field] === void 0)) return void 0;
  return distinct(gpus.map((gpu) => gpu[field]));
};
var MODEL_FIELDS = [
  ["server.model", (side) => scalar(server(side).model) ?? null],
  ["server.model_revision", (side) => scalar(server(side).model_revision)]
];
var SERVER_FIELDS = [
  ["server.engine", (side) => scalar(server(side).engine)],
  ["server.version", (side) => scalar(server(side).version)],
  ["server.args", (side) => list(server(side).args)]
];
var HARDWARE_FIELDS = [
  ["gpu.name", (side) => distinct(gpusOf(side.environment).map((gpu) => gpu.name))],
  ["gpu.count", (side) => gpusOf(side.environment).length],
  ["gpu.memory_total_mib", perGpu("memory_total_mib")],
  ["gpu.driver_version", perGpu("driver_version")],
  ["gpu.cuda_version", perGpu("cuda_version")]
];
var RUNNER_FIELDS = [
  ["runner.name", (side) => scalar(runner(side).name)],
  ["runner.labels", (side) => runner(side).labels === void 0 ? void 0 : Array.isArray(runner(side).labels) ? distinct(runner(side).labels.map(String)) : null],
  ["runner.os", (side) => scalar(runner(side).os)],
  ["runner.release", (side) => scalar(runner(side).release)],
  ["runner.arch", (side) => scalar(runner(side).arch)],
  ["runner.cpu_model", (side) => scalar(runner(side).cpu_model)],
  ["runner.cpu_count", (side) => scalar(runner(side).cpu_count)],
  ["runner.node", (side) => scalar(runner(side).node)]
];
var RUN_FIELDS = [
  ["tool.version", (side) => scalar(side.tool?.version)],
  ["server.url", (side) => scalar(server(side).url)]
];
function settingsFields(baseline, current) {
  const settingsOf = (side) => {
    const settings = server(side).settings;
    return settings !== null && typeof settings === "object" && !Array.isArray(settings) ? settings : void 0;
  };
  const [a, b] = [settingsOf(baseline), settingsOf(current)];
  if (a === void 0 || b === void 0) return [];
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((key) => [`server.settings.${key}`, (side) => scalar(settingsOf(side)?.[key]) ?? null]);
}
var MODEL_CHANGE_FIELDS = new Set(MODEL_FIELDS.map(([field]) => field));
function environmentChanges(baseline, current) {
  const fields = [...MODEL_FIELDS, ...SERVER_FIELDS, ...settingsFields(baseline, current), ...HARDWARE_FIELDS, ...RUNNER_FIELDS, ...RUN_FIELDS];
  const changes = [];
  for (const [field, read] of fields) {
    const [a, b] = [read(baseline), read(current)];
    if (a === void 0 || b === void 0 || a === b) continue;
    changes.push({ field, baseline: a, current: b });
  }
  return changes;
}

// src/telemetry/known-metrics.ts
var gauge = (combine = "sum") => ({ kind: "gauge", combine });
var counter = { kind: "counter", combine: "sum" };
var KNOWN_SERVER_METRICS = {
  "vllm:num_requests_running": gauge(),
  "vllm:num_requests_waiting": gauge(),
  "vllm:kv_cache_usage_perc": gauge("max"),
  "vllm:gpu_cache_usage_perc": gauge("max"),
  "vllm:num_preemptions_total": counter,
  "vllm:prompt_tokens_total": counter,
  "vllm:generation_tokens_total": counter,
  "vllm:prefix_cache_queries_total": counter,
  "vllm:prefix_cache_hits_total": counter,
  "vllm:request_success_total": counter,
  "sglang:num_running_reqs": gauge(),
  "sglang:num_queue_reqs": gauge(),
  "sglang:token_usage": gauge("max"),
  "sglang:num_used_tokens": gauge(),
  "sglang:gen_throughput": gauge(),
  "sglang:cache_hit_rate": gauge("max"),
  "sglang:num_retracted_requests_total": counter,
  "sglang:prompt_tokens_total": counter,
  "sglang:generation_tokens_total": counter,
  tgi_queue_size: gauge(),
  tgi_batch_current_size: gauge(),
  tgi_batch_current_max_tokens: gauge(),
  tgi_request_count: counter,
  tgi_request_success: counter,
  "llamacpp:kv_cache_usage_ratio": gauge("max"),
  "llamacpp:requests_processing": gauge(),
  "llamacpp:requests_deferred": gauge(),
  "llamacpp:prompt_tokens_total": counter,
  "llamacpp:tokens_predicted_total": counter
};
var METRIC_ROLES = {
  kvCacheUsage: ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage", "llamacpp:kv_cache_usage_ratio"],
  preemptions: ["vllm:num_preemptions_total", "sglang:num_retracted_requests_total"],
  waiting: ["vllm:num_requests_waiting", "sglang:num_queue_reqs", "tgi_queue_size", "llamacpp:requests_deferred"],
  running: ["vllm:num_requests_running", "sglang:num_running_reqs", "tgi_batch_current_size", "llamacpp:requests_processing"]
};

// src/telemetry/digest.ts
var average = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
var present = (values) => values.filter((value) => value !== null && value !== void 0);
function gaugeDigest(trials, names) {
  for (const metric of names) {
    const gauges = present(trials.map((trial) => trial.server_metrics?.[metric])).filter((summary) => summary.kind === "gauge");
    if (gauges.length > 0) return { metric, mean: average(gauges.map((gauge2) => gauge2.mean)), max: Math.max(...gauges.map((gauge2) => gauge2.max)) };
  }
  return null;
}
function digestTelemetry(result) {
  const withTelemetry = result.trials.filter((trial) => trial.telemetry !== void 0);
  if (withTelemetry.length === 0) return null;
  const trials = withTelemetry.map((trial) => trial.telemetry);
  let preemptions = null;
  for (const metric of METRIC_ROLES.preemptions) {
    const counted = withTelemetry.filter((trial) => trial.telemetry.server_metrics?.[metric]?.kind === "counter");
    if (counted.length === 0) continue;
    const deltas = counted.map((trial) => trial.telemetry.server_metrics[metric].delta);
    const seconds = counted.reduce((sum, trial) => sum + trial.duration_s, 0);
    preemptions = { metric, perTrial: average(deltas), perSecond: seconds > 0 ? deltas.reduce((a, b) => a + b, 0) / seconds : null };
    break;
  }
  const gpus = trials.flatMap((trial) => trial.gpu ?? []);
  const utilization = present(gpus.map((gpu) => gpu.utilization_pct.mean));
  const utilizationMax = present(gpus.map((gpu) => gpu.utilization_pct.max));
  const memory = present(gpus.map((gpu) => gpu.memory_used_mib.max));
  const power = present(gpus.map((gpu) => gpu.power_w.mean));
  const clock = present(gpus.map((gpu) => gpu.sm_clock_mhz.mean));
  const clockMin = present(gpus.map((gpu) => gpu.sm_clock_mhz.min));
  const temperature = present(gpus.map((gpu) => gpu.temperature_c.max));
  return {
    trials: trials.length,
    kvCacheUsage: gaugeDigest(trials, METRIC_ROLES.kvCacheUsage),
    preemptions,
    waiting: gaugeDigest(trials, METRIC_ROLES.waiting),
    running: gaugeDigest(trials, METRIC_ROLES.running),
    gpuUtilizationPct: utilization.length > 0 ? { mean: average(utilization), max: Math.max(...utilizationMax, ...utilization) } : null,
    gpuMemoryMib: memory.length > 0 ? { max: Math.max(...memory) } : null,
    powerW: power.length > 0 ? { mean: average(power) } : null,
    smClockMhz: clock.length > 0 ? { mean: average(clock), min: Math.min(...clockMin.length > 0 ? clockMin : clock) } : null,
    temperatureC: temperature.length > 0 ? { max: Math.max(...temperature) } : null,
    throttleReasons: [...new Set(gpus.flatMap((gpu) => gpu.throttle_reasons))].sort(),
    gpuNames: [...new Set(gpus.map((gpu) => gpu.name))]
  };
}

export {
  turnsMarkdown,
  turnsTextLine,
  turnsConsoleRows,
  KNOWN_SERVER_METRICS,
  digestTelemetry,
  hardwareKey,
  environmentChanges
};
