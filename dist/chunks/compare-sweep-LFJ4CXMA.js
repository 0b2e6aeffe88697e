if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  renderHtml
} from "./chunk-DOMUVXZO.js";
import "./chunk-JFXT5PYH.js";
import {
  compareSweeps,
  referenceResults,
  renderSweepMarkdown,
  renderSweepText,
  sweepCurves
} from "./chunk-RHW5FIRQ.js";
import {
  exitCodeFor,
  joinReport
} from "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import {
  SLO_METRICS,
  SWEEP_SCHEMA
} from "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import {
  RESULT_SCHEMA,
  external_exports,
  parseResultValue,
  parseWithSchema,
  readJsonFile
} from "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/commands/compare-sweep.ts
import { writeFileSync } from "node:fs";

// src/result/sweep-io.ts
var nullableNumber = external_exports.number().nullable();
var outcome = external_exports.looseObject({ sent: external_exports.number(), attained: external_exports.number(), holds: external_exports.boolean(), error_rate: external_exports.number(), limited_by: external_exports.enum(["latency", "errors"]).nullable(), quantiles: external_exports.record(external_exports.string(), nullableNumber) });
var loadKind = external_exports.enum(["concurrency", "rate"]);
var sweepSchema = external_exports.looseObject({
  schema: external_exports.literal(SWEEP_SCHEMA, { error: `expected "${SWEEP_SCHEMA}"` }),
  definitions: external_exports.number(),
  tool: external_exports.looseObject({ name: external_exports.string(), version: external_exports.string() }),
  created_at: external_exports.string(),
  workload: external_exports.looseObject({ name: external_exports.string(), workload_hash: external_exports.string().startsWith("sha256:"), sweep_hash: external_exports.string().startsWith("sha256:") }),
  plan: external_exports.looseObject({ load_kind: loadKind, mode: external_exports.enum(["grid", "auto"]) }),
  environment: external_exports.looseObject({ server: external_exports.looseObject({ url: external_exports.string(), model: external_exports.string().nullable() }) }).nullable(),
  interrupted: external_exports.literal(true).optional(),
  max_error_rate: external_exports.number(),
  steps: external_exports.array(
    external_exports.looseObject({
      index: external_exports.number(),
      load_kind: loadKind,
      load: external_exports.number().positive(),
      phase: external_exports.enum(["grid", "double", "refine"]),
      slo: outcome.extend({ trials: external_exports.array(outcome) }),
      result: external_exports.unknown()
    })
  ),
  capacity: external_exports.looseObject({
    load_kind: loadKind,
    load: nullableNumber,
    ci_low: nullableNumber,
    ci_high: nullableNumber,
    confidence: external_exports.number(),
    request_throughput: nullableNumber,
    attainment: external_exports.number().gt(0).max(1),
    slo: external_exports.partialRecord(external_exports.enum(SLO_METRICS), external_exports.number()),
    limited_by: external_exports.enum(["latency", "errors"]).nullable(),
    metric: external_exports.enum(SLO_METRICS).nullable(),
    bracket: external_exports.looseObject({ below: nullableNumber, above: nullableNumber }),
    trials: external_exports.array(nullableNumber)
  }),
  notes: external_exports.array(external_exports.string())
});
function parseSweepValue(value, path, role = "sweep file") {
  const sweep = parseWithSchema(sweepSchema, value, path, role);
  sweep.steps.forEach((step, index) => {
    step.result = parseResultValue(step.result, `${path} steps[${index}].result`, role);
  });
  return sweep;
}
function readSweepFile(path, role = "sweep file") {
  const value = readJsonFile(path, role);
  if (value === null || typeof value !== "object" || value.schema !== SWEEP_SCHEMA) {
    const schema = value?.schema;
    throw new InputError(`${role} ${path}: got ${typeof schema === "string" ? `a file with schema "${schema}"` : "a file without a schema"}; expected a sweep file ("${SWEEP_SCHEMA}") written by \`llm-perf-gate sweep\``);
  }
  return parseSweepValue(value, path, role);
}

// src/commands/compare-sweep.ts
function renderSweepReport(input, format) {
  if (format === "json") return `${JSON.stringify(input.comparison, null, 2)}
`;
  if (format === "markdown") return joinReport(renderSweepMarkdown(input));
  if (format === "text") return renderSweepText(input);
  const steps = referenceResults(input.baseline, input.current);
  if (steps.baseline === null || steps.current === null) throw new InputError(`the HTML report draws a step of each sweep, and the ${steps.baseline === null ? "baseline" : "current"} sweep has no finished step; use --format markdown, text or json`);
  return renderHtml({ comparison: input.comparison, baseline: steps.baseline, current: steps.current, sweep: sweepCurves(input), ...input.labels !== void 0 ? { labels: input.labels } : {}, ...input.reproduce !== void 0 ? { reproduce: input.reproduce } : {} });
}
var describeSchema = (schema) => schema === SWEEP_SCHEMA ? "a sweep file" : schema === RESULT_SCHEMA ? "a result file" : schema === null ? "not a sweep file" : `a "${schema}" file`;
function checkBothSweeps(files, schemas) {
  if (schemas.baseline === SWEEP_SCHEMA && schemas.current === SWEEP_SCHEMA) return;
  throw new InputError(
    `--baseline ${files.baseline} is ${describeSchema(schemas.baseline)} and --current ${files.current} is ${describeSchema(schemas.current)}: compare takes two result files or two sweep files (a sweep's capacity has no counterpart in one result); run the other side with \`llm-perf-gate sweep\` too`
  );
}
function compareSweepsAndReport(baseline, current, thresholds, options, io) {
  const comparison = compareSweeps(baseline, current, thresholds);
  const report = renderSweepReport({ comparison, baseline, current, ...options.labels !== void 0 ? { labels: options.labels } : {}, ...options.reproduce !== void 0 ? { reproduce: options.reproduce } : {} }, options.format);
  io.stdout.write(report);
  if (options.out !== void 0) writeFileSync(options.out, report);
  return { comparison, exitCode: exitCodeFor(comparison) };
}
function compareSweepCommand(options, thresholds, format, schemas, io) {
  checkBothSweeps(options, schemas);
  const baseline = readSweepFile(options.baseline, "baseline");
  const current = readSweepFile(options.current, "current sweep");
  const reproduce = `npx llm-perf-gate compare --baseline ${options.baseline} --current ${options.current}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}`;
  return compareSweepsAndReport(baseline, current, thresholds, { format, out: options.out, labels: { baseline: options.baseline, current: options.current }, reproduce }, io).exitCode;
}
export {
  checkBothSweeps,
  compareSweepCommand,
  compareSweepsAndReport,
  renderSweepReport
};
