import { describe, expect, it } from 'vitest'
import { requestProblem } from '../../src/result/io.js'
import { checkedRequestSchema, CHECKED_REQUEST_FIELDS, requestRecordSchema, successProblem } from '../../src/result/schema.js'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { Random } from '../../src/random.js'

/** Uniform draws from the project's seeded generator, so a failing case can be reproduced from its seed. */
function generator(seed: number): () => number {
  const random = new Random(seed)
  return () => random.uniform()
}

// Values of every kind, the impossible ones included (1e400 is what JSON.parse makes of a huge number).
const VALUES: unknown[] = [0, -0, 1, 7, 2.5, -1, -0.001, JSON.parse('1e400'), -JSON.parse('1e400'), Number.NaN, null, undefined, true, false, '3', [], [1, 2.5], [1, -2], [JSON.parse('1e400')], ['1'], {}]

describe('the request record, described once (schema.ts)', () => {
  const valid = syntheticResult({ ...SERVING_LIKE, seed: 3, trials: 1, requestsPerTrial: 30, slowdown: { ttft: 1, tpot: 1 } }).trials[0]!.requests

  it('is what every record a run writes holds', () => {
    for (const record of valid) {
      expect(requestRecordSchema.safeParse(record).success).toBe(true)
      expect(requestProblem(record)).toBeNull()
    }
  })

  it('is checked the same by the fast check and by the schema, on 5,000 mutated records', () => {
    const random = generator(7)
    const fields = Object.keys(CHECKED_REQUEST_FIELDS)
    let rejected = 0
    for (let n = 0; n < 5000; n++) {
      const record: Record<string, unknown> = { ...valid[n % valid.length]! }
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) {
        const field = fields[Math.floor(random() * fields.length)]!
        const value = VALUES[Math.floor(random() * VALUES.length)]
        if (value === undefined) delete record[field]
        else record[field] = value
      }
      const parsed = checkedRequestSchema.safeParse(record)
      const bySchema = parsed.success && successProblem(parsed.data) === null
      const fast = requestProblem(record)
      expect(fast === null, `${JSON.stringify(record)}: ${fast}`).toBe(bySchema)
      if (fast !== null) rejected++
    }
    expect(rejected).toBeGreaterThan(2000)
  })

  it('names the field and says what is expected', () => {
    const record = { ...valid[0]! }
    expect(requestProblem({ ...record, ttft_ms: -3 })).toBe('ttft_ms: got -3; expected a number of milliseconds from 0 to 1e10, or null')
    expect(requestProblem({ ...record, output_tokens: JSON.parse('1e400') })).toBe('output_tokens: got Infinity (a number too large for a double); expected an integer >= 0')
    expect(requestProblem({ ...record, itl_ms: [1, -2] })).toBe('itl_ms[1]: got -2; expected a number of milliseconds from 0 to 1e10')
    expect(requestProblem({ ...record, ok: true, ttft_ms: null })).toBe('ttft_ms: got null; ok is true, so the request had a first token: expected its time, not null')
    expect(requestProblem({ ...record, ok: true, ttft_ms: 50, e2e_ms: 40 })).toContain('e2e_ms: got 40; expected at least ttft_ms (50)')
  })
})
