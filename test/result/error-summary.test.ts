import { describe, expect, test } from 'vitest'
import { errorGroupsOf, errorLines, summarizeErrors, trialsOverErrorRate } from '../../src/result/error-summary.js'
import type { RequestError, RequestRecord } from '../../src/result/types.js'

function record(id: number, error?: RequestError): RequestRecord {
  return {
    id,
    scheduled_ms: 0,
    sent_ms: 0,
    client_queue_ms: 0,
    end_ms: 1,
    ttft_ms: error === undefined ? 1 : null,
    e2e_ms: error === undefined ? 1 : null,
    tpot_ms: null,
    itl_ms: [],
    input_tokens: 1,
    input_tokens_source: 'estimate',
    output_tokens: 1,
    output_tokens_source: 'events',
    max_tokens: 1,
    content_events: 1,
    coalesced_events: 0,
    done: true,
    ok: error === undefined,
    ...(error !== undefined ? { error } : {})
  }
}

const http500: RequestError = { kind: 'http', status: 500, message: 'CUDA out of memory' }
const idle: RequestError = { kind: 'timeout', timeout: 'idle', message: 'no event for idle_s (30 s) after the first token' }

describe('summarizeErrors', () => {
  test('groups failures by kind, status and message, most frequent first, with counts', () => {
    const records = [record(0, idle), record(1, http500), record(2), record(3, http500), record(4, http500), record(5, idle), record(6, { kind: 'http', status: 503, message: 'CUDA out of memory' })]
    expect(summarizeErrors(records)).toEqual([
      { kind: 'http', status: 500, message: 'CUDA out of memory', count: 3 },
      { kind: 'timeout', timeout: 'idle', message: 'no event for idle_s (30 s) after the first token', count: 2 },
      { kind: 'http', status: 503, message: 'CUDA out of memory', count: 1 }
    ])
  })

  test('messages that differ only in numbers, ids or their tail are one group, shown by the first message', () => {
    const malformed = (n: number, id: string, word: string): RequestError => ({ kind: 'protocol', message: `event ${n} is not valid JSON of the openai-chat stream: {"id":"chatcmpl-${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":"${word}` })
    const groups = summarizeErrors([record(0, malformed(3, '9f3a01', 'the')), record(1, malformed(17, 'ab77c2', 'of')), record(2, malformed(4, '0c0c0c', 'and'))])
    expect(groups).toEqual([{ kind: 'protocol', message: malformed(3, '9f3a01', 'the').message, count: 3 }])
  })

  test('messages that differ in words are different failures', () => {
    expect(summarizeErrors([record(0, { kind: 'http', status: 400, message: 'The model `a` does not exist.' }), record(1, { kind: 'http', status: 400, message: 'Prompt is too long.' })])).toHaveLength(2)
  })

  test('cancelled requests are not failures', () => {
    expect(summarizeErrors([record(0, { kind: 'cancelled', message: 'interrupted' }), record(1, http500)])).toEqual([{ ...http500, count: 1 }])
  })

  test('keeps at most `limit` groups, the most frequent', () => {
    const records = Array.from({ length: 30 }, (_, i) => record(i, { kind: 'http', status: 400 + (i % 6), message: `kind ${String.fromCharCode(97 + (i % 6))}` }))
    records.push(record(30, { kind: 'http', status: 400, message: 'kind a' }))
    const groups = summarizeErrors(records, 2)
    expect(groups).toHaveLength(2)
    expect(groups[0]).toEqual({ kind: 'http', status: 400, message: 'kind a', count: 6 })
  })
})

describe('listing errors', () => {
  test('lines name the count, the kind with its status or phase, and the message; the unlisted rest is counted', () => {
    const groups = summarizeErrors([record(0, http500), record(1, http500), record(2, idle), record(3, { kind: 'connection', message: 'UND_ERR_SOCKET: other side closed' })])
    expect(errorLines(groups, 4, 2)).toEqual({ lines: ['2× http 500: CUDA out of memory', '1× timeout (idle): no event for idle_s (30 s) after the first token'], others: 1 })
  })

  test('control characters from the server (a terminal escape) are dropped', () => {
    const groups = summarizeErrors([record(0, { kind: 'server', message: 'boom\u001b[2J\u0007 done' })])
    expect(errorLines(groups, 1).lines).toEqual(['1× server: boom[2J done'])
  })

  test('a result\'s stored groups are used; malformed entries in a result file are ignored', () => {
    const stored = { summary: { errors: [{ kind: 'http', status: 500, message: 'x', count: 2 }, { kind: 'http', message: 7, count: 1 }, null] }, trials: [] }
    expect(errorGroupsOf(stored)).toEqual([{ kind: 'http', status: 500, message: 'x', count: 2 }])
  })

  test('a result written before summary.errors existed is summarised from its records', () => {
    expect(errorGroupsOf({ summary: {}, trials: [{ requests: [record(0, http500)] }] })).toEqual([{ ...http500, count: 1 }])
  })

  test('trials above the error-rate bound are named', () => {
    expect(trialsOverErrorRate([{ index: 0, summary: { error_rate: 0.05 } }, { index: 1, summary: { error_rate: 0.051 } }], 0.05)).toEqual([{ index: 1, errorRate: 0.051 }])
  })
})
