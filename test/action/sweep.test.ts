import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import type { ActionContext, ActionDeps } from '../../src/action/deps.js'
import { readSettings } from '../../src/action/settings.js'
import { run } from '../../src/main.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { settingsError } from '../helpers/settings.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'


describe('mode sweep\'s inputs', () => {
  test('the sweep file is the result path, the baseline is optional, and the lists are kept as given', () => {
    expect(readSettings((name) => ({ mode: 'sweep', workload: 'w.yml', concurrency: '1,2,4' })[name] ?? '')).toMatchObject({ mode: 'sweep', resultPath: 'llm-perf-gate/current.sweep.json', baseline: { kind: 'none' }, sweepLoads: { concurrency: '1,2,4', rates: null } })
    expect(readSettings((name) => ({ mode: 'sweep', workload: 'w.yml' })[name] ?? '').sweepLoads).toEqual({ concurrency: null, rates: null })
  })

  test('a bad list, both lists, or a list in another mode is an error naming the input', () => {
    expect(settingsError({ mode: 'sweep', workload: 'w.yml', concurrency: '1,two' })).toBe('input concurrency: "two" is not a concurrency (an integer >= 1); expected a list such as 1,2,4,8')
    expect(settingsError({ mode: 'sweep', workload: 'w.yml', rates: '-1' })).toMatch(/^input rates: "-1" is not a rate/)
    expect(settingsError({ mode: 'sweep', workload: 'w.yml', rates: '1', concurrency: '1' })).toMatch(/^inputs concurrency and rates: give one/)
    expect(settingsError({ mode: 'gate', workload: 'w.yml', baseline: 'b.json', concurrency: '1,2' })).toBe('input concurrency: only mode sweep reads it; got mode gate')
  })
})

const context = (overrides: Partial<ActionContext> = {}): ActionContext => ({
  eventName: 'pull_request',
  payload: { pull_request: { number: 7, head: { sha: 'abcdef1234' }, base: { ref: 'main' } } },
  repo: { owner: 'octo', repo: 'perf' },
  sha: 'ffff',
  runId: 9,
  serverUrl: 'https://github.com',
  workflowRef: 'octo/perf/.github/workflows/perf.yml@refs/pull/7/merge',
  ...overrides
})

function deps(core: FakeCore, github: FakeGitHub | null, uploads: Array<{ name: string; files: string[] }>, ctx: ActionContext): ActionDeps {
  const quiet = new PassThrough()
  quiet.resume()
  return {
    core,
    context: ctx,
    getOctokit: (token) => getOctokit(token, { baseUrl: github?.url ?? 'http://127.0.0.1:9' }),
    artifactClient: () => ({
      uploadArtifact: async (name: string, files: string[]) => {
        uploads.push({ name, files })
        return { id: 1, size: 10 }
      }
    }),
    io: { stdout: quiet, stderr: quiet, env: {} },
    tempDirectory: mkdtempSync(join(tmpdir(), 'lpg-sweep-action-temp-'))
  }
}

describe('mode sweep against a server', () => {
  let github: FakeGitHub
  let simulator: RunningSimulator
  let workload: string
  const dir = mkdtempSync(join(tmpdir(), 'lpg-sweep-action-'))

  beforeAll(async () => {
    github = await startFakeGitHub('octo', 'perf')
    simulator = await startSimulator({ profile: 'linear', seed: 3 })
    workload = join(dir, 'sim-sweep.yml')
    writeFileSync(workload, JSON.stringify({ name: 'sim-sweep', url: simulator.url, trials: 2, requests: 8, warmup: 1, prompts: { input_tokens: 16, output_tokens: 16 }, slo: { tpot_ms: 7.5 } }))
  })
  afterAll(async () => {
    await simulator?.close()
    await github?.close()
  })

  test('a nightly run sweeps, writes the sweep file and uploads it as the sweep baseline artifact; then a pull request compares with it and comments', async () => {
    const uploads: Array<{ name: string; files: string[] }> = []
    const nightlyPath = join(dir, 'nightly', 'current.sweep.json')
    const nightly = createFakeCore({ mode: 'sweep', workload, concurrency: '2,12', 'result-path': nightlyPath })
    await run(deps(nightly, null, uploads, context({ eventName: 'schedule', payload: {} })))
    expect(nightly.failed).toBeNull()
    expect(nightly.outputs).toEqual({ 'result-path': nightlyPath })
    expect(JSON.parse(readFileSync(nightlyPath, 'utf8')).schema).toBe('llm-perf-gate/sweep@1')
    expect(uploads).toEqual([{ name: 'llm-perf-gate-baseline-sim-sweep-sweep', files: [nightlyPath] }])
    expect(nightly.summaryText).toMatch(/swept `sim-sweep`[\s\S]*Capacity at SLO/)

    const runId = github.addRun({ headBranch: 'main', headSha: '9f8e7d6c5b', event: 'schedule', conclusion: 'success', createdAt: '2026-11-21T02:00:00Z', path: '.github/workflows/perf.yml' })
    github.addArtifact(runId, { name: 'llm-perf-gate-baseline-sim-sweep-sweep', files: { 'current.sweep.json': readFileSync(nightlyPath, 'utf8') } })
    const prPath = join(dir, 'pr', 'current.sweep.json')
    const pr = createFakeCore({ mode: 'sweep', workload, concurrency: '2,12', 'result-path': prPath, baseline: 'artifact', 'github-token': 'ghs_x', thresholds: 'nightly', 'fail-on': 'never' })
    const prUploads: Array<{ name: string; files: string[] }> = []
    await run(deps(pr, github, prUploads, context()))
    expect(pr.failed).toBeNull()
    expect(prUploads).toEqual([])
    expect(Object.keys(pr.outputs).sort()).toEqual(['comparison-path', 'regressions', 'report-html-path', 'report-markdown-path', 'result-path', 'verdict'])
    const comparison = JSON.parse(readFileSync(pr.outputs['comparison-path']!, 'utf8'))
    expect(comparison.metrics.map((m: { metric: string }) => m.metric)).toEqual(['capacity_at_slo'])
    expect(comparison.sweep.baseline.curve.map((p: { load: number }) => p.load)).toEqual([2, 12])
    expect(existsSync(pr.outputs['report-html-path']!)).toBe(true)
    expect(existsSync(join(dir, 'pr', 'baseline.sweep.json'))).toBe(true)
    const comments = github.commentsOf(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('<!-- llm-perf-gate:sim-sweep-sweep -->')
    expect(comments[0]!.body).toContain('capacity at SLO')
  })

  test('a baseline that is a result file, not a sweep, is an input error naming it, before the sweep runs', async () => {
    const resultPath = join(dir, 'plain.result.json')
    writeFileSync(resultPath, JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 1, trialDrift: 0, slowdown: { ttft: 1, tpot: 1 } })))
    const core = createFakeCore({ mode: 'sweep', workload, concurrency: '2', baseline: resultPath, comment: 'false', 'result-path': join(dir, 'never', 'current.sweep.json') })
    await run(deps(core, null, [], context()))
    expect(core.failed).toMatch(/^baseline .*plain\.result\.json: got a file with schema "llm-perf-gate\/result@1"; expected a sweep file/)
    expect(existsSync(join(dir, 'never', 'current.sweep.json'))).toBe(false)
  })
})
