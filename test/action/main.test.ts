import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import type { ActionContext, ActionDeps } from '../../src/action/deps.js'
import { readSettings } from '../../src/action/settings.js'
import { compareCommand } from '../../src/commands/compare.js'
import { run } from '../../src/main.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { quietIo } from '../helpers/quiet-io.js'
import { settingsError } from '../helpers/settings.js'

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

  test('defaults: gate, pr preset, comment always, fail on regression', () => {
    expect(readSettings((name) => ({ workload: 'w.yml', baseline: 'artifact' })[name] ?? '')).toMatchObject({ mode: 'gate', thresholds: 'pr', comment: 'always', failOn: 'regression', resultPath: 'llm-perf-gate/current.result.json', baseline: { kind: 'artifact' } })
  })

  test('an invalid value names the input and lists the valid ones', () => {
    expect(settingsError({ mode: 'bench', workload: 'w.yml' })).toBe('input mode: got "bench"; expected one of gate, baseline, run, compare, ab, sweep')
    expect(settingsError({ workload: 'w.yml', baseline: 'b.json', 'fail-on': 'always' })).toBe('input fail-on: got "always"; expected one of regression, inconclusive, never')
    expect(settingsError({ workload: 'w.yml', baseline: 'b.json', trials: 'two' })).toBe('input trials: got "two"; expected an integer >= 1')
  })

  test('what each mode requires is named', () => {
    expect(settingsError({ mode: 'gate', baseline: 'b.json' })).toContain('input workload: required with mode gate')
    expect(settingsError({ mode: 'ab', workload: 'w.yml', url: 'http://a' })).toContain('mode ab needs both')
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
    const core = createFakeCore({ mode: 'compare', key: 'synthetic', baseline: 'artifact', 'result-path': resultFile('current.json', { seed: 2 }), 'github-token': 'ghs_x', comment: 'false' })
    await run(deps(core, github))
    expect(core.failed).toBeNull()
    expect(core.infos).toContain(`baseline: main@\u200b9f8e7d6 (run ${runId}, 2026-11-21) (llm-perf-gate-baseline-synthetic from https://github.com/octo/perf/actions/runs/${runId})`.replace('@\u200b', '@'))
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
    // A key with no artifact anywhere.
    const core = createFakeCore({ mode: 'compare', key: 'never-baselined', baseline: 'artifact', 'result-path': resultFile('lonely.json', { seed: 2, workloadHash: 'sha256:lonely' }), 'github-token': 'ghs_x', comment: 'false' })
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

  test('mode baseline runs the workload and uploads the result as the baseline artifact, with a history that starts there', async () => {
    const uploads: Uploaded[] = []
    const resultPath = join(mkdtempSync(join(tmpdir(), 'lpg-baseline-')), 'sim-chat.result.json')
    const core = createFakeCore({ mode: 'baseline', workload: workloadPath, 'result-path': resultPath })
    await run(deps(core, null, uploads, context({ eventName: 'schedule', payload: {} })))
    expect(core.failed).toBeNull()
    const historyPath = join(dirname(resultPath), 'perf-history.jsonl')
    expect(uploads).toEqual([{ name: 'llm-perf-gate-baseline-sim-chat', files: [resultPath, historyPath], root: expect.any(String) }])
    expect(core.outputs['history-path']).toBe(historyPath)
    expect(readFileSync(historyPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line).workload.name)).toEqual(['sim-chat'])
    expect(JSON.parse(readFileSync(resultPath, 'utf8')).trials).toHaveLength(3)
    expect(core.groups).toEqual(expect.arrayContaining([expect.stringContaining('Run sim-chat'), 'Upload the baseline artifact llm-perf-gate-baseline-sim-chat']))
  })

  test('mode gate runs against the server and compares with a committed baseline, every output set', async () => {
    const first = join(mkdtempSync(join(tmpdir(), 'lpg-gate-')), 'base.result.json')
    await run(deps(createFakeCore({ mode: 'run', workload: workloadPath, 'result-path': first }), null))
    const resultPath = join(mkdtempSync(join(tmpdir(), 'lpg-gate-')), 'current.result.json')
    const core = createFakeCore({ mode: 'gate', workload: workloadPath, baseline: first, 'result-path': resultPath, comment: 'false' })
    await run(deps(core, null))
    expect(Object.keys(core.outputs).sort()).toEqual(['comparison-path', 'history-path', 'regressions', 'report-html-path', 'report-markdown-path', 'result-path', 'verdict'])
    expect(['pass', 'inconclusive']).toContain(core.outputs.verdict)
    expect(JSON.parse(readFileSync(core.outputs['comparison-path']!, 'utf8')).schema).toBe('llm-perf-gate/comparison@1')
    expect(core.summaryWrites).toBe(1)
  })

  test('several workloads: one baseline artifact, one comment and one folder per key; the outputs list them', async () => {
    const multi = mkdtempSync(join(tmpdir(), 'lpg-multi-'))
    for (const [name, concurrency] of [['sim-a', 4], ['sim-b', 2]] as const) {
      writeFileSync(join(multi, `${name}.yml`), JSON.stringify({ name, url: simulator.url, trials: 3, requests: 12, warmup: 2, load: { concurrency }, prompts: { input_tokens: 32, output_tokens: 8 } }))
    }
    const gpu = { gpuModel: async () => 'NVIDIA L4' }
    const uploads: Uploaded[] = []
    const nightly = createFakeCore({ mode: 'baseline', workload: join(multi, '*.yml'), 'result-path': join(multi, 'out', 'current.result.json') })
    await run({ ...deps(nightly, null, uploads, context({ eventName: 'schedule', payload: {} })), ...gpu })
    expect(nightly.failed).toBeNull()
    expect(uploads.map((u) => [u.name, u.files])).toEqual([
      ['llm-perf-gate-baseline-sim-a-nvidia-l4', ['current.result.json', 'perf-history.jsonl'].map((file) => join(multi, 'out', 'sim-a-nvidia-l4', file))],
      ['llm-perf-gate-baseline-sim-b-nvidia-l4', ['current.result.json', 'perf-history.jsonl'].map((file) => join(multi, 'out', 'sim-b-nvidia-l4', file))]
    ])
    expect(nightly.outputs).toEqual({ 'result-path': uploads.map((u) => u.files[0]).join('\n'), 'history-path': uploads.map((u) => u.files[1]).join('\n') })
    const runId = github.addRun({ headBranch: 'main', event: 'schedule', createdAt: '2026-12-01T02:00:00Z' })
    for (const upload of uploads) github.addArtifact(runId, { name: upload.name, files: { 'current.result.json': readFileSync(upload.files[0]!, 'utf8') } })

    const pr = context({ payload: { pull_request: { number: 5, head: { sha: 'feedbeef' }, base: { ref: 'main' } } } })
    const core = createFakeCore({ workload: `${join(multi, 'sim-b.yml')}, ${join(multi, 'sim-a.yml')}`, baseline: 'artifact', 'result-path': join(multi, 'pr', 'current.result.json'), 'github-token': 'ghs_x', 'fail-on': 'never' })
    await run({ ...deps(core, github, [], pr), ...gpu })
    expect(core.failed).toBeNull()
    const markers = github.commentsOf(5).map((comment) => comment.body.split('\n')[0])
    expect(markers.sort()).toEqual(['<!-- llm-perf-gate:sim-a-nvidia-l4 -->', '<!-- llm-perf-gate:sim-b-nvidia-l4 -->'])
    const folders = ['sim-b-nvidia-l4', 'sim-a-nvidia-l4'].map((key) => join(multi, 'pr', key))
    expect(core.outputs['result-path']).toBe(folders.map((folder) => join(folder, 'current.result.json')).join('\n'))
    expect(core.outputs['report-markdown-path']).toBe(folders.map((folder) => join(folder, 'report.md')).join('\n'))
    for (const folder of folders) expect(JSON.parse(readFileSync(join(folder, 'comparison.json'), 'utf8')).verdict).toMatch(/^(pass|inconclusive)$/)
    expect(['pass', 'inconclusive']).toContain(core.outputs.verdict)
    expect(core.infos.filter((line) => line.startsWith('baseline: main@'))).toHaveLength(2)
  })

  test('a default key that gained the GPU model still finds a baseline uploaded under the workload name alone', async () => {
    const resultPath = join(mkdtempSync(join(tmpdir(), 'lpg-legacy-')), 'current.result.json')
    await run(deps(createFakeCore({ mode: 'run', workload: workloadPath, 'result-path': resultPath }), null))
    const runId = github.addRun({ headBranch: 'main', event: 'push', createdAt: '2026-12-02T02:00:00Z' })
    github.addArtifact(runId, { name: 'llm-perf-gate-baseline-sim-chat', files: { 'current.result.json': readFileSync(resultPath, 'utf8') } })
    const core = createFakeCore({ mode: 'compare', workload: workloadPath, baseline: 'artifact', 'result-path': resultPath, 'github-token': 'ghs_x', comment: 'false' })
    await run({ ...deps(core, github), gpuModel: async () => 'NVIDIA L4' })
    expect(core.failed).toBeNull()
    expect(core.infos.find((line) => line.startsWith('baseline: '))).toContain('llm-perf-gate-baseline-sim-chat from ')
    expect(core.summaryText).not.toContain('no baseline to compare with')
  })
})
