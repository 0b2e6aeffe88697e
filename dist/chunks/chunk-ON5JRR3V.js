if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/compare/metric-names.ts
var DISTRIBUTION_METRICS = ["ttft_ms", "tpot_ms", "itl_ms", "e2e_ms"];
var STATISTICS = ["mean", "p50", "p90", "p95", "p99"];
var SCALAR_METRICS = ["request_throughput", "output_throughput", "total_throughput", "goodput", "error_rate"];
var ALL_METRIC_NAMES = [
  ...DISTRIBUTION_METRICS.flatMap((base) => STATISTICS.map((statistic) => `${base}.${statistic}`)),
  ...SCALAR_METRICS
];
function parseMetricName(name) {
  if (SCALAR_METRICS.includes(name)) return { kind: "scalar", name, base: name };
  const [base, statistic, extra] = name.split(".");
  if (extra !== void 0 || statistic === void 0) return null;
  if (!DISTRIBUTION_METRICS.includes(base) || !STATISTICS.includes(statistic)) return null;
  return { kind: "distribution", name, base, statistic };
}
var HIGHER_IS_BETTER = /* @__PURE__ */ new Set(["request_throughput", "output_throughput", "total_throughput", "goodput"]);
function worseDirection(metric) {
  return HIGHER_IS_BETTER.has(metric.base) ? -1 : 1;
}
function percentileOf(statistic) {
  return statistic === "mean" ? null : Number(statistic.slice(1));
}
var LABELS = {
  ttft_ms: "TTFT",
  tpot_ms: "TPOT",
  itl_ms: "ITL",
  e2e_ms: "E2E latency",
  request_throughput: "request throughput",
  output_throughput: "output throughput",
  total_throughput: "total throughput",
  goodput: "goodput",
  error_rate: "error rate"
};
function metricLabel(metric) {
  return metric.kind === "scalar" ? LABELS[metric.base] : `${LABELS[metric.base]} ${metric.statistic}`;
}
var UNITS = {
  request_throughput: "req/s",
  output_throughput: "tok/s",
  total_throughput: "tok/s",
  goodput: "req/s",
  error_rate: ""
};
function metricUnit(metric) {
  return metric.kind === "distribution" ? "ms" : UNITS[metric.base];
}

export {
  DISTRIBUTION_METRICS,
  STATISTICS,
  ALL_METRIC_NAMES,
  parseMetricName,
  worseDirection,
  percentileOf,
  metricLabel,
  metricUnit
};
