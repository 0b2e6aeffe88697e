if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  CHECKED_REQUEST_FIELDS,
  Growing,
  GrowingBytes,
  MAX_MS,
  checkSummaries,
  parseResultRest,
  parseResultText,
  readResultBytes,
  toComparable
} from "./chunk-D55ENMMY.js";

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
var CHECKED = Object.keys(CHECKED_REQUEST_FIELDS);
var SERIES_FIELDS = { sent_ms: "msOrNull", end_ms: "ms" };
var FIELDS = [...CHECKED, ...Object.keys(SERIES_FIELDS)];
var [COUNT, MS, MS_OR_NULL, FLAG, MS_LIST] = [0, 1, 2, 3, 4];
var KIND_CODES = { count: COUNT, ms: MS, msOrNull: MS_OR_NULL, flag: FLAG, msList: MS_LIST };
var kindOf = (field) => field in SERIES_FIELDS ? SERIES_FIELDS[field] : CHECKED_REQUEST_FIELDS[field];
var KINDS = Int8Array.from(FIELDS, (field) => KIND_CODES[kindOf(field)]);
var [OK, TTFT, E2E, TPOT, INPUT, OUTPUT, MAX, QUEUE, SENT, END] = ["ok", "ttft_ms", "e2e_ms", "tpot_ms", "input_tokens", "output_tokens", "max_tokens", "client_queue_ms", "sent_ms", "end_ms"].map((field) => FIELDS.indexOf(field));
if (FIELDS.filter((_, index) => KINDS[index] === MS_LIST).length !== 1) throw new Error("scan.ts: the columns expect exactly one list field, itl_ms");
var REQUIRED_FIELDS = (1 << CHECKED.length) - 1;
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
  sizes = { records: 1024, values: 1024, itl: 32 * 1024 };
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
  /** An object, from its `{`: calls `read` at its member `name` and checks the others; stops on a second `name`, or on none when `required`. */
  objectWith(name, required, read) {
    this.expect(OPEN_BRACE);
    let seen = false;
    if (!this.empty(CLOSE_BRACE)) {
      do {
        if (!this.isKey(this.key(), name)) {
          this.skip();
          continue;
        }
        if (seen) stop();
        seen = true;
        read();
      } while (this.more(CLOSE_BRACE));
    }
    if (required && !seen) stop();
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
    const series = { ok: new GrowingBytes(this.sizes.records), sent: new Growing(this.sizes.records), end: new Growing(this.sizes.records), ttft: new Growing(this.sizes.records), output: new Growing(this.sizes.records), itlCount: new Growing(this.sizes.records) };
    let records = 0;
    let ok = 0;
    let inputTokens = 0;
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
        let recordInput = 0;
        let recordSent = Number.NaN;
        let recordEnd = Number.NaN;
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
            const kind = KINDS[field];
            if (kind === MS_LIST) {
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
                    if (!(parsed[0] >= 0 && parsed[0] <= MAX_MS)) stop();
                    i = this.pos;
                    c = bytes[i];
                  } else parsed[0] = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
                  if (parsed[0] > MAX_MS) stop();
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
            } else if (kind === FLAG) {
              const value = this.word("true") ? true : this.word("false") ? false : stop();
              if (field === OK) isOk = value;
            } else if (kind === COUNT || kind === MS) {
              this.number();
              const value = parsed[0];
              if (!(value >= 0 && value !== Infinity) || (kind === COUNT ? !Number.isInteger(value) : value > MAX_MS)) stop();
              if (field === OUTPUT) recordOutput = value;
              else if (field === MAX) recordMax = value;
              else if (field === INPUT) recordInput = value;
              else if (field === END) recordEnd = value;
            } else {
              this.nullableNumber();
              if (parsed[0] < 0 || parsed[0] > MAX_MS) stop();
              if (field === TTFT) recordTtft = parsed[0];
              else if (field === TPOT) recordTpot = parsed[0];
              else if (field === E2E) recordE2e = parsed[0];
              else if (field === QUEUE) recordQueue = parsed[0];
              else if (field === SENT) recordSent = parsed[0];
              else if (field === END) recordEnd = parsed[0];
            }
          } while (this.more(CLOSE_BRACE));
        }
        if ((seen & REQUIRED_FIELDS) !== REQUIRED_FIELDS) stop();
        if (isOk && !(recordE2e >= recordTtft)) stop();
        records++;
        itl.length = isOk ? itlEnd : itlStart;
        series.ok.push(isOk ? 1 : 0);
        series.sent.push(recordSent);
        series.end.push(recordEnd);
        series.ttft.push(recordTtft);
        series.output.push(recordOutput);
        series.itlCount.push(isOk ? itlEnd - itlStart : 0);
        if (!isOk) continue;
        ok++;
        inputTokens += recordInput;
        outputTokens += recordOutput;
        maxTokens += recordMax;
        if (recordQueue === recordQueue) clientQueueMs += recordQueue;
        if (recordTtft === recordTtft) ttft.push(recordTtft);
        if (recordTpot === recordTpot) tpot.push(recordTpot);
        if (recordE2e === recordE2e) e2e.push(recordE2e);
      } while (this.more(CLOSE_BRACKET));
    }
    this.sizes = { records: Math.ceil(records * 1.05), values: Math.ceil(ok * 1.05), itl: Math.ceil(itl.length * 1.05) };
    return {
      records,
      ok,
      ttft_ms: ttft.take(),
      tpot_ms: tpot.take(),
      e2e_ms: e2e.take(),
      itl_ms: itl.take(),
      inputTokens,
      outputTokens,
      maxTokens,
      clientQueueMs,
      series: { ok: series.ok.take(), sent_ms: series.sent.take(), end_ms: series.end.take(), ttft_ms: series.ttft.take(), output_tokens: series.output.take(), itl_count: series.itlCount.take() }
    };
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
    scanner.objectWith(TRIALS, false, () => {
      scanner.expect(OPEN_BRACKET);
      if (scanner.empty(CLOSE_BRACKET)) return;
      do {
        scanner.objectWith(REQUESTS, true, () => {
          const start = scanner.peek() === OPEN_BRACKET ? scanner.pos : stop();
          columns.push(scanner.requests());
          cuts.push([start, scanner.pos]);
        });
      } while (scanner.more(CLOSE_BRACKET));
    });
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
function comparableFromBytes(bytes, path, role) {
  const scanned = scanResultColumns(bytes);
  const rest = scanned === null ? null : parseResultRest(scanned.rest, path, role);
  if (scanned === null || rest === null) return toComparable(parseResultText(decodeUtf8(bytes.subarray(0, bytes.length - 1)), path, role));
  return { ...rest, trials: rest.trials.map(({ requests: _requests, ...trial }, index) => ({ ...trial, columns: scanned.columns[index] })) };
}
function readComparableResult(path, role) {
  const result = comparableFromBytes(readResultBytes(path, role), path, role);
  checkSummaries(result, path, role);
  return result;
}

export {
  readComparableResult
};
