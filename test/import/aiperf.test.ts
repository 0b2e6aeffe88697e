import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { InputError } from '../../src/errors.js'
import { importAiperf } from '../../src/import/aiperf.js'

const c8 = 'test/import/fixtures/aiperf/c8/profile_export.jsonl'
const c16 = 'test/import/fixtures/aiperf/c16/profile_export.jsonl'

interface Line {
  metadata: { request_start_ns: number; was_cancelled: boolean }
  metrics: Record<string, { value: number | number[]; unit: string }>
  error: { code: number; type: string } | null
}
const lines = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line)

/** The median as numpy computes it, independently of the project's percentile code. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'lpg-aiperf-'))

describe('import --from aiperf', () => {
  test('request and failure counts are those of the records; a cancelled request is left out of the counts', () => {
    const records = lines(c8)
    const failed = records.filter((r) => r.error !== null && !r.metadata.was_cancelled).length
    const cancelled = records.filter((r) => r.metadata.was_cancelled).length
    expect([failed, cancelled]).toEqual([1, 1])
    const result = importAiperf([c8])
    expect(result.summary).toMatchObject({ sent: records.length - cancelled, completed: records.length - cancelled - failed, failed })
    expect(result.trials[0]!.requests).toHaveLength(records.length)
    const kinds = result.trials[0]!.requests.filter((r) => !r.ok).map((r) => r.error!.kind).sort()
    expect(kinds).toEqual(['cancelled', 'http'])
  })

  test('TTFT and TPOT medians are within 0.5% of the medians of the records', () => {
    const ok = lines(c8).filter((r) => r.error === null)
    const ttft = median(ok.map((r) => r.metrics.time_to_first_token!.value as number))
    const tpot = median(ok.map((r) => r.metrics.inter_token_latency!.value as number))
    const summary = importAiperf([c8]).summary
    expect(Math.abs(summary.ttft_ms.p50! / ttft - 1)).toBeLessThan(0.005)
    expect(Math.abs(summary.tpot_ms.p50! / tpot - 1)).toBeLessThan(0.005)
  })

  test('ITLs are its inter-chunk latencies, one per gap; e2e is its request latency', () => {
    const ok = lines(c8).filter((r) => r.error === null)
    const result = importAiperf([c8])
    expect(result.summary.itl_ms.count).toBe(ok.reduce((sum, r) => sum + (r.metrics.inter_chunk_latency!.value as number[]).length, 0))
    expect(result.summary.e2e_ms.p50).toBeCloseTo(median(ok.map((r) => r.metrics.request_latency!.value as number)), 2)
  })

  test('records written in completion order are put in send order, with send times from request_start_ns', () => {
    const starts = lines(c8).map((r) => r.metadata.request_start_ns)
    expect(starts).not.toEqual([...starts].sort((a, b) => a - b))
    const requests = importAiperf([c8]).trials[0]!.requests
    const sent = requests.map((r) => r.sent_ms!)
    expect(sent[0]).toBe(0)
    expect(sent).toEqual([...sent].sort((a, b) => a - b))
    const sorted = [...starts].sort((a, b) => a - b)
    expect(sent[59]).toBeCloseTo((sorted[59]! - sorted[0]!) / 1e6, 2)
  })

  test('times in other units are converted: a record in ns reads as the same milliseconds', () => {
    const dir = tempDir()
    const [first] = lines(c8).filter((r) => r.error === null)
    const inNs = structuredClone(first!)
    for (const name of ['time_to_first_token', 'request_latency', 'inter_token_latency']) inNs.metrics[name] = { value: (first!.metrics[name]!.value as number) * 1e6, unit: 'ns' }
    inNs.metrics.inter_chunk_latency = { value: (first!.metrics.inter_chunk_latency!.value as number[]).map((g) => g / 1000), unit: 'sec' }
    writeFileSync(join(dir, 'ms.jsonl'), `${JSON.stringify(first)}\n`)
    writeFileSync(join(dir, 'ns.jsonl'), `${JSON.stringify(inNs)}\n`)
    const [a, b] = [importAiperf([join(dir, 'ms.jsonl')]), importAiperf([join(dir, 'ns.jsonl')])].map((r) => r.trials[0]!.requests[0]!)
    expect(b!.ttft_ms).toBeCloseTo(a!.ttft_ms!, 3)
    expect(b!.e2e_ms).toBeCloseTo(a!.e2e_ms!, 3)
    expect(b!.itl_ms).toEqual(a!.itl_ms)
    inNs.metrics.time_to_first_token = { value: 1, unit: 'fortnights' }
    writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify(inNs)}\n`)
    expect(() => importAiperf([join(dir, 'bad.jsonl')])).toThrow(/line 1: metrics.time_to_first_token.unit is "fortnights"; expected one of ns, us, ms, sec/)
  })

  test('the load settings of profile_export_aiperf.json beside the records are in the hash: concurrency 8 and 16 are incomparable', () => {
    const a = importAiperf([c8])
    const b = importAiperf([c16])
    expect(a.workload).toMatchObject({ load: { concurrency: 8 }, prompts: { input_tokens: { mean: 550, stddev: 20 }, output_tokens: { mean: 44 } } })
    expect(a.workload.workload_hash).not.toBe(b.workload.workload_hash)
    expect(compareResults(a, b, loadThresholds('pr')).verdict).toBe('incomparable')
    expect(importAiperf([c8]).workload.workload_hash).toBe(a.workload.workload_hash)
    expect(a.environment.server.model).toBe('Qwen/Qwen3-0.6B')
  })

  test("the summary's headers (credentials) never reach the result", () => {
    expect(readFileSync('test/import/fixtures/aiperf/c8/profile_export_aiperf.json', 'utf8')).toContain('sk-not-in-the-result')
    expect(JSON.stringify(importAiperf([c8]))).not.toContain('sk-not-in-the-result')
  })

  test('without the summary beside it, the result says the load is unknown', () => {
    const dir = join(tempDir(), 'lonely')
    mkdirSync(dir)
    copyFileSync(c8, join(dir, 'profile_export.jsonl'))
    const result = importAiperf([join(dir, 'profile_export.jsonl')])
    expect(result.workload).toMatchObject({ name: 'lonely', load: null })
    expect(result.notes!.join('\n')).toMatch(/no profile_export_aiperf.json beside .*: its concurrency and rate are unknown/)
  })

  test('profile_export.jsonl files of two runs of one command become two trials', () => {
    const dir = tempDir()
    for (const run of ['a', 'b']) {
      mkdirSync(join(dir, run))
      copyFileSync(c8, join(dir, run, 'profile_export.jsonl'))
      copyFileSync('test/import/fixtures/aiperf/c8/profile_export_aiperf.json', join(dir, run, 'profile_export_aiperf.json'))
    }
    expect(importAiperf([join(dir, 'a', 'profile_export.jsonl'), join(dir, 'b', 'profile_export.jsonl')]).trials).toHaveLength(2)
  })

  test('warm-up records are left out and counted in the notes', () => {
    const dir = tempDir()
    const records = lines(c8)
    const warm = { ...records[0]!, metadata: { ...records[0]!.metadata, benchmark_phase: 'warmup' } }
    writeFileSync(join(dir, 'profile_export.jsonl'), [warm, ...records].map((r) => JSON.stringify(r)).join('\n'))
    const result = importAiperf([join(dir, 'profile_export.jsonl')])
    expect(result.trials[0]!.requests).toHaveLength(records.length)
    expect(result.notes).toContain('1 warm-up record(s) left out')
  })

  test("GenAI-Perf's profile_export.json and other shapes are refused with what is expected", () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profile_export.json'), JSON.stringify({ experiments: [{ requests: [{ timestamp: 1, response_timestamps: [2, 3] }] }]}))
    expect(() => importAiperf([join(dir, 'profile_export.json')])).toThrow(/GenAI-Perf's profile_export.json .* not handled; give AIPerf's per-record profile_export.jsonl/)
    writeFileSync(join(dir, 'other.jsonl'), '{"ttft": 1}\n')
    expect(() => importAiperf([join(dir, 'other.jsonl')])).toThrow(InputError)
    expect(() => importAiperf([join(dir, 'other.jsonl')])).toThrow(/line 1 is not an AIPerf per-request record .*\n {2}- metadata: missing/)
  })
})
