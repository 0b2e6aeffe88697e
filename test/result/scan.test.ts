import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { toComparable, type ComparableResult } from '../../src/result/columns.js'
import { parseResultText, readResultBytes } from '../../src/result/io.js'
import { comparableFromBytes } from '../../src/result/load.js'
import { scanResultColumns } from '../../src/result/scan.js'
import { Random } from '../../src/random.js'

// The scanner's promise (scan.ts): for any bytes, either the columns JSON.parse + trialColumns
// would give, or null so that the ordinary reader decides. Checked on generated results written
// in several ways, and on thousands of mutations of one, against the ordinary reader.

/** Uniform draws from the project's seeded generator, so a failing case can be reproduced from its seed. */
function generator(seed: number): () => number {
  const random = new Random(seed)
  return () => random.uniform()
}

// Numbers in every form JSON allows, including the ones the scanner hands to Number().
// Times a result can hold (schema.ts MAX_MS: at most 1e10 ms), awkward to parse: signed zero, binary fractions, the smallest double, 17 significant digits.
const AWKWARD_NUMBERS = [0, -0, 1, 7.142, 0.1 + 0.2, 1e-7, 123456789.123456, 5e-324, 12.5, 999999999.99999988, 0.000001234]

function record(random: () => number, id: number): Record<string, unknown> {
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!
  const ok = random() > 0.15
  const tokens = 1 + Math.floor(random() * 6)
  const someTime = (): number => (random() < 0.2 ? pick(AWKWARD_NUMBERS) : Math.round(random() * 1e6) / 1e3)
  const time = (): number | null => (random() < 0.1 ? null : someTime())
  // A success has a first token, and its last token no earlier (schema.ts successProblem).
  const ttft = ok ? someTime() : time()
  const e2e = ok ? ttft! + Math.round(random() * 1e5) / 1e3 : time()
  const fields: Record<string, unknown> = {
    id,
    scheduled_ms: Math.round(random() * 1e5) / 100,
    sent_ms: random() * 1000,
    client_queue_ms: time(),
    ttft_ms: ttft,
    e2e_ms: e2e,
    tpot_ms: time(),
    itl_ms: Array.from({ length: random() < 0.1 ? 0 : tokens }, () => (random() < 0.1 ? pick(AWKWARD_NUMBERS) : Math.round(random() * 2e4) / 1e3)),
    input_tokens: Math.floor(random() * 600),
    input_tokens_source: pick(['usage', 'estimate', 'caf\u00e9 "quoted" \\ \n\t\u2028 \ud83d\ude00']),
    output_tokens: tokens,
    output_tokens_source: 'usage',
    max_tokens: pick([tokens, 32, 1e3]),
    content_events: tokens,
    done: random() > 0.5,
    ok,
    nested: random() < 0.2 ? { a: [1, { b: null, c: [true, false, 'x'] }], '': {}, 'k\u0000ey': [] } : undefined
  }
  if (!ok) fields.error = { kind: pick(['http', 'timeout', 'connection']), status: pick([500, null]), message: 'upstream said: {"error": "boom"} \u00e9' }
  const keys = Object.keys(fields)
  // Key order is not fixed by JSON; shuffle it for some records.
  if (random() < 0.5) keys.sort(() => random() - 0.5)
  return Object.fromEntries(keys.map((key) => [key, fields[key]]))
}

function resultText(seed: number, trials: number, requests: number, indent?: number): string {
  const random = generator(seed)
  const summary = { count: 0, mean: null, stddev: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null }
  const distributions = { ttft_ms: summary, tpot_ms: summary, itl_ms: summary, e2e_ms: summary, schedule_lag_ms: summary }
  const scalars = { request_throughput: 1, output_throughput: 2, total_throughput: 3, goodput: null, error_rate: 0 }
  const document = {
    schema: 'llm-perf-gate/result@1',
    definitions: 1,
    tool: { name: 'llm-perf-gate', version: 'test' },
    created_at: '2026-11-23T00:00:00.000Z',
    workload: { name: 'scan', workload_hash: 'sha256:scan', note: 'a "requests": [ in a string' },
    environment: { server: { url: 'http://127.0.0.1:1', model: 'm', version: null }, gpu: [], runner: {} },
    trials: Array.from({ length: trials }, (_, index) => ({
      index,
      started_at: '2026-11-23T00:00:00.000Z',
      duration_s: 1.5,
      requests: Array.from({ length: requests }, (_, id) => record(random, id)),
      summary: { ...distributions, ...scalars, achieved_rate: null, target_rate: null }
    })),
    summary: { ...distributions, ...scalars }
  }
  return JSON.stringify(document, null, indent)
}

const bytesOf = (text: string): Uint8Array => {
  const encoded = new TextEncoder().encode(text)
  const bytes = new Uint8Array(encoded.length + 1)
  bytes.set(encoded)
  return bytes
}

/** What the ordinary reader gives: the result in columns, or its error message. It reads the text as readFileSync decodes the file's bytes (a mutation can split a surrogate pair, which UTF-8 cannot carry). */
function ordinary(text: string): ComparableResult | string {
  try {
    return toComparable(parseResultText(Buffer.from(bytesOf(text).subarray(0, -1)).toString('utf8'), 'f.json', 'baseline'))
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
}

function scanned(text: string): ComparableResult | string {
  try {
    return comparableFromBytes(bytesOf(text), 'f.json', 'baseline')
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
}

/** Typed arrays as plain arrays, keeping -0 apart from 0 (toEqual compares numbers with Object.is). */
const plain = (value: ComparableResult | string): unknown =>
  typeof value === 'string' ? value : { ...value, trials: value.trials.map((trial) => ({ ...trial, columns: Object.fromEntries(Object.entries(trial.columns).map(([key, column]) => [key, ArrayBuffer.isView(column) ? Array.from(column as Float64Array) : column])) })) }

describe('scanResultColumns', () => {
  it.each([
    ['compact', undefined],
    ['indented', 2]
  ] as const)('gives the columns JSON.parse + trialColumns give, on %s results with shuffled keys, nulls, failures and awkward numbers', (_name, indent) => {
    for (let seed = 1; seed <= 20; seed++) {
      const text = resultText(seed, 1 + (seed % 4), seed * 3, indent)
      expect(scanResultColumns(bytesOf(text)), `seed ${seed}`).not.toBeNull()
      expect(plain(scanned(text)), `seed ${seed}`).toEqual(plain(ordinary(text)))
    }
  })

  it('leaves to JSON.parse the rest of the document, with each request array emptied', () => {
    const text = resultText(3, 2, 5)
    const rest = JSON.parse(scanResultColumns(bytesOf(text))!.rest) as { trials: Array<{ requests: unknown[] }> }
    const whole = JSON.parse(text) as { trials: Array<{ requests: unknown[] }> }
    for (const trial of whole.trials) trial.requests = []
    expect(rest).toEqual(whole)
  })

  it.each([
    ['a duplicate field', (text: string) => text.replace('"ok":true', '"ok":false,"ok":true')],
    ['a missing field', (text: string) => text.replace('"max_tokens":', '"max_tokenz":')],
    ['an escaped key', (text: string) => text.replace('"trials":', '"tri\\u0061ls":')],
    ['a trial without requests', (text: string) => text.replace('"requests":', '"requestz":')],
    ['a number where a boolean belongs', (text: string) => text.replace('"ok":true', '"ok":1')],
    ['an exponent without digits', (text: string) => text.replace(/"itl_ms":\[(\d)/, '"itl_ms":[$1e')],
    ['a byte order mark', (text: string) => `\ufeff${text}`]
  ])('defers on %s, and the ordinary reader decides', (_name, mutate) => {
    const text = mutate(resultText(5, 2, 6))
    expect(scanResultColumns(bytesOf(text))).toBeNull()
    expect(plain(scanned(text))).toEqual(plain(ordinary(text)))
  })

  it('agrees with the ordinary reader on 3,000 mutated files: the same columns or the same error', () => {
    const original = resultText(11, 2, 3)
    const random = generator(99)
    const alphabet = '{}[],:"\\0123456789-+.eEtrufalsn \n\u00e9x'
    let deferred = 0
    let accepted = 0
    for (let mutant = 0; mutant < 3000; mutant++) {
      let text = original
      for (let edit = 0; edit < 1 + Math.floor(random() * 3); edit++) {
        const at = Math.floor(random() * text.length)
        const character = alphabet[Math.floor(random() * alphabet.length)]!
        const kind = random()
        text = kind < 0.33 ? text.slice(0, at) + text.slice(at + 1) : kind < 0.66 ? text.slice(0, at) + character + text.slice(at) : text.slice(0, at) + character + text.slice(at + 1)
      }
      if (scanResultColumns(bytesOf(text)) === null) deferred++
      else accepted++
      expect(plain(scanned(text)), `mutant ${mutant}: ${text}`).toEqual(plain(ordinary(text)))
    }
    // Both paths were exercised: some mutants stay valid (a digit changed), most defer.
    expect(accepted).toBeGreaterThan(100)
    expect(deferred).toBeGreaterThan(1000)
  })

  it('requires the end marker readResultBytes adds', () => {
    expect(() => scanResultColumns(new TextEncoder().encode('{}'))).toThrow(/sentinel/)
  })
})

describe('readResultBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-scan-'))

  it('reads the whole file and adds one 0 byte', () => {
    const path = join(dir, 'r.json')
    writeFileSync(path, 'caf\u00e9')
    expect([...readResultBytes(path)]).toEqual([0x63, 0x61, 0x66, 0xc3, 0xa9, 0])
  })

  it('names the file it cannot read', () => {
    expect(() => readResultBytes(join(dir, 'missing.json'), 'baseline')).toThrow(InputError)
    expect(() => readResultBytes(join(dir, 'missing.json'), 'baseline')).toThrow(/baseline .*missing\.json: cannot read it \(ENOENT\)/)
  })
})
