if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  external_exports,
  parseWithSchema,
  readStructuredFile
} from "./chunk-2UXX3SB2.js";
import {
  InputError
} from "./chunk-XEZUBJ5O.js";

// src/config/workload.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
var API_KINDS = ["openai-completions", "openai-chat", "tgi"];
var DEFAULT_PATHS = {
  "openai-completions": "/v1/completions",
  "openai-chat": "/v1/chat/completions",
  tgi: "/generate_stream"
};
var positive = external_exports.number({ error: "expected a number" }).positive({ error: "expected a number > 0" });
var positiveInt = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(1, { error: "expected an integer >= 1" });
var nonNegativeInt = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(0, { error: "expected an integer >= 0" });
var lengthSchema = external_exports.union(
  [
    positiveInt.transform((mean) => ({ mean, stddev: 0 })),
    external_exports.strictObject({
      mean: positive,
      stddev: external_exports.number().min(0, { error: "expected a number >= 0" }).default(0),
      min: positiveInt.optional(),
      max: positiveInt.optional()
    })
  ],
  { error: "expected a token count (integer >= 1) or {mean, stddev, min, max}" }
);
var stageSchema = external_exports.strictObject({
  rate: external_exports.number().min(0, { error: "expected requests/s >= 0" }),
  seconds: positive
});
var loadSchema = external_exports.strictObject({
  concurrency: positiveInt.optional(),
  rate: positive.optional(),
  arrival: external_exports.enum(["constant", "poisson", "gamma"], { error: "expected one of constant, poisson, gamma" }).default("poisson"),
  burstiness: positive.default(1),
  ramp: external_exports.array(stageSchema).default([])
}).superRefine((load, ctx) => {
  if (load.concurrency === void 0 && load.rate === void 0 && load.ramp.length === 0) {
    ctx.addIssue({ code: "custom", message: "set load.concurrency (closed loop), load.rate (open loop) or load.ramp (open loop in stages)", path: [] });
  }
  if (load.rate !== void 0 && load.ramp.length > 0) {
    ctx.addIssue({ code: "custom", message: "load.rate and load.ramp exclude each other: a ramp gives the rate of each stage", path: ["ramp"] });
  }
  if (load.ramp.length > 0 && load.ramp[load.ramp.length - 1].rate === 0) {
    ctx.addIssue({ code: "custom", message: "the last ramp stage continues until every request is sent, so its rate must be > 0", path: ["ramp", load.ramp.length - 1, "rate"] });
  }
  if (load.burstiness !== 1 && load.arrival !== "gamma") {
    ctx.addIssue({ code: "custom", message: "burstiness applies only to arrival: gamma", path: ["burstiness"] });
  }
});
var promptsSchema = external_exports.strictObject({
  source: external_exports.enum(["synthetic", "file"], { error: "expected synthetic or file" }).default("synthetic"),
  file: external_exports.string().min(1).optional(),
  input_tokens: lengthSchema.default({ mean: 512, stddev: 0 }),
  output_tokens: lengthSchema.default({ mean: 128, stddev: 0 }),
  shared_prefix_tokens: nonNegativeInt.default(0)
}).superRefine((prompts, ctx) => {
  if (prompts.source === "file" && prompts.file === void 0) {
    ctx.addIssue({ code: "custom", message: "prompts.source is file, so prompts.file must name a JSONL file", path: ["file"] });
  }
});
var workloadSchema = external_exports.strictObject({
  name: external_exports.string({ error: "expected a name (a string)" }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected letters, digits, ".", "_" or "-" (it names files and the PR comment)' }),
  api: external_exports.enum(API_KINDS, { error: `expected one of ${API_KINDS.join(", ")}` }).default("openai-chat"),
  url: external_exports.url({ error: "expected a URL such as http://127.0.0.1:8000" }).default("http://127.0.0.1:8000"),
  path: external_exports.string().startsWith("/", { error: "expected a path starting with /" }).optional(),
  model: external_exports.string().min(1).optional(),
  seed: external_exports.number().int({ error: "expected an integer" }).default(42),
  trials: positiveInt.default(3),
  requests: positiveInt.default(200),
  warmup: nonNegativeInt.default(10),
  load: loadSchema,
  prompts: promptsSchema.default({ source: "synthetic", input_tokens: { mean: 512, stddev: 0 }, output_tokens: { mean: 128, stddev: 0 }, shared_prefix_tokens: 0 }),
  sampling: external_exports.strictObject({
    temperature: external_exports.number().min(0).default(0),
    ignore_eos: external_exports.boolean().default(true),
    top_p: external_exports.number().gt(0).max(1).optional(),
    top_k: external_exports.number().int().optional()
  }).default({ temperature: 0, ignore_eos: true }),
  extra_body: external_exports.record(external_exports.string(), external_exports.unknown()).default({}),
  timeouts: external_exports.strictObject({
    connect_s: positive.default(10),
    first_token_s: positive.default(60),
    idle_s: positive.default(30),
    request_s: positive.default(300)
  }).default({ connect_s: 10, first_token_s: 60, idle_s: 30, request_s: 300 }),
  slo: external_exports.strictObject({ ttft_ms: positive.optional(), tpot_ms: positive.optional(), e2e_ms: positive.optional() }).default({}),
  headers: external_exports.record(external_exports.string(), external_exports.string({ error: 'expected a string (use "${VAR}" for secrets)' })).default({})
});
var filePromptSchema = external_exports.union(
  [
    external_exports.looseObject({ prompt: external_exports.string().min(1), max_tokens: positiveInt.optional() }),
    external_exports.looseObject({
      messages: external_exports.array(external_exports.looseObject({ role: external_exports.string(), content: external_exports.unknown() })).min(1),
      max_tokens: positiveInt.optional()
    })
  ],
  { error: 'expected {"prompt": "..."} or {"messages": [{"role": ..., "content": ...}]}, with an optional "max_tokens"' }
);
function loadPromptFile(file, api) {
  let text2;
  try {
    text2 = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`prompts file ${file}: cannot read it (${error.code ?? String(error)}); expected a JSONL file`);
  }
  const prompts = [];
  text2.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`prompts file ${file}: line ${index + 1} is not JSON; expected one JSON object per line`);
    }
    const parsed = parseWithSchema(filePromptSchema, value, `${file} line ${index + 1}`, "prompts file");
    if ("messages" in parsed && parsed.messages !== void 0 && api !== "openai-chat") {
      throw new InputError(`prompts file ${file}: line ${index + 1} has "messages", which only api: openai-chat can send; use "prompt" for ${api}`);
    }
    prompts.push(parsed);
  });
  if (prompts.length === 0) throw new InputError(`prompts file ${file}: no prompts; expected one JSON object per line`);
  return { prompts, sha256: createHash("sha256").update(text2).digest("hex") };
}
var VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
function expandHeaders(headers, env, source) {
  const expanded = {};
  for (const [name, template] of Object.entries(headers)) {
    expanded[name] = template.replace(VARIABLE, (_match, variable) => {
      const value = env[variable];
      if (value === void 0 || value === "") {
        throw new InputError(`workload ${source}: headers.${name} uses \${${variable}}, but the environment variable ${variable} is not set; export it before the run`);
      }
      return value;
    });
  }
  return expanded;
}
function joinUrl(root, path, pathGiven) {
  const base = new URL(root);
  let prefix = base.pathname.replace(/\/+$/, "");
  if (!pathGiven && prefix.endsWith("/v1") && path.startsWith("/v1/")) prefix = prefix.slice(0, -3);
  return { url: `${base.protocol}//${base.host}`, path: `${prefix}${path}` };
}
function normalisedWorkload(workload) {
  const { spec } = workload;
  return {
    ...spec,
    workload_hash: workload.workloadHash,
    url: workload.url,
    path: workload.path,
    model: spec.model ?? null,
    headers: Object.fromEntries(Object.keys(spec.headers).map((name) => [name, "[redacted]"]))
  };
}
function computeWorkloadHash(spec, path, promptFileSha256) {
  const { url: _url, trials: _trials, prompts, ...rest } = spec;
  const { file: _file, ...promptsRest } = prompts;
  const hashed = { ...rest, path, prompts: { ...promptsRest, file_sha256: promptFileSha256 } };
  return `sha256:${createHash("sha256").update(canonicalJson(hashed)).digest("hex")}`;
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function resolveWorkload(input, source, options = {}) {
  const spec = parseWithSchema(workloadSchema, input, source, "workload");
  if (options.model !== void 0) spec.model = options.model;
  if (options.trials !== void 0) spec.trials = options.trials;
  if (options.url !== void 0) {
    const checked = external_exports.url().safeParse(options.url);
    if (!checked.success) throw new InputError(`--url: got ${JSON.stringify(options.url)}; expected a URL such as http://127.0.0.1:8000`);
    spec.url = options.url;
  }
  for (const length of [spec.prompts.input_tokens, spec.prompts.output_tokens]) {
    if (length.min !== void 0 && length.max !== void 0 && length.min > length.max) {
      throw new InputError(`workload ${source} is not valid:
  - prompts: a token length has min ${length.min} > max ${length.max}`);
    }
  }
  let filePrompts = null;
  let promptSha = null;
  if (spec.prompts.source === "file") {
    const file = resolve(dirname(source), spec.prompts.file);
    const loaded = loadPromptFile(file, spec.api);
    filePrompts = loaded.prompts;
    promptSha = loaded.sha256;
  }
  const headers = expandHeaders(spec.headers, options.env ?? process.env, source);
  const joined = joinUrl(spec.url, spec.path ?? DEFAULT_PATHS[spec.api], spec.path !== void 0);
  return {
    spec,
    source,
    url: joined.url,
    path: joined.path,
    filePrompts,
    headers,
    workloadHash: computeWorkloadHash(spec, joined.path, promptSha)
  };
}
function loadWorkload(file, options = {}) {
  return resolveWorkload(readStructuredFile(file, "workload"), file, options);
}

// src/result/journal.ts
import { closeSync, mkdirSync, openSync, readFileSync as readFileSync2, rmSync, writeSync } from "node:fs";
import { dirname as dirname2 } from "node:path";
var Journal = class {
  constructor(path) {
    this.path = path;
    mkdirSync(dirname2(path), { recursive: true });
    this.fd = openSync(path, "w");
  }
  path;
  fd;
  requests = 0;
  append(entry) {
    if (this.fd === null) return;
    if (entry.type === "request") this.requests++;
    writeSync(this.fd, `${JSON.stringify(entry)}
`);
  }
  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove) {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const keep = !remove && this.requests > 0;
    if (!keep) rmSync(this.path, { force: true });
    return keep;
  }
};
function readJournal(path) {
  const lines = readFileSync2(path, "utf8").split("\n");
  const entries = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  return entries;
}

// src/environment.ts
import { execFile } from "node:child_process";
import { arch, cpus, release, type } from "node:os";
function publicUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(invalid url)";
  }
}
async function getJson(dispatcher, origin, path, headers, timeoutMs) {
  try {
    const response = await dispatcher.request({ origin, path, method: "GET", headers, signal: AbortSignal.timeout(timeoutMs) });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return null;
    }
    return await response.body.json();
  } catch {
    return null;
  }
}
var text = (value) => typeof value === "string" && value !== "" ? value : null;
async function captureServer(dispatcher, origin, headers, workloadModel, timeoutMs = 3e3) {
  const [models, version, info] = await Promise.all([
    getJson(dispatcher, origin, "/v1/models", headers, timeoutMs),
    getJson(dispatcher, origin, "/version", headers, timeoutMs),
    getJson(dispatcher, origin, "/info", headers, timeoutMs)
  ]);
  const listed = Array.isArray(models?.data) ? models.data : [];
  const ids = listed.map((entry) => text(entry.id)).filter((id) => id !== null);
  const infoRecord = info ?? {};
  const owner = text(listed[0]?.owned_by);
  return {
    url: publicUrl(origin),
    model: workloadModel ?? ids[0] ?? text(infoRecord.model_id),
    version: text(version?.version) ?? text(infoRecord.version),
    engine: text(infoRecord.model_id) !== null ? "tgi" : owner,
    models: ids
  };
}
var runCommand = (command, args) => new Promise((resolve2) => {
  execFile(command, args, { timeout: 5e3 }, (error, stdout) => resolve2(error ? null : stdout));
});
async function captureGpus(run = runCommand) {
  const output = await run("nvidia-smi", ["--query-gpu=name,memory.total,driver_version", "--format=csv,noheader,nounits"]);
  if (output === null) return [];
  return output.split("\n").map((line) => line.trim()).filter((line) => line !== "").map((line) => {
    const [name, memory, driver] = line.split(",").map((part) => part.trim());
    const memoryMib = Number(memory);
    return { name: name ?? "unknown", memory_total_mib: Number.isFinite(memoryMib) ? memoryMib : null, driver_version: driver ?? null };
  });
}
function captureRunner() {
  const cores = cpus();
  return { os: type(), release: release(), arch: arch(), cpu_model: cores[0]?.model.trim() ?? "unknown", cpu_count: cores.length, node: process.version };
}
async function captureEnvironment(dispatcher, origin, headers, workloadModel) {
  const [server, gpu] = await Promise.all([captureServer(dispatcher, origin, headers, workloadModel), captureGpus()]);
  return { server, gpu, runner: captureRunner() };
}

// src/result/notes.ts
var percent = (part, whole) => `${(100 * part / whole).toFixed(1)}%`;
function observeServer(trials, spec) {
  const ok = trials.flatMap((trial) => trial.requests).filter((record) => record.ok);
  if (ok.length === 0) return [];
  const notes = [];
  const counted = ok.filter((r) => r.output_tokens_source === "events").length;
  if (counted > 0) notes.push(`${counted} of ${ok.length} successful requests had no token count from the server (no usage chunk): output_tokens is their number of content events`);
  const estimated = ok.filter((r) => r.input_tokens_source === "estimate").length;
  if (estimated > 0) notes.push(`${estimated} of ${ok.length} successful requests had no prompt token count from the server: input_tokens is the client's estimate`);
  const noDone = ok.filter((r) => !r.done).length;
  if (noDone > 0) notes.push(`${noDone} of ${ok.length} successful streams ended without their end marker (${spec.api === "tgi" ? "final details event" : "data: [DONE]"})`);
  const events = ok.reduce((sum, r) => sum + r.content_events, 0);
  const coalesced = ok.reduce((sum, r) => sum + r.coalesced_events, 0);
  if (coalesced > 0 && percent(coalesced, events) !== "0.0%") notes.push(`${percent(coalesced, events)} of content events arrived in the same read as the event before them: their ITL is measured as 0`);
  const tokens = ok.reduce((sum, r) => sum + r.output_tokens, 0);
  if (tokens > events * 1.05) notes.push(`events carried ${(tokens / events).toFixed(2)} tokens each on average (multi-token chunks): ITL is per event, itl_token_ms per token where the server said`);
  if (spec.sampling.ignore_eos) {
    const short = ok.filter((r) => r.output_tokens < r.max_tokens).length;
    if (short > 0) notes.push(`${short} of ${ok.length} requests returned fewer tokens than max_tokens although ignore_eos was sent: the server may not support ignore_eos`);
  }
  return notes;
}

export {
  normalisedWorkload,
  canonicalJson,
  resolveWorkload,
  loadWorkload,
  Journal,
  readJournal,
  publicUrl,
  captureRunner,
  captureEnvironment,
  observeServer
};
