import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/errors.js'
import { importVllm } from '../../src/import/vllm.js'

const fixture = (n: number): string => `test/import/fixtures/vllm-serve-detailed-${n}.json`

describe('import --from vllm', () => {
  test('converts seconds to milliseconds and derives e2e and TPOT as docs/metrics.md defines them', () => {
    const result = importVllm([fixture(1)])
    const first = result.trials[0]!.requests[0]!
    // ttft 0.05 s; first ITLs 0.010, 0.012, 0.011 s; 16 output tokens
    expect(first.ttft_ms).toBe(50)
    expect(first.itl_ms.slice(0, 3)).toEqual([10, 12, 11])
    const e2e = 50 + first.itl_ms.reduce((a, b) => a + b, 0)
    expect(first.e2e_ms).toBeCloseTo(e2e, 3)
    expect(first.tpot_ms).toBeCloseTo((e2e - 50) / 15, 3)
    expect(first).toMatchObject({ output_tokens: 16, input_tokens: 500, output_tokens_source: 'imported', ok: true })
  })

  test('a request vLLM recorded as failed keeps its message and is counted in the error rate', () => {
    const result = importVllm([fixture(1)])
    const failed = result.trials[0]!.requests[5]!
    expect(failed).toMatchObject({ ok: false, ttft_ms: null, error: { kind: 'unknown', message: 'Bad Request: prompt too long' } })
    expect(result.summary.error_rate).toBeCloseTo(1 / 8, 10)
  })

  test("without send times, throughput uses vLLM's own duration", () => {
    const trial = importVllm([fixture(1)]).trials[0]!
    expect(trial.duration_s).toBe(1.25)
    expect(trial.summary.request_throughput).toBeCloseTo(7 / 1.25, 10)
    expect(trial.summary.output_throughput).toBeCloseTo((7 * 16) / 1.25, 10)
  })

  test('several runs of the same command become trials of one result with one workload hash', () => {
    const result = importVllm([fixture(1), fixture(2), fixture(3)], 'qwen-chat')
    expect(result.trials).toHaveLength(3)
    expect(result.workload.name).toBe('qwen-chat')
    expect(result.workload.workload_hash).toBe(importVllm([fixture(2)]).workload.workload_hash)
    expect(result.environment.server.model).toBe('Qwen/Qwen2.5-7B-Instruct')
  })

  test('a result saved without --save-detailed is an input error that says how to save it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-vllm-'))
    const file = join(dir, 'summary-only.json')
    writeFileSync(file, JSON.stringify({ duration: 10, completed: 5, request_throughput: 0.5 }))
    expect(() => importVllm([file])).toThrow(InputError)
    expect(() => importVllm([file])).toThrow(/ttfts: missing; expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed/)
  })

  test('runs of different settings are refused as trials of one result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-vllm-'))
    const other = join(dir, 'other.json')
    const run = JSON.parse(readFileSync(fixture(2), 'utf8')) as Record<string, unknown>
    run.max_concurrency = 64
    writeFileSync(other, JSON.stringify(run))
    expect(() => importVllm([fixture(1), other])).toThrow(/settings .* differ/)
  })
})
