import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import type { ActionContext, ActionDeps } from '../../src/action/deps.js'
import { readSettings } from '../../src/action/settings.js'
import { historyRecordOf, type HistoryRecord } from '../../src/history/record.js'
import { run } from '../../src/main.js'
import type { ResultFile } from '../../src/result/types.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const schedule: ActionContext = {
  eventName: 'schedule',
  payload: {},
  repo: { owner: 'octo', repo: 'perf' },
  sha: 'feedface00',
  runId: 9,
  serverUrl: 'https://github.com',
  workflowRef: 'octo/perf/.github/workflows/perf.yml@refs/heads/main'
}
const pullRequest: ActionContext = { ...schedule, eventName: 'pull_request', sha: 'merge01', payload: { pull_request: { number: 3, head: { sha: 'abcdef1234' }, base: { ref: 'main' } } } }

interface Uploaded {
  name: string
  files: string[]
}

function deps(core: FakeCore, github: FakeGitHub, context: ActionContext, uploads: Uploaded[] = []): ActionDeps {
  const quiet = new PassThrough()
  quiet.resume()
  return {
    core,
    context,
    getOctokit: (token) => getOctokit(token, { baseUrl: github.url }),
    artifactClient: () => ({
      uploadArtifact: async (name: string, files: string[]) => {
        uploads.push({ name, files })
        return { id: 1, size: 10 }
      }
    }),
    io: { stdout: quiet, stderr: quiet, env: { GITHUB_REF: 'refs/heads/main' } },
    tempDirectory: mkdtempSync(join(tmpdir(), 'lpg-history-action-temp-'))
  }
}

const lines = (path: string): HistoryRecord[] => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as HistoryRecord)
const jsonl = (records: readonly HistoryRecord[]): string => records.map((record) => `${JSON.stringify(record)}\n`).join('')
const outputDirectory = (): string => mkdtempSync(join(tmpdir(), 'lpg-history-action-'))

/** `count` earlier runs like `result` (same workload hash and hardware), a day apart, TPOT spread a few percent. */
function pastOf(result: ResultFile, count: number): HistoryRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(Date.UTC(2025, 0, 1 + index)).toISOString()
    const record = historyRecordOf({ ...result, created_at: day })
    const factor = 1 + 0.03 * Math.sin(index * 2.3)
    const metrics = Object.fromEntries(Object.entries(record.metrics).map(([name, metric]) => [name, { ...metric, run: metric.run === null ? null : metric.run * (name.includes('throughput') ? 1 / factor : factor) }]))
    return { ...record, commit: `past${index}`, metrics }
  })
}

describe('the history in the action', () => {
  let github: FakeGitHub
  let simulator: RunningSimulator
  let workloadPath: string

  beforeAll(async () => {
    github = await startFakeGitHub('octo', 'perf')
    simulator = await startSimulator({ profile: 'fast', seed: 3 })
    workloadPath = join(outputDirectory(), 'sim.yml')
    writeFileSync(workloadPath, JSON.stringify({ name: 'sim-hist', url: simulator.url, trials: 3, requests: 12, warmup: 2, load: { concurrency: 4 }, prompts: { input_tokens: 32, output_tokens: 8 } }))
  })

  afterAll(async () => {
    await simulator?.close()
    await github?.close()
  })

  test('mode baseline downloads the previous baseline\'s history, extends it by this run, caps it at history-limit and uploads it with the result', async () => {
    // A first run, to make past runs of this very workload.
    const firstPath = join(outputDirectory(), 'first.result.json')
    await run(deps(createFakeCore({ mode: 'run', workload: workloadPath, 'result-path': firstPath }), github, schedule))
    const first = JSON.parse(readFileSync(firstPath, 'utf8')) as ResultFile
    const past = pastOf(first, 5)
    const runId = github.addRun({ headBranch: 'main', headSha: 'aaaa111', event: 'schedule', conclusion: 'success', createdAt: '2026-11-20T02:00:00Z', path: '.github/workflows/perf.yml' })
    github.addArtifact(runId, { name: 'llm-perf-gate-baseline-sim-hist', files: { 'current.result.json': readFileSync(firstPath, 'utf8'), 'perf-history.jsonl': jsonl(past) } })

    const uploads: Uploaded[] = []
    const resultPath = join(outputDirectory(), 'current.result.json')
    const core = createFakeCore({ mode: 'baseline', workload: workloadPath, 'result-path': resultPath, 'github-token': 'ghs_x', 'history-limit': '4' })
    await run(deps(core, github, schedule, uploads))
    expect(core.failed).toBeNull()
    const historyPath = core.outputs['history-path']!
    expect(uploads).toEqual([{ name: 'llm-perf-gate-baseline-sim-hist', files: [resultPath, historyPath] }])
    const written = lines(historyPath)
    // 5 past runs and this one, capped at the newest 4.
    expect(written.map((record) => record.commit)).toEqual(['past2', 'past3', 'past4', 'feedface00'])
    expect(written.at(-1)).toMatchObject({ ref: 'refs/heads/main', workload: { name: 'sim-hist' } })
    // The job summary draws the trend of the gated metrics.
    expect(core.summaryText).toContain('**Trend of `sim-hist`** over its last 4 comparable runs')
    expect(core.summaryText).toContain('xychart-beta')
  })

  test('a baseline artifact from before histories starts one with its result', async () => {
    const name = 'sim-old'
    const oldWorkload = join(outputDirectory(), 'old.yml')
    writeFileSync(oldWorkload, readFileSync(workloadPath, 'utf8').replace('sim-hist', name))
    const previous = syntheticResult({ ...SERVING_LIKE, seed: 4, trials: 2, slowdown: { ttft: 1, tpot: 1 } })
    const runId = github.addRun({ headBranch: 'main', headSha: 'bbbb222', event: 'schedule', conclusion: 'success', createdAt: '2026-11-21T02:00:00Z', path: '.github/workflows/perf.yml' })
    github.addArtifact(runId, { name: `llm-perf-gate-baseline-${name}`, files: { 'baseline.result.json': JSON.stringify(previous) } })
    const core = createFakeCore({ mode: 'baseline', workload: oldWorkload, 'result-path': join(outputDirectory(), 'r.result.json'), 'github-token': 'ghs_x' })
    await run(deps(core, github, schedule))
    expect(core.failed).toBeNull()
    expect(lines(core.outputs['history-path']!).map((record) => record.id)).toEqual([historyRecordOf(previous).id, expect.stringMatching(/^sha256:/)])
  })

  test('baseline: artifact brings the history: the comparison accounts for job-to-job variation and the report draws the trend', async () => {
    const current = { ...syntheticResult({ ...SERVING_LIKE, seed: 7, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } }), created_at: '2026-11-23T02:00:00.000Z' }
    const baseline = { ...syntheticResult({ ...SERVING_LIKE, seed: 8, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } }), created_at: '2026-11-22T02:00:00.000Z' }
    const past = [...pastOf(baseline, 11), historyRecordOf(baseline)]
    const runId = github.addRun({ headBranch: 'main', headSha: 'cccc333', event: 'schedule', conclusion: 'success', createdAt: '2026-11-22T02:00:00Z', path: '.github/workflows/perf.yml' })
    github.addArtifact(runId, { name: 'llm-perf-gate-baseline-synthetic', files: { 'current.result.json': JSON.stringify(baseline), 'perf-history.jsonl': jsonl(past) } })
    const resultPath = join(outputDirectory(), 'current.result.json')
    writeFileSync(resultPath, JSON.stringify(current))
    const core = createFakeCore({ mode: 'compare', key: 'synthetic', baseline: 'artifact', 'result-path': resultPath, 'github-token': 'ghs_x', comment: 'false' })
    await run(deps(core, github, pullRequest))
    expect(core.failed).toBeNull()
    const comparison = JSON.parse(readFileSync(core.outputs['comparison-path']!, 'utf8')) as { history: Record<string, unknown> }
    expect(comparison.history).toMatchObject({ runs: 12, comparable: 12, used: true, source: expect.stringContaining('the baseline artifact (main@') })
    expect(core.summaryText).toContain('Job-to-job variation from 12 comparable past runs')
    expect(core.summaryText).toContain('**Trend of `synthetic`** over its last 13 comparable runs')
    // Beside the result: the history extended by this run, for a step that refreshes the baseline.
    expect(lines(core.outputs['history-path']!).at(-1)).toMatchObject({ commit: 'abcdef1234', id: historyRecordOf(current).id })
  })

  test('the history input names a stored file instead; its bad lines are warned about by number', async () => {
    const current = { ...syntheticResult({ ...SERVING_LIKE, seed: 9, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } }), created_at: '2026-11-23T02:00:00.000Z' }
    const baselinePath = join(outputDirectory(), 'b.result.json')
    const baseline = syntheticResult({ ...SERVING_LIKE, seed: 10, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
    writeFileSync(baselinePath, JSON.stringify(baseline))
    const stored = join(outputDirectory(), 'stored.jsonl')
    writeFileSync(stored, `${jsonl(pastOf(current, 3))}{broken\n`)
    const resultPath = join(outputDirectory(), 'current.result.json')
    writeFileSync(resultPath, JSON.stringify(current))
    const core = createFakeCore({ mode: 'compare', baseline: baselinePath, history: stored, 'result-path': resultPath, comment: 'false' })
    await run(deps(core, github, pullRequest))
    expect(core.warnings.join('\n')).toMatch(new RegExp(`${stored.replaceAll('.', '\\.')} line 4: not valid JSON \\(.*\\); the last line: the file may have been cut short; skipped`))
    const comparison = JSON.parse(readFileSync(core.outputs['comparison-path']!, 'utf8')) as { history: Record<string, unknown> }
    expect(comparison.history).toMatchObject({ source: stored, comparable: 3, used: false })
    expect(core.summaryText).toContain('5 more are needed before job-to-job variation counts in the verdict')
    // The stored file is read, never written.
    expect(readFileSync(stored, 'utf8').trim().split('\n')).toHaveLength(4)
  })

  test('history-limit must be a positive integer', () => {
    expect(() => readSettings((name) => ({ workload: 'w.yml', baseline: 'b.json', 'history-limit': 'all' })[name] ?? '')).toThrow('input history-limit: got "all"; expected an integer >= 1')
  })
})
