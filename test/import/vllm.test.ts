import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { InputError } from '../../src/errors.js'
import { importVllm } from '../../src/import/vllm.js'

const fixture = (n: number): string => `test/import/fixtures/vllm-serve-detailed-${n}.json`
const current = (name: string): string => `test/import/fixtures/vllm/${name}`
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'lpg-vllm-'))

/** Python's json.dumps, for files the tests derive from a fixture: Infinity stays a bare token. */
const pythonJson = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (v === Infinity ? '__inf__' : v)).replaceAll('"__inf__"', 'Infinity')
const readPythonJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8').replaceAll('Infinity', '1e999')) as Record<string, unknown>

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
    const file = join(tempDir(), 'summary-only.json')
    writeFileSync(file, JSON.stringify({ duration: 10, completed: 5, request_throughput: 0.5 }))
    expect(() => importVllm([file])).toThrow(InputError)
    expect(() => importVllm([file])).toThrow(/ttfts: missing; expected per-request TTFTs in seconds: run vllm bench serve with --save-result --save-detailed/)
  })

  test('runs of different settings are not made trials of one result: the error lists each workload and how to pick one', () => {
    const other = join(tempDir(), 'other.json')
    const run = JSON.parse(readFileSync(fixture(2), 'utf8')) as Record<string, unknown>
    run.max_concurrency = 64
    writeFileSync(other, JSON.stringify(run))
    expect(() => importVllm([fixture(1), other])).toThrow(/2 different workloads .*--benchmark N:\n {2}- run 1 .*max concurrency 4.*\n {2}- run 2 .*max concurrency 64/s)
  })
})

describe('import --from vllm: files of current vllm bench serve (vllm/benchmarks/serve.py)', () => {
  test('reads "burstiness": Infinity (--burstiness inf) as JSON and keeps it in the workload as "inf"', () => {
    expect(readFileSync(current('rate4-in512.json'), 'utf8')).toContain('"burstiness": Infinity')
    const result = importVllm([current('rate4-in512.json')])
    expect(result.workload).toMatchObject({ burstiness: 'inf', request_rate: 4, max_concurrency: null, num_prompts: 40 })
  })

  test('send times come from start_times, the schedule lag from queue_times, the target rate from request_rate', () => {
    const raw = readPythonJson(current('rate4-in512.json')) as { start_times: number[]; queue_times: number[] }
    const trial = importVllm([current('rate4-in512.json')]).trials[0]!
    const request = trial.requests[10]!
    expect(request.sent_ms).toBeCloseTo((raw.start_times[10]! - raw.start_times[0]!) * 1000, 2)
    expect(request.client_queue_ms).toBeCloseTo(raw.queue_times[10]! * 1000, 2)
    expect(trial.summary.target_rate).toBe(4)
    expect(trial.summary.achieved_rate).toBeCloseTo(39 / ((raw.start_times[39]! - raw.start_times[0]!) ), 6)
  })

  test('a failed request keeps its whole error text (redacted, at most 4 KiB) and the timings vLLM recorded before it failed', () => {
    const raw = readPythonJson(current('rate4-in512.json')) as { errors: string[]; ttfts: number[]; itls: number[][] }
    expect(raw.errors[7]!.length).toBeGreaterThan(300)
    const failed = importVllm([current('rate4-in512.json')]).trials[0]!.requests[7]!
    expect(failed.ok).toBe(false)
    const message = failed.error!.message
    expect(message.length).toBeGreaterThan(300)
    expect(message.length).toBeLessThanOrEqual(4096)
    expect(message).toContain('Traceback (most recent call last):')
    expect(message).toContain('ClientPayloadError: Response payload is not completed')
    expect(message).not.toContain('sk-test-0123456789')
    expect(message).not.toContain('sig=abcdef')
    expect(failed.ttft_ms).toBeCloseTo(raw.ttfts[7]! * 1000, 2)
    expect(failed.itl_ms).toHaveLength(raw.itls[7]!.length)
    expect(failed.e2e_ms).toBeCloseTo((raw.ttfts[7]! + raw.itls[7]!.reduce((a, b) => a + b, 0)) * 1000, 2)
    expect(failed.tpot_ms).toBeNull()
  })

  test('an error text longer than 4 KiB keeps its head and its tail', () => {
    const run = readPythonJson(current('rate4-in512.json')) as { errors: string[] }
    run.errors[7] = `START ${'frame\n'.repeat(2000)} ValueError: the real cause`
    const file = join(tempDir(), 'long-error.json')
    writeFileSync(file, pythonJson(run))
    const message = importVllm([file]).trials[0]!.requests[7]!.error!.message
    expect(message.length).toBeLessThanOrEqual(4096)
    expect(message.startsWith('START')).toBe(true)
    expect(message.endsWith('ValueError: the real cause')).toBe(true)
    expect(message).toMatch(/characters left out/)
  })

  test('a request with no answer and an empty reason (a non-200 status) is a failure, not a success', () => {
    const raw = readPythonJson(current('rate4-in512.json')) as { errors: string[]; failed: number }
    expect(raw.errors[23]).toBe('')
    const result = importVllm([current('rate4-in512.json')])
    expect(result.trials[0]!.requests[23]).toMatchObject({ ok: false, ttft_ms: null, error: { kind: 'unknown' } })
    expect(result.summary.failed).toBe(raw.failed)
  })

  test('input lengths are in the workload hash: a 512-token and a 1024-token run are incomparable, not a regression', () => {
    const short = importVllm([current('rate4-in512.json')])
    const long = importVllm([current('rate4-in1024.json')])
    expect(short.workload.input_tokens_median).toBe(510)
    expect(long.workload.input_tokens_median).toBe(1000)
    expect(short.workload.workload_hash).not.toBe(long.workload.workload_hash)
    const comparison = compareResults(short, long, loadThresholds('pr'))
    expect(comparison.verdict).toBe('incomparable')
    expect(comparison.validity.find((check) => check.check === 'workload_hash')!.detail).toMatch(/input_tokens_median: 510 vs 1000/)
  })

  test('two runs of the same command compare; a run with longer outputs is incomparable through the output-length check', () => {
    const a = importVllm([current('append-3runs.json')], undefined, 1)
    expect(a.trials).toHaveLength(3)
    const same = compareResults(a, a, loadThresholds('pr'))
    expect(same.verdict).not.toBe('incomparable')
    const longer = readPythonJson(current('rate4-in512.json')) as { output_lens: number[] }
    longer.output_lens = longer.output_lens.map((length) => length * 2)
    const file = join(tempDir(), 'longer-outputs.json')
    writeFileSync(file, pythonJson(longer))
    const comparison = compareResults(importVllm([current('rate4-in512.json')]), importVllm([file]), loadThresholds('pr'))
    expect(comparison.verdict).toBe('incomparable')
    expect(comparison.validity.find((check) => check.check === 'output_tokens')!.ok).toBe(false)
  })

  test('the model is not in the workload hash (docs/fingerprint.md): a model change compares', () => {
    const run = readPythonJson(current('rate4-in512.json'))
    run.model_id = 'Qwen/Qwen3-8B'
    run.tokenizer_id = 'Qwen/Qwen3-8B'
    const file = join(tempDir(), 'other-model.json')
    writeFileSync(file, pythonJson(run))
    const other = importVllm([file])
    expect(other.workload.workload_hash).toBe(importVllm([current('rate4-in512.json')]).workload.workload_hash)
    expect(other.environment.server.model).toBe('Qwen/Qwen3-8B')
  })

  test('--append-result files: runs of one command on separate lines become trials', () => {
    const result = importVllm([current('append-3runs.json')])
    expect(readFileSync(current('append-3runs.json'), 'utf8').trim().split('\n')).toHaveLength(3)
    expect(result.trials.map((trial) => trial.requests.length)).toEqual([40, 40, 40])
    expect(result.trials.map((trial) => trial.index)).toEqual([0, 1, 2])
  })

  test('--append-result files of mixed settings: an error names every line; --benchmark picks the workload of one line', () => {
    expect(() => importVllm([current('append-mixed.json')])).toThrow(/2 different workloads.*\n {2}- run 1 \(.*append-mixed.json line 1\) \(and 3: the same workload\): rate 4.*\n {2}- run 2 \(.*line 2\): rate 8/s)
    const rate8 = importVllm([current('append-mixed.json')], undefined, 2)
    expect(rate8.trials).toHaveLength(1)
    expect(rate8.workload.request_rate).toBe(8)
    const rate4 = importVllm([current('append-mixed.json')], undefined, 3)
    expect(rate4.trials).toHaveLength(2)
    expect(rate4.workload.request_rate).toBe(4)
    expect(() => importVllm([current('append-mixed.json')], undefined, 4)).toThrow(/--benchmark: got 4; .* holds 3 runs, numbered 1 to 3/)
  })

  test('a broken line of an appended file is named by its number', () => {
    const lines = readFileSync(current('append-3runs.json'), 'utf8').split('\n')
    lines[1] = lines[1]!.slice(0, 500)
    const file = join(tempDir(), 'broken.json')
    writeFileSync(file, lines.join('\n'))
    expect(() => importVllm([file])).toThrow(/vllm result .*broken.json line 2: not valid JSON/)
  })

  test('a file that is not JSON says where', () => {
    const file = join(tempDir(), 'bad.json')
    writeFileSync(file, '{\n  "duration": 1,\n  "ttfts": [0.1,,]\n}\n')
    expect(() => importVllm([file])).toThrow(/vllm result .*bad.json: not valid JSON at line 3/)
  })

  test('the workload name comes from the file name, never from text inside the file', () => {
    const run = readPythonJson(current('rate4-in512.json'))
    run.label = '../../etc/evil'
    run.model_id = '../../evil/model'
    const file = join(tempDir(), 'my run (1).json')
    writeFileSync(file, pythonJson(run))
    expect(importVllm([file]).workload.name).toBe('my-run--1-')
    expect(importVllm([file], '../x/y').workload.name).toBe('x-y')
  })

  test('runs of another model are refused as trials of one result, but as a result of their own have the same workload hash (the model is not in it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-vllm-'))
    const other = join(dir, 'other-model.json')
    const run = JSON.parse(readFileSync(fixture(2), 'utf8')) as Record<string, unknown>
    run.model_id = 'meta-llama/Llama-3.1-8B-Instruct'
    writeFileSync(other, JSON.stringify(run))
    expect(() => importVllm([fixture(1), other])).toThrow(/different workloads[\s\S]*model meta-llama/)
    const [a, b] = [importVllm([fixture(2)]), importVllm([other])]
    expect(b.workload.workload_hash).toBe(a.workload.workload_hash)
    expect(b.environment.server.model).toBe('meta-llama/Llama-3.1-8B-Instruct')
  })
})
