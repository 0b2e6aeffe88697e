/**
 * The trusted half of the fork-safe pattern: a workflow_run job that reads the fork's result
 * (data the pull request's code wrote, its PR number included) and comments with a write token.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import type { ActionContext, ActionDeps } from '../../src/action/deps.js'
import { commentMarker } from '../../src/github/comment.js'
import { run } from '../../src/main.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { hostileResult } from '../helpers/hostile-result.js'
import { markdownProblems } from '../helpers/markdown-safety.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const HEAD = 'c0ffee'.padEnd(40, '1')
const MEASURE_WORKFLOW = 5
const dir = mkdtempSync(join(tmpdir(), 'lpg-fork-'))

function workflowRun(overrides: Record<string, unknown> = {}): ActionContext {
  return {
    eventName: 'workflow_run',
    payload: {
      workflow_run: { id: 77, workflow_id: MEASURE_WORKFLOW, event: 'pull_request', head_sha: HEAD, head_repository: { full_name: 'fork/perf' }, pull_requests: [], ...overrides },
      repository: { default_branch: 'main' }
    },
    repo: { owner: 'octo', repo: 'perf' },
    // In a workflow_run job GITHUB_SHA is the default branch's head, not the measured commit.
    sha: 'dddddddd',
    runId: 78,
    serverUrl: 'https://github.com',
    workflowRef: 'octo/perf/.github/workflows/perf-fork-comment.yml@refs/heads/main'
  }
}

function deps(core: FakeCore, github: FakeGitHub, context = workflowRun()): ActionDeps {
  const quiet = new PassThrough().resume()
  return {
    core,
    context,
    getOctokit: (token) => getOctokit(token, { baseUrl: github.url }),
    artifactClient: () => ({ uploadArtifact: async () => ({ id: 1, size: 1 }) }),
    io: { stdout: quiet, stderr: quiet, env: {} },
    tempDirectory: mkdtempSync(join(tmpdir(), 'lpg-fork-temp-'))
  }
}

/** The fork's result: its workload named after another workload of the repository, to try to take over that workload's comment. */
function forkResult(file: string): string {
  const result = syntheticResult({ ...SERVING_LIKE, seed: 2, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
  result.workload.name = 'long-context'
  const path = join(dir, file)
  writeFileSync(path, JSON.stringify(result))
  return path
}

describe('a workflow_run job commenting on a fork\'s pull request', () => {
  let github: FakeGitHub
  let baselineRun: number
  const inputs = (overrides: Record<string, string>): Record<string, string> => ({
    mode: 'compare', key: 'chat-short-h100', baseline: 'artifact', 'result-path': forkResult('current.result.json'), 'github-token': 'ghs_write', 'fail-on': 'never', ...overrides
  })

  beforeAll(async () => {
    github = await startFakeGitHub('octo', 'perf')
    // The measuring workflow's run on the base branch uploaded the baseline; a fork's run of it uploaded its own "baseline".
    const baseline = syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 } })
    baselineRun = github.addRun({ workflowId: MEASURE_WORKFLOW, path: '.github/workflows/perf-fork-measure.yml', headBranch: 'release', headSha: 'ba5e'.padEnd(40, '0'), event: 'push', createdAt: '2026-03-01T02:00:00Z' })
    github.addArtifact(baselineRun, { name: 'llm-perf-gate-baseline-chat-short-h100', files: { 'current.result.json': JSON.stringify(baseline) } })
    const forkRun = github.addRun({ workflowId: MEASURE_WORKFLOW, path: '.github/workflows/perf-fork-measure.yml', headBranch: 'release', headSha: HEAD, event: 'pull_request', headRepository: 'fork/perf', createdAt: '2026-03-02T02:00:00Z' })
    const rigged = syntheticResult({ ...SERVING_LIKE, seed: 2, trials: 5, trialDrift: 0.01, slowdown: { ttft: 2, tpot: 2 } })
    github.addArtifact(forkRun, { name: 'llm-perf-gate-baseline-chat-short-h100', files: { 'current.result.json': JSON.stringify(rigged) } })
    github.addPull({ number: 21, headSha: HEAD, headRepository: 'fork/perf', baseRef: 'release' })
    github.addPull({ number: 22, headSha: 'e1se'.padEnd(40, '2'), headRepository: 'octo/perf', baseRef: 'main' })
  })
  afterAll(async () => {
    await github?.close()
  })
  beforeEach(() => {
    github.requests.length = 0
  })

  test('a pull request whose head is the measured commit gets the comment, marked by the key, compared with the base branch\'s own baseline', async () => {
    // Another workload's comment, which the fork's result is named after.
    const other = github.addComment(21, `${commentMarker('long-context')}\nthe long-context report`, { login: 'github-actions[bot]', type: 'Bot' })
    const core = createFakeCore(inputs({ 'pull-request': '21' }))
    await run(deps(core, github))
    expect(core.failed).toBeNull()
    expect(github.requests.some((r) => r.method === 'GET' && r.path === '/repos/octo/perf/pulls/21')).toBe(true)
    // The baseline came from the measuring workflow's push run on the pull request's base branch, never the fork's run.
    expect(github.requests.find((r) => r.path.endsWith('/runs') && r.method === 'GET')).toMatchObject({ path: `/repos/octo/perf/actions/workflows/${MEASURE_WORKFLOW}/runs`, query: { branch: 'release' } })
    expect(core.infos).toContain(`baseline: release@ba5e000 (run ${baselineRun}, 2026-03-01) (llm-perf-gate-baseline-chat-short-h100 from https://github.com/octo/perf/actions/runs/${baselineRun})`)
    expect(core.outputs.verdict).toBe('pass')
    const comments = github.commentsOf(21)
    expect(comments).toHaveLength(2)
    expect(comments.find((c) => c.id === other.id)!.body).toBe(`${commentMarker('long-context')}\nthe long-context report`)
    const ours = comments.find((c) => c.id !== other.id)!
    expect(ours.body.startsWith(`${commentMarker('chat-short-h100')}\n### ✅ llm-perf-gate: **pass**`)).toBe(true)
    // The candidate is the measured commit, not the default branch's head.
    expect(ours.body).toContain('Candidate `c0ffee1`')
  })

  test('a number that is not the measured commit\'s pull request gets nothing; the verdict and the summary stand', async () => {
    const core = createFakeCore(inputs({ 'pull-request': '22' }))
    await run(deps(core, github))
    expect(core.failed).toBeNull()
    expect(github.commentsOf(22)).toHaveLength(0)
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(core.warnings.join('\n')).toMatch(/no pull-request comment: pull request #22 was not verified: pull request #22's head is e1se22222222, not c0ffee111111/)
    // Without a verified pull request the baseline is looked for on the default branch, which has none here.
    expect(core.outputs.verdict).toBe('inconclusive')
    expect(core.summaryText).toContain('no baseline to compare with')
  })

  test('a pull request from another repository than the run\'s code gets nothing', async () => {
    const core = createFakeCore(inputs({ 'pull-request': '21' }))
    await run(deps(core, github, workflowRun({ head_repository: { full_name: 'mallory/perf' } })))
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(core.warnings.join('\n')).toContain('pull request #21 comes from fork/perf, but the triggering run\'s code came from mallory/perf')
  })

  test('a same-repository pull request is taken from the event, and checked the same way', async () => {
    github.addPull({ number: 23, headSha: HEAD, headRepository: 'octo/perf', baseRef: 'release' })
    const core = createFakeCore(inputs({}))
    await run(deps(core, github, workflowRun({ head_repository: { full_name: 'octo/perf' }, pull_requests: [{ number: 23, head: { sha: HEAD } }] })))
    expect(github.requests.some((r) => r.path === '/repos/octo/perf/pulls/23')).toBe(true)
    expect(github.commentsOf(23)).toHaveLength(1)
  })

  test('a baseline path in a workflow_run job is named in the log, with a warning that the triggering run may have written it', async () => {
    const path = join(dir, 'from-the-artifact.result.json')
    writeFileSync(path, readFileSync(forkResult('b.result.json')))
    const core = createFakeCore(inputs({ baseline: path, comment: 'false' }))
    await run(deps(core, github))
    expect(core.infos).toContain(`baseline: ${path} (${path})`)
    expect(core.warnings.join('\n')).toContain(`baseline ${path}: in a workflow_run job, make sure this file is the base repository's own`)
  })

  test('a hostile result with no baseline: the comment, candidate summary and all, renders inert', async () => {
    const path = join(dir, 'hostile.result.json')
    writeFileSync(path, JSON.stringify(hostileResult(2)))
    github.addPull({ number: 24, headSha: HEAD, headRepository: 'fork/perf', baseRef: 'no-baseline-here' })
    const core = createFakeCore(inputs({ 'pull-request': '24', 'result-path': path }))
    await run(deps(core, github))
    expect(core.failed).toBeNull()
    expect(core.outputs.verdict).toBe('inconclusive')
    const [comment] = github.commentsOf(24)
    expect(comment!.body).toContain('Candidate summary')
    expect(markdownProblems(comment!.body, commentMarker('chat-short-h100'))).toEqual([])
    expect(markdownProblems(`${commentMarker('chat-short-h100')}\n${core.summaryText}`, commentMarker('chat-short-h100'))).toEqual([])
  })

  test('mode compare without key or workload is refused: the result file must not name its own comment', async () => {
    const core = createFakeCore({ mode: 'compare', baseline: 'artifact', 'result-path': forkResult('c.result.json'), 'github-token': 'ghs_write', 'pull-request': '21' })
    await run(deps(core, github))
    expect(core.failed).toMatch(/^inputs key and workload: mode compare needs one of them to name the baseline artifact and the pull-request comment/)
    expect(github.requests).toEqual([])
  })
})
