import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runAb } from '../../src/commands/ab.js'
import { resolveWorkload, type Workload } from '../../src/config/workload.js'
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
  })
})
