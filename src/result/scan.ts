/**
 * Builds a result's request columns straight from the bytes of the file, without materialising
 * the request records. A 10 × 10,000-request result is about 5 million JSON values, nearly all
 * of them inside `trials[].requests`; JSON.parse turns each into a heap value, and garbage
 * collection follows, only for `compare` to copy a few fields into typed arrays. Scanning is
 * about as fast as JSON.parse on a small runner, but two such results then take 280 MB instead
 * of 460–490 MB, and the heap no longer grows with every request (measured for the figures in
 * BENCHMARKS.md, compare-speed). No JSON library extracts typed columns from chosen arrays, so
 * this scanner is written by hand, and kept honest three ways:
 *
 * - it accepts only strict JSON (RFC 8259) inside the request arrays; the rest of the document
 *   is left to JSON.parse, with each request array replaced by `[]`;
 * - it applies `requestProblem`'s rules to every record (io.ts; the kinds of schema.ts
 *   CHECKED_REQUEST_FIELDS: integers and times >= 0, finite, and a success with its first and last token);
 * - it answers null at the first thing it does not handle (a missing or duplicate field, an
 *   escaped key, invalid JSON, a wrong type), and the caller then parses the whole file the
 *   ordinary way, whose error message names the file, the record and the field.
 *
 * So for any input the scanner either gives the same columns as JSON.parse + trialColumns or
 * defers to them; test/result/scan.test.ts checks that on valid files and on mutated ones.
 */
import type { TrialColumns } from './columns.js'
import { Growing, GrowingBytes } from './growing.js'
import { CHECKED_REQUEST_FIELDS, MAX_MS, type RequestFieldKind } from './schema.js'

export interface ScannedResult {
  /** The document with every `trials[].requests` array replaced by `[]`, for JSON.parse. */
  rest: string
  /** One per element of `trials`, in order. */
  columns: TrialColumns[]
}

class NotScanned extends Error {}
const stop = (): never => {
  throw new NotScanned()
}

// Exact powers of ten: a decimal with at most 15 significant digits and 22 fraction digits is
// then one correctly rounded division of two exact doubles, the value JSON.parse gives (Clinger's fast path).
const POWERS_OF_TEN = new Float64Array(Array.from({ length: 23 }, (_, k) => 10 ** k))
const MAX_EXACT_DIGITS = 15

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE

// The fields of a request record that the columns or the validation need (schema.ts), and each one's kind;
// then two that the report's time series read where a record has them (columns.ts SeriesColumns).
const CHECKED = Object.keys(CHECKED_REQUEST_FIELDS) as Array<keyof typeof CHECKED_REQUEST_FIELDS>
const SERIES_FIELDS = { sent_ms: 'msOrNull', end_ms: 'ms' } as const satisfies Record<string, RequestFieldKind>
type Field = keyof typeof CHECKED_REQUEST_FIELDS | keyof typeof SERIES_FIELDS
const FIELDS: Field[] = [...CHECKED, ...(Object.keys(SERIES_FIELDS) as Array<keyof typeof SERIES_FIELDS>)]
// Kinds as small integers: the loop below compares one per field, millions of times.
const [COUNT, MS, MS_OR_NULL, FLAG, MS_LIST] = [0, 1, 2, 3, 4]
const KIND_CODES: Record<RequestFieldKind, number> = { count: COUNT, ms: MS, msOrNull: MS_OR_NULL, flag: FLAG, msList: MS_LIST }
const kindOf = (field: Field): RequestFieldKind => (field in SERIES_FIELDS ? SERIES_FIELDS[field as keyof typeof SERIES_FIELDS] : CHECKED_REQUEST_FIELDS[field as keyof typeof CHECKED_REQUEST_FIELDS])
const KINDS = Int8Array.from(FIELDS, (field) => KIND_CODES[kindOf(field)])
const [OK, TTFT, E2E, TPOT, INPUT, OUTPUT, MAX, QUEUE, SENT, END] = (['ok', 'ttft_ms', 'e2e_ms', 'tpot_ms', 'input_tokens', 'output_tokens', 'max_tokens', 'client_queue_ms', 'sent_ms', 'end_ms'] as const).map((field) => FIELDS.indexOf(field))
if (FIELDS.filter((_, index) => KINDS[index] === MS_LIST).length !== 1) throw new Error('scan.ts: the columns expect exactly one list field, itl_ms')
/** Every checked field must be there; sent_ms and end_ms are read where a record has them. */
const REQUIRED_FIELDS = (1 << CHECKED.length) - 1
const FIELD_BYTES = FIELDS.map((name) => new TextEncoder().encode(name))
// A key's candidate field by its second byte and length, checked byte by byte after: one comparison a key.
const CANDIDATE = new Int8Array(128 * 32).fill(-1)
FIELD_BYTES.forEach((bytes, index) => {
  const slot = bytes[1]! * 32 + bytes.length
  if (CANDIDATE[slot] !== -1) throw new Error(`scan.ts: fields ${FIELDS[CANDIDATE[slot]!]} and ${FIELDS[index]} share a second byte and a length`)
  CANDIDATE[slot] = index
})

class Scanner {
  pos = 0
  /** End of the last key read by key(). */
  keyEnd = 0
  /** The previous trial's counts: trials of one result are alike, so its arrays rarely need to grow. */
  sizes = { records: 1024, values: 1024, itl: 32 * 1024 }
  /** The last number read, in a typed array: a double returned from a call V8 does not inline is boxed on the heap, five million times a file. */
  readonly parsed = new Float64Array(1)
  /** `bytes` ends with a 0 byte past the document, so reading one byte ahead never leaves the array. */
  constructor(readonly bytes: Uint8Array) {}

  /** The next byte that is not whitespace, without consuming it. */
  peek(): number {
    const bytes = this.bytes
    let i = this.pos
    let c = bytes[i]!
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++i]!
    this.pos = i
    return c
  }

  expect(code: number): void {
    if (this.peek() !== code) stop()
    this.pos++
  }

  /** After a member or element: true for a comma (another follows), false for `close`. */
  more(close: number): boolean {
    const c = this.peek()
    this.pos++
    if (c === COMMA) return true
    if (c !== close) stop()
    return false
  }

  /** True when the container just opened is empty (its `close` is consumed). */
  empty(close: number): boolean {
    if (this.peek() !== close) return false
    this.pos++
    return true
  }

  /** Skips a string, checking it; returns whether it had escapes. */
  string(): boolean {
    const bytes = this.bytes
    if (this.peek() !== QUOTE) stop()
    let i = this.pos + 1
    let escaped = false
    for (;;) {
      const c = bytes[i]!
      if (c === QUOTE) break
      if (c < 0x20) stop() // control characters, and the 0 past the end
      if (c === BACKSLASH) {
        escaped = true
        const next = bytes[++i]!
        if (next === 0x75) {
          for (let k = 1; k <= 4; k++) {
            const h = bytes[i + k]!
            if (!(isDigit(h) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66))) stop()
          }
          i += 4
        } else if (!(next === QUOTE || next === BACKSLASH || next === 0x2f || next === 0x62 || next === 0x66 || next === 0x6e || next === 0x72 || next === 0x74)) stop()
      }
      i++
    }
    this.pos = i + 1
    return escaped
  }

  /** A member's key and its colon; returns where the key's text starts (`keyEnd` is where it ends). Escaped keys are left to JSON.parse. */
  key(): number {
    const start = this.peek() === QUOTE ? this.pos + 1 : stop()
    if (this.string()) stop()
    this.keyEnd = this.pos - 1
    this.expect(COLON)
    return start
  }

  isKey(start: number, name: Uint8Array): boolean {
    if (this.keyEnd - start !== name.length) return false
    for (let k = 0; k < name.length; k++) if (this.bytes[start + k] !== name[k]) return false
    return true
  }

  /** The index in FIELDS of the key just read, or -1. */
  field(start: number): number {
    const length = this.keyEnd - start
    const second = this.bytes[start + 1]!
    if (length >= 32 || second >= 128) return -1
    const candidate = CANDIDATE[second * 32 + length]!
    return candidate !== -1 && this.isKey(start, FIELD_BYTES[candidate]!) ? candidate : -1
  }

  /** Reads a number into parsed[0]. */
  number(): void {
    const bytes = this.bytes
    const start = this.peek() === 0 ? stop() : this.pos
    let i = start
    let c = bytes[i]!
    const negative = c === MINUS
    if (negative) c = bytes[++i]!
    let mantissa = 0
    let digits = 0
    let scale = 0
    if (c === ZERO) c = bytes[++i]!
    else if (c > ZERO && c <= NINE) {
      do {
        mantissa = mantissa * 10 + (c - ZERO)
        digits++
        c = bytes[++i]!
      } while (isDigit(c))
    } else stop()
    if (c === DOT) {
      c = bytes[++i]!
      if (!isDigit(c)) stop()
      do {
        mantissa = mantissa * 10 + (c - ZERO)
        if (mantissa !== 0) digits++
        scale++
        c = bytes[++i]!
      } while (isDigit(c))
    }
    let exact = digits <= MAX_EXACT_DIGITS && scale < POWERS_OF_TEN.length
    if (c === 0x65 || c === 0x45) {
      exact = false
      c = bytes[++i]!
      if (c === PLUS || c === MINUS) c = bytes[++i]!
      if (!isDigit(c)) stop()
      do c = bytes[++i]!
      while (isDigit(c))
    }
    this.pos = i
    // JSON's number grammar is a subset of Number()'s, which rounds correctly.
    if (!exact) {
      this.parsed[0] = Number(String.fromCharCode(...bytes.subarray(start, i)))
      return
    }
    const value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!
    this.parsed[0] = negative ? -value : value
  }

  /** Consumes `word` (true, false, null) if it is next. */
  word(word: string): boolean {
    const bytes = this.bytes
    const at = this.peek() === word.charCodeAt(0) ? this.pos : -1
    if (at === -1) return false
    for (let k = 1; k < word.length; k++) if (bytes[at + k] !== word.charCodeAt(k)) stop()
    this.pos = at + word.length
    return true
  }

  /** A number, or NaN for null, into parsed[0]. */
  nullableNumber(): void {
    if (this.word('null')) this.parsed[0] = Number.NaN
    else this.number()
  }

  /** Skips any JSON value, checking it. */
  skip(depth = 0): void {
    if (depth > 64) stop()
    const c = this.peek()
    if (c === QUOTE) this.string()
    else if (c === OPEN_BRACE) {
      this.pos++
      if (this.empty(CLOSE_BRACE)) return
      do {
        this.string()
        this.expect(COLON)
        this.skip(depth + 1)
      } while (this.more(CLOSE_BRACE))
    } else if (c === OPEN_BRACKET) {
      this.pos++
      if (this.empty(CLOSE_BRACKET)) return
      do this.skip(depth + 1)
      while (this.more(CLOSE_BRACKET))
    } else if (!(this.word('true') || this.word('false') || this.word('null'))) this.number()
  }

  /** An object, from its `{`: calls `read` at its member `name` and checks the others; stops on a second `name`, or on none when `required`. */
  objectWith(name: Uint8Array, required: boolean, read: () => void): void {
    this.expect(OPEN_BRACE)
    let seen = false
    if (!this.empty(CLOSE_BRACE)) {
      do {
        if (!this.isKey(this.key(), name)) {
          this.skip()
          continue
        }
        if (seen) stop()
        seen = true
        read()
      } while (this.more(CLOSE_BRACE))
    }
    if (required && !seen) stop()
  }

  /** One trial's `requests` array, from its `[`, into columns. */
  requests(): TrialColumns {
    // The loop over records, keys and ITL values is written out with a local cursor, the rarer
    // values through the methods above: V8 does not inline calls this deep, and a call per byte
    // class made this scanner slower than JSON.parse.
    const bytes = this.bytes
    const parsed = this.parsed
    this.expect(OPEN_BRACKET)
    const ttft = new Growing(this.sizes.values)
    const tpot = new Growing(this.sizes.values)
    const e2e = new Growing(this.sizes.values)
    const itl = new Growing(this.sizes.itl)
    const series = { ok: new GrowingBytes(this.sizes.records), sent: new Growing(this.sizes.records), end: new Growing(this.sizes.records), ttft: new Growing(this.sizes.records), output: new Growing(this.sizes.records), itlCount: new Growing(this.sizes.records) }
    let records = 0
    let ok = 0
    let inputTokens = 0
    let outputTokens = 0
    let maxTokens = 0
    let clientQueueMs = 0
    if (!this.empty(CLOSE_BRACKET)) {
      do {
        this.expect(OPEN_BRACE)
        let seen = 0
        let isOk = false
        let recordTtft = Number.NaN
        let recordTpot = Number.NaN
        let recordE2e = Number.NaN
        let recordQueue = Number.NaN
        let recordOutput = 0
        let recordMax = 0
        let recordInput = 0
        let recordSent = Number.NaN
        let recordEnd = Number.NaN
        // ITL values go after the committed ones, and stay only if the record is a success.
        const itlStart = itl.length
        let itlEnd = itlStart
        if (!this.empty(CLOSE_BRACE)) {
          do {
            // The key: plain bytes up to the closing quote (escaped keys are left to JSON.parse).
            let i = this.pos
            let c = bytes[i]!
            while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++i]!
            if (c !== QUOTE) stop()
            const keyStart = ++i
            c = bytes[i]!
            while (c !== QUOTE) {
              if (c < 0x20 || c === BACKSLASH) stop()
              c = bytes[++i]!
            }
            this.keyEnd = i
            this.pos = i + 1
            this.expect(COLON)
            const field = this.field(keyStart)
            if (field === -1) {
              this.skip()
              continue
            }
            if ((seen & (1 << field)) !== 0) stop() // JSON.parse keeps the last; leave duplicates to it
            seen |= 1 << field
            const kind = KINDS[field]!
            if (kind === MS_LIST) {
              this.expect(OPEN_BRACKET)
              itl.length = itlStart
              if (!this.empty(CLOSE_BRACKET)) {
                i = this.pos
                for (;;) {
                  c = bytes[i]!
                  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++i]!
                  // The common number: unsigned, at most 15 digits and 22 after the point, no exponent.
                  const numberStart = i
                  const startsWithDigit = c >= ZERO && c <= NINE
                  let mantissa = 0
                  let digits = 0
                  let scale = 0
                  if (c === ZERO) c = bytes[++i]!
                  else {
                    while (c >= ZERO && c <= NINE) {
                      mantissa = mantissa * 10 + (c - ZERO)
                      digits++
                      c = bytes[++i]!
                    }
                  }
                  if (c === DOT) {
                    c = bytes[++i]!
                    while (c >= ZERO && c <= NINE) {
                      mantissa = mantissa * 10 + (c - ZERO)
                      if (mantissa !== 0) digits++
                      scale++
                      c = bytes[++i]!
                    }
                  }
                  if (!startsWithDigit || c === 0x65 || c === 0x45 || digits > MAX_EXACT_DIGITS || scale >= POWERS_OF_TEN.length || (scale === 0 && bytes[i - 1] === DOT) || (c >= ZERO && c <= NINE)) {
                    // Anything else (a sign, an exponent, many digits, or no number): the full reader decides.
                    this.pos = numberStart
                    this.number()
                    if (!(parsed[0]! >= 0 && parsed[0]! <= MAX_MS)) stop()
                    i = this.pos
                    c = bytes[i]!
                  } else parsed[0] = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!
                  if (parsed[0]! > MAX_MS) stop()
                  itl.push(parsed[0]!)
                  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++i]!
                  i++
                  if (c === COMMA) continue
                  if (c !== CLOSE_BRACKET) stop()
                  break
                }
                this.pos = i
              }
              itlEnd = itl.length
            } else if (kind === FLAG) {
              const value = this.word('true') ? true : this.word('false') ? false : stop()
              if (field === OK) isOk = value
            } else if (kind === COUNT || kind === MS) {
              this.number()
              const value = parsed[0]!
              if (!(value >= 0 && value !== Infinity) || (kind === COUNT ? !Number.isInteger(value) : value > MAX_MS)) stop()
              if (field === OUTPUT) recordOutput = value
              else if (field === MAX) recordMax = value
              else if (field === INPUT) recordInput = value
              else if (field === END) recordEnd = value
            } else {
              this.nullableNumber()
              // NaN stands for null here.
              if (parsed[0]! < 0 || parsed[0]! > MAX_MS) stop()
              if (field === TTFT) recordTtft = parsed[0]!
              else if (field === TPOT) recordTpot = parsed[0]!
              else if (field === E2E) recordE2e = parsed[0]!
              else if (field === QUEUE) recordQueue = parsed[0]!
              else if (field === SENT) recordSent = parsed[0]!
              else if (field === END) recordEnd = parsed[0]!
            }
          } while (this.more(CLOSE_BRACE))
        }
        if ((seen & REQUIRED_FIELDS) !== REQUIRED_FIELDS) stop()
        // A success has its first and its last token, the last not before the first (schema.ts successProblem).
        if (isOk && !(recordE2e >= recordTtft)) stop()
        records++
        itl.length = isOk ? itlEnd : itlStart
        series.ok.push(isOk ? 1 : 0)
        series.sent.push(recordSent)
        series.end.push(recordEnd)
        series.ttft.push(recordTtft)
        series.output.push(recordOutput)
        series.itlCount.push(isOk ? itlEnd - itlStart : 0)
        if (!isOk) continue
        ok++
        inputTokens += recordInput
        outputTokens += recordOutput
        maxTokens += recordMax
        if (recordQueue === recordQueue) clientQueueMs += recordQueue
        if (recordTtft === recordTtft) ttft.push(recordTtft)
        if (recordTpot === recordTpot) tpot.push(recordTpot)
        if (recordE2e === recordE2e) e2e.push(recordE2e)
      } while (this.more(CLOSE_BRACKET))
    }
    this.sizes = { records: Math.ceil(records * 1.05), values: Math.ceil(ok * 1.05), itl: Math.ceil(itl.length * 1.05) }
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
    }
  }
}

// Keeps a byte order mark as U+FEFF, as readFileSync(path, 'utf8') does, so JSON.parse rejects it
// wherever it stands; invalid sequences become U+FFFD, and cuts at ASCII bytes decode the same.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
export const decodeUtf8 = (bytes: Uint8Array): string => utf8.decode(bytes)

const TRIALS = new TextEncoder().encode('trials')
const REQUESTS = new TextEncoder().encode('requests')

/**
 * The request columns of every trial and the rest of the document, or null when the bytes are
 * anything but a result whose request arrays hold valid records (the caller then parses the file
 * in full, and that names what is wrong). `bytes` must end with one 0 byte past the document.
 */
export function scanResultColumns(bytes: Uint8Array): ScannedResult | null {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0) throw new Error('scanResultColumns: the bytes must end with a 0 sentinel')
  const end = bytes.length - 1
  const scanner = new Scanner(bytes)
  const columns: TrialColumns[] = []
  const cuts: Array<[number, number]> = []
  try {
    scanner.objectWith(TRIALS, false, () => {
      scanner.expect(OPEN_BRACKET)
      if (scanner.empty(CLOSE_BRACKET)) return
      do {
        scanner.objectWith(REQUESTS, true, () => {
          const start = scanner.peek() === OPEN_BRACKET ? scanner.pos : stop()
          columns.push(scanner.requests())
          cuts.push([start, scanner.pos])
        })
      } while (scanner.more(CLOSE_BRACKET))
    })
    scanner.peek()
    if (scanner.pos !== end) stop()
  } catch (error) {
    if (error instanceof NotScanned || error instanceof RangeError) return null
    throw error
  }
  const parts: string[] = []
  let from = 0
  for (const [start, stopAt] of cuts) {
    parts.push(decodeUtf8(bytes.subarray(from, start)), '[]')
    from = stopAt
  }
  parts.push(decodeUtf8(bytes.subarray(from, end)))
  return { rest: parts.join(''), columns }
}
