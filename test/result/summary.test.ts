import { describe, expect, test } from 'vitest'
import { summarizeRun, summarizeTrial } from '../../src/result/summary.js'
import type { TrialResult } from '../../src/result/types.js'
import { record } from '../helpers/records.js'


describe('one trial', () => {
  // Three requests over two seconds: sends at 0, 500, 1000 ms, the last ends at 2000 ms; one fails.
  const records = [
    record({ id: 0, sent_ms: 0, end_ms: 800, ttft_ms: 20, e2e_ms: 800, tpot_ms: 20, itl_ms: [10, 30], output_tokens: 40, input_tokens: 100, client_queue_ms: 0.5 }),
    record({ id: 1, sent_ms: 500, end_ms: 2000, ttft_ms: 60, e2e_ms: 1500, tpot_ms: 40, itl_ms: [50], output_tokens: 20, input_tokens: 300, client_queue_ms: 1.5 }),
    record({ id: 2, sent_ms: 1000, end_ms: 1100, ttft_ms: null, e2e_ms: null, tpot_ms: null, ok: false, output_tokens: 0, client_queue_ms: 2.5, error: { kind: 'http', status: 500, message: 'x' } })
  ]
  const { summary, durationS } = summarizeTrial({ records, slo: { ttft_ms: 50 }, targetRate: 1 })

  test('duration runs from the first send to the last completion', () => {
    expect(durationS).toBe(2)
  })

  test('throughputs count successful requests and their tokens over the duration', () => {
    expect(summary.request_throughput).toBe(1)
    expect(summary.output_throughput).toBe(30)
    expect(summary.total_throughput).toBe(230)
  })

  test('goodput counts requests meeting every SLO', () => {
    expect(summary.goodput).toBe(0.5)
  })

  test('error rate is failed over sent', () => {
    expect(summary.error_rate).toBeCloseTo(1 / 3, 12)
    expect(summary).toMatchObject({ sent: 3, completed: 2, failed: 1 })
  })

  test('distributions take successful requests only; ITL pools every gap', () => {
    expect(summary.ttft_ms).toMatchObject({ count: 2, mean: 40, min: 20, max: 60, p50: 40 })
    expect(summary.itl_ms).toMatchObject({ count: 3, p50: 30, mean: 30 })
    // numpy: percentile([10, 30, 50], 90) = 46
    expect(summary.itl_ms.p90).toBeCloseTo(46, 10)
  })

  test('schedule lag covers every sent request', () => {
    expect(summary.schedule_lag_ms).toMatchObject({ count: 3, max: 2.5 })
  })

  test('the achieved rate is sends over the span of sends', () => {
    expect(summary.achieved_rate).toBe(2)
    expect(summary.target_rate).toBe(1)
  })

  test('without an SLO goodput is null', () => {
    expect(summarizeTrial({ records, slo: {}, targetRate: null }).summary.goodput).toBeNull()
  })

  test('cancelled requests (an interrupted run) are not counted as sent or failed', () => {
    const cancelled = record({ id: 3, ok: false, sent_ms: 1500, end_ms: 1600, error: { kind: 'cancelled', message: 'stop' } })
    const { summary: withCancelled } = summarizeTrial({ records: [...records, cancelled], slo: {}, targetRate: null })
    expect(withCancelled).toMatchObject({ sent: 3, failed: 1 })
  })

  test('a request with one output token has no TPOT to miss an SLO by', () => {
    const single = record({ ttft_ms: 5, tpot_ms: null, output_tokens: 1, e2e_ms: 5, end_ms: 1000 })
    expect(summarizeTrial({ records: [single], slo: { tpot_ms: 1 }, targetRate: null }).summary.goodput).toBe(1)
  })
})

describe('a run', () => {
  test('pools distributions over trials and averages per-trial scalars', () => {
    const trial = (index: number, ttft: number, end: number): TrialResult => {
      const records = [record({ id: 0, ttft_ms: ttft, end_ms: end })]
      const { summary, durationS } = summarizeTrial({ records, slo: {}, targetRate: null })
      return { index, started_at: '', duration_s: durationS, requests: records, summary }
    }
    const run = summarizeRun([trial(0, 10, 1000), trial(1, 30, 500)], {})
    expect(run.ttft_ms).toMatchObject({ count: 2, mean: 20 })
    // 1 req/s and 2 req/s: the mean of the trials, not 2 requests over 1.5 s.
    expect(run.request_throughput).toBe(1.5)
  })
})
