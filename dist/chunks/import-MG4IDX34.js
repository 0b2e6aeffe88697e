if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatConsoleSummary
} from "./chunk-RR5TT4RB.js";
import {
  WORKLOAD_HASH_VERSION,
  canonicalJson,
  captureRunner,
  observeServer,
  readJournal
} from "./chunk-5COVVDY4.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-HRC6SKLB.js";
import "./chunk-PIOHK7ZN.js";
import {
  DEFINITIONS_VERSION,
  RESULT_SCHEMA,
  external_exports,
  parseWithSchema,
  readStructuredFile,
  summarizeRun,
  summarizeTrial,
  writeJsonFile
} from "./chunk-2UXX3SB2.js";
import {
  InputError
} from "./chunk-XEZUBJ5O.js";

// src/import/journal.ts
function importJournal(file) {
  let entries;
  try {
    entries = readJournal(file);
  } catch (error) {
    throw new InputError(`journal ${file}: cannot read it (${error.code ?? String(error)}); expected the .journal.jsonl a run writes beside its result`);
  }
  const run = entries.find((entry) => entry.type === "run");
  if (run === void 0 || run.type !== "run") throw new InputError(`journal ${file}: no run header line; expected the .journal.jsonl a run writes beside its result`);
  const workload = run.workload;
  const slo = workload.slo ?? {};
  const byTrial = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    if (entry.type === "trial") byTrial.set(entry.index, { started_at: entry.started_at, url: entry.url, records: [], ended: false });
    if (entry.type === "request") byTrial.get(entry.trial)?.records.push(entry.record);
    if (entry.type === "trial_end") {
      const trial = byTrial.get(entry.index);
      if (trial !== void 0) trial.ended = !entry.interrupted;
      if (trial !== void 0 && entry.host !== void 0) trial.host = entry.host;
    }
  }
  const trials = [...byTrial.entries()].filter(([, trial]) => trial.records.length > 0).map(([index, trial]) => {
    const records = trial.records.sort((a, b) => a.id - b.id);
    const { summary, durationS } = summarizeTrial({ records, slo, targetRate: null });
    return { index, started_at: trial.started_at, duration_s: durationS, url: trial.url, ...trial.ended ? {} : { interrupted: true }, ...trial.host !== void 0 ? { host: trial.host } : {}, requests: records, summary };
  });
  const complete = trials.length > 0 && trials.every((trial) => trial.interrupted !== true) && trials.length === (workload.trials ?? trials.length);
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: run.created_at,
    workload,
    environment: run.environment,
    ...complete ? {} : { interrupted: true },
    ...run.pairing !== void 0 ? { pairing: run.pairing } : {},
    notes: [`rebuilt from the journal ${file}`, ...observeServer(trials, workload)],
    trials,
    summary: summarizeRun(trials, slo)
  };
}

// src/import/vllm.ts
import { createHash } from "node:crypto";
import { basename } from "node:path";
var vllmSchema = external_exports.looseObject({
  backend: external_exports.string().optional(),
  endpoint_type: external_exports.string().optional(),
  model_id: external_exports.string().optional(),
  tokenizer_id: external_exports.string().optional(),
  num_prompts: external_exports.number().optional(),
  request_rate: external_exports.union([external_exports.number(), external_exports.string()]).nullable().optional(),
  burstiness: external_exports.number().nullable().optional(),
  max_concurrency: external_exports.number().nullable().optional(),
  date: external_exports.string().optional(),
  duration: external_exports.number({ error: "expected the benchmark duration in seconds" }).positive(),
  input_lens: external_exports.array(external_exports.number(), { error: "expected per-request input lengths: run vllm bench serve with --save-result --save-detailed" }),
  output_lens: external_exports.array(external_exports.number(), { error: "expected per-request output lengths: run vllm bench serve with --save-result --save-detailed" }),
  ttfts: external_exports.array(external_exports.number(), { error: "expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed" }),
  itls: external_exports.array(external_exports.array(external_exports.number()), { error: "expected per-request ITL lists in seconds: run vllm bench serve with --save-result --save-detailed" }),
  errors: external_exports.array(external_exports.string().nullable()).optional(),
  start_times: external_exports.array(external_exports.number()).optional()
});
var round3 = (value) => Math.round(value * 1e3) / 1e3;
function vllmWorkload(run, name) {
  const settings = {
    source: "vllm bench serve",
    backend: run.backend ?? null,
    endpoint_type: run.endpoint_type ?? null,
    model: run.model_id ?? null,
    tokenizer_id: run.tokenizer_id ?? null,
    num_prompts: run.num_prompts ?? run.ttfts.length,
    request_rate: run.request_rate ?? null,
    burstiness: run.burstiness ?? null,
    max_concurrency: run.max_concurrency ?? null
  };
  const hash = (value) => `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;
  const { model: _model, ...sent } = settings;
  return { name, ...settings, workload_hash: hash(sent), hash_version: WORKLOAD_HASH_VERSION, workload_hash_v1: hash(settings) };
}
function trialFromVllm(run, index, file) {
  const count = run.ttfts.length;
  for (const [field, length] of [["input_lens", run.input_lens.length], ["output_lens", run.output_lens.length], ["itls", run.itls.length], ["errors", run.errors?.length ?? count]]) {
    if (length !== count) throw new InputError(`vllm result ${file}: ${field} has ${length} entries but ttfts has ${count}; expected one per request`);
  }
  const firstStart = run.start_times !== void 0 && run.start_times.length > 0 ? Math.min(...run.start_times) : null;
  const records = [];
  for (let id = 0; id < count; id++) {
    const error = run.errors?.[id] ?? "";
    const ok = error === null || error === "";
    const ttft = run.ttfts[id] * 1e3;
    const itl = run.itls[id].map((gap) => round3(gap * 1e3));
    const e2e = ttft + itl.reduce((sum, gap) => sum + gap, 0);
    const outputTokens = run.output_lens[id];
    const sent = firstStart !== null && run.start_times[id] !== void 0 ? (run.start_times[id] - firstStart) * 1e3 : 0;
    records.push({
      id,
      scheduled_ms: round3(sent),
      sent_ms: round3(sent),
      client_queue_ms: null,
      end_ms: round3(sent + (ok ? e2e : 0)),
      ttft_ms: ok ? round3(ttft) : null,
      e2e_ms: ok ? round3(e2e) : null,
      tpot_ms: ok && outputTokens > 1 ? round3((e2e - ttft) / (outputTokens - 1)) : null,
      itl_ms: ok ? itl : [],
      input_tokens: run.input_lens[id],
      input_tokens_source: "imported",
      output_tokens: outputTokens,
      output_tokens_source: "imported",
      max_tokens: outputTokens,
      content_events: ok ? itl.length + 1 : 0,
      coalesced_events: 0,
      done: ok,
      ok,
      ...ok ? {} : { error: { kind: "unknown", message: String(error).replace(/\s+/g, " ").slice(0, 300) } }
    });
  }
  const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: null, ...firstStart === null ? { durationS: run.duration } : {} });
  return { index, started_at: run.date ?? (/* @__PURE__ */ new Date(0)).toISOString(), duration_s: durationS, requests: records, summary };
}
function importVllm(files, name) {
  if (files.length === 0) throw new InputError("import --from vllm: give at least one result file");
  const runs = files.map((file) => parseWithSchema(vllmSchema, readStructuredFile(file, "vllm result"), file, "vllm result"));
  const workloadName = name ?? basename(files[0]).replace(/\.json$/, "").replace(/[^A-Za-z0-9._-]/g, "-");
  const workloads = runs.map((run) => vllmWorkload(run, workloadName));
  const differing = workloads.findIndex((w) => w.workload_hash_v1 !== workloads[0].workload_hash_v1);
  if (differing > 0) throw new InputError(`vllm result ${files[differing]}: its settings (backend, model, rate, concurrency, prompts) differ from ${files[0]}; trials of one result must come from the same command`);
  const trials = runs.map((run, index) => trialFromVllm(run, index, files[index]));
  const first = runs[0];
  return {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: first.date ?? (/* @__PURE__ */ new Date()).toISOString(),
    workload: workloads[0],
    environment: {
      server: { url: "unknown (imported from vllm bench serve)", model: first.model_id ?? null, version: null, engine: first.backend ?? null },
      gpu: [],
      runner: captureRunner()
    },
    notes: [
      `imported from vllm bench serve: ${files.join(", ")}`,
      "timestamps are vLLM client's: e2e_ms is ttft + the sum of its ITLs, token counts are as vLLM reported them, and there is no client schedule lag"
    ],
    trials,
    summary: summarizeRun(trials, {})
  };
}

// src/commands/import.ts
var IMPORT_SOURCES = ["vllm", "journal"];
async function importCommand(options, io) {
  if (!IMPORT_SOURCES.includes(options.from)) {
    throw new InputError(`--from: got ${JSON.stringify(options.from)}; expected one of ${IMPORT_SOURCES.join(", ")}`);
  }
  if (options.from === "journal" && options.files.length !== 1) throw new InputError("import --from journal: give exactly one .journal.jsonl file");
  const result = options.from === "vllm" ? importVllm(options.files, options.name) : importJournal(options.files[0]);
  const out = options.out ?? `${result.workload.name}.result.json`;
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
