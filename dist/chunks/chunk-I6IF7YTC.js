if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  digestTelemetry,
  turnsConsoleRows
} from "./chunk-V4FAYOQB.js";
import {
  oneLine
} from "./chunk-S2KP6JOK.js";
import {
  errorGroupsOf,
  errorLines
} from "./chunk-D55ENMMY.js";

// src/output/telemetry-summary.ts
var fixed = (value, digits) => value.toFixed(digits);
function telemetrySummaryRows(trials) {
  const digest = digestTelemetry({ trials });
  if (digest === null) return [];
  const rows = [];
  if (digest.gpuMemoryMib !== null) rows.push(["Peak GPU memory used (MiB):", fixed(digest.gpuMemoryMib.max, 0)]);
  if (digest.gpuUtilizationPct !== null) rows.push(["Mean GPU utilization (%):", fixed(digest.gpuUtilizationPct.mean, 1)]);
  if (digest.smClockMhz !== null) rows.push(["Mean / min SM clock (MHz):", `${fixed(digest.smClockMhz.mean, 0)} / ${fixed(digest.smClockMhz.min, 0)}`]);
  if (digest.gpuNames.length > 0) rows.push(["GPU throttle reasons:", digest.throttleReasons.length === 0 ? "none" : digest.throttleReasons.join(", ")]);
  if (digest.kvCacheUsage !== null) rows.push(["Mean / peak KV-cache usage:", `${fixed(digest.kvCacheUsage.mean, 2)} / ${fixed(digest.kvCacheUsage.max, 2)}`]);
  if (digest.preemptions !== null) rows.push(["Preemptions per trial:", fixed(digest.preemptions.perTrial, digest.preemptions.perTrial % 1 === 0 ? 0 : 1)]);
  if (digest.waiting !== null) rows.push(["Mean / max requests waiting:", `${fixed(digest.waiting.mean, 1)} / ${fixed(digest.waiting.max, 0)}`]);
  return rows;
}

// src/output/console-summary.ts
var WIDTH = 50;
function banner(title, fill) {
  const text = ` ${title} `;
  const left = Math.floor((WIDTH - text.length) / 2);
  return `${fill.repeat(Math.max(0, left))}${text}${fill.repeat(Math.max(0, WIDTH - left - text.length))}`;
}
var row = (label, value) => `${label.padEnd(40)} ${value}`;
var fixed2 = (value) => value === null ? "n/a" : value.toFixed(2);
function latencyBlock(title, short, distribution) {
  return [
    banner(title, "-"),
    row(`Mean ${short} (ms):`, fixed2(distribution.mean)),
    row(`Median ${short} (ms):`, fixed2(distribution.p50)),
    row(`P99 ${short} (ms):`, fixed2(distribution.p99))
  ];
}
function telemetryBlock(trials) {
  const rows = telemetrySummaryRows(trials);
  return rows.length === 0 ? [] : [banner("Server and GPU telemetry", "-"), ...rows.map(([label, value]) => row(label, value))];
}
function formatConsoleSummary(result) {
  const s = result.summary;
  const trials = result.trials;
  const duration = trials.reduce((sum, trial) => sum + trial.duration_s, 0);
  const inputTokens = trials.reduce((sum, trial) => sum + trial.summary.total_input_tokens, 0);
  const outputTokens = trials.reduce((sum, trial) => sum + trial.summary.total_output_tokens, 0);
  const lines = [
    banner("Serving Benchmark Result", "="),
    row("Workload:", oneLine(`${result.workload.name} (${result.workload.workload_hash.slice(0, 19)})`)),
    row("Server:", oneLine(`${result.environment.server.url}${result.environment.server.model !== null ? ` (${result.environment.server.model})` : ""}`)),
    row("Trials:", `${trials.length}${result.interrupted === true ? " (interrupted)" : ""}`),
    row("Successful requests:", String(s.completed)),
    row("Failed requests:", String(s.failed)),
    row("Benchmark duration (s):", duration.toFixed(2)),
    row("Total input tokens:", String(inputTokens)),
    row("Total generated tokens:", String(outputTokens)),
    row("Request throughput (req/s):", s.request_throughput.toFixed(2)),
    row("Output token throughput (tok/s):", s.output_throughput.toFixed(2)),
    row("Total Token throughput (tok/s):", s.total_throughput.toFixed(2)),
    ...s.goodput !== null ? [row("Request goodput (req/s):", s.goodput.toFixed(2))] : [],
    row("Error rate:", `${(100 * s.error_rate).toFixed(2)}%`),
    ...latencyBlock("Time to First Token", "TTFT", s.ttft_ms),
    ...latencyBlock("Time per Output Token (excl. 1st token)", "TPOT", s.tpot_ms),
    ...latencyBlock("Inter-token Latency", "ITL", s.itl_ms),
    ...latencyBlock("End-to-end Latency", "E2EL", s.e2e_ms),
    ...turnsConsoleRows(result, row),
    row("P99 client schedule lag (ms):", fixed2(s.schedule_lag_ms.p99)),
    ...telemetryBlock(trials),
    "=".repeat(WIDTH)
  ];
  if (trials.length > 1) lines.push("Throughputs are the mean of the trials; latencies pool every trial's requests.");
  if (s.failed > 0) lines.push(...failureLines(result));
  for (const note of result.notes ?? []) lines.push(`note: ${oneLine(note)}`);
  return `${lines.join("\n")}
`;
}
function failureLines(result) {
  const { lines, others } = errorLines(errorGroupsOf(result), result.summary.failed);
  return ["Errors (most frequent first):", ...lines.map((line) => `  ${line}`), ...others > 0 ? [`  ${others} more of other kinds`] : []];
}

export {
  formatConsoleSummary
};
