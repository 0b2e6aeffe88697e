if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatConsoleSummary
} from "./chunk-I6IF7YTC.js";
import {
  Journal
} from "./chunk-3XY4V44M.js";
import {
  RecordSink,
  WORKLOAD_HASH_VERSION,
  canonicalJson,
  captureRunner
} from "./chunk-6ABQPTPV.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-BP5AAHQY.js";
import "./chunk-VJKEQW57.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import {
  DEFINITIONS_VERSION,
  RESULT_SCHEMA,
  attachStore,
  describeIssues,
  external_exports,
  forEachLine,
  observeTrials,
  parseJsonText,
  parseWithSchema,
  readJsonFile,
  readStructuredFile,
  summarizeRun,
  summarizeTrial,
  summarizeTrialRecords,
  summarizeTrials,
  writeJsonFile
} from "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/import/aiperf.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

// src/import/common.ts
import { createHash } from "node:crypto";
import { basename } from "node:path";
var isNumberList = (value) => {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "number") return false;
  return true;
};
var numberList = (error) => external_exports.custom(isNumberList, { error });
var numberLists = (error) => external_exports.custom((value) => Array.isArray(value) && value.every(isNumberList), { error });
function minOf(values) {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min;
}
function maxOf(values) {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}
var round3 = (value) => Math.round(value * 1e3) / 1e3;
var CREDENTIAL_PATTERNS = [
  [/\b(authorization|proxy-authorization|x-api-key|api[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"',}]+(?:\s+[^\s"',}]+)?/gi, "$1$2[redacted]"],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, "$1 [redacted]"],
  [/\b(?:sk|hf|gh[pousr]|github_pat|xox[abp])[-_][A-Za-z0-9_-]{16,}/g, "[redacted]"],
  [/(https?:\/\/)[^\s/@:]+:[^\s/@]+@/g, "$1[redacted]@"],
  [/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/g, "$1?[redacted]"]
];
var MAX_ERROR_TEXT = 4096;
function importedErrorText(text) {
  let out = text.replace(/\r\n?/g, "\n").trim();
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  if (out === "") return "(no message)";
  if (out.length <= MAX_ERROR_TEXT) return out;
  const half = MAX_ERROR_TEXT / 2 - 40;
  return `${out.slice(0, half)}
\u2026 [${out.length - 2 * half} characters left out] \u2026
${out.slice(-half)}`;
}
function toError(request) {
  if (request.ok) return void 0;
  const message = importedErrorText(request.error?.message ?? (request.cancelled === true ? "cancelled by the benchmarking tool" : ""));
  if (request.cancelled === true) return { kind: "cancelled", message };
  const status = request.error?.status;
  return status !== void 0 && status >= 100 && status <= 599 ? { kind: "http", status, message } : { kind: "unknown", message };
}
function toRecord(id, request) {
  const ttft = request.ttftMs;
  const itl = request.itlMs === null ? [] : request.itlMs.map(round3);
  const e2e = request.e2eMs ?? (ttft !== null && request.itlMs !== null ? ttft + request.itlMs.reduce((sum, gap) => sum + gap, 0) : null);
  const tpot = request.ok && ttft !== null && e2e !== null && request.outputTokens > 1 ? (e2e - ttft) / (request.outputTokens - 1) : null;
  const sent = request.sentMs ?? 0;
  const scheduled = request.scheduledMs ?? sent;
  const error = toError(request);
  return {
    id,
    scheduled_ms: round3(scheduled),
    sent_ms: round3(sent),
    client_queue_ms: request.scheduledMs != null && request.sentMs !== null ? round3(sent - request.scheduledMs) : null,
    end_ms: round3(request.endMs ?? sent + (e2e ?? ttft ?? 0)),
    ttft_ms: ttft === null ? null : round3(ttft),
    e2e_ms: e2e === null ? null : round3(e2e),
    tpot_ms: tpot === null ? null : round3(tpot),
    itl_ms: itl,
    input_tokens: request.inputTokens,
    input_tokens_source: "imported",
    output_tokens: request.outputTokens,
    output_tokens_source: "imported",
    max_tokens: request.outputTokens,
    content_events: request.contentEvents ?? (ttft !== null ? itl.length + 1 : 0),
    coalesced_events: 0,
    done: request.ok,
    ok: request.ok,
    ...error !== void 0 ? { error } : {}
  };
}
function buildTrial(index, input) {
  const records = input.requests.map((request, id) => toRecord(id, request));
  const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: input.targetRate ?? null, ...input.durationS !== void 0 ? { durationS: input.durationS } : {} });
  return { index, started_at: input.startedAt, duration_s: durationS, requests: records, summary };
}
function finiteOrWord(value) {
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  if (Array.isArray(value)) return value.map(finiteOrWord);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, finiteOrWord(inner)]));
  return value;
}
function twoSignificant(value) {
  if (value === 0 || !Number.isFinite(value)) return value;
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / scale) * scale;
}
function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function inputLengthKey(lengths) {
  const middle = median(lengths.filter((length) => length > 0));
  return { input_tokens_median: middle === null ? null : twoSignificant(middle) };
}
function observedLengths(requests) {
  const inputs = requests.map((r) => r.inputTokens).filter((length) => length > 0);
  const outputs = requests.filter((r) => r.ok).map((r) => r.outputTokens);
  return {
    requests: requests.length,
    input_tokens_median: median(inputs),
    input_tokens_min: inputs.length > 0 ? minOf(inputs) : null,
    input_tokens_max: inputs.length > 0 ? maxOf(inputs) : null,
    output_tokens_median: median(outputs)
  };
}
function hashSettings(settings) {
  return `sha256:${createHash("sha256").update(canonicalJson(finiteOrWord(settings))).digest("hex")}`;
}
function safeName(text) {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return safe === "" ? "imported" : safe.slice(0, 100);
}
function nameFromFile(file, suffix = "") {
  return safeName(`${basename(file).replace(/\.(jsonl|json|ya?ml)$/i, "")}${suffix}`);
}
function chooseRuns(runs, pick, what) {
  if (runs.length === 0) throw new InputError(`${what}: holds no runs to import`);
  const hashes = runs.map((run) => hashSettings({ ...run.settings, ...run.model != null ? { "(model)": run.model } : {} }));
  if (pick !== void 0) {
    if (!Number.isInteger(pick) || pick < 1 || pick > runs.length) throw new InputError(`--benchmark: got ${pick}; ${what} holds ${runs.length} run${runs.length === 1 ? "" : "s"}, numbered 1 to ${runs.length}`);
    return runs.filter((_, index) => hashes[index] === hashes[pick - 1]);
  }
  const distinct = [...new Set(hashes)];
  if (distinct.length === 1) return [...runs];
  const groups = distinct.map((hash) => runs.map((run, index) => ({ run, number: index + 1 })).filter((_, index) => hashes[index] === hash));
  const listing = groups.map((group) => `  - ${group.length === 1 ? group[0].run.label : `${group[0].run.label} (and ${group.slice(1).map((g) => g.number).join(", ")}: the same workload)`}: ${group[0].run.describe}`);
  throw new InputError(
    `${what} holds ${distinct.length} different workloads (each load is its own result, compared only with the same load); pick one with --benchmark N:
${listing.join("\n")}`
  );
}
function buildResult(input) {
  const workload_hash = hashSettings({ source: input.source, ...input.settings });
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: input.createdAt,
    workload: { name: input.name, source: input.source, ...finiteOrWord(input.settings), observed: input.observed, workload_hash, hash_version: WORKLOAD_HASH_VERSION },
    environment: {
      server: { url: `unknown (imported from ${input.source})`, model: input.model, version: null, engine: input.engine },
      gpu: [],
      runner: captureRunner()
    },
    notes: input.notes,
    trials: input.trials,
    summary: summarizeRun(input.trials, {})
  };
}
function isoFromEpochSeconds(seconds, fallback) {
  return seconds !== null && seconds !== void 0 && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1e3).toISOString() : fallback;
}

// src/import/jsonl.ts
function readJsonLines(file, what, onLine) {
  let parsed = 0;
  forEachLine(file, what, "expected a readable JSON Lines file", (text, number) => {
    if (text.trim() === "") return;
    parsed++;
    onLine(parseJsonText(text, `${what} ${file} line ${number}`), number);
  });
  if (parsed === 0) throw new InputError(`${what} ${file}: the file is empty; expected one JSON object per line`);
  return parsed;
}

// src/import/aiperf.ts
var metricValue = external_exports.looseObject({ value: external_exports.unknown(), unit: external_exports.string() });
var recordSchema = external_exports.looseObject({
  metadata: external_exports.looseObject({
    session_num: external_exports.number().optional(),
    turn_index: external_exports.number().nullable().optional(),
    request_start_ns: external_exports.number({ error: "expected the request start in ns since the epoch" }),
    request_end_ns: external_exports.number({ error: "expected the request end in ns since the epoch" }),
    benchmark_phase: external_exports.string().optional(),
    was_cancelled: external_exports.boolean().optional()
  }),
  metrics: external_exports.record(external_exports.string(), metricValue).nullable().optional(),
  error: external_exports.looseObject({ code: external_exports.number().nullable().optional(), type: external_exports.string().nullable().optional(), message: external_exports.string() }).nullable().optional()
});
var MS_PER_UNIT = { ns: 1e-6, us: 1e-3, ms: 1, sec: 1e3, s: 1e3 };
function milliseconds(record, metric, where) {
  const entry = record.metrics?.[metric];
  if (entry === void 0) return null;
  const factor = MS_PER_UNIT[entry.unit];
  if (factor === void 0) throw new InputError(`${where}: metrics.${metric}.unit is ${JSON.stringify(entry.unit)}; expected one of ${Object.keys(MS_PER_UNIT).join(", ")}`);
  if (typeof entry.value !== "number") throw new InputError(`${where}: metrics.${metric}.value is not a number`);
  return entry.value * factor;
}
function tokens(record, metric) {
  const value = record.metrics?.[metric]?.value;
  return typeof value === "number" ? value : null;
}
function gapsMs(record, where) {
  const entry = record.metrics?.inter_chunk_latency;
  if (entry === void 0) return null;
  const factor = MS_PER_UNIT[entry.unit];
  if (factor === void 0 || !Array.isArray(entry.value) || entry.value.some((gap) => typeof gap !== "number")) {
    throw new InputError(`${where}: metrics.inter_chunk_latency is not a list of times in ns, us, ms or sec`);
  }
  return entry.value.map((gap) => gap * factor);
}
function configSettings(config) {
  if (config === null) return { load: null, prompts: null };
  const pick = (value, keys) => value !== null && typeof value === "object" ? Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]])) : null;
  const input = config.input ?? {};
  const prompt = input.prompt ?? {};
  const endpoint = pick(config.endpoint, ["type", "streaming", "custom_endpoint"]);
  return {
    endpoint,
    load: pick(config.loadgen, ["concurrency", "request_rate", "request_rate_mode", "request_count", "benchmark_duration", "request_cancellation_rate", "request_cancellation_delay"]),
    prompts: {
      ...pick(prompt, ["input_tokens", "output_tokens", "prefix_prompt", "batch_size", "sequence_distribution"]),
      ...pick(input, ["file", "public_dataset", "custom_dataset_type", "random_seed", "fixed_schedule", "extra"]),
      ...pick(input.conversation, ["num", "turn"])
    }
  };
}
function readConfig(jsonl) {
  const file = join(dirname(jsonl), "profile_export_aiperf.json");
  if (!existsSync(file)) return { config: null, file: null };
  const document = readJsonFile(file, "aiperf summary");
  const config = document !== null && typeof document === "object" ? document.input_config : void 0;
  return { config: config !== null && typeof config === "object" ? config : null, file };
}
function readRun(file) {
  const records = [];
  let warmup = 0;
  readJsonLines(file, "aiperf export", (value, line) => {
    const where = `aiperf export ${file} line ${line}`;
    if (value !== null && typeof value === "object" && "experiments" in value) {
      throw new InputError(`${where}: this is GenAI-Perf's profile_export.json (per-request timestamps without token counts), which is not handled; give AIPerf's per-record profile_export.jsonl (aiperf profile)`);
    }
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      throw new InputError(`${where} is not an AIPerf per-request record (metadata, metrics, error):
  - ${describeIssues(parsed.error.issues, value).join("\n  - ")}`);
    }
    if (parsed.data.metadata.benchmark_phase !== void 0 && parsed.data.metadata.benchmark_phase !== "profiling") warmup++;
    else records.push({ record: parsed.data, where });
  });
  if (records.length === 0) throw new InputError(`aiperf export ${file}: holds no profiling records; expected one line per measured request`);
  records.sort((a, b) => a.record.metadata.request_start_ns - b.record.metadata.request_start_ns);
  const startNs = records[0].record.metadata.request_start_ns;
  const requests = records.map(({ record, where }) => {
    const { metadata, error } = record;
    const cancelled = metadata.was_cancelled === true || error?.type === "RequestCancellationError";
    const ok = error == null && !cancelled;
    const input = tokens(record, "input_sequence_length") ?? tokens(record, "error_isl") ?? 0;
    return {
      sentMs: (metadata.request_start_ns - startNs) / 1e6,
      endMs: (metadata.request_end_ns - startNs) / 1e6,
      ttftMs: milliseconds(record, "time_to_first_token", where),
      itlMs: gapsMs(record, where),
      e2eMs: ok ? milliseconds(record, "request_latency", where) : null,
      inputTokens: input,
      outputTokens: ok ? tokens(record, "output_sequence_length") ?? 0 : 0,
      ok,
      cancelled,
      ...error != null ? { error: { message: `${error.type != null ? `${error.type}: ` : ""}${error.message}`, ...error.code != null ? { status: error.code } : {} } } : {}
    };
  });
  const { config, file: configFile } = readConfig(file);
  return { file, requests, startNs, warmup, config, configFile };
}
function settingsOf(run) {
  return { ...configSettings(run.config), ...inputLengthKey(run.requests.map((r) => r.inputTokens)) };
}
function describeLoad(settings) {
  const load = settings.load;
  if (load === null) return `median input ${String(settings.input_tokens_median)} tokens (no profile_export_aiperf.json beside it)`;
  return `concurrency ${String(load.concurrency ?? "-")}, rate ${String(load.request_rate ?? "-")} ${String(load.request_rate_mode ?? "")}, median input ${String(settings.input_tokens_median)} tokens`;
}
function importAiperf(files, name, benchmark) {
  if (files.length === 0) throw new InputError("import --from aiperf: give at least one profile_export.jsonl");
  const runs = files.map((file, index) => {
    const run = readRun(file);
    const settings = settingsOf(run);
    return { run, label: `run ${index + 1} (${file})`, settings, describe: describeLoad(settings) };
  });
  const chosen = chooseRuns(runs, benchmark, `import --from aiperf ${files.join(" ")}`);
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: run.requests, startedAt: isoFromEpochSeconds(run.startNs / 1e9, (/* @__PURE__ */ new Date(0)).toISOString()), targetRate: null }));
  const first = chosen[0].run;
  const endpoint = first.config?.endpoint ?? {};
  const models = Array.isArray(endpoint.model_names) ? endpoint.model_names.filter((model) => typeof model === "string") : [];
  const warmup = chosen.reduce((sum, { run }) => sum + run.warmup, 0);
  const noConfig = chosen.filter(({ run }) => run.config === null);
  return buildResult({
    source: "aiperf profile",
    name: name !== void 0 ? safeName(name) : nameFromFile(dirname(first.file) === "." ? first.file : dirname(first.file)),
    settings: settingsOf(first),
    observed: observedLengths(chosen.flatMap(({ run }) => run.requests)),
    model: models[0] ?? null,
    engine: null,
    notes: [
      `imported from AIPerf: ${chosen.map((run) => run.label).join(", ")}`,
      "times are AIPerf's: ttft_ms is its time_to_first_token, e2e_ms its request_latency (to its last response), itl_ms its inter_chunk_latency (one gap per response, not per token); tpot_ms is (e2e - ttft) / (output tokens - 1), AIPerf's inter_token_latency",
      "token counts are AIPerf's input/output_sequence_length (its tokenizer, or the server's usage with --use-server-token-count): the file does not say which",
      "AIPerf does not record its send schedule: no target rate and no schedule lag",
      ...noConfig.length > 0 ? [`no profile_export_aiperf.json beside ${noConfig.map(({ run }) => run.file).join(", ")}: its concurrency and rate are unknown, so the workload hash holds only the median input length; keep the summary beside the records to compare loads`] : [`load and prompt settings from ${first.configFile}`],
      ...warmup > 0 ? [`${warmup} warm-up record(s) left out`] : []
    ],
    trials,
    createdAt: isoFromEpochSeconds(first.startNs / 1e9, (/* @__PURE__ */ new Date()).toISOString())
  });
}

// src/import/guidellm.ts
import { extname } from "node:path";
var HANDLED = "GuideLLM 0.2\u20130.4 (no report version) and report versions 1 (0.5\u20130.6) and 2 (0.7 and later)";
var isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
var numberAt = (value) => typeof value === "number" && Number.isFinite(value) ? value : null;
var objectAt = (value) => isObject(value) ? value : {};
function readRequest(raw, shape) {
  const r = objectAt(raw);
  if (shape === "flat") {
    const scheduler = objectAt(r.scheduler_info);
    const targeted = numberAt(scheduler.targeted_start_time);
    return {
      targeted: targeted !== null && targeted > 0 ? targeted : null,
      start: numberAt(r.start_time),
      first: numberAt(r.first_token_time),
      last: numberAt(r.last_token_time),
      end: numberAt(r.end_time),
      prompt: numberAt(r.prompt_tokens),
      output: numberAt(r.output_tokens),
      iterations: null,
      error: typeof r.error === "string" ? r.error : null
    };
  }
  const info = objectAt(r.info);
  const timings = objectAt(info.timings);
  const input = objectAt(r.input_metrics);
  const output = objectAt(r.output_metrics);
  const iterations = numberAt(timings.token_iterations);
  return {
    targeted: numberAt(timings.targeted_start),
    start: numberAt(timings.request_start) ?? numberAt(timings.resolve_start),
    first: numberAt(timings.first_token_iteration),
    last: numberAt(timings.last_token_iteration),
    end: numberAt(timings.request_end) ?? numberAt(timings.resolve_end),
    prompt: numberAt(r.prompt_tokens) ?? numberAt(input.total_tokens) ?? numberAt(input.text_tokens),
    // GuideLLM's own fallback without usage: one token per iteration.
    output: numberAt(r.output_tokens) ?? numberAt(output.total_tokens) ?? numberAt(output.text_tokens) ?? (iterations !== null && iterations > 0 ? iterations : null),
    iterations,
    error: typeof info.error === "string" ? info.error : null
  };
}
function shapeOf(report, file) {
  const metadata = objectAt(report.metadata);
  const version = metadata.version;
  if (version !== void 0 && version !== 1 && version !== 2) {
    throw new InputError(`guidellm report ${file}: metadata.version is ${JSON.stringify(version)}, which is not handled; handled: ${HANDLED}`);
  }
  const benchmarks = report.benchmarks;
  if (!Array.isArray(benchmarks)) throw new InputError(`guidellm report ${file}: benchmarks: missing; expected the benchmarks.json (or .yaml) GuideLLM writes (${HANDLED})`);
  const sample = benchmarks.map((b) => objectAt(objectAt(b).requests)).flatMap((r) => [...Array.isArray(r.successful) ? r.successful : [], ...Array.isArray(r.errored) ? r.errored : []])[0];
  if (sample === void 0) return { shape: "timings", version: version === void 0 ? "unversioned" : String(version) };
  const s = objectAt(sample);
  if (isObject(s.info) && isObject(objectAt(s.info).timings)) return { shape: "timings", version: version === void 0 ? "0.4" : `version ${String(version)}` };
  if ("start_time" in s && "first_token_time" in s) return { shape: "flat", version: "0.2\u20130.3" };
  throw new InputError(`guidellm report ${file}: its requests have neither info.timings nor start_time/first_token_time; this shape is not handled (${HANDLED})`);
}
var OPEN_LOOP = /* @__PURE__ */ new Set(["constant", "poisson"]);
function describeStrategy(strategy) {
  const type = String(strategy.type_ ?? "unknown");
  const rate = numberAt(strategy.rate);
  const parts = [type];
  if (rate !== null) parts.push(`${rate.toPrecision(4)} req/s`);
  if (numberAt(strategy.streams) !== null) parts.push(`${String(strategy.streams)} streams`);
  if (numberAt(strategy.max_concurrency) !== null) parts.push(`max concurrency ${String(strategy.max_concurrency)}`);
  return parts.join(", ");
}
function findModel(value, depth = 0) {
  if (!isObject(value) || depth > 3) return null;
  if (typeof value.model === "string" && value.model !== "") return value.model;
  if (typeof value.backend_model === "string" && value.backend_model !== "None") return value.backend_model;
  for (const inner of Object.values(value)) {
    const found = findModel(inner, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
function readBenchmark(raw, number, shape, file) {
  const b = objectAt(raw);
  const where = `guidellm report ${file} benchmark ${number}`;
  const config = objectAt(b.config);
  const args = objectAt(b.args);
  const strategy = objectAt(shape === "flat" ? args.strategy : config.strategy);
  const lists = objectAt(b.requests);
  const groups = ["successful", "errored", "incomplete"].map((status) => ({ status, items: Array.isArray(lists[status]) ? lists[status] : [] }));
  const totals = shape === "flat" ? objectAt(b.request_totals) : objectAt(objectAt(b.scheduler_metrics).requests_made);
  const sampled = shape === "flat" ? b.request_samples != null : config.sample_size != null && groups.some(({ status, items }) => numberAt(totals[status]) !== null && items.length < numberAt(totals[status]));
  if (sampled) {
    throw new InputError(
      `${where}: keeps only a sample of its requests (${groups.map(({ status, items }) => `${items.length} of ${String(totals[status] ?? "?")} ${status}`).join(", ")}); rates and error counts from a sample are wrong, so rerun GuideLLM without --output-sampling / --sample-requests`
    );
  }
  const read = groups.flatMap(({ status, items }) => items.map((item) => ({ status, request: readRequest(item, shape) })));
  if (read.length === 0) throw new InputError(`${where}: holds no requests`);
  const openLoop = OPEN_LOOP.has(String(strategy.type_)) && numberAt(strategy.max_concurrency) === null;
  read.sort((a, b2) => (a.request.start ?? Infinity) - (b2.request.start ?? Infinity));
  const origin = minOf(read.map(({ request }) => Math.min(request.start ?? Infinity, openLoop ? request.targeted ?? Infinity : Infinity)));
  const ms = (t) => t === null || !Number.isFinite(origin) ? null : (t - origin) * 1e3;
  const requests = read.map(({ status, request }) => {
    const ok = status === "successful";
    const ttft = request.first !== null && request.start !== null ? (request.first - request.start) * 1e3 : null;
    const lastContent = request.last ?? (ok ? request.end : null);
    return {
      sentMs: ms(request.start),
      scheduledMs: openLoop ? ms(request.targeted) : null,
      endMs: ms(request.end),
      ttftMs: ttft,
      itlMs: null,
      e2eMs: lastContent !== null && request.start !== null && request.first !== null ? (lastContent - request.start) * 1e3 : null,
      inputTokens: request.prompt ?? 0,
      outputTokens: ok ? request.output ?? 0 : 0,
      ...request.iterations !== null ? { contentEvents: request.iterations } : {},
      ok,
      cancelled: status === "incomplete",
      ...status === "errored" ? { error: { message: request.error ?? "" } } : {}
    };
  });
  const targeted = read.map(({ request }) => request.targeted).filter((t) => t !== null);
  const span = targeted.length > 1 ? maxOf(targeted) - minOf(targeted) : 0;
  const targetRate2 = openLoop && span > 0 ? (targeted.length - 1) / span : null;
  const pick = (value, keys) => Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]));
  const settingsPart = {
    strategy: pick(strategy, ["type_", "rate", "streams", "max_concurrency", "rampup_duration", "initial_burst", "random_seed", "time_scale"]),
    limits: shape === "flat" ? pick(args, ["max_number", "max_duration", "warmup_number", "warmup_duration", "cooldown_number", "cooldown_duration"]) : { constraints: config.constraints ?? null, warmup: config.warmup ?? null, cooldown: config.cooldown ?? null }
  };
  return {
    benchmark: {
      number,
      strategy,
      requests,
      targetRate: targetRate2,
      startedAt: read[0].request.start,
      model: findModel(config.backend) ?? findModel(b.worker),
      lagNote: openLoop ? "scheduled_ms is GuideLLM's targeted_start, so client_queue_ms (schedule lag) is its request_start - targeted_start" : `a ${String(strategy.type_)} load sends when a slot frees: there is no schedule to lag behind`
    },
    settingsPart
  };
}
function dataSpec(report, benchmark) {
  const spec = objectAt(objectAt(report.config).spec);
  if (Object.keys(spec).length > 0) return { data: spec.data ?? null, seed: spec.seed ?? null };
  const args = objectAt(report.args);
  if (Object.keys(args).length > 0) return { data: args.data ?? null, data_args: args.data_args ?? null, seed: args.random_seed ?? null };
  const loader = objectAt(benchmark.request_loader);
  return { data: loader.data ?? null, data_args: loader.data_args ?? null };
}
function importGuidellm(files, name, benchmark) {
  if (files.length !== 1) throw new InputError("import --from guidellm: give exactly one benchmarks.json or benchmarks.yaml");
  const file = files[0];
  const extension = extname(file).toLowerCase();
  const document = extension === ".yaml" || extension === ".yml" ? readStructuredFile(file, "guidellm report") : readJsonFile(file, "guidellm report");
  if (!isObject(document)) throw new InputError(`guidellm report ${file}: expected an object with benchmarks (${HANDLED})`);
  const { shape, version } = shapeOf(document, file);
  const benchmarks = document.benchmarks;
  const runs = benchmarks.map((raw, index) => {
    const { benchmark: read, settingsPart } = readBenchmark(raw, index + 1, shape, file);
    const settings = { ...settingsPart, dataset: dataSpec(document, objectAt(raw)), ...inputLengthKey(read.requests.map((r) => r.inputTokens)) };
    return { run: read, label: `benchmark ${index + 1}`, settings, describe: describeStrategy(read.strategy) };
  });
  const chosen = chooseRuns(runs, benchmark, `guidellm report ${file}`);
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: run.requests, startedAt: isoFromEpochSeconds(run.startedAt, (/* @__PURE__ */ new Date(0)).toISOString()), targetRate: run.targetRate }));
  const first = chosen[0];
  const suffix = benchmarks.length > 1 ? `-benchmark${first.run.number}` : "";
  return buildResult({
    source: "guidellm benchmark",
    name: name !== void 0 ? safeName(name) : nameFromFile(file, suffix),
    settings: first.settings,
    observed: observedLengths(chosen.flatMap(({ run }) => run.requests)),
    model: first.run.model,
    engine: null,
    notes: [
      `imported from GuideLLM (${version === "0.2\u20130.3" || version === "0.4" ? `GuideLLM ${version} report` : `report ${version}`}): ${file}, ${chosen.map((run) => `${run.label} (${run.describe})`).join(", ")}`,
      "GuideLLM records the first and last token times of a request, not each token: itl_ms is empty (no ITL distribution); tpot_ms is (last - first) / (output tokens - 1), GuideLLM's inter_token_latency",
      "token counts are GuideLLM's (the server's usage where it sent one, otherwise one token per streamed iteration): the file does not say which",
      "incomplete requests (cut off when GuideLLM's benchmark ended) are recorded as cancelled and left out of the counts",
      first.run.lagNote
    ],
    trials,
    createdAt: isoFromEpochSeconds(first.run.startedAt, (/* @__PURE__ */ new Date()).toISOString())
  });
}

// src/import/journal.ts
import { existsSync as existsSync2, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename as basename2, dirname as dirname2, join as join2 } from "node:path";

// src/import/journal-lines.ts
var nullableNumber = external_exports.number().nullable();
var count = external_exports.number().int().min(0);
var recordSchema2 = external_exports.looseObject({
  id: count,
  scheduled_ms: external_exports.number(),
  sent_ms: nullableNumber,
  client_queue_ms: nullableNumber,
  end_ms: external_exports.number(),
  ttft_ms: nullableNumber,
  e2e_ms: nullableNumber,
  tpot_ms: nullableNumber,
  itl_ms: external_exports.array(external_exports.number()),
  itl_token_ms: external_exports.array(external_exports.number()).optional(),
  input_tokens: count,
  input_tokens_source: external_exports.string(),
  output_tokens: count,
  output_tokens_source: external_exports.string(),
  max_tokens: count,
  content_events: count,
  coalesced_events: count,
  done: external_exports.boolean(),
  ok: external_exports.boolean(),
  error: external_exports.looseObject({
    kind: external_exports.enum(["http", "timeout", "connection", "protocol", "server", "cancelled", "unknown"]),
    status: external_exports.number().int().optional(),
    timeout: external_exports.enum(["connect", "first_token", "idle", "request"]).optional(),
    message: external_exports.string()
  }).optional()
});
var optionalMs = external_exports.number().positive().optional();
var entrySchema = external_exports.discriminatedUnion(
  "type",
  [
    external_exports.looseObject({
      type: external_exports.literal("run"),
      workload: external_exports.looseObject({
        name: external_exports.string(),
        workload_hash: external_exports.string().startsWith("sha256:"),
        trials: external_exports.number().int().min(1).optional(),
        slo: external_exports.looseObject({ ttft_ms: optionalMs, tpot_ms: optionalMs, e2e_ms: optionalMs }).optional()
      }),
      environment: external_exports.looseObject({ server: external_exports.looseObject({ url: external_exports.string(), model: external_exports.string().nullable() }), gpu: external_exports.array(external_exports.unknown()), runner: external_exports.looseObject({}) }),
      created_at: external_exports.string(),
      pairing: external_exports.object({ run: external_exports.string().min(1), side: external_exports.enum(["baseline", "candidate"]) }).optional()
    }),
    external_exports.looseObject({ type: external_exports.literal("trial"), index: count, started_at: external_exports.string(), url: external_exports.string(), target_rate: external_exports.number().positive().nullable().default(null) }),
    external_exports.looseObject({ type: external_exports.literal("request"), trial: count, record: recordSchema2 }),
    external_exports.looseObject({
      type: external_exports.literal("trial_end"),
      index: count,
      interrupted: external_exports.boolean(),
      host: external_exports.looseObject({ cpu_steal: nullableNumber, client_cpu: external_exports.number(), event_loop_utilization: external_exports.number() }).optional()
    })
  ],
  { error: "expected a journal line of type run, trial, request or trial_end" }
);
function forEachJournalEntry(file, each) {
  let unparsed = null;
  forEachLine(file, "journal", "expected the .journal.jsonl a run writes beside its result", (text, number) => {
    if (text.trim() === "") return;
    if (unparsed !== null) throw new InputError(`journal ${file}: line ${unparsed} is not JSON; expected one JSON object per line, as a run writes (was the file edited or two files joined?)`);
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      unparsed = number;
      return;
    }
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, value);
      throw new InputError(`journal ${file}: line ${number} is not a valid journal entry:
  - ${problems.join("\n  - ")}`);
    }
    each(number, parsed.data);
  });
  return { cutLine: unparsed };
}

// src/import/journal.ts
var IdSet = class {
  bits = new Uint8Array(1024);
  large = /* @__PURE__ */ new Set();
  /** Adds `id`; false when it was there already. */
  add(id) {
    if (!Number.isInteger(id) || id >= 1 << 24) {
      if (this.large.has(id)) return false;
      this.large.add(id);
      return true;
    }
    const byte = id >> 3;
    if (byte >= this.bits.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      bigger.set(this.bits);
      this.bits = bigger;
    }
    const mask = 1 << (id & 7);
    if ((this.bits[byte] & mask) !== 0) return false;
    this.bits[byte] |= mask;
    return true;
  }
};
function importJournal(file) {
  let run = null;
  const byTrial = /* @__PURE__ */ new Map();
  const trialOf = (index, line) => {
    const trial = byTrial.get(index);
    if (trial === void 0) throw new InputError(`journal ${file}: line ${line} belongs to trial ${index}, which no earlier trial line started`);
    return trial;
  };
  const directory = mkdtempSync(join2(tmpdir(), "llm-perf-gate-import-"));
  const spool = new Journal(join2(directory, "records.jsonl"));
  let slo = {};
  let cutLine;
  try {
    ;
    ({ cutLine } = forEachJournalEntry(file, (line, entry) => {
      if (run === null) {
        if (entry.type !== "run") throw new InputError(`journal ${file}: line ${line} is a ${entry.type} line; expected the run header first, as in the .journal.jsonl a run writes beside its result`);
        run = entry;
        slo = run.workload.slo ?? {};
        return;
      }
      if (entry.type === "run") throw new InputError(`journal ${file}: line ${line} is a second run header; expected one journal per run`);
      if (entry.type === "trial") {
        if (byTrial.has(entry.index)) throw new InputError(`journal ${file}: line ${line} starts trial ${entry.index} a second time`);
        byTrial.set(entry.index, { started_at: entry.started_at, url: entry.url, targetRate: entry.target_rate, sink: new RecordSink(entry.index, spool, slo), ids: new IdSet(), ended: false });
      }
      if (entry.type === "request") {
        const trial = trialOf(entry.trial, line);
        if (!trial.ids.add(entry.record.id)) throw new InputError(`journal ${file}: line ${line} records request ${entry.record.id} of trial ${entry.trial} a second time`);
        trial.sink.add([entry.record], [JSON.stringify(entry.record)]);
      }
      if (entry.type === "trial_end") {
        const trial = trialOf(entry.index, line);
        trial.ended = !entry.interrupted;
        if (entry.host !== void 0) trial.host = entry.host;
      }
    }));
  } finally {
    spool.close(true);
    rmSync(directory, { recursive: true, force: true });
  }
  if (run === null) throw new InputError(`journal ${file}: no lines; expected the run header first, as in the .journal.jsonl a run writes beside its result`);
  const header = run;
  const workload = header.workload;
  const trials = [...byTrial.entries()].filter(([, trial]) => trial.sink.store.size > 0).map(([index, trial]) => {
    const { summary, durationS } = summarizeTrialRecords(trial.sink.store, slo, trial.targetRate);
    const result = { index, started_at: trial.started_at, duration_s: durationS, url: trial.url, ...trial.ended ? {} : { interrupted: true }, ...trial.host !== void 0 ? { host: trial.host } : {}, requests: [], summary };
    return attachStore(result, trial.sink.store);
  });
  const complete = trials.length > 0 && trials.every((trial) => trial.interrupted !== true) && trials.length === (workload.trials ?? trials.length);
  const cut = cutLine === null ? [] : [`the journal's last line (${cutLine}) was cut off mid-write and is left out`];
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: header.created_at,
    workload,
    environment: header.environment,
    ...complete ? {} : { interrupted: true },
    ...header.pairing !== void 0 ? { pairing: header.pairing } : {},
    notes: [`rebuilt from the journal ${file}`, ...cut, ...observeTrials(trials, workload)],
    trials,
    summary: summarizeTrials(trials, slo)
  };
}
function defaultJournalResultPath(journal) {
  const name = basename2(journal);
  const marker = name.lastIndexOf(".journal");
  let stem = marker > 0 ? name.slice(0, marker) : name.replace(/\.jsonl$/, "");
  if (!stem.endsWith(".json")) stem = `${stem}.result.json`;
  const out = join2(dirname2(journal), stem);
  if (existsSync2(out)) throw new InputError(`import --from journal: ${out} already exists (the result of an earlier run?); pass --out to say where the rebuilt result goes`);
  return out;
}

// src/import/sglang.ts
var anyNumber = external_exports.custom((value) => typeof value === "number", { error: "expected a number" });
var DETAILS_HINT = "run python -m sglang.bench_serving with --output-file and --output-details";
var detailsSchema = external_exports.looseObject({
  input_lens: numberList(`expected per-request input lengths: ${DETAILS_HINT}`),
  output_lens: numberList(`expected per-request output lengths: ${DETAILS_HINT}`),
  ttfts: numberList(`expected per-request TTFTs in seconds: ${DETAILS_HINT}`),
  itls: numberLists(`expected per-request ITL lists in seconds: ${DETAILS_HINT}`),
  errors: external_exports.array(external_exports.string().nullable()).optional()
});
var lineSchema = external_exports.looseObject({
  backend: external_exports.string().optional(),
  dataset_name: external_exports.string().optional(),
  request_rate: external_exports.union([anyNumber, external_exports.string()]).nullable().optional(),
  max_concurrency: external_exports.number().nullable().optional(),
  sharegpt_output_len: external_exports.number().nullable().optional(),
  random_input_len: external_exports.number().nullable().optional(),
  random_output_len: external_exports.number().nullable().optional(),
  random_range_ratio: external_exports.number().nullable().optional(),
  duration: external_exports.number({ error: "expected the benchmark duration in seconds" }).positive(),
  details: detailsSchema.optional()
});
function settingsOf2(line, details) {
  return {
    backend: line.backend ?? null,
    dataset_name: line.dataset_name ?? null,
    request_rate: line.request_rate ?? null,
    max_concurrency: line.max_concurrency ?? null,
    sharegpt_output_len: line.sharegpt_output_len ?? null,
    random_input_len: line.random_input_len ?? null,
    random_output_len: line.random_output_len ?? null,
    random_range_ratio: line.random_range_ratio ?? null,
    num_prompts: details.ttfts.length,
    ...inputLengthKey(details.input_lens)
  };
}
function requestsOf(details, where) {
  const count2 = details.ttfts.length;
  for (const [field, length] of [["input_lens", details.input_lens.length], ["output_lens", details.output_lens.length], ["itls", details.itls.length], ["errors", details.errors?.length ?? count2]]) {
    if (length !== count2) throw new InputError(`${where}: ${field} has ${length} entries but ttfts has ${count2}; expected one per request`);
  }
  return details.ttfts.map((ttftS, id) => {
    const message = details.errors?.[id] ?? "";
    const itlS = details.itls[id];
    const nothing = ttftS === 0 && itlS.length === 0 && details.output_lens[id] === 0;
    const ok = (message === null || message === "") && !nothing;
    return {
      sentMs: null,
      ttftMs: ttftS > 0 ? ttftS * 1e3 : null,
      itlMs: ttftS > 0 ? itlS.map((gap) => gap * 1e3) : null,
      inputTokens: details.input_lens[id],
      outputTokens: details.output_lens[id],
      ok,
      ...ok ? {} : { error: { message: message ?? "" } }
    };
  });
}
function importSglang(files, name, benchmark) {
  if (files.length === 0) throw new InputError("import --from sglang: give at least one bench_serving JSONL file");
  const runs = [];
  for (const file of files) {
    readJsonLines(file, "sglang result", (value, lineNumber) => {
      const where = `sglang result ${file} line ${lineNumber}`;
      const line = parseWithSchema(lineSchema, value, `${file} line ${lineNumber}`, "sglang result");
      const details = parseWithSchema(detailsSchema, line.details ?? value, `${file} line ${lineNumber}`, "sglang result");
      const settings = settingsOf2(line, details);
      runs.push({
        run: { line, details, where },
        label: `run ${runs.length + 1} (${file} line ${lineNumber})`,
        settings,
        describe: `rate ${String(settings.request_rate)}, max concurrency ${String(settings.max_concurrency)}, ${String(settings.num_prompts)} prompts, dataset ${String(settings.dataset_name)}, median input ${String(settings.input_tokens_median)} tokens`
      });
    });
  }
  const chosen = chooseRuns(runs, benchmark, `import --from sglang ${files.join(" ")}`);
  const requests = chosen.map(({ run }) => requestsOf(run.details, run.where));
  const now = (/* @__PURE__ */ new Date()).toISOString();
  const trials = chosen.map(({ run }, index) => buildTrial(index, { requests: requests[index], startedAt: now, durationS: run.line.duration, targetRate: null }));
  return buildResult({
    source: "sglang bench_serving",
    name: name !== void 0 ? safeName(name) : nameFromFile(files[0]),
    settings: chosen[0].settings,
    observed: observedLengths(requests.flat()),
    model: null,
    engine: null,
    notes: [
      `imported from SGLang bench_serving: ${chosen.map((run) => run.label).join(", ")}`,
      "SGLang saves no send times, per-request latencies or date: throughput uses its own duration, there is no achieved rate or schedule lag, started_at is the import's time, and e2e_ms is ttft + the sum of its ITLs (SGLang's own latency also waits for [DONE])",
      "token counts are SGLang's output_lens (the server's completion_tokens where it sent them, otherwise the requested length): the file does not say which",
      "SGLang does not save the model name: compare cannot check that both runs served the same model"
    ],
    trials,
    createdAt: now
  });
}

// src/import/vllm.ts
var anyNumber2 = external_exports.custom((value) => typeof value === "number", { error: "expected a number" });
var vllmSchema = external_exports.looseObject({
  backend: external_exports.string().optional(),
  endpoint_type: external_exports.string().optional(),
  label: external_exports.string().nullable().optional(),
  model_id: external_exports.string().optional(),
  tokenizer_id: external_exports.string().nullable().optional(),
  num_prompts: external_exports.number().optional(),
  request_rate: external_exports.union([anyNumber2, external_exports.string()]).nullable().optional(),
  burstiness: anyNumber2.nullable().optional(),
  max_concurrency: external_exports.number().nullable().optional(),
  ramp_up_strategy: external_exports.string().nullable().optional(),
  ramp_up_start_rps: external_exports.number().nullable().optional(),
  ramp_up_end_rps: external_exports.number().nullable().optional(),
  date: external_exports.string().optional(),
  duration: external_exports.number({ error: "expected the benchmark duration in seconds" }).positive(),
  input_lens: numberList("expected per-request input lengths: run vllm bench serve with --save-result --save-detailed"),
  output_lens: numberList("expected per-request output lengths: run vllm bench serve with --save-result --save-detailed"),
  ttfts: numberList("expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed"),
  itls: numberLists("expected per-request ITL lists in seconds: run vllm bench serve with --save-result --save-detailed"),
  errors: external_exports.array(external_exports.string().nullable()).optional(),
  start_times: numberList("expected per-request send times in seconds").optional(),
  latencies: numberList("expected per-request latencies in seconds").optional(),
  queue_times: external_exports.array(external_exports.number().nullable()).optional()
});
function isoDate(date) {
  const match = date === void 0 ? null : /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(date);
  return match === null ? date ?? null : `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
}
function vllmSettings(run) {
  return {
    backend: run.backend ?? null,
    endpoint_type: run.endpoint_type ?? null,
    num_prompts: run.num_prompts ?? run.ttfts.length,
    request_rate: run.request_rate ?? null,
    burstiness: run.burstiness ?? null,
    max_concurrency: run.max_concurrency ?? null,
    ...run.ramp_up_strategy != null ? { ramp_up_strategy: run.ramp_up_strategy, ramp_up_start_rps: run.ramp_up_start_rps ?? null, ramp_up_end_rps: run.ramp_up_end_rps ?? null } : {},
    ...inputLengthKey(run.input_lens)
  };
}
function targetRate(run) {
  const rate = typeof run.request_rate === "string" ? Number(run.request_rate) : run.request_rate;
  return typeof rate === "number" && Number.isFinite(rate) && rate > 0 && run.ramp_up_strategy == null ? rate : null;
}
function requestsOf2(run, where) {
  const count2 = run.ttfts.length;
  const lengths = [
    ["input_lens", run.input_lens.length],
    ["output_lens", run.output_lens.length],
    ["itls", run.itls.length],
    ["errors", run.errors?.length],
    ["start_times", run.start_times?.length],
    ["latencies", run.latencies?.length],
    ["queue_times", run.queue_times?.length]
  ];
  for (const [field, length] of lengths) {
    if (length !== void 0 && length !== count2) throw new InputError(`${where}: ${field} has ${length} entries but ttfts has ${count2}; expected one per request`);
  }
  const starts = run.start_times !== void 0 && run.start_times.length > 0 ? run.start_times : null;
  const firstStart = starts === null ? null : minOf(starts);
  const queueIsLag = run.max_concurrency == null;
  return run.ttfts.map((ttftS, id) => {
    const message = run.errors?.[id] ?? "";
    const itlS = run.itls[id];
    const nothing = ttftS === 0 && itlS.length === 0 && run.output_lens[id] === 0;
    const ok = (message === null || message === "") && !nothing;
    const sentMs = starts === null ? null : (starts[id] - firstStart) * 1e3;
    const queueMs = queueIsLag ? run.queue_times?.[id] : null;
    const latencyS = run.latencies?.[id];
    return {
      sentMs,
      scheduledMs: sentMs !== null && typeof queueMs === "number" ? sentMs - queueMs * 1e3 : null,
      endMs: sentMs !== null && latencyS !== void 0 && latencyS > 0 ? sentMs + latencyS * 1e3 : null,
      ttftMs: ttftS > 0 ? ttftS * 1e3 : null,
      itlMs: ttftS > 0 ? itlS.map((gap) => gap * 1e3) : null,
      inputTokens: run.input_lens[id],
      outputTokens: run.output_lens[id],
      ok,
      ...ok ? {} : { error: { message: message ?? "" } }
    };
  });
}
function readRuns(file) {
  let documentError;
  try {
    return [{ value: readJsonFile(file, "vllm result"), line: null }];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    documentError = error;
  }
  const lines = [];
  try {
    readJsonLines(file, "vllm result", (value, line) => lines.push({ value, line }));
  } catch (error) {
    if (lines.length === 0) throw documentError;
    throw error;
  }
  if (lines.length < 2) throw documentError;
  return lines;
}
function importVllm(files, name, benchmark) {
  if (files.length === 0) throw new InputError("import --from vllm: give at least one result file");
  const runs = [];
  for (const file of files) {
    for (const { value, line } of readRuns(file)) {
      const where = line === null ? `vllm result ${file}` : `vllm result ${file} line ${line}`;
      const run = parseWithSchema(vllmSchema, value, line === null ? file : `${file} line ${line}`, "vllm result");
      const settings = vllmSettings(run);
      runs.push({
        run: { run, where },
        label: `run ${runs.length + 1} (${line === null ? file : `${file} line ${line}`})`,
        settings,
        model: run.model_id ?? null,
        describe: `rate ${String(settings.request_rate)}, max concurrency ${String(settings.max_concurrency)}, ${String(settings.num_prompts)} prompts, median input ${String(settings.input_tokens_median)} tokens, model ${String(run.model_id ?? "unnamed")}`
      });
    }
  }
  const chosen = chooseRuns(runs, benchmark, `import --from vllm ${files.join(" ")}`);
  const requests = chosen.map(({ run: { run, where } }) => requestsOf2(run, where));
  const trials = chosen.map(
    ({ run: { run } }, index) => buildTrial(index, {
      requests: requests[index],
      startedAt: isoDate(run.date) ?? (/* @__PURE__ */ new Date(0)).toISOString(),
      // Without send times the only duration is vLLM's own, which the per-trial rates of docs/metrics.md then use.
      ...run.start_times === void 0 || run.start_times.length === 0 ? { durationS: run.duration } : {},
      targetRate: run.start_times !== void 0 && run.start_times.length > 0 ? targetRate(run) : null
    })
  );
  const first = chosen[0].run.run;
  const hasStarts = chosen.every(({ run: { run } }) => run.start_times !== void 0 && run.start_times.length > 0);
  return buildResult({
    source: "vllm bench serve",
    name: name !== void 0 ? safeName(name) : nameFromFile(files[0]),
    settings: vllmSettings(first),
    observed: { model_id: first.model_id ?? null, tokenizer_id: first.tokenizer_id ?? null, ...observedLengths(requests.flat()) },
    model: first.model_id ?? null,
    engine: null,
    notes: [
      `imported from vllm bench serve: ${chosen.map((run) => run.label).join(", ")}`,
      "timestamps are vLLM's client's: e2e_ms is ttft + the sum of its ITLs; token counts are as vLLM reported them (the server's usage where it sent one, otherwise vLLM's tokenizer on the text): the file does not say which",
      "vLLM does not save its dataset settings (input and output lengths): the workload hash holds the median input length to two significant digits; output lengths are checked by compare (output_tokens)",
      hasStarts ? first.max_concurrency == null ? "send times are vLLM's start_times; its queue_times (the client behind its schedule) are the schedule lag" : "send times are vLLM's start_times; its queue_times are waits for a --max-concurrency slot, not lag, so there is no schedule lag" : "the file has no start_times (vLLM before 2025): no send times, so throughput uses vLLM's own duration and there is no achieved rate or schedule lag"
    ],
    trials,
    createdAt: isoDate(first.date) ?? (/* @__PURE__ */ new Date()).toISOString()
  });
}

// src/commands/import.ts
var IMPORT_SOURCES = ["vllm", "aiperf", "guidellm", "sglang", "journal"];
var IMPORTERS = { vllm: importVllm, aiperf: importAiperf, guidellm: importGuidellm, sglang: importSglang };
async function importCommand(options, io) {
  if (!IMPORT_SOURCES.includes(options.from)) {
    throw new InputError(`--from: got ${JSON.stringify(options.from)}; expected one of ${IMPORT_SOURCES.join(", ")}`);
  }
  if (options.from === "journal" && options.files.length !== 1) throw new InputError("import --from journal: give exactly one .journal.jsonl file");
  if (options.from === "journal" && options.benchmark !== void 0) throw new InputError("import --from journal: --benchmark picks a run of another tool's file; a journal holds one run");
  const result = options.from === "journal" ? importJournal(options.files[0]) : IMPORTERS[options.from](options.files, options.name, options.benchmark);
  const out = options.out ?? (options.from === "journal" ? defaultJournalResultPath(options.files[0]) : `${result.workload.name}.result.json`);
  writeJsonFile(out, result);
  io.stdout.write(formatConsoleSummary(result));
  io.stderr.write(`result: ${out} (${result.trials.length} trial${result.trials.length === 1 ? "" : "s"})
`);
  return 0;
}
export {
  IMPORT_SOURCES,
  importCommand
};
