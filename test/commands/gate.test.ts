import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { gateCommand } from '../../src/commands/gate.js'
import { runCommand } from '../../src/commands/run.js'
import type { Comparison } from '../../src/compare/types.js'
import { InputError } from '../../src/errors.js'
import { parseSlowdown, startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { quietIo } from '../helpers/quiet-io.js'

// `gate` is `run` then `compare` against a baseline file: a baseline from the simulator, then
// the same workload against the same simulator slowed by 30% per output token.
describe('llm-perf-gate gate', () => {
  let simulator: RunningSimulator
  let slowed: RunningSimulator
  let dir: string
  const workloadFile = (): string => join(dir, 'w.json')

  beforeAll(async () => {
    ;[simulator, slowed] = await Promise.all([startSimulator({ profile: 'fast', seed: 1 }), startSimulator({ profile: 'fast', seed: 2, slowdown: parseSlowdown(['tpot=1.3']) })])
    dir = mkdtempSync(join(tmpdir(), 'lpg-gate-'))
    // Requests of about 250 ms (120 tokens of ~2 ms): a busy test machine delays the client by a
    // millisecond or two between requests, which would leave slots empty for more than the
    // closed-loop limit (2%) of 50 ms requests and make the verdict honestly inconclusive.
    const workload = { name: 'gated', url: simulator.url, seed: 3, trials: 5, requests: 12, warmup: 2, load: { concurrency: 4 }, prompts: { input_tokens: 32, output_tokens: 120 } }
    writeFileSync(workloadFile(), JSON.stringify(workload))
    expect(await runCommand({ workload: workloadFile(), out: join(dir, 'baseline.json'), quiet: true }, quietIo())).toBe(0)
  }, 60_000)

  afterAll(async () => {
    await Promise.all([simulator?.close(), slowed?.close()])
  })

  test('fails a slower server, naming TPOT, and leaves the current result, the comparison and the report', async () => {
    const out = join(dir, 'slowed')
    const exitCode = await gateCommand({ workload: workloadFile(), baseline: join(dir, 'baseline.json'), url: slowed.url, out, quiet: true }, quietIo())
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as Comparison
    const why = JSON.stringify({ verdict: comparison.verdict, failed: comparison.validity.filter((check) => !check.ok), notes: comparison.notes, metrics: comparison.metrics.map((m) => [m.metric, m.delta_pct, m.p_adjusted, m.status]) })
    expect(exitCode, why).toBe(1)
    expect(comparison.verdict).toBe('fail')
    expect(comparison.metrics.find((m) => m.metric === 'tpot_ms.p50')).toMatchObject({ status: 'regressed' })
    expect(existsSync(join(out, 'current.result.json'))).toBe(true)
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('llm-perf-gate: **regression**')
    // The HTML report beside it draws both sides over time: the baseline was read again with its request records.
    const html = readFileSync(join(out, 'report.html'), 'utf8')
    expect(html).toContain('<strong>regression</strong>')
    expect(html).not.toContain('read without its request records')
  }, 60_000)

  test('a broken baseline is an input error before anything runs', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"schema": "llm-perf-gate/result@1", "trials": [')
    const out = join(dir, 'broken-out')
    await expect(gateCommand({ workload: workloadFile(), baseline: join(dir, 'broken.json'), out, quiet: true }, quietIo())).rejects.toThrow(InputError)
    await expect(gateCommand({ workload: workloadFile(), baseline: join(dir, 'broken.json'), out, quiet: true }, quietIo())).rejects.toThrow(`baseline ${join(dir, 'broken.json')}: not valid JSON`)
    expect(existsSync(join(out, 'current.result.json'))).toBe(false)
  })
})
