if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatNumber,
  formatPercent,
  markdownTable
} from "./chunk-S2KP6JOK.js";

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

// src/result/known-metrics.ts
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

// src/result/telemetry-digest.ts
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
  digestTelemetry
};
