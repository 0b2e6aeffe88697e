import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { importJournal } from '../../src/import/journal.js'
import { Journal } from '../../src/result/journal.js'

describe('importJournal', () => {
  it('rebuilds the trials a run journaled, with their host load, and marks a trial without its end line interrupted', () => {
    const source = syntheticResult({ ...SERVING_LIKE, seed: 4, trials: 2, requestsPerTrial: 5, slowdown: { ttft: 1, tpot: 1 } })
    const path = join(mkdtempSync(join(tmpdir(), 'lpg-journal-')), 'r.json.journal.jsonl')
    const journal = new Journal(path)
    const host = { cpu_steal: 0.12, client_cpu: 0.4, event_loop_utilization: 0.3 }
    journal.append({ type: 'run', workload: { ...source.workload, trials: 2 }, environment: source.environment, created_at: source.created_at })
    source.trials.forEach((trial, index) => {
      journal.append({ type: 'trial', index, started_at: trial.started_at, url: 'http://127.0.0.1:1', target_rate: null })
      for (const record of trial.requests) journal.append({ type: 'request', trial: index, record })
      if (index === 0) journal.append({ type: 'trial_end', index, interrupted: false, host })
    })
    journal.close(false)

    const result = importJournal(path)
    expect(result.trials.map((trial) => trial.requests.length)).toEqual([5, 5])
    expect(result.trials[0]).toMatchObject({ host })
    expect(result.trials[0]!.interrupted).toBeUndefined()
    expect(result.trials[1]).toMatchObject({ interrupted: true })
    expect(result.trials[1]!.host).toBeUndefined()
    expect(result.interrupted).toBe(true)
  })
})
