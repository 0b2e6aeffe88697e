if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  Random
} from "./chunk-P72UHX6G.js";
import {
  InputError,
  describeValue
} from "./chunk-UGIYVO4E.js";

// src/simulator/slowdown.ts
var NO_SLOWDOWN = Object.freeze({ prefill: 1, decode: 1 });
var METRIC_ALIASES = {
  ttft: "prefill",
  tpot: "decode",
  itl: "decode",
  prefill: "prefill",
  decode: "decode"
};
var FLAG = "--slowdown";
function parseSlowdown(values) {
  const slowdown = { ...NO_SLOWDOWN };
  const seen = /* @__PURE__ */ new Map();
  for (const value of values) {
    for (const rawItem of value.split(",")) {
      const item = rawItem.trim();
      const equals = item.indexOf("=");
      if (equals <= 0) {
        throw new InputError(`${FLAG}: ${describeValue(item)} is not METRIC=FACTOR; expected e.g. ttft=1.2 or tpot=1.1`);
      }
      const metric = item.slice(0, equals).trim().toLowerCase();
      const factorText = item.slice(equals + 1).trim();
      const cost = Object.hasOwn(METRIC_ALIASES, metric) ? METRIC_ALIASES[metric] : void 0;
      if (cost === void 0) {
        throw new InputError(
          `${FLAG}: unknown metric ${describeValue(metric)} in ${describeValue(item)}; expected one of ${Object.keys(METRIC_ALIASES).join(", ")}`
        );
      }
      const factor = factorText === "" ? Number.NaN : Number(factorText);
      if (!Number.isFinite(factor) || factor <= 0) {
        throw new InputError(`${FLAG}: factor ${describeValue(factorText)} for ${metric} is not a positive number; expected e.g. ${metric}=1.2`);
      }
      const earlier = seen.get(cost);
      if (earlier !== void 0) {
        throw new InputError(`${FLAG}: ${describeValue(item)} sets the ${cost} cost already set by ${describeValue(earlier)}; give each once`);
      }
      seen.set(cost, item);
      slowdown[cost] = factor;
    }
  }
  return slowdown;
}
function resolveSlowdown(slowdown) {
  const resolved = { ...NO_SLOWDOWN, ...slowdown };
  for (const cost of ["prefill", "decode"]) {
    const factor = resolved[cost];
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 0) {
      throw new InputError(`${FLAG}: factor ${describeValue(factor)} for ${cost} is not a positive number`);
    }
  }
  return resolved;
}
function describeSlowdown(slowdown) {
  const parts = [];
  if (slowdown.prefill !== 1) parts.push(`prefill x${slowdown.prefill}`);
  if (slowdown.decode !== 1) parts.push(`decode x${slowdown.decode}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

// src/simulator/faults.ts
var NO_FAULTS = Object.freeze({ http500: 0, http429: 0, reset: 0, stall: 0, malformed: 0, noDone: 0, comments: 0 });
var FAULT_NAMES = {
  http500: "http500",
  http429: "http429",
  reset: "reset",
  stall: "stall",
  malformed: "malformed",
  no_done: "noDone",
  comments: "comments"
};
var FLAG2 = "--faults";
function parseFaults(spec) {
  const faults = { ...NO_FAULTS };
  for (const rawItem of spec.split(",")) {
    const item = rawItem.trim();
    if (item === "") continue;
    const equals = item.indexOf("=");
    if (equals <= 0) {
      throw new InputError(`${FLAG2}: ${describeValue(item)} is not NAME=PROBABILITY; expected e.g. http500=0.05`);
    }
    const name = item.slice(0, equals).trim().toLowerCase();
    const valueText = item.slice(equals + 1).trim();
    const field = Object.hasOwn(FAULT_NAMES, name) ? FAULT_NAMES[name] : void 0;
    if (field === void 0) {
      throw new InputError(`${FLAG2}: unknown fault ${describeValue(name)}; expected one of ${Object.keys(FAULT_NAMES).join(", ")}`);
    }
    const probability = valueText === "" ? Number.NaN : Number(valueText);
    if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
      throw new InputError(`${FLAG2}: probability ${describeValue(valueText)} for ${name} is not a number in [0, 1]`);
    }
    faults[field] = probability;
  }
  return faults;
}
function resolveFaults(faults) {
  const resolved = { ...NO_FAULTS, ...faults };
  for (const [name, field] of Object.entries(FAULT_NAMES)) {
    const probability = resolved[field];
    if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
      throw new InputError(`${FLAG2}: probability ${describeValue(probability)} for ${name} is not a number in [0, 1]`);
    }
  }
  return resolved;
}
function describeFaults(faults) {
  const parts = Object.entries(FAULT_NAMES).filter(([, field]) => faults[field] > 0).map(([name, field]) => `${name}=${faults[field]}`);
  return parts.length === 0 ? "none" : parts.join(",");
}
var CLEAN_PLAN = Object.freeze({
  status: null,
  resetAfter: null,
  stallAfter: null,
  malformedAfter: null,
  noDone: false,
  comments: false
});
function drawFaultPlan(faults, outputTokens, random) {
  const fires = (probability) => random.uniform() < probability;
  const midStream = () => random.int(1, Math.max(1, outputTokens - 1));
  const http500 = fires(faults.http500);
  const http429 = fires(faults.http429);
  const reset = fires(faults.reset);
  const resetAt = midStream();
  const stall = fires(faults.stall);
  const stallAt = midStream();
  const malformed = fires(faults.malformed);
  const malformedAt = midStream();
  const noDone = fires(faults.noDone);
  const comments = fires(faults.comments);
  return {
    status: http500 ? 500 : http429 ? 429 : null,
    resetAfter: reset ? resetAt : null,
    // A reset ends the stream, so a stall drawn for the same request could never be seen.
    stallAfter: stall && !reset ? stallAt : null,
    malformedAfter: malformed ? malformedAt : null,
    noDone,
    comments
  };
}

// src/simulator/profiles.ts
var SIMULATOR_PROFILES = {
  default: {
    description: "a 7B model on one H100 at modest batch: ~7 ms decode steps growing with the batch, ~35 \xB5s/prefill token, 60k-token KV cache",
    decodeBaseMs: 7,
    decodePerSequenceMs: 0.1,
    prefillPerTokenMs: 0.035,
    kvCapacityTokens: 6e4,
    maxRunningSequences: 256,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 16384,
    eosProbabilityPerToken: 4e-3,
    stepNoiseSigma: 0.03,
    driftSigma: 0.03,
    driftTimeConstantMs: 4e3
  },
  fast: {
    description: "for tests: ~2 ms steps (the floor of Node timers), 5 \xB5s/prefill token, 20k-token KV cache",
    decodeBaseMs: 1.5,
    decodePerSequenceMs: 0.1,
    prefillPerTokenMs: 5e-3,
    kvCapacityTokens: 2e4,
    maxRunningSequences: 64,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 8192,
    eosProbabilityPerToken: 4e-3,
    stepNoiseSigma: 0.03,
    driftSigma: 0.02,
    driftTimeConstantMs: 2e3
  },
  // A known capacity for sweeps (docs/sweeps.md): TPOT = 4 ms + 0.5 ms per stream in flight, so an
  // SLO of tpot_ms 7.5 holds up to 7 streams (3.5 with --slowdown tpot=1.3). Prefill is nearly free
  // and the noise small, so the law holds to within about 2% at p99.
  linear: {
    description: "for sweeps: decode steps of 4 ms + 0.5 ms per sequence in the batch, prefill nearly free, little noise",
    decodeBaseMs: 4,
    decodePerSequenceMs: 0.5,
    prefillPerTokenMs: 1e-3,
    kvCapacityTokens: 1e5,
    maxRunningSequences: 256,
    maxPrefillTokensPerStep: 8192,
    maxModelLen: 8192,
    eosProbabilityPerToken: 4e-3,
    stepNoiseSigma: 0.02,
    driftSigma: 0.01,
    driftTimeConstantMs: 2e3
  }
};
function resolveProfile(profile) {
  if (profile === void 0) return SIMULATOR_PROFILES.default;
  if (typeof profile === "string") {
    const found = Object.hasOwn(SIMULATOR_PROFILES, profile) ? SIMULATOR_PROFILES[profile] : void 0;
    if (found === void 0) {
      throw new InputError(
        `--profile: unknown profile ${describeValue(profile)}; expected one of ${Object.keys(SIMULATOR_PROFILES).join(", ")}`
      );
    }
    return found;
  }
  checkProfile(profile);
  return profile;
}
function checkProfile(profile) {
  const positive = [
    "decodeBaseMs",
    "kvCapacityTokens",
    "maxRunningSequences",
    "maxPrefillTokensPerStep",
    "maxModelLen",
    "driftTimeConstantMs"
  ];
  const nonNegative = ["decodePerSequenceMs", "prefillPerTokenMs", "stepNoiseSigma", "driftSigma"];
  for (const key of positive) {
    const value = profile[key];
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw new InputError(`--profile: field ${key} is ${describeValue(value)}; expected a positive number`);
    }
  }
  for (const key of nonNegative) {
    const value = profile[key];
    if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
      throw new InputError(`--profile: field ${key} is ${describeValue(value)}; expected a number >= 0`);
    }
  }
  if (!(profile.eosProbabilityPerToken >= 0 && profile.eosProbabilityPerToken < 1)) {
    throw new InputError(`--profile: field eosProbabilityPerToken is ${describeValue(profile.eosProbabilityPerToken)}; expected a number in [0, 1)`);
  }
  if (profile.kvCapacityTokens < profile.maxModelLen) {
    throw new InputError(
      `--profile: kvCapacityTokens (${profile.kvCapacityTokens}) is smaller than maxModelLen (${profile.maxModelLen}); expected at least maxModelLen`
    );
  }
}

// src/simulator/server.ts
import { createServer } from "node:http";

// src/simulator/drift.ts
var SpeedDrift = class {
  constructor(random, sigma, timeConstantMs) {
    this.random = random;
    this.sigma = sigma;
    this.timeConstantMs = timeConstantMs;
    this.logFactor = random.normal(0, sigma);
  }
  random;
  sigma;
  timeConstantMs;
  logFactor;
  lastMs = null;
  /** The duration multiplier at `timeMs`; times must not go backwards (an earlier time reads as no change). */
  factorAt(timeMs) {
    const elapsedMs = this.lastMs === null ? 0 : Math.max(0, timeMs - this.lastMs);
    this.lastMs = this.lastMs === null ? timeMs : Math.max(this.lastMs, timeMs);
    const decay = Math.exp(-elapsedMs / this.timeConstantMs);
    const shock = this.random.normal();
    this.logFactor = this.logFactor * decay + this.sigma * Math.sqrt(1 - decay * decay) * shock;
    return Math.exp(this.logFactor);
  }
};

// src/simulator/engine.ts
var realClock = {
  now: () => performance.now(),
  setTimer(callback, delayMs) {
    if (delayMs <= 0) return { immediate: true, handle: setImmediate(callback) };
    return { immediate: false, handle: setTimeout(callback, delayMs) };
  },
  clearTimer(handle) {
    const timer = handle;
    if (timer.immediate) clearImmediate(timer.handle);
    else clearTimeout(timer.handle);
  }
};
function modelStepMs(profile, slowdown, batchSize, prefillTokens) {
  const decodeMs = profile.decodeBaseMs + profile.decodePerSequenceMs * batchSize;
  return slowdown.decode * decodeMs + slowdown.prefill * profile.prefillPerTokenMs * prefillTokens;
}
var MAX_CATCH_UP_MS = 1e3;
var BatchingEngine = class {
  constructor(profile, slowdown, seed, clock = realClock) {
    this.profile = profile;
    this.slowdown = slowdown;
    this.clock = clock;
    this.noise = new Random(seed, "simulator", "step-noise");
    this.drift = new SpeedDrift(new Random(seed, "simulator", "drift"), profile.driftSigma, profile.driftTimeConstantMs);
  }
  profile;
  slowdown;
  clock;
  waiting = [];
  running = /* @__PURE__ */ new Set();
  kvUsedTokens = 0;
  timer = void 0;
  phase = "idle";
  stepBatch = [];
  stepEndMs = 0;
  steps = 0;
  promptTokens = 0;
  generationTokens = 0;
  noise;
  drift;
  submit(request) {
    if (this.phase === "stopped") throw new Error("the simulator engine is stopped");
    const reservedTokens = request.promptTokens + request.maxTokens;
    if (reservedTokens > this.profile.kvCapacityTokens) {
      throw new RangeError(`a sequence reserving ${reservedTokens} tokens can never fit a ${this.profile.kvCapacityTokens}-token KV cache`);
    }
    if (!(request.outputTokens >= 1 && request.outputTokens <= request.maxTokens)) {
      throw new RangeError(`outputTokens ${request.outputTokens} must be in [1, maxTokens ${request.maxTokens}]`);
    }
    const sequence = { request, reservedTokens, emitted: 0, state: "waiting" };
    this.waiting.push(sequence);
    if (this.phase === "idle") {
      this.phase = "starting";
      this.timer = this.clock.setTimer(() => this.beginStep(this.clock.now()), 0);
    }
    return { cancel: () => this.cancel(sequence) };
  }
  stats() {
    return {
      waiting: this.waiting.length,
      running: this.running.size,
      kvUsedTokens: this.kvUsedTokens,
      steps: this.steps,
      timerPending: this.timer !== void 0,
      promptTokens: this.promptTokens,
      generationTokens: this.generationTokens
    };
  }
  /** Drops every sequence without notifying it and clears the timer; the engine accepts nothing after. */
  stop() {
    if (this.timer !== void 0) this.clock.clearTimer(this.timer);
    this.timer = void 0;
    for (const sequence of [...this.waiting, ...this.running]) sequence.state = "done";
    this.waiting.length = 0;
    this.running.clear();
    this.stepBatch = [];
    this.kvUsedTokens = 0;
    this.phase = "stopped";
  }
  cancel(sequence) {
    if (sequence.state === "waiting") {
      const position = this.waiting.indexOf(sequence);
      if (position >= 0) this.waiting.splice(position, 1);
    } else if (sequence.state === "running") {
      this.release(sequence);
    }
    sequence.state = "done";
  }
  release(sequence) {
    this.running.delete(sequence);
    this.kvUsedTokens -= sequence.reservedTokens;
    sequence.state = "done";
  }
  /** Admits what fits and returns the prompt tokens admitted (the step's prefill work). */
  admit() {
    let prefillTokens = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      const fitsKv = this.kvUsedTokens + next.reservedTokens <= this.profile.kvCapacityTokens;
      const fitsBatch = this.running.size < this.profile.maxRunningSequences;
      const prefill = next.request.prefillTokens ?? next.request.promptTokens;
      const fitsBudget = prefillTokens === 0 || prefillTokens + prefill <= this.profile.maxPrefillTokensPerStep;
      if (!fitsKv || !fitsBatch || !fitsBudget) break;
      this.waiting.shift();
      next.state = "running";
      this.running.add(next);
      this.kvUsedTokens += next.reservedTokens;
      prefillTokens += prefill;
    }
    this.promptTokens += prefillTokens;
    return prefillTokens;
  }
  beginStep(startMs) {
    this.timer = void 0;
    const prefillTokens = this.admit();
    if (this.running.size === 0) {
      this.phase = "idle";
      return;
    }
    this.stepBatch = [...this.running];
    const costMs = modelStepMs(this.profile, this.slowdown, this.stepBatch.length, prefillTokens);
    const noise = this.noise.logNormal(1, this.profile.stepNoiseSigma);
    const durationMs = costMs * noise * this.drift.factorAt(startMs);
    this.stepEndMs = startMs + durationMs;
    this.phase = "stepping";
    this.steps += 1;
    this.timer = this.clock.setTimer(() => this.endStep(), this.stepEndMs - this.clock.now());
  }
  endStep() {
    this.timer = void 0;
    const batch = this.stepBatch;
    this.stepBatch = [];
    for (const sequence of batch) {
      if (sequence.state !== "running") continue;
      sequence.emitted += 1;
      this.generationTokens += 1;
      const last = sequence.emitted >= sequence.request.outputTokens;
      if (last) this.release(sequence);
      sequence.request.onToken({ index: sequence.emitted - 1, last });
      if (this.phase === "stopped") return;
    }
    if (this.running.size === 0 && this.waiting.length === 0) {
      this.phase = "idle";
      return;
    }
    const now = this.clock.now();
    this.beginStep(now - this.stepEndMs > MAX_CATCH_UP_MS ? now : this.stepEndMs);
  }
};

// src/simulator/metrics.ts
var EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
var escapeLabel = (value) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
function metricsExposition(stats, profile, modelName) {
  const labels = `{engine="0",model_name="${escapeLabel(modelName)}"}`;
  const families = [
    ["vllm:num_requests_running", "gauge", "Number of requests in model execution batches.", stats.running],
    ["vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", stats.waiting],
    ["vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", stats.kvUsedTokens / profile.kvCapacityTokens],
    ["vllm:num_preemptions_total", "counter", "Cumulative number of preemption from the engine.", 0],
    ["vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", stats.promptTokens],
    ["vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", stats.generationTokens]
  ];
  const number = (value) => Number.isInteger(value) ? value.toFixed(1) : String(value);
  return families.map(([name, type, help, value]) => `# HELP ${name} ${help}
# TYPE ${name} ${type}
${name}${labels} ${number(value)}
`).join("");
}

// src/simulator/prefix-cache.ts
import { createHash } from "node:crypto";

// src/simulator/tokens.ts
var VOCABULARY = [
  "the",
  "of",
  "and",
  "to",
  "in",
  "is",
  "that",
  "for",
  "it",
  "as",
  "was",
  "with",
  "be",
  "by",
  "on",
  "not",
  "he",
  "this",
  "are",
  "or",
  "his",
  "from",
  "at",
  "which",
  "but",
  "have",
  "an",
  "had",
  "they",
  "you",
  "were",
  "their",
  "one",
  "all",
  "we",
  "can",
  "her",
  "has",
  "there",
  "been",
  "if",
  "more",
  "when",
  "will",
  "would",
  "who",
  "so",
  "no",
  "model",
  "token",
  "server",
  "batch",
  "latency",
  "cache",
  "\xE9",
  "caf\xE9",
  "na\xEFve",
  "\u65E5\u672C",
  "\u6771\u4EAC",
  "\u30C7\u30FC\u30BF",
  "\u{1F642}",
  "\u{1F680}",
  "\u03A9",
  "\xDF"
];
var FIRST_WORD_ID = 1e3;
var EOS_TOKEN_ID = 2;
var EOS_TOKEN_TEXT = "</s>";
var CHAT_TEMPLATE_TOKENS_PER_MESSAGE = 4;
function countWords(text) {
  let count = 0;
  for (const word of text.split(/\s+/)) if (word !== "") count += 1;
  return count;
}
function countChatTokens(messages) {
  let total = 0;
  for (const message of messages) total += countWords(message.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE;
  return total;
}
var TokenSource = class {
  constructor(random) {
    this.random = random;
  }
  random;
  next() {
    const wordIndex = this.random.int(0, VOCABULARY.length - 1);
    const logprob = Math.round(-this.random.exponential(2) * 1e4) / 1e4;
    return { id: FIRST_WORD_ID + wordIndex, text: ` ${VOCABULARY[wordIndex]}`, logprob, special: false };
  }
  eos() {
    return { id: EOS_TOKEN_ID, text: EOS_TOKEN_TEXT, logprob: Math.round(-this.random.exponential(8) * 1e4) / 1e4, special: true };
  }
};
function drawOutputLength(random, maxTokens, ignoreEos, eosProbability) {
  const u = random.uniform();
  if (ignoreEos || eosProbability <= 0) return { tokens: maxTokens, finish: "length" };
  const eosAt = Math.max(1, Math.ceil(Math.log(1 - u) / Math.log(1 - eosProbability)));
  return eosAt < maxTokens ? { tokens: eosAt, finish: "eos" } : { tokens: maxTokens, finish: "length" };
}
function requestRandom(serverSeed, requestSeed, promptKey, arrival) {
  if (requestSeed === void 0) return new Random(serverSeed, "simulator", "request", arrival);
  return new Random(serverSeed, "simulator", "seeded-request", requestSeed, promptKey);
}

// src/simulator/prefix-cache.ts
function link(previous, role) {
  return createHash("sha256").update(previous).update(`\0${role}\0`);
}
var PrefixCache = class {
  constructor(capacityTokens) {
    this.capacityTokens = capacityTokens;
  }
  capacityTokens;
  entries = /* @__PURE__ */ new Map();
  storedTokens = 0;
  counters = { lookups: 0, hits: 0, cachedTokens: 0 };
  stats() {
    return { ...this.counters };
  }
  /** Looks up the longest stored history these messages start with, and prepares to store them with their answer. */
  begin(messages, promptTokens) {
    this.counters.lookups++;
    let previous = "";
    let tokens = 0;
    let cachedTokens = 0;
    for (const message of messages) {
      previous = link(previous, message.role).update(message.content).digest("hex");
      tokens += countWords(message.content) + CHAT_TEMPLATE_TOKENS_PER_MESSAGE;
      const stored = this.entries.get(previous);
      if (stored !== void 0) {
        cachedTokens = tokens;
        this.touch(previous, stored);
      }
    }
    cachedTokens = Math.min(cachedTokens, promptTokens - 1);
    if (cachedTokens > 0) {
      this.counters.hits++;
      this.counters.cachedTokens += cachedTokens;
    }
    const answer = link(previous, "assistant");
    let answerTokens = CHAT_TEMPLATE_TOKENS_PER_MESSAGE;
    let finished = false;
    return {
      cachedTokens,
      add(token) {
        if (!token.special) answer.update(token.text);
        answerTokens++;
      },
      finish: () => {
        if (finished) return;
        finished = true;
        this.store(answer.digest("hex"), promptTokens + answerTokens);
      }
    };
  }
  touch(key, tokens) {
    this.entries.delete(key);
    this.entries.set(key, tokens);
  }
  store(key, tokens) {
    const old = this.entries.get(key);
    if (old !== void 0) this.storedTokens -= old;
    this.touch(key, tokens);
    this.storedTokens += tokens;
    for (const [oldest, oldestTokens] of this.entries) {
      if (this.storedTokens <= this.capacityTokens || oldest === key) break;
      this.entries.delete(oldest);
      this.storedTokens -= oldestTokens;
    }
  }
};

// src/simulator/shapes.ts
var SSE_DONE = "data: [DONE]\n\n";
var SSE_COMMENT = ": ping\n\n";
var vllmEvent = (payload) => `data: ${JSON.stringify(payload)}

`;
var tgiEvent = (payload) => `data:${JSON.stringify(payload)}

`;
function usage(promptTokens, completionTokens) {
  return { prompt_tokens: promptTokens, total_tokens: promptTokens + completionTokens, completion_tokens: completionTokens };
}
function openAiError(status, type, message, param = null) {
  return { error: { message, type, param, code: status } };
}
function tgiError(errorType, message) {
  return { error: message, error_type: errorType };
}
var vllmText = (token) => token.special ? "" : token.text;
var vllmFinish = (finish) => finish === null ? null : finish === "eos" ? "stop" : "length";
function chatEncoder(context) {
  const base = { id: context.id, object: "chat.completion.chunk", created: context.created, model: context.model };
  const withUsage = (chunk, completionTokens) => context.continuousUsage ? { ...chunk, usage: usage(context.promptTokens, completionTokens) } : chunk;
  let emitted = 0;
  return {
    token(token, position, finish) {
      emitted = position;
      const choice = finish === null ? { index: 0, delta: { content: vllmText(token) }, logprobs: null, finish_reason: null } : { index: 0, delta: { content: vllmText(token) }, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null };
      const content = vllmEvent(withUsage({ ...base, choices: [choice] }, position));
      if (position > 1) return content;
      const role = { index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null };
      return vllmEvent(withUsage({ ...base, choices: [role] }, 0)) + content;
    },
    closing: () => closingText(context, base, emitted),
    malformed: () => `data: {"id":"${context.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":

`
  };
}
function completionEncoder(context) {
  const base = { id: context.id, object: "text_completion", created: context.created, model: context.model };
  let emitted = 0;
  return {
    token(token, position, finish) {
      emitted = position;
      const choice = { index: 0, text: vllmText(token), logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null };
      const chunk = { ...base, choices: [choice] };
      return vllmEvent(context.continuousUsage ? { ...chunk, usage: usage(context.promptTokens, position) } : chunk);
    },
    closing: () => closingText(context, base, emitted),
    malformed: () => `data: {"id":"${context.id}","object":"text_completion","choices":[{"index":0,"text":"

`
  };
}
function closingText(context, base, completionTokens) {
  const usageChunk = context.includeUsage ? vllmEvent({ ...base, choices: [], usage: usage(context.promptTokens, completionTokens) }) : "";
  return usageChunk + (context.omitEndMarker ? "" : SSE_DONE);
}
function tgiEncoder(context) {
  let generatedText = "";
  return {
    token(token, position, finish) {
      if (!token.special) generatedText += token.text;
      const tgiToken = { id: token.id, text: token.text, logprob: token.logprob, special: token.special };
      if (finish === null || context.omitEndMarker) return tgiEvent({ index: position, token: tgiToken, generated_text: null, details: null });
      const details = context.details ? { finish_reason: finish === "eos" ? "eos_token" : "length", generated_tokens: position, seed: context.seed, input_length: context.promptTokens } : null;
      return tgiEvent({ index: position, token: tgiToken, generated_text: generatedText, details });
    },
    closing: () => "",
    malformed: () => `data:{"index":1,"token":{"id":

`
  };
}
function chatCompletionResponse(context, text, completionTokens, finish) {
  return {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: context.model,
    choices: [
      { index: 0, message: { role: "assistant", content: text, tool_calls: [] }, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }
    ],
    usage: usage(context.promptTokens, completionTokens)
  };
}
function textCompletionResponse(context, text, completionTokens, finish) {
  return {
    id: context.id,
    object: "text_completion",
    created: context.created,
    model: context.model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: vllmFinish(finish), stop_reason: null }],
    usage: usage(context.promptTokens, completionTokens)
  };
}
function modelList(modelName, maxModelLen, created) {
  return {
    object: "list",
    data: [
      {
        id: modelName,
        object: "model",
        created,
        owned_by: "llm-perf-gate-simulator",
        root: modelName,
        parent: null,
        max_model_len: maxModelLen,
        permission: []
      }
    ]
  };
}
function tgiInfo(modelName, version, maxModelLen, maxConcurrentRequests) {
  return {
    model_id: modelName,
    model_sha: null,
    model_pipeline_tag: "text-generation",
    max_concurrent_requests: maxConcurrentRequests,
    max_best_of: 1,
    max_stop_sequences: 4,
    max_input_tokens: maxModelLen - 1,
    max_total_tokens: maxModelLen,
    validation_workers: 1,
    max_client_batch_size: 1,
    router: "llm-perf-gate-simulator",
    version,
    sha: null,
    docker_label: null
  };
}

// src/simulator/requests.ts
var DEFAULT_MAX_TOKENS = 16;
var TGI_DEFAULT_MAX_NEW_TOKENS = 1024;
var badRequest = (message, param = null) => ({
  ok: false,
  refusal: { kind: "json", status: 400, body: openAiError(400, "BadRequestError", message, param) }
});
var isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
var isInteger = (value) => typeof value === "number" && Number.isSafeInteger(value);
function messageText(content) {
  if (typeof content === "string") return content;
  if (content === null || content === void 0) return "";
  if (!Array.isArray(content)) return null;
  let text = "";
  for (const part of content) {
    if (!isObject(part)) return null;
    if (part.type === "text" && typeof part.text === "string") text += `${part.text} `;
  }
  return text;
}
function parseOpenAiRequest(api, body, limits) {
  if (!isObject(body)) return badRequest("The request body must be a JSON object.");
  if (body.model !== void 0 && body.model !== null && body.model !== limits.modelName) {
    return {
      ok: false,
      refusal: { kind: "json", status: 404, body: openAiError(404, "NotFoundError", `The model \`${String(body.model)}\` does not exist.`, "model") }
    };
  }
  let promptTokens;
  let promptKey;
  let chatMessages;
  if (api === "chat") {
    if (!Array.isArray(body.messages) || body.messages.length === 0) return badRequest("`messages` must be a non-empty list.", "messages");
    const messages = [];
    for (const message of body.messages) {
      const content = isObject(message) ? messageText(message.content) : null;
      if (content === null) return badRequest("Each message needs a `role` and a string or text-part `content`.", "messages");
      messages.push({ role: String(message.role), content });
    }
    chatMessages = messages;
    promptTokens = countChatTokens(messages);
    promptKey = messages.map((message) => message.content).join("\0");
  } else {
    if (typeof body.prompt === "string") {
      promptTokens = countWords(body.prompt);
      promptKey = body.prompt;
    } else if (Array.isArray(body.prompt) && body.prompt.length > 0 && body.prompt.every(isInteger)) {
      promptTokens = body.prompt.length;
      promptKey = body.prompt.join(",");
    } else {
      return badRequest("`prompt` must be a string or a list of token ids (the simulator serves one prompt per request).", "prompt");
    }
    if (promptTokens === 0) return badRequest("The prompt cannot be empty.", "prompt");
  }
  if (body.n !== void 0 && body.n !== null && body.n !== 1) return badRequest("The simulator only serves n = 1.", "n");
  const requested = api === "chat" && body.max_completion_tokens !== void 0 && body.max_completion_tokens !== null ? body.max_completion_tokens : body.max_tokens;
  const maxTokens = requested === void 0 || requested === null ? DEFAULT_MAX_TOKENS : requested;
  if (!isInteger(maxTokens) || maxTokens < 1) return badRequest(`max_tokens must be at least 1, got ${String(maxTokens)}.`, "max_tokens");
  if (promptTokens + maxTokens > limits.maxModelLen) {
    return badRequest(
      `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${limits.maxModelLen} tokens and your request has ${promptTokens} input tokens (${maxTokens} > ${limits.maxModelLen} - ${promptTokens}).`,
      "max_tokens"
    );
  }
  const stream = body.stream === true;
  const streamOptions = body.stream_options;
  if (streamOptions !== void 0 && streamOptions !== null) {
    if (!stream) return badRequest("Stream options can only be defined when `stream=True`.", "stream_options");
    if (!isObject(streamOptions)) return badRequest("`stream_options` must be an object.", "stream_options");
  }
  const includeUsage = isObject(streamOptions) && streamOptions.include_usage !== false && streamOptions.include_usage !== null;
  const continuousUsage = includeUsage && isObject(streamOptions) && streamOptions.continuous_usage_stats === true;
  if (body.seed !== void 0 && body.seed !== null && !isInteger(body.seed)) return badRequest("`seed` must be an integer.", "seed");
  return {
    ok: true,
    request: {
      api,
      promptTokens,
      promptKey,
      maxTokens,
      ignoreEos: body.ignore_eos === true,
      stream,
      includeUsage,
      continuousUsage,
      seed: isInteger(body.seed) ? body.seed : void 0,
      details: false,
      ...chatMessages !== void 0 ? { messages: chatMessages } : {}
    }
  };
}
function parseTgiRequest(body, limits) {
  const refuse = (message) => ({ ok: false, refusal: { kind: "tgi-event", message: `Input validation error: ${message}` } });
  if (!isObject(body) || typeof body.inputs !== "string") {
    return { ok: false, refusal: { kind: "json", status: 422, body: "Failed to deserialize the JSON body into the target type: missing field `inputs`" } };
  }
  const parameters = isObject(body.parameters) ? body.parameters : {};
  const promptTokens = countWords(body.inputs);
  if (promptTokens === 0) return refuse("`inputs` cannot be empty");
  if (typeof parameters.temperature === "number" && parameters.temperature <= 0) return refuse("`temperature` must be strictly positive");
  if (parameters.decoder_input_details === true) return refuse("`decoder_input_details` == true is not supported when streaming tokens");
  const requested = parameters.max_new_tokens;
  const maxTokens = requested === void 0 || requested === null ? Math.min(TGI_DEFAULT_MAX_NEW_TOKENS, limits.maxModelLen - promptTokens) : requested;
  if (!isInteger(maxTokens) || maxTokens < 1) return refuse("`max_new_tokens` must be strictly positive");
  if (promptTokens + maxTokens > limits.maxModelLen) {
    return refuse(`\`inputs\` tokens + \`max_new_tokens\` must be <= ${limits.maxModelLen}. Given: ${promptTokens} \`inputs\` tokens and ${maxTokens} \`max_new_tokens\``);
  }
  return {
    ok: true,
    request: {
      api: "tgi",
      promptTokens,
      promptKey: body.inputs,
      maxTokens,
      // TGI has no ignore_eos: the simulated model never stops early here, so output lengths stay exact.
      ignoreEos: true,
      stream: true,
      includeUsage: false,
      continuousUsage: false,
      seed: isInteger(parameters.seed) ? parameters.seed : void 0,
      details: parameters.details === true
    }
  };
}

// src/simulator/session.ts
var VLLM_STREAM_HEADERS = { "content-type": "text/event-stream; charset=utf-8" };
var TGI_STREAM_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no", "x-compute-type": "simulator" };
function sendJson(res, status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const contentType = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json";
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
function sendTgiValidationError(res, message) {
  res.writeHead(200, TGI_STREAM_HEADERS);
  res.end(tgiEvent(tgiError("validation", message)));
}
function sendFaultStatus(res, request, status) {
  const retry = status === 429 ? { "retry-after": "1" } : {};
  if (request.api === "tgi") {
    const body2 = status === 429 ? tgiError("overloaded", "Model is overloaded") : tgiError("incomplete_generation", "Incomplete generation");
    sendJson(res, status, body2, retry);
    return;
  }
  const body = status === 429 ? openAiError(429, "RateLimitError", "Too many requests: the server is overloaded (simulated fault).") : openAiError(500, "InternalServerError", "Internal server error (simulated fault).");
  sendJson(res, status, body, retry);
}
function requestId(api, random) {
  let hex = "";
  for (let i = 0; i < 8; i += 1) hex += random.int(0, 65535).toString(16).padStart(4, "0");
  return api === "chat" ? `chatcmpl-${hex}` : `cmpl-${hex}`;
}
function serveGeneration(res, request, arrival, settings) {
  const random = requestRandom(settings.seed, request.seed, request.promptKey, arrival);
  const length = drawOutputLength(random, request.maxTokens, request.ignoreEos, settings.profile.eosProbabilityPerToken);
  const faultsWanted = Object.values(settings.faults).some((probability) => probability > 0);
  const plan = faultsWanted ? drawFaultPlan(settings.faults, length.tokens, new Random(settings.seed, "simulator", "faults", arrival)) : CLEAN_PLAN;
  if (plan.status !== null) {
    sendFaultStatus(res, request, plan.status);
    return;
  }
  const context = {
    id: requestId(request.api, random),
    created: Math.floor(Date.now() / 1e3),
    model: settings.modelName,
    promptTokens: request.promptTokens,
    includeUsage: request.includeUsage,
    continuousUsage: request.continuousUsage,
    details: request.details,
    seed: request.seed ?? null,
    omitEndMarker: plan.noDone
  };
  const tokens = new TokenSource(random);
  const cacheTurn = request.messages !== void 0 && settings.prefixCache !== null ? settings.prefixCache.begin(request.messages, request.promptTokens) : null;
  const prefillTokens = request.promptTokens - (cacheTurn?.cachedTokens ?? 0);
  const tokenAt = (position) => {
    const token = length.finish === "eos" && position === length.tokens ? tokens.eos() : tokens.next();
    cacheTurn?.add(token);
    return token;
  };
  const finishAt = (last) => last ? length.finish : null;
  let handle;
  let settled = false;
  const settle = () => {
    settled = true;
    handle?.cancel();
  };
  res.on("close", settle);
  if (!request.stream) {
    let text = "";
    handle = settings.engine.submit({
      promptTokens: request.promptTokens,
      prefillTokens,
      maxTokens: request.maxTokens,
      outputTokens: length.tokens,
      onToken(event) {
        if (settled) return;
        const token = tokenAt(event.index + 1);
        if (!token.special) text += token.text;
        if (!event.last) return;
        settled = true;
        cacheTurn?.finish();
        const build = request.api === "chat" ? chatCompletionResponse : textCompletionResponse;
        sendJson(res, 200, build(context, text, length.tokens, length.finish));
      }
    });
    return;
  }
  const encoder = request.api === "chat" ? chatEncoder(context) : request.api === "completions" ? completionEncoder(context) : tgiEncoder(context);
  res.writeHead(200, request.api === "tgi" ? TGI_STREAM_HEADERS : VLLM_STREAM_HEADERS);
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  if (plan.comments) res.write(SSE_COMMENT);
  handle = settings.engine.submit({
    promptTokens: request.promptTokens,
    prefillTokens,
    maxTokens: request.maxTokens,
    outputTokens: length.tokens,
    onToken(event) {
      if (settled || res.destroyed) {
        settle();
        return;
      }
      const position = event.index + 1;
      res.write(encoder.token(tokenAt(position), position, finishAt(event.last)) + (plan.comments ? SSE_COMMENT : ""));
      if (applyMidStreamFaults(res, plan, position, encoder)) {
        settle();
        return;
      }
      if (event.last) {
        settled = true;
        cacheTurn?.finish();
        res.end(encoder.closing());
      }
    }
  });
}
function applyMidStreamFaults(res, plan, position, encoder) {
  if (plan.malformedAfter === position) res.write(encoder.malformed());
  if (plan.resetAfter === position) {
    res.socket?.destroySoon();
    return true;
  }
  return plan.stallAfter === position;
}

// src/simulator/server.ts
var SIMULATOR_VERSION = "1.0.0+llm-perf-gate-simulator";
var MAX_BODY_BYTES = 32 * 1024 * 1024;
var BodyTooLarge = class extends Error {
};
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
async function listen(config) {
  const engine = new BatchingEngine(config.profile, config.slowdown, config.seed, config.clock ?? realClock);
  const prefixCache = config.prefixCache === false ? null : new PrefixCache(config.profile.kvCapacityTokens);
  const settings = { engine, profile: config.profile, seed: config.seed, modelName: config.modelName, faults: config.faults, prefixCache };
  const startedAt = Math.floor(Date.now() / 1e3);
  const limits = { modelName: config.modelName, maxModelLen: config.profile.maxModelLen };
  const sockets = /* @__PURE__ */ new Set();
  let arrivals = 0;
  const generation = (parse, jsonError) => async (req, res) => {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      const refusal = error instanceof BodyTooLarge ? { status: 413, body: openAiError(413, "BadRequestError", "Request body too large.") } : jsonError("The request body is not valid JSON.");
      sendJson(res, refusal.status, refusal.body);
      return;
    }
    const parsed = parse(body);
    if (!parsed.ok) {
      if (parsed.refusal.kind === "json") sendJson(res, parsed.refusal.status, parsed.refusal.body);
      else sendTgiValidationError(res, parsed.refusal.message);
      return;
    }
    serveGeneration(res, parsed.request, arrivals++, settings);
  };
  const openAiJsonError = (message) => ({ status: 400, body: openAiError(400, "BadRequestError", message) });
  const tgiJsonError = (message) => ({ status: 422, body: `Failed to parse the request body as JSON: ${message}` });
  const routes = {
    "/v1/chat/completions": { POST: generation((body) => parseOpenAiRequest("chat", body, limits), openAiJsonError) },
    "/v1/completions": { POST: generation((body) => parseOpenAiRequest("completions", body, limits), openAiJsonError) },
    "/generate_stream": { POST: generation((body) => parseTgiRequest(body, limits), tgiJsonError) },
    "/v1/models": { GET: (_req, res) => sendJson(res, 200, modelList(config.modelName, config.profile.maxModelLen, startedAt)) },
    "/health": { GET: (_req, res) => sendJson(res, 200, "") },
    "/metrics": { GET: (_req, res) => sendJson(res, 200, metricsExposition(engine.stats(), config.profile, config.modelName), { "content-type": EXPOSITION_CONTENT_TYPE }) },
    "/version": { GET: (_req, res) => sendJson(res, 200, { version: SIMULATOR_VERSION }) },
    "/info": { GET: (_req, res) => sendJson(res, 200, tgiInfo(config.modelName, SIMULATOR_VERSION, config.profile.maxModelLen, config.profile.maxRunningSequences)) }
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const methods = Object.hasOwn(routes, path) ? routes[path] : void 0;
    if (methods === void 0) return sendJson(res, 404, { detail: "Not Found" });
    const route = Object.hasOwn(methods, req.method ?? "") ? methods[req.method ?? ""] : void 0;
    if (route === void 0) return sendJson(res, 405, { detail: "Method Not Allowed" }, { allow: Object.keys(methods).join(", ") });
    Promise.resolve(route(req, res)).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(500, "InternalServerError", String(error)));
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the simulator is not listening on a TCP port");
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    stats: () => ({ ...engine.stats(), connections: sockets.size, requests: arrivals, prefixCache: prefixCache?.stats() ?? null }),
    close() {
      closing ??= (async () => {
        engine.stop();
        const serverClosed = new Promise((resolve) => server.close(() => resolve()));
        const socketsClosed = [...sockets].map((socket) => new Promise((resolve) => socket.destroy().once("close", () => resolve())));
        await Promise.all([serverClosed, ...socketsClosed]);
      })();
      return closing;
    }
  };
}

// src/simulator/index.ts
var DEFAULT_MODEL_NAME = "llm-perf-gate/sim-7b";
async function startSimulator(options = {}) {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError(`--port: ${describeValue(port)} is not a port; expected an integer from 0 to 65535`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InputError(`--seed: ${describeValue(seed)} is not an integer`);
  const host = options.host ?? "127.0.0.1";
  try {
    return await listen({
      host,
      port,
      profile: resolveProfile(options.profile),
      seed,
      slowdown: resolveSlowdown(options.slowdown),
      faults: resolveFaults(options.faults),
      modelName: options.modelName ?? DEFAULT_MODEL_NAME,
      ...options.clock !== void 0 ? { clock: options.clock } : {},
      ...options.prefixCache !== void 0 ? { prefixCache: options.prefixCache } : {}
    });
  } catch (error) {
    const code = error.code;
    if (code === "EADDRINUSE") throw new InputError(`--port: ${host}:${port} is already in use; choose another port or 0 for a free one`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new InputError(`--host: cannot listen on ${describeValue(host)}; expected a local address such as 127.0.0.1`);
    throw error;
  }
}
function parseIntegerFlag(flag, value) {
  if (value === void 0) return void 0;
  const parsed = typeof value === "number" ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) throw new InputError(`${flag}: ${describeValue(value)} is not an integer`);
  return parsed;
}
async function runSimulateCommand(options, log) {
  const profileName = options.profile ?? "default";
  const slowdown = parseSlowdown(options.slowdown ?? []);
  const faults = parseFaults(options.faults ?? "");
  const port = parseIntegerFlag("--port", options.port);
  const seed = parseIntegerFlag("--seed", options.seed) ?? 0;
  const simulator = await startSimulator({
    profile: profileName,
    seed,
    slowdown,
    faults,
    ...options.host !== void 0 ? { host: options.host } : {},
    ...port !== void 0 ? { port } : {},
    ...options.modelName !== void 0 ? { modelName: options.modelName } : {}
  });
  log(
    `simulator listening on ${simulator.url} (profile ${profileName}, model ${options.modelName ?? DEFAULT_MODEL_NAME}, seed ${seed}, slowdown ${describeSlowdown(slowdown)}, faults ${describeFaults(faults)})`
  );
  return simulator;
}

export {
  parseSlowdown,
  startSimulator,
  runSimulateCommand
};
