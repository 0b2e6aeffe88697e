import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { pooledValues, toComparable, trialColumns } from '../../src/result/columns.js'
import type { RequestRecord } from '../../src/result/types.js'

const record = (overrides: Partial<RequestRecord>): RequestRecord => ({
  id: 0,
  scheduled_ms: 0,
  sent_ms: 0,
  ttft_ms: 40,
  e2e_ms: 100,
  tpot_ms: 20,
  itl_ms: [30, 30],
  input_tokens: 10,
  output_tokens: 4,
  output_tokens_source: 'usage',
  max_tokens: 4,
  client_queue_ms: 0.5,
  end_ms: 100,
  input_tokens_source: 'usage',
  content_events: 4,
  coalesced_events: 0,
  done: true,
  ok: true,
  ...overrides
})

describe('trialColumns', () => {
  it('holds the values of the successful requests only, nulls left out, ITLs request after request', () => {
    const records = [
      record({ id: 0, itl_ms: [1, 2] }),
      record({ id: 1, ok: false, ttft_ms: 5, itl_ms: [9], error: { kind: 'http', status: 500, message: 'boom' } }),
      record({ id: 2, ttft_ms: 41, tpot_ms: null, e2e_ms: 41, itl_ms: [], output_tokens: 1 }),
      record({ id: 3, ttft_ms: 42, itl_ms: [3], client_queue_ms: null })
    ]
    const columns = trialColumns(records)
    expect([...columns.ttft_ms]).toEqual([40, 41, 42])
    expect([...columns.tpot_ms]).toEqual([20, 20])
    expect([...columns.e2e_ms]).toEqual([100, 41, 100])
    expect([...columns.itl_ms]).toEqual([1, 2, 3])
    expect(columns).toMatchObject({ records: 4, ok: 3, outputTokens: 9, maxTokens: 12, clientQueueMs: 1 })
  })
})

describe('toComparable', () => {
  const result = syntheticResult({ ...SERVING_LIKE, seed: 3, trials: 3, requestsPerTrial: 50, slowdown: { ttft: 1, tpot: 1 } })

  it('keeps everything but the request records, and converts each result once', () => {
    const comparable = toComparable(result)
    expect(comparable.trials.map((trial) => trial.summary)).toEqual(result.trials.map((trial) => trial.summary))
    expect(comparable.workload).toBe(result.workload)
    expect('requests' in comparable.trials[0]!).toBe(false)
    expect(toComparable(result)).toBe(comparable)
    expect(toComparable(comparable)).toBe(comparable)
  })

  it('pools a metric over the trials in order', () => {
    const pooled = pooledValues(toComparable(result), 'itl_ms')
    expect([...pooled]).toEqual(result.trials.flatMap((trial) => trial.requests.filter((request) => request.ok).flatMap((request) => request.itl_ms)))
  })
})
