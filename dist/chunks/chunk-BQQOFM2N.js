if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  parseResultRest,
  parseResultText,
  pooledItl,
  readResultBytes
} from "./chunk-X4C7OBSO.js";
import {
  InputError
} from "./chunk-XEZUBJ5O.js";

// src/result/columns.ts
function pick(records, ok, field) {
  const values = new Float64Array(ok);
  let kept = 0;
  for (const record of records) {
    const value = record[field];
    if (record.ok && value !== null) values[kept++] = value;
  }
  return kept === ok ? values : values.slice(0, kept);
}
function trialColumns(records) {
  let ok = 0;
  let outputTokens = 0;
  let maxTokens = 0;
  let clientQueueMs = 0;
  for (const record of records) {
    if (!record.ok) continue;
    ok++;
    outputTokens += record.output_tokens;
    maxTokens += record.max_tokens;
    clientQueueMs += record.client_queue_ms ?? 0;
  }
  return {
    records: records.length,
    ok,
    ttft_ms: pick(records, ok, "ttft_ms"),
    tpot_ms: pick(records, ok, "tpot_ms"),
    e2e_ms: pick(records, ok, "e2e_ms"),
    itl_ms: pooledItl(records),
    outputTokens,
    maxTokens,
    clientQueueMs
  };
}
var isComparable = (result) => result.trials.length === 0 || "columns" in result.trials[0];
var cache = /* @__PURE__ */ new WeakMap();
function toComparable(result) {
  if (isComparable(result)) return result;
  let comparable = cache.get(result);
  if (comparable === void 0) {
    comparable = { ...result, trials: result.trials.map(({ requests, ...trial }) => ({ ...trial, columns: trialColumns(requests) })) };
    cache.set(result, comparable);
  }
  return comparable;
}
function columnBuffers(result) {
  return result.trials.flatMap(({ columns }) => [columns.ttft_ms, columns.tpot_ms, columns.e2e_ms, columns.itl_ms].map((array) => array.buffer));
}
function pooledValues(result, metric) {
  const parts = result.trials.map((trial) => trial.columns[metric]);
  const pooled = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    pooled.set(part, offset);
    offset += part.length;
  }
  return pooled;
}

// src/result/load.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/result/scan.ts
var NotScanned = class extends Error {
};
var stop = () => {
  throw new NotScanned();
};
var POWERS_OF_TEN = new Float64Array(Array.from({ length: 23 }, (_, k) => 10 ** k));
var MAX_EXACT_DIGITS = 15;
var QUOTE = 34;
var BACKSLASH = 92;
var COMMA = 44;
var COLON = 58;
var MINUS = 45;
var PLUS = 43;
var DOT = 46;
var ZERO = 48;
var NINE = 57;
var OPEN_BRACE = 123;
var CLOSE_BRACE = 125;
var OPEN_BRACKET = 91;
var CLOSE_BRACKET = 93;
var isDigit = (c) => c >= ZERO && c <= NINE;
var Growing = class {
  values;
  length = 0;
  constructor(capacity) {
    this.values = new Float64Array(Math.max(16, capacity));
  }
  push(value) {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }
  grow() {
    const bigger = new Float64Array(this.values.length * 2);
    bigger.set(this.values);
    this.values = bigger;
  }
  /** The values, in an array of their own length (its buffer may be handed to another thread). */
  take() {
    return this.values.slice(0, this.length);
  }
};
var FIELDS = ["id", "ok", "ttft_ms", "e2e_ms", "tpot_ms", "input_tokens", "output_tokens", "max_tokens", "client_queue_ms", "itl_ms"];
var [ID, OK, TTFT, E2E, TPOT, INPUT, OUTPUT, MAX, QUEUE, ITL] = FIELDS.map((_, index) => index);
var ALL_FIELDS = (1 << FIELDS.length) - 1;
var FIELD_BYTES = FIELDS.map((name) => new TextEncoder().encode(name));
var CANDIDATE = new Int8Array(128 * 32).fill(-1);
FIELD_BYTES.forEach((bytes, index) => {
  const slot = bytes[1] * 32 + bytes.length;
  if (CANDIDATE[slot] !== -1) throw new Error(`scan.ts: fields ${FIELDS[CANDIDATE[slot]]} and ${FIELDS[index]} share a second byte and a length`);
  CANDIDATE[slot] = index;
});
var Scanner = class {
  /** `bytes` ends with a 0 byte past the document, so reading one byte ahead never leaves the array. */
  constructor(bytes) {
    this.bytes = bytes;
  }
  bytes;
  pos = 0;
  /** End of the last key read by key(). */
  keyEnd = 0;
  /** The previous trial's counts: trials of one result are alike, so its arrays rarely need to grow. */
  sizes = { values: 1024, itl: 32 * 1024 };
  /** The last number read, in a typed array: a double returned from a call V8 does not inline is boxed on the heap, five million times a file. */
  parsed = new Float64Array(1);
  /** The next byte that is not whitespace, without consuming it. */
  peek() {
    const bytes = this.bytes;
    let i = this.pos;
    let c = bytes[i];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++i];
    this.pos = i;
    return c;
  }
  expect(code) {
    if (this.peek() !== code) stop();
    this.pos++;
  }
  /** After a member or element: true for a comma (another follows), false for `close`. */
  more(close) {
    const c = this.peek();
    this.pos++;
    if (c === COMMA) return true;
    if (c !== close) stop();
    return false;
  }
  /** True when the container just opened is empty (its `close` is consumed). */
  empty(close) {
    if (this.peek() !== close) return false;
    this.pos++;
    return true;
  }
  /** Skips a string, checking it; returns whether it had escapes. */
  string() {
    const bytes = this.bytes;
    if (this.peek() !== QUOTE) stop();
    let i = this.pos + 1;
    let escaped = false;
    for (; ; ) {
      const c = bytes[i];
      if (c === QUOTE) break;
      if (c < 32) stop();
      if (c === BACKSLASH) {
        escaped = true;
        const next = bytes[++i];
        if (next === 117) {
          for (let k = 1; k <= 4; k++) {
            const h = bytes[i + k];
            if (!(isDigit(h) || h >= 65 && h <= 70 || h >= 97 && h <= 102)) stop();
          }
          i += 4;
        } else if (!(next === QUOTE || next === BACKSLASH || next === 47 || next === 98 || next === 102 || next === 110 || next === 114 || next === 116)) stop();
      }
      i++;
    }
    this.pos = i + 1;
    return escaped;
  }
  /** A member's key and its colon; returns where the key's text starts (`keyEnd` is where it ends). Escaped keys are left to JSON.parse. */
  key() {
    const start = this.peek() === QUOTE ? this.pos + 1 : stop();
    if (this.string()) stop();
    this.keyEnd = this.pos - 1;
    this.expect(COLON);
    return start;
  }
  isKey(start, name) {
    if (this.keyEnd - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (this.bytes[start + k] !== name[k]) return false;
    return true;
  }
  /** The index in FIELDS of the key just read, or -1. */
  field(start) {
    const length = this.keyEnd - start;
    const second = this.bytes[start + 1];
    if (length >= 32 || second >= 128) return -1;
    const candidate = CANDIDATE[second * 32 + length];
    return candidate !== -1 && this.isKey(start, FIELD_BYTES[candidate]) ? candidate : -1;
  }
  /** Reads a number into parsed[0]. */
  number() {
    const bytes = this.bytes;
    const start = this.peek() === 0 ? stop() : this.pos;
    let i = start;
    let c = bytes[i];
    const negative = c === MINUS;
    if (negative) c = bytes[++i];
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    if (c === ZERO) c = bytes[++i];
    else if (c > ZERO && c <= NINE) {
      do {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        c = bytes[++i];
      } while (isDigit(c));
    } else stop();
    if (c === DOT) {
      c = bytes[++i];
      if (!isDigit(c)) stop();
      do {
        mantissa = mantissa * 10 + (c - ZERO);
        if (mantissa !== 0) digits++;
        scale++;
        c = bytes[++i];
      } while (isDigit(c));
    }
    let exact = digits <= MAX_EXACT_DIGITS && scale < POWERS_OF_TEN.length;
    if (c === 101 || c === 69) {
      exact = false;
      c = bytes[++i];
      if (c === PLUS || c === MINUS) c = bytes[++i];
      if (!isDigit(c)) stop();
      do
        c = bytes[++i];
      while (isDigit(c));
    }
    this.pos = i;
    if (!exact) {
      this.parsed[0] = Number(String.fromCharCode(...bytes.subarray(start, i)));
      return;
    }
    const value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
    this.parsed[0] = negative ? -value : value;
  }
  /** Consumes `word` (true, false, null) if it is next. */
  word(word) {
    const bytes = this.bytes;
    const at = this.peek() === word.charCodeAt(0) ? this.pos : -1;
    if (at === -1) return false;
    for (let k = 1; k < word.length; k++) if (bytes[at + k] !== word.charCodeAt(k)) stop();
    this.pos = at + word.length;
    return true;
  }
  /** A number, or NaN for null, into parsed[0]. */
  nullableNumber() {
    if (this.word("null")) this.parsed[0] = Number.NaN;
    else this.number();
  }
  /** Skips any JSON value, checking it. */
  skip(depth = 0) {
    if (depth > 64) stop();
    const c = this.peek();
    if (c === QUOTE) this.string();
    else if (c === OPEN_BRACE) {
      this.pos++;
      if (this.empty(CLOSE_BRACE)) return;
      do {
        this.string();
        this.expect(COLON);
        this.skip(depth + 1);
      } while (this.more(CLOSE_BRACE));
    } else if (c === OPEN_BRACKET) {
      this.pos++;
      if (this.empty(CLOSE_BRACKET)) return;
      do
        this.skip(depth + 1);
      while (this.more(CLOSE_BRACKET));
    } else if (!(this.word("true") || this.word("false") || this.word("null"))) this.number();
  }
  /** One trial's `requests` array, from its `[`, into columns. */
  requests() {
    const bytes = this.bytes;
    const parsed = this.parsed;
    this.expect(OPEN_BRACKET);
    const ttft = new Growing(this.sizes.values);
    const tpot = new Growing(this.sizes.values);
    const e2e = new Growing(this.sizes.values);
    const itl = new Growing(this.sizes.itl);
    let records = 0;
    let ok = 0;
    let outputTokens = 0;
    let maxTokens = 0;
    let clientQueueMs = 0;
    if (!this.empty(CLOSE_BRACKET)) {
      do {
        this.expect(OPEN_BRACE);
        let seen = 0;
        let isOk = false;
        let recordTtft = Number.NaN;
        let recordTpot = Number.NaN;
        let recordE2e = Number.NaN;
        let recordQueue = Number.NaN;
        let recordOutput = 0;
        let recordMax = 0;
        const itlStart = itl.length;
        let itlEnd = itlStart;
        if (!this.empty(CLOSE_BRACE)) {
          do {
            let i = this.pos;
            let c = bytes[i];
            while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++i];
            if (c !== QUOTE) stop();
            const keyStart = ++i;
            c = bytes[i];
            while (c !== QUOTE) {
              if (c < 32 || c === BACKSLASH) stop();
              c = bytes[++i];
            }
            this.keyEnd = i;
            this.pos = i + 1;
            this.expect(COLON);
            const field = this.field(keyStart);
            if (field === -1) {
              this.skip();
              continue;
            }
            if ((seen & 1 << field) !== 0) stop();
            seen |= 1 << field;
            if (field === ITL) {
              this.expect(OPEN_BRACKET);
              itl.length = itlStart;
              if (!this.empty(CLOSE_BRACKET)) {
                i = this.pos;
                for (; ; ) {
                  c = bytes[i];
                  while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++i];
                  const numberStart = i;
                  const startsWithDigit = c >= ZERO && c <= NINE;
                  let mantissa = 0;
                  let digits = 0;
                  let scale = 0;
                  if (c === ZERO) c = bytes[++i];
                  else {
                    while (c >= ZERO && c <= NINE) {
                      mantissa = mantissa * 10 + (c - ZERO);
                      digits++;
                      c = bytes[++i];
                    }
                  }
                  if (c === DOT) {
                    c = bytes[++i];
                    while (c >= ZERO && c <= NINE) {
                      mantissa = mantissa * 10 + (c - ZERO);
                      if (mantissa !== 0) digits++;
                      scale++;
                      c = bytes[++i];
                    }
                  }
                  if (!startsWithDigit || c === 101 || c === 69 || digits > MAX_EXACT_DIGITS || scale >= POWERS_OF_TEN.length || scale === 0 && bytes[i - 1] === DOT || c >= ZERO && c <= NINE) {
                    this.pos = numberStart;
                    this.number();
                    i = this.pos;
                    c = bytes[i];
                  } else parsed[0] = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
                  itl.push(parsed[0]);
                  while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++i];
                  i++;
                  if (c === COMMA) continue;
                  if (c !== CLOSE_BRACKET) stop();
                  break;
                }
                this.pos = i;
              }
              itlEnd = itl.length;
            } else if (field === OK) {
              if (this.word("true")) isOk = true;
              else if (this.word("false")) isOk = false;
              else stop();
            } else if (field === ID || field === INPUT || field === OUTPUT || field === MAX) {
              this.number();
              if (field === OUTPUT) recordOutput = parsed[0];
              else if (field === MAX) recordMax = parsed[0];
            } else {
              this.nullableNumber();
              if (field === TTFT) recordTtft = parsed[0];
              else if (field === TPOT) recordTpot = parsed[0];
              else if (field === E2E) recordE2e = parsed[0];
              else if (field === QUEUE) recordQueue = parsed[0];
            }
          } while (this.more(CLOSE_BRACE));
        }
        if (seen !== ALL_FIELDS) stop();
        records++;
        itl.length = isOk ? itlEnd : itlStart;
        if (!isOk) continue;
        ok++;
        outputTokens += recordOutput;
        maxTokens += recordMax;
        if (recordQueue === recordQueue) clientQueueMs += recordQueue;
        if (recordTtft === recordTtft) ttft.push(recordTtft);
        if (recordTpot === recordTpot) tpot.push(recordTpot);
        if (recordE2e === recordE2e) e2e.push(recordE2e);
      } while (this.more(CLOSE_BRACKET));
    }
    this.sizes = { values: Math.ceil(ok * 1.05), itl: Math.ceil(itl.length * 1.05) };
    return { records, ok, ttft_ms: ttft.take(), tpot_ms: tpot.take(), e2e_ms: e2e.take(), itl_ms: itl.take(), outputTokens, maxTokens, clientQueueMs };
  }
};
var utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
var decodeUtf8 = (bytes) => utf8.decode(bytes);
var TRIALS = new TextEncoder().encode("trials");
var REQUESTS = new TextEncoder().encode("requests");
function scanResultColumns(bytes) {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0) throw new Error("scanResultColumns: the bytes must end with a 0 sentinel");
  const end = bytes.length - 1;
  const scanner = new Scanner(bytes);
  const columns = [];
  const cuts = [];
  try {
    scanner.expect(OPEN_BRACE);
    let trialsSeen = false;
    if (!scanner.empty(CLOSE_BRACE)) {
      do {
        if (!scanner.isKey(scanner.key(), TRIALS)) {
          scanner.skip();
          continue;
        }
        if (trialsSeen) stop();
        trialsSeen = true;
        scanner.expect(OPEN_BRACKET);
        if (scanner.empty(CLOSE_BRACKET)) continue;
        do {
          scanner.expect(OPEN_BRACE);
          let requestsSeen = false;
          if (!scanner.empty(CLOSE_BRACE)) {
            do {
              if (!scanner.isKey(scanner.key(), REQUESTS)) {
                scanner.skip();
                continue;
              }
              if (requestsSeen) stop();
              requestsSeen = true;
              const start = scanner.peek() === OPEN_BRACKET ? scanner.pos : stop();
              columns.push(scanner.requests());
              cuts.push([start, scanner.pos]);
            } while (scanner.more(CLOSE_BRACE));
          }
          if (!requestsSeen) stop();
        } while (scanner.more(CLOSE_BRACKET));
      } while (scanner.more(CLOSE_BRACE));
    }
    scanner.peek();
    if (scanner.pos !== end) stop();
  } catch (error) {
    if (error instanceof NotScanned || error instanceof RangeError) return null;
    throw error;
  }
  const parts = [];
  let from = 0;
  for (const [start, stopAt] of cuts) {
    parts.push(decodeUtf8(bytes.subarray(from, start)), "[]");
    from = stopAt;
  }
  parts.push(decodeUtf8(bytes.subarray(from, end)));
  return { rest: parts.join(""), columns };
}

// src/result/load.ts
function defaultReadWorker() {
  const candidates = [new URL("./read-result-worker.js", import.meta.url), new URL("../read-result-worker.js", import.meta.url)];
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null;
}
function comparableFromBytes(bytes, path, role) {
  const scanned = scanResultColumns(bytes);
  const rest = scanned === null ? null : parseResultRest(scanned.rest, path, role);
  if (scanned === null || rest === null) return toComparable(parseResultText(decodeUtf8(bytes.subarray(0, bytes.length - 1)), path, role));
  return { ...rest, trials: rest.trials.map(({ requests: _requests, ...trial }, index) => ({ ...trial, columns: scanned.columns[index] })) };
}
function readComparableResult(path, role) {
  return comparableFromBytes(readResultBytes(path, role), path, role);
}
function readOnWorker(file, worker) {
  return new Promise((resolve) => {
    const thread = new Worker(worker, { workerData: file });
    thread.once("message", (reply) => resolve(reply));
    thread.once("error", (error) => resolve({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: ${error.message}`, stack: error.stack ?? "" }));
    thread.once("exit", (code) => resolve({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: it exited with code ${code} before replying`, stack: "" }));
  });
}
function readHere(file) {
  try {
    return { ok: true, result: readComparableResult(file.path, file.role) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, input: true, message: error.message, stack: error.stack ?? "" };
    throw error;
  }
}
async function readComparableResults(files, options = {}) {
  const worker = options.worker === void 0 ? defaultReadWorker() : options.worker;
  const parallel = worker !== null && existsSync(fileURLToPath(worker));
  const [first, ...rest] = files;
  if (first === void 0) return [];
  const pending = parallel ? rest.map((file) => readOnWorker(file, worker)) : [];
  const head = readHere(first);
  if (head.ok && options.whileWaiting !== void 0) options.whileWaiting(head.result);
  const replies = [head, ...parallel ? await Promise.all(pending) : rest.map(readHere)];
  return replies.map((reply) => {
    if (reply.ok) return reply.result;
    if (reply.input) throw new InputError(reply.message);
    const error = new Error(reply.message);
    error.stack = reply.stack;
    throw error;
  });
}

export {
  toComparable,
  columnBuffers,
  pooledValues,
  readComparableResult,
  readComparableResults
};
