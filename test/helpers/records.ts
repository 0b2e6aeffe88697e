import type { RequestRecord } from '../../src/result/types.js'

/** A successful request record of 10 tokens in 100 ms, with `overrides`: the fields a test cares about, the rest plausible. */
export function record(overrides: Partial<RequestRecord>): RequestRecord {
  return {
    id: 0,
    scheduled_ms: 0,
    sent_ms: 0,
    client_queue_ms: 0,
    end_ms: 100,
    ttft_ms: 10,
    e2e_ms: 100,
    tpot_ms: 10,
    itl_ms: [],
    input_tokens: 100,
    input_tokens_source: 'usage',
    output_tokens: 10,
    output_tokens_source: 'usage',
    max_tokens: 10,
    content_events: 10,
    coalesced_events: 0,
    done: true,
    ok: true,
    ...overrides
  }
}
