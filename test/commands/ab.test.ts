import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { abCommand } from '../../src/commands/ab.js'
import { runAb } from '../../src/runner/ab.js'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
import { importJournal } from '../../src/import/journal.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { quietIo } from '../helpers/quiet-io.js'

describe('runAb', () => {
  let a: RunningSimulator
  let b: RunningSimulator

  beforeAll(async () => {
    ;[a, b] = await Promise.all([startSimulator({ profile: 'fast', seed: 1 }), startSimulator({ profile: 'fast', seed: 2 })])
  })

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
  })

  test('runs the trials in pairs whose order flips, A B, B A, A B, B A, so neither side always runs second', async () => {
    const load = (url: string): Workload => resolveWorkload({ name: 'ab', url, seed: 1, trials: 4, requests: 6, warmup: 0, load: { concurrency: 2 }, prompts: { input_tokens: 16, output_tokens: 8 } }, 'ab workload', { env: {} })
    const { baseline, candidate } = await runAb({ baseline: load(a.url), candidate: load(b.url) }, mkdtempSync(join(tmpdir(), 'lpg-ab-')), quietIo(), true)
    // The order the trials ran in, from each trial's start on the shared wall clock (trials take milliseconds).
    const order = [...baseline.trials.map((trial) => ({ side: 'A', trial })), ...candidate.trials.map((trial) => ({ side: 'B', trial }))]
      .sort((x, y) => Date.parse(x.trial.started_at) - Date.parse(y.trial.started_at) || x.trial.index - y.trial.index)
      .map(({ side, trial }) => `${side}${trial.index}`)
    expect(order).toEqual(['A0', 'B0', 'B1', 'A1', 'A2', 'B2', 'B3', 'A3'])
    // Both results name the run, so compare can pair trial i with trial i.
    expect(baseline.pairing).toEqual({ run: expect.any(String), side: 'baseline' })
    expect(candidate.pairing).toEqual({ run: baseline.pairing!.run, side: 'candidate' })
  })

  test('abCommand writes report.md and report.html beside the two results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-ab-report-'))
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'ab-report', url: a.url, seed: 1, trials: 2, requests: 6, warmup: 0, load: { concurrency: 2 }, prompts: { input_tokens: 16, output_tokens: 8 } }))
    await abCommand({ workload: join(dir, 'w.json'), baselineUrl: a.url, candidateUrl: b.url, out: dir, quiet: true }, quietIo())
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^### .* llm-perf-gate: \*\*/)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain(`vs baseline <code>${a.url}</code>`)
    expect(html).toContain('"id":"over-time"')
  })

  test('a run killed mid-way leaves two journals that rebuild into results of the same run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-ab-kill-'))
    const workload = join(dir, 'w.json')
    writeFileSync(workload, JSON.stringify({ name: 'ab-kill', seed: 1, trials: 200, requests: 8, warmup: 0, load: { concurrency: 2 }, prompts: { input_tokens: 16, output_tokens: 8 } }))
    // The committed bundle, as users run it (cli.test.ts).
    const child = spawn(process.execPath, ['dist/cli.js', 'ab', '--workload', workload, '--baseline-url', a.url, '--candidate-url', b.url, '--out', dir, '--quiet'], { stdio: 'ignore' })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const journal = (side: string): string => join(dir, `${side}.result.json.journal.jsonl`)
    const ended = (side: string): number => (existsSync(journal(side)) ? readFileSync(journal(side), 'utf8').split('\n').filter((line) => line.includes('"type":"trial_end"')).length : 0)
    // Waits, bounded, for two whole pairs on record; the journal is the only sign of progress the process gives.
    for (let polls = 0; polls < 600 && ended('candidate') < 2; polls++) await delay(25)
    child.kill('SIGKILL')
    await exited
    expect(ended('candidate')).toBeGreaterThanOrEqual(2)
    expect(existsSync(join(dir, 'baseline.result.json'))).toBe(false)
    const [baseline, candidate] = ['baseline', 'candidate'].map((side) => importJournal(journal(side)))
    expect(baseline!.pairing).toEqual({ run: expect.any(String), side: 'baseline' })
    expect(candidate!.pairing).toEqual({ run: baseline!.pairing!.run, side: 'candidate' })
    expect(baseline!.interrupted).toBe(true)
    expect(candidate!.trials.length).toBeGreaterThanOrEqual(2)
  })
})
