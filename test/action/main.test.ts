import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import type { ActionContext, ActionDeps } from '../../src/action/deps.js'
import { readSettings } from '../../src/action/settings.js'
import { compareCommand } from '../../src/commands/compare.js'
import { InputError } from '../../src/errors.js'
import { run } from '../../src/main.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { quietIo } from '../helpers/quiet-io.js'

const context = (overrides: Partial<ActionContext> = {}): ActionContext => ({
  eventName: 'pull_request',
  payload: { pull_request: { number: 3, head: { sha: 'abcdef1234' }, base: { ref: 'main' } } },
  repo: { owner: 'octo', repo: 'perf' },
  sha: 'ffff',
  runId: 9,
  serverUrl: 'https://github.com',
  workflowRef: 'octo/perf/.github/workflows/perf.yml@refs/pull/3/merge',
  ...overrides
})

interface Uploaded {
  name: string
  files: string[]
  root: string
}

function deps(core: FakeCore, github: FakeGitHub | null, uploads: Uploaded[] = [], ctx = context()): ActionDeps {
  const quiet = new PassThrough()
  quiet.resume()
  return {
    core,
    context: ctx,
    getOctokit: (token) => getOctokit(token, { baseUrl: github?.url ?? 'http://127.0.0.1:9' }),
    artifactClient: () => ({
      uploadArtifact: async (name: string, files: string[], root: string) => {
        uploads.push({ name, files, root })
        return { id: 1, size: 10 }
      }
    }),
    io: { stdout: quiet, stderr: quiet, env: {} },
    tempDirectory: mkdtempSync(join(tmpdir(), 'lpg-action-temp-'))
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lpg-action-unit-'))
function resultFile(name: string, overrides: Partial<SyntheticSpec>): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })))
  return path
}

describe('settings', () => {
  const errorOf = (inputs: Record<string, string>): string => {
    try {
      readSettings((name) => inputs[name] ?? '')
    } catch (error) {
      if (error instanceof InputError) return error.message
      throw error
    }
    return ''
  }

  test('defaults: gate, pr preset, comment always, fail on regression', () => {
    expect(readSettings((name) => ({ workload: 'w.yml', baseline: 'artifact' })[name] ?? '')).toMatchObject({ mode: 'gate', thresholds: 'pr', comment: 'always', failOn: 'regression', resultPath: 'llm-perf-gate/current.result.json', baseline: { kind: 'artifact' } })
  })

  test('an invalid value names the input and lists the valid ones', () => {
    expect(errorOf({ mode: 'bench', workload: 'w.yml' })).toBe('input mode: got "bench"; expected one of gate, baseline, run, compare, ab')
    expect(errorOf({ workload: 'w.yml', baseline: 'b.json', 'fail-on': 'always' })).toBe('input fail-on: got "always"; expected one of regression, inconclusive, never')
    expect(errorOf({ workload: 'w.yml', baseline: 'b.json', trials: 'two' })).toBe('input trials: got "two"; expected an integer >= 1')
  })

  test('what each mode requires is named', () => {
    expect(errorOf({ mode: 'gate', baseline: 'b.json' })).toContain('input workload: required with mode gate')
    expect(errorOf({ mode: 'ab', workload: 'w.yml', url: 'http://a' })).toContain('mode ab needs both')
  })
})

describe('the action, with its collaborators passed in', () => {
  let github: FakeGitHub
  let simulator: RunningSimulator
  let workloadPath: string

  beforeAll(async () => {
    github = await startFakeGitHub('octo', 'perf')
    simulator = await startSimulator({ profile: 'fast', seed: 2 })
    workloadPath = join(dir, 'sim.yml')
    writeFileSync(workloadPath, JSON.stringify({ name: 'sim-chat', url: simulator.url, trials: 3, requests: 12, warmup: 2, load: { concurrency: 4 }, prompts: { input_tokens: 32, output_tokens: 8 } }))
  })

  afterAll(async () => {
    await simulator?.close()
    await github?.close()
  })

  test('baseline: artifact compares with the newest successful run on the base branch and names it', async () => {
    const zipFiles = { 'synthetic.result.json': readFileSync(resultFile('artifact-baseline.json', { seed: 1 }), 'utf8') }
    const runId = github.addRun({ headBranch: 'main', headSha: '9f8e7d6c5b', event: 'schedule', conclusion: 'success', createdAt: '2026-11-21T02:00:00Z', path: '.github/workflows/perf.yml' })
    github.addArtifact(runId, { name: 'llm-perf-gate-baseline-synthetic', files: zipFiles })
    const core = createFakeCore({ mode: 'compare', baseline: 'artifact', 'result-path': resultFile('current.json', { seed: 2 }), 'github-token': 'ghs_x', comment: 'false' })
    await run(deps(core, github))
    expect(core.failed).toBeNull()
    expect(core.outputs.verdict).toBe('pass')
    // "@" is followed by a zero-width space in Markdown, so a label never mentions anyone.
    expect(core.summaryText).toContain(`main@\u200b9f8e7d6 (run ${runId}, 2026-11-21)`)
    // The report's "reproduce locally" command compares the files the action left, as a user would run it.
    const command = /^npx llm-perf-gate compare (.*)$/m.exec(readFileSync(core.outputs['report-markdown-path']!, 'utf8'))
    expect(command).not.toBeNull()
    const args = Object.fromEntries([...command![1]!.matchAll(/--(\w+) (\S+)/g)].map(([, flag, value]) => [flag!, value!]))
    expect(Object.keys(args).sort()).toEqual(['baseline', 'current', 'thresholds'])
    const exitCode = await compareCommand({ baseline: args.baseline!, current: args.current!, thresholds: args.thresholds! }, quietIo())
    expect([0, 1, 3]).toContain(exitCode)
  })

  test('no baseline found: inconclusive with how to create one, never a silent pass', async () => {
    const core = createFakeCore({ mode: 'compare', baseline: 'artifact', 'result-path': resultFile('lonely.json', { seed: 2, workloadHash: 'sha256:lonely' }), 'github-token': 'ghs_x', comment: 'false' })
    // A workload with no artifact anywhere.
    const lonely = JSON.parse(readFileSync(core.inputs['result-path']!, 'utf8')) as { workload: { name: string } }
    lonely.workload.name = 'never-baselined'
    writeFileSync(core.inputs['result-path']!, JSON.stringify(lonely))
    await run(deps(core, github))
    expect(core.outputs.verdict).toBe('inconclusive')
    expect(core.failed).toBeNull()
    expect(core.summaryText).toContain('no baseline to compare with')
    expect(core.summaryText).toContain('`mode: baseline`')
    expect(core.warnings.join(' ')).toContain('no baseline')
  })

  test('fail-on: inconclusive fails the step on an inconclusive verdict', async () => {
    const current = resultFile('interrupted.json', { seed: 2 })
    const interrupted = JSON.parse(readFileSync(current, 'utf8')) as { interrupted?: boolean }
    interrupted.interrupted = true
    writeFileSync(current, JSON.stringify(interrupted))
    const core = createFakeCore({ mode: 'compare', baseline: resultFile('b.json', { seed: 1 }), 'result-path': current, 'fail-on': 'inconclusive', comment: 'false' })
    await run(deps(core, null))
    expect(core.outputs.verdict).toBe('inconclusive')
    expect(core.failed).toContain('the verdict is inconclusive (fail-on: inconclusive')
  })

  test('fail-on: never reports a regression without failing the step', async () => {
    const core = createFakeCore({ mode: 'compare', baseline: resultFile('b2.json', { seed: 1 }), 'result-path': resultFile('slow.json', { seed: 2, slowdown: { ttft: 1.4, tpot: 1.4 } }), 'fail-on': 'never', comment: 'false' })
    await run(deps(core, null))
    expect(core.outputs.verdict).toBe('fail')
    expect(core.failed).toBeNull()
    expect(core.errors.map((e) => e.title)).toContain('Performance regression: tpot_ms.p50')
  })

  test('mode baseline runs the workload and uploads the result as the baseline artifact', async () => {
    const uploads: Uploaded[] = []
    const resultPath = join(mkdtempSync(join(tmpdir(), 'lpg-baseline-')), 'sim-chat.result.json')
    const core = createFakeCore({ mode: 'baseline', workload: workloadPath, 'result-path': resultPath })
    await run(deps(core, null, uploads, context({ eventName: 'schedule', payload: {} })))
    expect(core.failed).toBeNull()
    expect(uploads).toEqual([{ name: 'llm-perf-gate-baseline-sim-chat', files: [resultPath], root: expect.any(String) }])
    expect(JSON.parse(readFileSync(resultPath, 'utf8')).trials).toHaveLength(3)
    expect(core.groups).toEqual(expect.arrayContaining([expect.stringContaining('Run sim-chat'), 'Upload the baseline artifact llm-perf-gate-baseline-sim-chat']))
  })

  test('mode gate runs against the server and compares with a committed baseline, every output set', async () => {
    const first = join(mkdtempSync(join(tmpdir(), 'lpg-gate-')), 'base.result.json')
    await run(deps(createFakeCore({ mode: 'run', workload: workloadPath, 'result-path': first }), null))
    const resultPath = join(mkdtempSync(join(tmpdir(), 'lpg-gate-')), 'current.result.json')
    const core = createFakeCore({ mode: 'gate', workload: workloadPath, baseline: first, 'result-path': resultPath, comment: 'false' })
    await run(deps(core, null))
    expect(Object.keys(core.outputs).sort()).toEqual(['comparison-path', 'regressions', 'report-markdown-path', 'result-path', 'verdict'])
    expect(['pass', 'inconclusive']).toContain(core.outputs.verdict)
    expect(JSON.parse(readFileSync(core.outputs['comparison-path']!, 'utf8')).schema).toBe('llm-perf-gate/comparison@1')
    expect(core.summaryWrites).toBe(1)
  })
})
