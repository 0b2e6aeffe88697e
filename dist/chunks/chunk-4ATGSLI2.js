if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  ALL_METRIC_NAMES,
  SWEEP_METRICS,
  external_exports,
  isSweepMetric,
  parseMetricName,
  parseWithSchema,
  readStructuredFile
} from "./chunk-D55ENMMY.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";

// src/config/thresholds.ts
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var PRESETS = ["pr", "nightly", "release"];
var percentGate = external_exports.strictObject({
  tolerance_pct: external_exports.number().min(0, { error: "expected a percentage >= 0" }).optional(),
  max_increase: external_exports.number().min(0, { error: "expected an absolute increase >= 0, e.g. 0.01 for one percentage point" }).optional(),
  gate: external_exports.enum(["fail", "warn", "off"], { error: "expected one of fail, warn, off" }).default("fail")
});
var thresholdsSchema = external_exports.strictObject({
  alpha: external_exports.number().gt(0).lt(1, { error: "expected a significance level in (0, 1), e.g. 0.05" }).default(0.05),
  confidence: external_exports.number().gt(0).lt(1, { error: "expected a confidence level in (0, 1), e.g. 0.95" }).default(0.95),
  decision: external_exports.enum(["detect", "non-inferiority"], { error: "expected detect or non-inferiority" }).default("detect"),
  fail_on_inconclusive: external_exports.boolean().default(false),
  bootstrap: external_exports.strictObject({
    iterations: external_exports.number().int().min(200, { error: "expected at least 200 resamples" }).max(1e5).default(2e3),
    seed: external_exports.number().int().default(0)
  }).default({ iterations: 2e3, seed: 0 }),
  metrics: external_exports.record(external_exports.string(), percentGate).superRefine((metrics, ctx) => {
    for (const [name, gate] of Object.entries(metrics)) {
      const metric = parseMetricName(name);
      if (metric === null && !isSweepMetric(name)) {
        ctx.addIssue({ code: "custom", path: [name], message: `unknown metric; expected one of ${[...ALL_METRIC_NAMES, ...SWEEP_METRICS].join(", ")}` });
        continue;
      }
      if (name === "error_rate") {
        if (gate.max_increase === void 0 && gate.gate !== "off") ctx.addIssue({ code: "custom", path: [name, "max_increase"], message: "error_rate is gated by max_increase (an absolute increase, e.g. 0.01)" });
      } else if (gate.tolerance_pct === void 0 && gate.gate !== "off") {
        ctx.addIssue({ code: "custom", path: [name, "tolerance_pct"], message: "expected tolerance_pct: the change in percent that counts as a regression" });
      }
    }
  }),
  validity: external_exports.strictObject({
    min_achieved_rate_ratio: external_exports.number().gt(0).max(1).default(0.95),
    max_schedule_lag_p99_ms: external_exports.number().positive().default(10),
    max_closed_loop_lag_share: external_exports.number().min(0).max(1).default(0.02),
    max_output_tokens_mismatch: external_exports.number().min(0).default(0.02),
    max_error_rate: external_exports.number().min(0).max(1).default(0.05),
    min_tail_samples: external_exports.number().int().min(1).default(5),
    max_host_cpu_steal: external_exports.number().min(0).max(1).default(0.1)
  }).default({ min_achieved_rate_ratio: 0.95, max_schedule_lag_p99_ms: 10, max_closed_loop_lag_share: 0.02, max_output_tokens_mismatch: 0.02, max_error_rate: 0.05, min_tail_samples: 5, max_host_cpu_steal: 0.1 }),
  // docs/fingerprint.md.
  comparability: external_exports.strictObject({
    hardware: external_exports.enum(["require", "warn"], { error: "expected require (a different GPU model or count is incomparable) or warn (compared, with a warning)" }).default("require"),
    model: external_exports.enum(["allow", "require"], { error: "expected allow (a different model is compared) or require (a different model is incomparable)" }).default("allow")
  }).default({ hardware: "require", model: "allow" })
});
function presetDirectory() {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "..", "thresholds"), join(here, "..", "..", "thresholds")]) {
    if (existsSync(join(candidate, "pr.yml"))) return candidate;
  }
  throw new Error(`the shipped threshold presets were not found next to ${here}`);
}
function presetPath(name) {
  return join(presetDirectory(), `${name}.yml`);
}
function loadThresholds(nameOrPath) {
  const given = nameOrPath ?? "pr";
  const isPreset = PRESETS.includes(given);
  if (!isPreset && !existsSync(given)) {
    throw new InputError(`thresholds: ${JSON.stringify(given)} is neither a preset (${PRESETS.join(", ")}) nor an existing file`);
  }
  const file = isPreset ? presetPath(given) : resolve(given);
  const where = isPreset ? `preset ${given} (${file})` : file;
  const parsed = parseWithSchema(thresholdsSchema, readStructuredFile(file, "thresholds"), where, "thresholds");
  if (!Object.values(parsed.metrics).some((metric) => metric.gate !== "off")) {
    const names = Object.keys(parsed.metrics);
    throw new InputError(`thresholds ${where} is not valid:
  - metrics: ${names.length === 0 ? "none listed" : `every gate is off (${names.join(", ")})`}; expected at least one metric with gate: fail or warn, e.g. tpot_ms.p50: {tolerance_pct: 5, gate: fail}`);
  }
  return { ...parsed, source: isPreset ? given : file };
}

export {
  loadThresholds
};
