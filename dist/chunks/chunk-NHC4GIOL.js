if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  checkNesting,
  external_exports,
  parseWithSchema,
  readStructuredFile
} from "./chunk-J3FQYYVW.js";
import {
  InputError,
  describeValue
} from "./chunk-XEZUBJ5O.js";

// src/config/workload.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// src/server/schema.ts
var positive = external_exports.number({ error: "expected a number of seconds" }).positive({ error: "expected a number of seconds > 0" });
var serverSchema = external_exports.strictObject({
  /** A string runs through the shell (`sh -c`), as a workflow's `run:` line does; a list runs as argv, without a shell. */
  command: external_exports.union([external_exports.string().trim().min(1, { error: "expected a command line" }), external_exports.array(external_exports.string()).min(1, { error: "expected at least the program" })], {
    error: "expected a command line (run by sh -c) or a list [program, arg, ...] (run without a shell)"
  }),
  /** Added to the inherited environment; `${VAR}` takes a value from it (a token, never written anywhere). */
  env: external_exports.record(external_exports.string(), external_exports.string({ error: 'expected a string (use "${VAR}" for secrets)' })).default({}),
  /** Working directory, relative to the workload file. */
  cwd: external_exports.string().min(1).default("."),
  health_path: external_exports.string().startsWith("/", { error: "expected a path starting with /" }).default("/health"),
  ready_timeout_s: positive.default(900),
  stop_timeout_s: positive.default(30),
  /** The launch flags, as the server states them; recorded in environment.server.args. */
  args: external_exports.array(external_exports.string()).optional()
});

// src/telemetry/schema.ts
var telemetrySchema = external_exports.strictObject({
  /** Scrape the server's Prometheus endpoint. */
  server_metrics: external_exports.boolean().default(true),
  /** Sample the GPUs with nvidia-smi (when it is on PATH). */
  gpu: external_exports.boolean().default(true),
  interval_ms: external_exports.number({ error: "expected milliseconds" }).int({ error: "expected an integer number of milliseconds" }).min(100, { error: "expected at least 100 ms" }).default(1e3),
  /** A path ("/metrics") is taken from each server's root (both sides of `ab`); a full URL is used as it is. */
  metrics_url: external_exports.string().refine((value) => value.startsWith("/") || /^https?:\/\//.test(value) && URL.canParse(value), { error: "expected a URL such as http://127.0.0.1:8000/metrics, or a path such as /metrics" }).default("/metrics")
});
var DEFAULT_TELEMETRY = { server_metrics: true, gpu: true, interval_ms: 1e3, metrics_url: "/metrics" };

// src/config/workload-bounds.ts
var WORKLOAD_BOUNDS = {
  trials: 1e3,
  requests: 1e6,
  warmup: 1e5,
  /** Each request in flight holds a connection. */
  concurrency: 1e4,
  rate: 1e5,
  /** One request per 1,000 s: a smaller rate leaves the client waiting for days between sends. */
  minRate: 1e-3,
  burstiness: { min: 0.01, max: 100 },
  rampStages: 100,
  stageSeconds: 86400,
  /** Node's timers hold at most 24.8 days; a ramp is kept well inside that. */
  rampSeconds: 7 * 86400,
  inputTokens: 1e7,
  outputTokens: 1e6,
  timeoutSeconds: 86400,
  /** A trial's request bodies are built before its clock starts (measured: about 11 bytes of heap per prompt token). */
  trialBodyBytes: 1024 ** 3,
  /**
   * The result is one JSON document holding an inter-token gap per output token (twice where the
   * server counts tokens per event), about 7 characters each; V8's longest string is 2^29 characters.
   */
  runOutputTokens: 3e7
};
var BYTES_PER_PROMPT_TOKEN = 11;
function promptBytes(synthetic) {
  return "inputTokensMean" in synthetic ? synthetic.inputTokensMean * BYTES_PER_PROMPT_TOKEN : synthetic.filePromptChars * 2;
}
function budgetProblem(input) {
  const perBody = input.promptBytes + 2 * input.extraBodyBytes;
  const bodies = Math.max(input.requests, input.warmup) * perBody;
  if (bodies > WORKLOAD_BOUNDS.trialBodyBytes) {
    return `requests \xD7 prompt size: a trial's request bodies would take about ${(bodies / 1024 ** 3).toFixed(1)} GiB of memory (${Math.max(input.requests, input.warmup)} requests \xD7 ${Math.round(perBody)} bytes), built before the trial starts; at most 1 GiB: use fewer requests per trial and more trials, or shorter prompts`;
  }
  const outputTokens = input.trials * input.requests * input.outputTokensMean;
  if (outputTokens > WORKLOAD_BOUNDS.runOutputTokens) {
    return `trials \xD7 requests \xD7 output_tokens: ${outputTokens.toExponential(2)} output tokens in one run; at most ${WORKLOAD_BOUNDS.runOutputTokens.toLocaleString("en-US")}, since the result file keeps one inter-token gap per token and must fit in one JSON document: split it into several runs`;
  }
  return null;
}
function checkBudgets(input, source) {
  const problem = budgetProblem(input);
  if (problem !== null) throw new InputError(`workload ${source} is not valid:
  - ${problem}`);
}

// src/config/workload.ts
var API_KINDS = ["openai-completions", "openai-chat", "tgi"];
var DEFAULT_PATHS = {
  "openai-completions": "/v1/completions",
  "openai-chat": "/v1/chat/completions",
  tgi: "/generate_stream"
};
var positive2 = external_exports.number({ error: "expected a number" }).positive({ error: "expected a number > 0" });
var positiveInt = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(1, { error: "expected an integer >= 1" });
var nonNegativeInt = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(0, { error: "expected an integer >= 0" });
var atMost = (max, what) => ({ error: `expected at most ${max.toLocaleString("en-US")} ${what} (llm-perf-gate's bound; see docs/reliability.md)` });
var timeout = (fallback) => positive2.max(WORKLOAD_BOUNDS.timeoutSeconds, atMost(WORKLOAD_BOUNDS.timeoutSeconds, "seconds")).default(fallback);
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var UNSAFE_HEADER_VALUE = /[\r\n\0]/;
var httpUrl = external_exports.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL such as http://127.0.0.1:8000" });
var lengthSchema = (bound) => external_exports.union(
  [
    positiveInt.transform((mean) => ({ mean, stddev: 0 })),
    external_exports.strictObject({
      mean: positive2,
      stddev: external_exports.number().min(0, { error: "expected a number >= 0" }).default(0),
      min: positiveInt.optional(),
      max: positiveInt.optional()
    })
  ],
  { error: "expected a token count (integer >= 1) or {mean, stddev, min, max}" }
).superRefine((length, ctx) => {
  for (const key of ["mean", "stddev", "min", "max"]) {
    const value = length[key];
    if (value !== void 0 && value > bound) ctx.addIssue({ code: "custom", path: key === "mean" ? [] : [key], message: atMost(bound, "tokens").error });
  }
});
var stageSchema = external_exports.strictObject({
  rate: external_exports.number().min(0, { error: "expected requests/s >= 0" }).max(WORKLOAD_BOUNDS.rate, atMost(WORKLOAD_BOUNDS.rate, "requests/s")).refine((rate) => rate === 0 || rate >= WORKLOAD_BOUNDS.minRate, { error: `expected 0 (a pause) or at least ${WORKLOAD_BOUNDS.minRate} requests/s` }),
  seconds: positive2.max(WORKLOAD_BOUNDS.stageSeconds, atMost(WORKLOAD_BOUNDS.stageSeconds, "seconds per stage"))
});
var loadSchema = external_exports.strictObject({
  concurrency: positiveInt.max(WORKLOAD_BOUNDS.concurrency, atMost(WORKLOAD_BOUNDS.concurrency, "requests in flight")).optional(),
  rate: positive2.min(WORKLOAD_BOUNDS.minRate, { error: `expected at least ${WORKLOAD_BOUNDS.minRate} requests/s` }).max(WORKLOAD_BOUNDS.rate, atMost(WORKLOAD_BOUNDS.rate, "requests/s")).optional(),
  arrival: external_exports.enum(["constant", "poisson", "gamma"], { error: "expected one of constant, poisson, gamma" }).default("poisson"),
  burstiness: positive2.min(WORKLOAD_BOUNDS.burstiness.min, { error: `expected at least ${WORKLOAD_BOUNDS.burstiness.min}` }).max(WORKLOAD_BOUNDS.burstiness.max, atMost(WORKLOAD_BOUNDS.burstiness.max, "")).default(1),
  ramp: external_exports.array(stageSchema).max(WORKLOAD_BOUNDS.rampStages, atMost(WORKLOAD_BOUNDS.rampStages, "stages")).default([]),
  // No default, and false is dropped: only `true` changes the schedule, so only `true` enters the
  // workload hash, and every existing workload keeps its hash.
  exact_rate: external_exports.boolean({ error: "expected true or false" }).optional().transform((value) => value === true ? true : void 0)
}).superRefine((load, ctx) => {
  if (load.ramp.reduce((sum, stage) => sum + stage.seconds, 0) > WORKLOAD_BOUNDS.rampSeconds) {
    ctx.addIssue({ code: "custom", message: `the stages last more than ${WORKLOAD_BOUNDS.rampSeconds.toLocaleString("en-US")} s (a week) together; expected a shorter ramp`, path: ["ramp"] });
  }
  if (load.concurrency === void 0 && load.rate === void 0 && load.ramp.length === 0) {
    ctx.addIssue({ code: "custom", message: "set load.concurrency (closed loop), load.rate (open loop) or load.ramp (open loop in stages)", path: [] });
  }
  if (load.rate !== void 0 && load.ramp.length > 0) {
    ctx.addIssue({ code: "custom", message: "load.rate and load.ramp exclude each other: a ramp gives the rate of each stage", path: ["ramp"] });
  }
  if (load.ramp.length > 0 && load.ramp[load.ramp.length - 1].rate === 0) {
    ctx.addIssue({ code: "custom", message: "the last ramp stage continues until every request is sent, so its rate must be > 0", path: ["ramp", load.ramp.length - 1, "rate"] });
  }
  if (load.exact_rate === true && load.rate === void 0) {
    ctx.addIssue({ code: "custom", message: "exact_rate rescales the gaps of one open-loop rate: set load.rate (a ramp gives each stage its own rate)", path: ["exact_rate"] });
  }
  if (load.burstiness !== 1 && load.arrival !== "gamma") {
    ctx.addIssue({ code: "custom", message: "burstiness applies only to arrival: gamma", path: ["burstiness"] });
  }
});
var promptsSchema = external_exports.strictObject({
  source: external_exports.enum(["synthetic", "file"], { error: "expected synthetic or file" }).default("synthetic"),
  file: external_exports.string().min(1).optional(),
  input_tokens: lengthSchema(WORKLOAD_BOUNDS.inputTokens).default({ mean: 512, stddev: 0 }),
  output_tokens: lengthSchema(WORKLOAD_BOUNDS.outputTokens).default({ mean: 128, stddev: 0 }),
  shared_prefix_tokens: nonNegativeInt.max(WORKLOAD_BOUNDS.inputTokens, atMost(WORKLOAD_BOUNDS.inputTokens, "tokens")).default(0)
}).superRefine((prompts, ctx) => {
  if (prompts.source === "file" && prompts.file === void 0) {
    ctx.addIssue({ code: "custom", message: "prompts.source is file, so prompts.file must name a JSONL file", path: ["file"] });
  }
});
var workloadSchema = external_exports.strictObject({
  name: external_exports.string({ error: "expected a name (a string)" }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected letters, digits, ".", "_" or "-" (it names files and the PR comment)' }),
  api: external_exports.enum(API_KINDS, { error: `expected one of ${API_KINDS.join(", ")}` }).default("openai-chat"),
  url: httpUrl.default("http://127.0.0.1:8000"),
  path: external_exports.string().startsWith("/", { error: "expected a path starting with /" }).optional(),
  model: external_exports.string().min(1).optional(),
  seed: external_exports.number().int({ error: "expected an integer" }).default(42),
  trials: positiveInt.max(WORKLOAD_BOUNDS.trials, atMost(WORKLOAD_BOUNDS.trials, "trials")).default(3),
  requests: positiveInt.max(WORKLOAD_BOUNDS.requests, atMost(WORKLOAD_BOUNDS.requests, "requests per trial")).default(200),
  warmup: nonNegativeInt.max(WORKLOAD_BOUNDS.warmup, atMost(WORKLOAD_BOUNDS.warmup, "warm-up requests")).default(10),
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
    connect_s: timeout(10),
    first_token_s: timeout(60),
    idle_s: timeout(30),
    request_s: timeout(300)
  }).default({ connect_s: 10, first_token_s: 60, idle_s: 30, request_s: 300 }),
  slo: external_exports.strictObject({ ttft_ms: positive2.optional(), tpot_ms: positive2.optional(), e2e_ms: positive2.optional() }).default({}),
  headers: external_exports.record(external_exports.string(), external_exports.string({ error: 'expected a string (use "${VAR}" for secrets)' })).superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "expected a header name of letters, digits and !#$%&'*+.^_`|~- (no spaces, colons, CR or LF)" });
      else if (UNSAFE_HEADER_VALUE.test(value)) ctx.addIssue({ code: "custom", path: [name], message: "expected a value without CR, LF or NUL characters (they would split the request)" });
    }
  }).default({}),
  server: serverSchema.optional(),
  telemetry: telemetrySchema.default(DEFAULT_TELEMETRY)
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
      if (UNSAFE_HEADER_VALUE.test(value)) throw new InputError(`workload ${source}: headers.${name} uses \${${variable}}, whose value holds a CR, LF or NUL character; expected a single-line value`);
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
    hash_version: WORKLOAD_HASH_VERSION,
    ...workload.legacyWorkloadHash !== void 0 ? { workload_hash_v1: workload.legacyWorkloadHash } : {},
    url: workload.url,
    path: workload.path,
    model: spec.model ?? null,
    headers: Object.fromEntries(Object.keys(spec.headers).map((name) => [name, "[redacted]"]))
  };
}
var WORKLOAD_HASH_VERSION = 2;
function computeWorkloadHash(spec, path, promptFileSha256, version = WORKLOAD_HASH_VERSION) {
  const { url: _url, trials: _trials, server: _server, telemetry: _telemetry, model, prompts, ...rest } = spec;
  const { file: _file, ...promptsRest } = prompts;
  const hashed = { ...rest, ...version === 1 ? { model } : {}, path, prompts: { ...promptsRest, file_sha256: promptFileSha256 } };
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
  checkNesting(input, source, "workload");
  const spec = parseWithSchema(workloadSchema, input, source, "workload");
  if (options.model !== void 0) spec.model = options.model;
  if (options.trials !== void 0) spec.trials = options.trials;
  if (options.url !== void 0) {
    const checked = httpUrl.safeParse(options.url);
    if (!checked.success) throw new InputError(`--url: got ${describeValue(options.url)}; expected an http:// or https:// URL such as http://127.0.0.1:8000`);
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
  const { trials, requests, warmup, prompts, extra_body: extraBody } = spec;
  const promptSize = filePrompts === null ? { inputTokensMean: prompts.input_tokens.mean } : { filePromptChars: filePrompts.reduce((sum, prompt) => sum + JSON.stringify(prompt).length, 0) / filePrompts.length };
  checkBudgets({ trials, requests, warmup, promptBytes: promptBytes(promptSize), outputTokensMean: prompts.output_tokens.mean, extraBodyBytes: JSON.stringify(extraBody).length }, source);
  const headers = expandHeaders(spec.headers, options.env ?? process.env, source);
  const joined = joinUrl(spec.url, spec.path ?? DEFAULT_PATHS[spec.api], spec.path !== void 0);
  return {
    spec,
    source,
    url: joined.url,
    path: joined.path,
    filePrompts,
    headers,
    workloadHash: computeWorkloadHash(spec, joined.path, promptSha),
    legacyWorkloadHash: computeWorkloadHash(spec, joined.path, promptSha, 1)
  };
}
function loadWorkload(file, options = {}) {
  return resolveWorkload(readStructuredFile(file, "workload"), file, options);
}

// src/redact.ts
var REDACTED = "[redacted]";
var MIN_SECRET = 6;
var MIN_PIECE = 6;
var escapeRegExp = (text2) => text2.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
function credentialOf(value) {
  const match = /^[A-Za-z][A-Za-z0-9._-]*\s+(\S.*)$/s.exec(value);
  return match === null ? null : match[1].trim();
}
function basicDecoded(value) {
  if (!/^Basic\s/i.test(value)) return null;
  const encoded = value.replace(/^Basic\s+/i, "").trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  return decoded.includes("\uFFFD") ? null : decoded;
}
var HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function echoedForms(value) {
  const forms = [value];
  const json = JSON.stringify(value).slice(1, -1);
  forms.push(json, json.replaceAll("/", "\\/"));
  const url = encodeURIComponent(value);
  forms.push(url, url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), url.replaceAll("%20", "+"));
  forms.push(value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char), value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`));
  return forms;
}
function spacedPattern(form) {
  let pattern = "";
  let previousWasSpace = true;
  for (const char of form) {
    if (/\s/.test(char)) {
      if (!previousWasSpace) pattern += "\\s+";
      previousWasSpace = true;
      continue;
    }
    if (!previousWasSpace) pattern += "\\s*";
    pattern += escapeRegExp(char);
    previousWasSpace = false;
  }
  return pattern;
}
function createRedactor(secrets) {
  const values = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    const value = secret.trim();
    if (value.length < MIN_SECRET) continue;
    values.add(value);
    const credential = credentialOf(value);
    if (credential !== null && credential.length >= MIN_SECRET) values.add(credential);
    const decoded = basicDecoded(value);
    if (decoded !== null && decoded.length >= MIN_SECRET) values.add(decoded);
  }
  if (values.size === 0) return (text2) => text2;
  const forms = [...new Set([...values].flatMap(echoedForms))].filter((form) => form.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const whole = new RegExp(forms.map(spacedPattern).join("|"), "g");
  const pieces = [...new Set([...values].filter((value) => !values.has(credentialOf(value) ?? "")).flatMap(echoedForms))].filter((form) => form.length > MIN_PIECE);
  return (text2) => {
    let out = text2.replace(whole, REDACTED);
    if (out.length < MIN_PIECE) return out;
    for (const form of pieces) {
      if (form.includes(out.slice(-MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.endsWith(form.slice(0, length))) {
            out = `${out.slice(0, out.length - length)}${REDACTED}`;
            break;
          }
        }
      }
      if (out.length >= MIN_PIECE && form.includes(out.slice(0, MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.startsWith(form.slice(form.length - length))) {
            out = `${REDACTED}${out.slice(length)}`;
            break;
          }
        }
      }
    }
    return out;
  };
}

// src/environment/engines.ts
var SIMULATOR_ENGINE = "llm-perf-gate-simulator";
var OWNERS = { vllm: "vllm", sglang: "sglang", llamacpp: "llama.cpp", tensorrt_llm: "trt-llm" };
var MAX_TEXT = 200;
var MAX_MODELS = 50;
var record = (value) => value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
var text = (value) => typeof value === "string" && value !== "" ? value : null;
function listedModels(answers) {
  const data = record(answers.models).data;
  return Array.isArray(data) ? data.map(record) : [];
}
var isSglangInfo = (value) => text(record(value).version) !== null && (text(record(value).model_path) !== null || typeof record(value).tp_size === "number");
var NEEDS = {
  vllm: ["models", "version"],
  "trt-llm": ["models", "version"],
  sglang: ["models", "serverInfo"],
  tgi: ["models", "info"],
  "llama.cpp": ["models", "props"],
  ollama: ["models", "ollamaVersion"],
  "llm-perf-gate-simulator": ["models", "version", "info"]
};
var ASKING_ORDER = ["models", "version", "info", "props", "ollamaVersion", "serverInfo"];
function nextQuestion(answers, asked) {
  const engine = identifyEngine(answers);
  return (engine === null ? ASKING_ORDER : NEEDS[engine]).find((key) => !asked.has(key));
}
function identifyEngine(answers) {
  const info = record(answers.info);
  const version = text(record(answers.version).version);
  if (info.router === "llm-perf-gate-simulator" || version?.endsWith("+llm-perf-gate-simulator") === true) return SIMULATOR_ENGINE;
  if (info.router === "text-generation-router" || text(info.model_id) !== null && typeof info.max_total_tokens === "number") return "tgi";
  const owner = text(listedModels(answers)[0]?.owned_by);
  if (owner !== null && Object.hasOwn(OWNERS, owner)) return OWNERS[owner];
  if (isSglangInfo(answers.serverInfo)) return "sglang";
  if (text(record(answers.props).build_info) !== null) return "llama.cpp";
  if (text(record(answers.ollamaVersion).version) !== null) return "ollama";
  return null;
}
function engineVersion(engine, answers) {
  const version = text(record(answers.version).version);
  const info = record(answers.info);
  switch (engine) {
    case "tgi":
      return text(info.version);
    case "sglang":
      return text(record(answers.serverInfo).version) ?? version;
    case "llama.cpp":
      return text(record(answers.props).build_info);
    case "ollama":
      return text(record(answers.ollamaVersion).version);
    default:
      return version ?? text(info.version);
  }
}
var SGLANG_SETTINGS = [
  "model_path",
  "tp_size",
  "dp_size",
  "pp_size",
  "ep_size",
  "dtype",
  "kv_cache_dtype",
  "quantization",
  "context_length",
  "mem_fraction_static",
  "max_running_requests",
  "max_total_tokens",
  "max_total_num_tokens",
  "max_prefill_tokens",
  "chunked_prefill_size",
  "schedule_policy",
  "attention_backend",
  "disable_radix_cache",
  "enable_dp_attention",
  "speculative_algorithm",
  "cuda_graph_max_bs"
];
var TGI_SETTINGS = ["max_concurrent_requests", "max_input_tokens", "max_total_tokens", "max_best_of", "max_client_batch_size"];
function pick(source, names) {
  return Object.fromEntries(names.map((name) => [name, source[name]]));
}
function reportedSettings(engine, answers) {
  switch (engine) {
    case "vllm": {
      const first = listedModels(answers)[0] ?? {};
      return { max_model_len: first.max_model_len, model_path: first.root };
    }
    case "sglang":
      return { max_model_len: listedModels(answers)[0]?.max_model_len, ...pick(record(answers.serverInfo), SGLANG_SETTINGS) };
    case "tgi":
    case SIMULATOR_ENGINE:
      return pick(record(answers.info), TGI_SETTINGS);
    case "llama.cpp": {
      const props = record(answers.props);
      return { total_slots: props.total_slots, n_ctx: record(props.default_generation_settings).n_ctx, model_path: props.model_path };
    }
    default:
      return {};
  }
}
function modelRevision(engine, answers) {
  if (engine === "tgi") return text(record(answers.info).model_sha);
  if (engine === "sglang") return text(record(answers.serverInfo).revision);
  return null;
}
function keepText(value, redact, max = MAX_TEXT) {
  const clean = redact(value);
  return clean.length > max ? `${Array.from(clean).slice(0, max - 1).join("")}\u2026` : clean;
}
function describeServer(answers, options) {
  const keep = (value) => value === null ? null : keepText(value, options.redact);
  const engine = identifyEngine(answers);
  const ids = listedModels(answers).map((entry) => text(entry.id)).filter((id) => id !== null).slice(0, MAX_MODELS).map((id) => keepText(id, options.redact));
  const settings = {};
  for (const [name, value] of Object.entries(reportedSettings(engine, answers))) {
    if (typeof value === "number" && Number.isFinite(value)) settings[name] = value;
    else if (typeof value === "boolean") settings[name] = value;
    else if (typeof value === "string" && value !== "") settings[name] = keepText(value, options.redact);
  }
  return {
    url: options.url,
    model: options.workloadModel ?? ids[0] ?? keep(text(record(answers.info).model_id)) ?? keep(text(record(answers.serverInfo).served_model_name)),
    version: keep(engineVersion(engine, answers)),
    engine,
    models: ids,
    model_revision: keep(modelRevision(engine, answers)),
    ...options.args !== void 0 ? { args: redactArgs(options.args, options.redact) } : {},
    settings
  };
}
var SECRET_FLAG = /^--?[\w.-]*(key|token|secret|password|passwd|credential)[\w.-]*$/i;
var MAX_ARGS = 200;
function redactArgs(args, redact) {
  const out = [];
  for (let i = 0; i < Math.min(args.length, MAX_ARGS); i++) {
    const arg = args[i];
    const equals = arg.indexOf("=");
    if (equals > 0 && SECRET_FLAG.test(arg.slice(0, equals))) {
      out.push(`${arg.slice(0, equals)}=[redacted]`);
    } else if (SECRET_FLAG.test(arg) && i + 1 < args.length && !args[i + 1].startsWith("-")) {
      out.push(keepText(arg, redact), "[redacted]");
      i++;
    } else {
      out.push(keepText(arg, redact));
    }
  }
  return out;
}
function workloadServerArgs(spec) {
  const args = record(record(spec).server).args;
  return Array.isArray(args) && args.every((arg) => typeof arg === "string") ? args : void 0;
}

// src/environment/probe.ts
var DEFAULT_MAX_BYTES = 1024 * 1024;
function deadline(options) {
  const timeout2 = AbortSignal.timeout(options.timeoutMs);
  return options.signal === void 0 ? timeout2 : AbortSignal.any([options.signal, timeout2]);
}
async function getJson(dispatcher, origin, path, headers, options) {
  const signal = deadline(options);
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const response = await dispatcher.request({ origin, path, method: "GET", headers, signal });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return null;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > limit) {
        response.body.destroy();
        return null;
      }
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

// src/environment/server.ts
function publicUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(invalid url)";
  }
}
var PATHS = {
  models: ["/v1/models"],
  version: ["/version"],
  info: ["/info"],
  props: ["/props"],
  ollamaVersion: ["/api/version"],
  // Newer SGLang answers /server_info, older only /get_server_info.
  serverInfo: ["/server_info", "/get_server_info"]
};
async function captureServer(dispatcher, origin, headers, workloadModel, options) {
  const budget = deadline({ ...options.signal !== void 0 ? { signal: options.signal } : {}, timeoutMs: options.timeoutMs * 3 });
  const answers = { models: null, version: null, info: null, props: null, ollamaVersion: null, serverInfo: null };
  const asked = /* @__PURE__ */ new Set();
  for (let key = nextQuestion(answers, asked); key !== void 0 && !budget.aborted; key = nextQuestion(answers, asked)) {
    asked.add(key);
    for (const path of PATHS[key]) {
      answers[key] = await getJson(dispatcher, origin, path, headers, { ...options, signal: budget });
      if (answers[key] !== null || budget.aborted) break;
    }
  }
  return describeServer(answers, { url: publicUrl(origin), workloadModel, redact: options.redact, ...options.args !== void 0 ? { args: options.args } : {} });
}

// src/environment/gpu.ts
import { execFile } from "node:child_process";
var DEFAULT_TIMEOUT_MS = 5e3;
var runCommand = (command, args, options = {}) => new Promise((resolve2) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let settled = false;
  const settle = (value) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    resolve2(value);
  };
  const timer = setTimeout(() => settle(null), timeoutMs + 100);
  try {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true, ...options.signal !== void 0 ? { signal: options.signal } : {} }, (error, stdout) => settle(error ? null : stdout));
  } catch {
    settle(null);
  }
});
var missing = (value) => value === void 0 || value === "" || /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]?$/i.test(value);
var numberOrNull = (value) => {
  if (missing(value)) return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};
function parseNvidiaQuery(output) {
  return output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "").map((line) => {
    const parts = line.split(",").map((part) => part.trim());
    const driver = parts.pop();
    const memory = parts.pop();
    const name = parts.join(", ");
    return { name: missing(name) ? "unknown" : name, memory_total_mib: numberOrNull(memory), driver_version: missing(driver) ? null : driver, vendor: "nvidia" };
  });
}
function parseCudaVersion(output) {
  return output?.match(/CUDA Version\s*:\s*([0-9]+(?:\.[0-9]+)*)/)?.[1] ?? null;
}
function parseRocmSmi(output) {
  const start = output.indexOf("{");
  if (start < 0) return [];
  let document;
  try {
    document = JSON.parse(output.slice(start));
  } catch {
    return [];
  }
  if (document === null || typeof document !== "object") return [];
  const field = (entry, ...names) => {
    for (const name of names) {
      const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      const value = key === void 0 ? void 0 : entry[key];
      if (typeof value === "string" && !missing(value.trim()) || typeof value === "number") return String(value).trim();
    }
    return null;
  };
  const system = document.system ?? {};
  const driver = field(system, "Driver version");
  return Object.keys(document).filter((key) => /^card\d+$/.test(key)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))).map((key) => {
    const entry = document[key] ?? {};
    const bytes = Number(field(entry, "VRAM Total Memory (B)"));
    return {
      name: field(entry, "Card series", "Card Series", "Marketing Name", "Card model", "Card SKU") ?? "AMD GPU",
      memory_total_mib: Number.isFinite(bytes) && bytes > 0 ? Math.round(bytes / (1024 * 1024)) : null,
      driver_version: driver,
      cuda_version: null,
      vendor: "amd"
    };
  });
}
async function captureGpus(run = runCommand, options = {}) {
  const opts = { ...options.signal !== void 0 ? { signal: options.signal } : {}, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const query = await run("nvidia-smi", ["--query-gpu=name,memory.total,driver_version", "--format=csv,noheader,nounits"], opts);
  const nvidia = query === null ? [] : parseNvidiaQuery(query);
  if (nvidia.length > 0) {
    const cuda = parseCudaVersion(await run("nvidia-smi", ["--version"], opts)) ?? parseCudaVersion(await run("nvidia-smi", [], opts));
    return nvidia.map(({ vendor, ...gpu }) => ({ ...gpu, cuda_version: cuda, vendor }));
  }
  if (options.signal?.aborted === true) return [];
  const rocm = await run("rocm-smi", ["--showproductname", "--showmeminfo", "vram", "--showdriverversion", "--json"], opts);
  return rocm === null ? [] : parseRocmSmi(rocm);
}

// src/environment/runner.ts
import { arch, cpus, release, type } from "node:os";
var MAX_LABELS = 50;
var MAX_LABEL_LENGTH = 100;
function captureRunner(env = process.env) {
  const cores = cpus();
  const name = env.RUNNER_NAME?.trim();
  const labels = (env.LLM_PERF_GATE_RUNNER_LABELS ?? "").split(",").map((label) => label.trim().slice(0, MAX_LABEL_LENGTH)).filter((label) => label !== "").slice(0, MAX_LABELS);
  return {
    os: type(),
    release: release(),
    arch: arch(),
    cpu_model: cores[0]?.model.trim() ?? "unknown",
    cpu_count: cores.length,
    node: process.version,
    name: name === void 0 || name === "" ? null : name.slice(0, MAX_LABEL_LENGTH),
    labels
  };
}

// src/environment.ts
async function captureEnvironment(dispatcher, origin, headers, workloadModel, options = {}) {
  const redact = options.redact ?? createRedactor(Object.values(headers));
  const signal = options.signal !== void 0 ? { signal: options.signal } : {};
  const [server, gpu] = await Promise.all([
    captureServer(dispatcher, origin, headers, workloadModel, { ...signal, timeoutMs: options.timeoutMs ?? 3e3, redact, ...options.args !== void 0 ? { args: options.args } : {} }),
    captureGpus(options.runCommand, { ...signal, timeoutMs: options.timeoutMs ?? 5e3 })
  ]);
  return { server, gpu, runner: captureRunner(options.env) };
}

// src/result/notes.ts
var percent = (part, whole) => `${(100 * part / whole).toFixed(1)}%`;
function observeServer(trials, spec) {
  const ok = trials.flatMap((trial) => trial.requests).filter((record2) => record2.ok);
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
  serverSchema,
  normalisedWorkload,
  WORKLOAD_HASH_VERSION,
  canonicalJson,
  resolveWorkload,
  loadWorkload,
  createRedactor,
  captureRunner,
  workloadServerArgs,
  publicUrl,
  captureEnvironment,
  observeServer
};
