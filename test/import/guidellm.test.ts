import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/errors.js'
import { importGuidellm } from '../../src/import/guidellm.js'

const sweep = 'test/import/fixtures/guidellm/v0.7-sweep.json'
const poissonYaml = 'test/import/fixtures/guidellm/v0.5-poisson.yaml'
const flat = 'test/import/fixtures/guidellm/v0.3-concurrent.json'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const tempFile = (name: string, text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'lpg-guidellm-')), name)
  writeFileSync(file, text)
  return file
}

describe('import --from guidellm', () => {
  test('a sweep holds several loads: without --benchmark the error lists each benchmark and its strategy', () => {
    expect(() => importGuidellm([sweep])).toThrow(InputError)
    expect(() => importGuidellm([sweep])).toThrow(/3 different workloads.*--benchmark N:\n {2}- benchmark 1: synchronous.*\n {2}- benchmark 2: throughput, max concurrency 32\n {2}- benchmark 3: constant, 3\.000 req\/s/s)
  })

  test('--benchmark 3 imports that load, with its request counts and TTFT and TPOT medians within 0.5% of its records', () => {
    const report = JSON.parse(readFileSync(sweep, 'utf8')) as Json
    const benchmark = report.benchmarks[2]
    const successful = benchmark.requests.successful as Json[]
    const result = importGuidellm([sweep], undefined, 3)
    expect(result.trials).toHaveLength(1)
    expect(result.workload).toMatchObject({ name: 'v0.7-sweep-benchmark3', strategy: { type_: 'constant', rate: 3 } })
    expect(result.summary).toMatchObject({ completed: successful.length, failed: benchmark.requests.errored.length, sent: successful.length + benchmark.requests.errored.length })
    const ttft = median(successful.map((r) => r.time_to_first_token_ms as number))
    const tpot = median(successful.map((r) => r.inter_token_latency_ms as number))
    expect(Math.abs(result.summary.ttft_ms.p50! / ttft - 1)).toBeLessThan(0.005)
    expect(Math.abs(result.summary.tpot_ms.p50! / tpot - 1)).toBeLessThan(0.005)
    expect(result.environment.server.model).toBe('Qwen/Qwen2.5-7B-Instruct')
  })

  test('seconds become milliseconds from the first send; the schedule is GuideLLM\'s targeted_start, its rate the target rate', () => {
    const report = JSON.parse(readFileSync(sweep, 'utf8')) as Json
    const requests = [...report.benchmarks[2].requests.successful, ...report.benchmarks[2].requests.errored, ...report.benchmarks[2].requests.incomplete] as Json[]
    const timings = requests.map((r) => r.info.timings).sort((a, b) => a.request_start - b.request_start)
    const trial = importGuidellm([sweep], undefined, 3).trials[0]!
    const origin = Math.min(timings[0].targeted_start, timings[0].request_start)
    expect(trial.requests[3]!.sent_ms).toBeCloseTo((timings[3].request_start - origin) * 1000, 2)
    expect(trial.requests[3]!.client_queue_ms).toBeCloseTo((timings[3].request_start - timings[3].targeted_start) * 1000, 2)
    expect(trial.summary.target_rate).toBeCloseTo(3, 6)
  })

  test('each benchmark is its own workload: benchmarks 1, 2 and 3 have different hashes; the same one twice the same', () => {
    const hashes = [1, 2, 3].map((n) => importGuidellm([sweep], undefined, n).workload.workload_hash)
    expect(new Set(hashes).size).toBe(3)
    expect(importGuidellm([sweep], undefined, 3).workload.workload_hash).toBe(hashes[2])
  })

  test('an errored request keeps its message and what it measured; an incomplete one is cancelled and not counted', () => {
    const requests = importGuidellm([sweep], undefined, 3).trials[0]!.requests
    const errored = requests.filter((r) => !r.ok && r.error!.kind === 'unknown')
    expect(errored).toHaveLength(1)
    expect(errored[0]!.error!.message).toBe('RuntimeError: server closed the connection mid-stream')
    expect(errored[0]!.ttft_ms).toBeGreaterThan(0)
    expect(requests.filter((r) => r.error?.kind === 'cancelled')).toHaveLength(1)
  })

  test('GuideLLM keeps no per-token times: no ITLs, and the notes say so', () => {
    const result = importGuidellm([sweep], undefined, 3)
    expect(result.summary.itl_ms.count).toBe(0)
    expect(result.notes!.join('\n')).toMatch(/itl_ms is empty \(no ITL distribution\)/)
  })

  test('a report version 1 YAML (GuideLLM 0.5–0.6) with one poisson benchmark imports without --benchmark', () => {
    const report = parseYaml(readFileSync(poissonYaml, 'utf8')) as Json
    const successful = report.benchmarks[0].requests.successful as Json[]
    const result = importGuidellm([poissonYaml])
    expect(result.workload).toMatchObject({ name: 'v0.5-poisson', strategy: { type_: 'poisson', rate: 4 }, dataset: { data: ['prompt_tokens=256,output_tokens=128'], seed: 42 } })
    expect(Math.abs(result.summary.ttft_ms.p50! / median(successful.map((r) => r.time_to_first_token_ms as number)) - 1)).toBeLessThan(0.005)
    expect(result.trials[0]!.summary.target_rate).toBeGreaterThan(2)
  })

  test('a GuideLLM 0.2–0.3 report (flat request timings) imports its concurrent benchmark', () => {
    const report = JSON.parse(readFileSync(flat, 'utf8')) as Json
    const successful = report.benchmarks[0].requests.successful as Json[]
    const result = importGuidellm([flat])
    expect(result.workload).toMatchObject({ strategy: { type_: 'concurrent', streams: 4 }, dataset: { data: 'prompt_tokens=256,output_tokens=128' } })
    expect(result.summary.completed).toBe(successful.length)
    expect(Math.abs(result.summary.tpot_ms.p50! / median(successful.map((r) => r.inter_token_latency_ms as number)) - 1)).toBeLessThan(0.005)
    expect(result.trials[0]!.requests.every((r) => r.client_queue_ms === null)).toBe(true)
    expect(result.environment.server.model).toBe('Qwen/Qwen2.5-7B-Instruct')
  })

  test('a report version it does not handle is named in the error', () => {
    const report = JSON.parse(readFileSync(sweep, 'utf8')) as Json
    report.metadata.version = 3
    expect(() => importGuidellm([tempFile('v3.json', JSON.stringify(report))])).toThrow(/metadata.version is 3, which is not handled; handled: GuideLLM 0.2–0.4 .* report versions 1 .* and 2/)
  })

  test('a sampled benchmark (--sample-requests) is refused: its counts would be wrong', () => {
    const report = JSON.parse(readFileSync(sweep, 'utf8')) as Json
    const benchmark = report.benchmarks[2]
    benchmark.config.sample_size = 5
    benchmark.requests.successful = benchmark.requests.successful.slice(0, 5)
    expect(() => importGuidellm([tempFile('sampled.json', JSON.stringify(report))], undefined, 3)).toThrow(/benchmark 3: keeps only a sample of its requests \(5 of 28 successful/)
  })

  test('--benchmark out of range, or several files, are input errors', () => {
    expect(() => importGuidellm([sweep], undefined, 4)).toThrow(/--benchmark: got 4; .* holds 3 runs/)
    expect(() => importGuidellm([sweep, flat])).toThrow(/give exactly one benchmarks.json/)
  })
})
