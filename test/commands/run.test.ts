import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCommand } from '../../src/commands/run.js'
import type { ResultFile } from '../../src/result/types.js'
import { parseFaults, startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { captureIo } from '../helpers/capture-io.js'

const API_KEY = 'sk-test-7f3c9a1b5d2e8f4061'

describe('a run against a server injecting faults', () => {
  let simulator: RunningSimulator
  let dir: string
  let io: ReturnType<typeof captureIo>
  let exitCode: number
  let result: ResultFile
  let wallMs: number

  beforeAll(async () => {
    simulator = await startSimulator({ profile: 'fast', seed: 3, faults: parseFaults('http500=0.08,reset=0.08,stall=0.08,malformed=0.08,no_done=0.1,comments=1') })
    dir = mkdtempSync(join(tmpdir(), 'lpg-run-'))
    const workload = {
      name: 'faulty',
      url: simulator.url,
      trials: 2,
      requests: 60,
      warmup: 2,
      load: { concurrency: 8 },
      prompts: { input_tokens: 32, output_tokens: 12 },
      timeouts: { idle_s: 0.5, first_token_s: 2, request_s: 10 },
      headers: { Authorization: 'Bearer ${LPG_TEST_KEY}' }
    }
    writeFileSync(join(dir, 'faulty.yml'), JSON.stringify(workload))
    io = captureIo({ LPG_TEST_KEY: API_KEY })
    const started = performance.now()
    exitCode = await runCommand({ workload: join(dir, 'faulty.yml'), out: join(dir, 'faulty.result.json'), quiet: false }, io)
    wallMs = performance.now() - started
    result = JSON.parse(readFileSync(join(dir, 'faulty.result.json'), 'utf8')) as ResultFile
  }, 60_000)

  afterAll(async () => {
    await simulator?.close()
  })

  const records = (): ResultFile['trials'][number]['requests'] => result.trials.flatMap((trial) => trial.requests)

  test('records what the client\'s machine did during each trial', () => {
    for (const trial of result.trials) {
      expect(trial.host!.client_cpu).toBeGreaterThan(0)
      expect(trial.host!.event_loop_utilization).toBeGreaterThan(0)
      expect(trial.host!.event_loop_utilization).toBeLessThanOrEqual(1)
      if (trial.host!.cpu_steal !== null) expect(trial.host!.cpu_steal).toBeGreaterThanOrEqual(0)
    }
  })

  test('finishes, reports the error rate, and exits 3 because more than the pr preset\'s 5% failed', () => {
    expect(records()).toHaveLength(120)
    const failed = records().filter((r) => !r.ok).length
    expect(failed).toBeGreaterThan(0)
    expect(result.summary.error_rate).toBeCloseTo(failed / 120, 10)
    expect(result.trials.some((trial) => trial.summary.error_rate > 0.05)).toBe(true)
    expect(io.out()).toContain('Failed requests:')
    expect(exitCode).toBe(3)
    expect(io.err()).toMatch(/too many failed requests \(trial \d: \d+\.\d%.*\), above validity\.max_error_rate 5\.0% of the thresholds pr/)
  })

  test('the console summary lists the errors by kind and status, most frequent first, with counts', () => {
    const block = io.out().slice(io.out().indexOf('Errors (most frequent first):'))
    const lines = block.split('\n').slice(1).filter((line) => /^ {2}\d+× /.test(line))
    expect(lines.length).toBeGreaterThanOrEqual(3)
    const counts = lines.map((line) => Number(/^ {2}(\d+)×/.exec(line)![1]))
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(block).toMatch(/\d+× http 500: /)
    expect(block).toMatch(/\d+× timeout \(idle\): no event for idle_s/)
    // The result keeps the same groups, so every report can list them.
    expect(result.summary.errors!.reduce((sum, group) => sum + group.count, 0)).toBe(result.summary.failed)
  })

  test('finishes within its timeouts: a stalled stream does not hold the run', () => {
    // Two trials of 60 requests at 8 in flight, with stalls cut at idle_s = 0.5 s.
    expect(wallMs).toBeLessThan(15_000)
  })

  test('an HTTP 500 is recorded with its status', () => {
    expect(records().some((r) => r.error?.kind === 'http' && r.error.status === 500)).toBe(true)
  })

  test('a stalled stream is a timeout of the idle phase that keeps its TTFT', () => {
    const stalled = records().filter((r) => r.error?.kind === 'timeout')
    expect(stalled.length).toBeGreaterThan(0)
    for (const record of stalled) {
      expect(record.error?.timeout).toBe('idle')
      expect(record.ttft_ms).not.toBeNull()
    }
  })

  test('a reset mid-stream is a connection error that keeps what was measured', () => {
    const reset = records().filter((r) => r.error?.kind === 'connection')
    expect(reset.length).toBeGreaterThan(0)
    expect(reset.every((r) => r.ttft_ms !== null && r.content_events >= 1)).toBe(true)
  })

  test('a malformed event is a protocol error', () => {
    expect(records().some((r) => r.error?.kind === 'protocol')).toBe(true)
  })

  test('a stream without [DONE] still counts, and the result says so', () => {
    expect(records().some((r) => r.ok && !r.done)).toBe(true)
    expect(result.notes?.some((note) => note.includes('without their end marker'))).toBe(true)
  })

  test('the API key appears nowhere: not in stdout, stderr, the result or any file left', () => {
    expect(io.out()).not.toContain(API_KEY)
    expect(io.err()).not.toContain(API_KEY)
    for (const file of readdirSync(dir)) expect({ file, leaks: readFileSync(join(dir, file), 'utf8').includes(API_KEY) }).toEqual({ file, leaks: false })
    expect(result.workload.headers).toEqual({ Authorization: '[redacted]' })
  })

  test('the journal is removed once the result is written', () => {
    expect(existsSync(join(dir, 'faulty.result.json.journal.jsonl'))).toBe(false)
  })
})

describe('output locations', () => {
  test('a result path in a folder that does not exist yet is created', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 5 })
    const dir = mkdtempSync(join(tmpdir(), 'lpg-out-'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'nested', url: simulator.url, trials: 1, requests: 4, warmup: 0, load: { concurrency: 2 }, prompts: { input_tokens: 8, output_tokens: 4 } }))
    try {
      const out = join(dir, 'a', 'b', 'nested.result.json')
      expect(await runCommand({ workload: join(dir, 'w.json'), out, quiet: true }, captureIo({}))).toBe(0)
      expect(JSON.parse(readFileSync(out, 'utf8')).trials).toHaveLength(1)
    } finally {
      await simulator.close()
    }
  })
})

describe('run --thresholds', () => {
  test('a thresholds file that does not exist fails before the server is contacted', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 7 })
    const dir = mkdtempSync(join(tmpdir(), 'lpg-thresholds-'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 't', url: simulator.url, trials: 1, requests: 2, warmup: 0, load: { concurrency: 1 } }))
    try {
      await expect(runCommand({ workload: join(dir, 'w.json'), out: join(dir, 'r.json'), quiet: true, thresholds: join(dir, 'typo.yml') }, captureIo({}))).rejects.toThrow(/thresholds: ".*typo\.yml" is neither a preset/)
      expect(simulator.stats().requests).toBe(0)
    } finally {
      await simulator.close()
    }
  })
})

describe('a rerun after a crash', () => {
  test('keeps the journal the crashed run left, under a name of its own, and says so on stderr', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 6 })
    const dir = mkdtempSync(join(tmpdir(), 'lpg-rerun-'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'rerun', url: simulator.url, trials: 1, requests: 3, warmup: 0, load: { concurrency: 1 }, prompts: { input_tokens: 8, output_tokens: 4 } }))
    const out = join(dir, 'rerun.result.json')
    const leftover = '{"type":"run","what":"the measured requests of a run that died"}\n'
    writeFileSync(`${out}.journal.jsonl`, leftover)
    const io = captureIo({})
    try {
      expect(await runCommand({ workload: join(dir, 'w.json'), out, quiet: true }, io)).toBe(0)
    } finally {
      await simulator.close()
    }
    const kept = readdirSync(dir).filter((name) => /^rerun\.result\.json\.journal\..+\.jsonl$/.test(name))
    expect(kept).toHaveLength(1)
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe(leftover)
    expect(io.err()).toContain(`a journal from an earlier run was at ${out}.journal.jsonl (a run that did not finish?): it is kept as ${join(dir, kept[0]!)}`)
  })
})

describe('an interrupted run', () => {
  test('writes what it measured, marks it interrupted, and leaves the cancelled requests out of the counts', async () => {
    const simulator = await startSimulator({ profile: 'fast', seed: 4 })
    const dir = mkdtempSync(join(tmpdir(), 'lpg-interrupt-'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'long', url: simulator.url, trials: 3, requests: 400, warmup: 0, load: { concurrency: 4 }, prompts: { input_tokens: 16, output_tokens: 16 } }))
    const controller = new AbortController()
    const io = captureIo({}, controller.signal)
    // Stop once the first progress line of the first trial is out: requests are in flight by then.
    io.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('trial 1/3')) setImmediate(() => controller.abort())
    })
    try {
      const exitCode = await runCommand({ workload: join(dir, 'w.json'), out: join(dir, 'long.result.json') }, io)
      expect(exitCode).toBe(130)
      const result = JSON.parse(readFileSync(join(dir, 'long.result.json'), 'utf8')) as ResultFile
      expect(result.interrupted).toBe(true)
      expect(result.trials).toHaveLength(1)
      expect(result.trials[0]!.interrupted).toBe(true)
      const requests = result.trials[0]!.requests
      expect(requests.length).toBeLessThan(400)
      expect(requests.some((r) => r.error?.kind === 'cancelled')).toBe(true)
      expect(result.trials[0]!.summary.sent).toBe(requests.filter((r) => r.error?.kind !== 'cancelled').length)
    } finally {
      await simulator.close()
    }
  })
})
