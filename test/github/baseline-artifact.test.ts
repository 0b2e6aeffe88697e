import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inspect } from 'node:util'
import { getOctokit } from '@actions/github'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  baselineArtifactName, downloadArtifactZip, fetchBaselineArtifact, locateBaselineArtifact, uploadBaselineArtifact,
  workflowFileFromRef, type ArtifactUploader, type LocateBaselineOptions
} from '../../src/github/baseline-artifact.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const TOKEN = 's3cr3t-t0ken-for-tests'
const NAME = baselineArtifactName('chat-short')
const RESULT = '{"schema":"llm-perf-gate/result@1"}'

let fake: FakeGitHub
let octokit: ReturnType<typeof getOctokit>
let scratch: string

beforeEach(async () => {
  fake = await startFakeGitHub('octo', 'perf')
  octokit = getOctokit(TOKEN, { baseUrl: fake.url })
  scratch = await mkdtemp(path.join(tmpdir(), 'llm-perf-gate-artifact-'))
})
afterEach(async () => {
  await fake.close()
  await rm(scratch, { recursive: true, force: true })
})

function lookup(overrides: Partial<LocateBaselineOptions> = {}): LocateBaselineOptions {
  return { owner: 'octo', repo: 'perf', workflowId: 'perf.yml', baseBranch: 'main', artifactName: NAME, now: () => new Date('2026-03-01T00:00:00Z'), ...overrides }
}

function baselineRun(createdAt: string, extra: Partial<Parameters<FakeGitHub['addRun']>[0]> = {}): number {
  const runId = fake.addRun({ headBranch: 'main', event: 'schedule', createdAt, ...extra })
  fake.addArtifact(runId, { name: NAME, files: { 'result.json': `{"run":${runId}}` } })
  return runId
}

describe('baselineArtifactName', () => {
  it('follows the llm-perf-gate-baseline-<workload> convention, encoding characters artifact names forbid', () => {
    expect(baselineArtifactName('chat-short')).toBe('llm-perf-gate-baseline-chat-short')
    expect(baselineArtifactName('a/b:c')).toBe('llm-perf-gate-baseline-a%2Fb%3Ac')
  })
})

describe('workflowFileFromRef', () => {
  it('takes the file name from GITHUB_WORKFLOW_REF', () => {
    expect(workflowFileFromRef('octo/perf/.github/workflows/perf.yml@refs/pull/7/merge')).toBe('perf.yml')
  })
})

describe('locateBaselineArtifact / fetchBaselineArtifact', () => {
  it('takes the newest successful run on the base branch and downloads its artifact', async () => {
    baselineRun('2026-02-01T00:00:00Z')
    const newest = baselineRun('2026-02-03T00:00:00Z', { headSha: 'abc123', event: 'push' })
    baselineRun('2026-02-04T00:00:00Z', { conclusion: 'failure' })
    baselineRun('2026-02-05T00:00:00Z', { headBranch: 'feature' })

    const destination = path.join(scratch, 'baseline')
    const result = await fetchBaselineArtifact(octokit, { ...lookup(), destination })

    expect(result).toMatchObject({
      found: true, runId: newest, headSha: 'abc123', createdAt: '2026-02-03T00:00:00Z', event: 'push',
      runUrl: `https://github.com/octo/perf/actions/runs/${newest}`, path: destination, files: ['result.json']
    })
    expect(await readFile(path.join(destination, 'result.json'), 'utf8')).toBe(`{"run":${newest}}`)
  })

  it('asks GitHub for successful runs of the workflow on the base branch, 100 a page', async () => {
    baselineRun('2026-02-01T00:00:00Z')
    await locateBaselineArtifact(octokit, lookup())
    expect(fake.requests[0]).toMatchObject({
      method: 'GET', path: '/repos/octo/perf/actions/workflows/perf.yml/runs', query: { branch: 'main', status: 'success', per_page: '100' }
    })
  })

  it('ignores pull_request runs and runs from a fork, even on a branch named like the base branch', async () => {
    const good = baselineRun('2026-02-01T00:00:00Z')
    baselineRun('2026-02-02T00:00:00Z', { event: 'pull_request' })
    baselineRun('2026-02-03T00:00:00Z', { event: 'push', headRepository: 'mallory/perf' })
    expect(await locateBaselineArtifact(octokit, lookup())).toMatchObject({ found: true, runId: good })
  })

  it('passes over runs without the artifact and artifacts that expired', async () => {
    const good = baselineRun('2026-02-01T00:00:00Z')
    const gateOnly = fake.addRun({ headBranch: 'main', event: 'push', createdAt: '2026-02-02T00:00:00Z' })
    fake.addArtifact(gateOnly, { name: 'llm-perf-gate-report-chat-short', files: { 'report.md': 'x' } })
    fake.addArtifact(gateOnly, { name: baselineArtifactName('chat-long'), files: { 'result.json': 'x' } })
    const expired = fake.addRun({ headBranch: 'main', event: 'schedule', createdAt: '2026-02-03T00:00:00Z' })
    fake.addArtifact(expired, { name: NAME, expired: true })
    const pastExpiry = fake.addRun({ headBranch: 'main', event: 'schedule', createdAt: '2026-02-04T00:00:00Z' })
    fake.addArtifact(pastExpiry, { name: NAME, expiresAt: '2026-02-28T00:00:00Z' })

    expect(await locateBaselineArtifact(octokit, lookup())).toMatchObject({ found: true, runId: good })
  })

  it('takes the newest upload when a re-run uploaded the artifact twice', async () => {
    const runId = fake.addRun({ headBranch: 'main', event: 'schedule', createdAt: '2026-02-01T00:00:00Z' })
    fake.addArtifact(runId, { name: NAME, createdAt: '2026-02-01T01:00:00Z' })
    const second = fake.addArtifact(runId, { name: NAME, createdAt: '2026-02-01T02:00:00Z' })
    expect(await locateBaselineArtifact(octokit, lookup())).toMatchObject({ found: true, artifactId: second })
  })

  it('stops after maxRuns runs', async () => {
    for (let day = 1; day <= 20; day += 1) fake.addRun({ headBranch: 'main', event: 'push', createdAt: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z` })
    baselineRun('2025-12-01T00:00:00Z')
    expect(await locateBaselineArtifact(octokit, lookup({ maxRuns: 5 }))).toMatchObject({ found: false, reason: expect.stringMatching(/looked through 5 successful run/) })
    expect(fake.requests.filter((request) => request.path.endsWith('/artifacts'))).toHaveLength(5)
  })

  it('follows the runs onto the next page', async () => {
    for (let index = 0; index < 120; index += 1) fake.addRun({ headBranch: 'main', event: 'push', createdAt: new Date(Date.UTC(2026, 1, 1, 0, index)).toISOString() })
    const old = baselineRun('2025-12-01T00:00:00Z')
    expect(await locateBaselineArtifact(octokit, lookup({ maxRuns: 200 }))).toMatchObject({ found: true, runId: old })
    expect(fake.requests.filter((request) => request.path.endsWith('/runs')).map((request) => request.query.page ?? '1')).toEqual(['1', '2'])
  })

  it('accepts the workflow by its numeric id', async () => {
    baselineRun('2026-02-01T00:00:00Z', { workflowId: 77 })
    expect(await locateBaselineArtifact(octokit, lookup({ workflowId: 77 }))).toMatchObject({ found: true })
  })

  it('says how to create a baseline when the base branch has no run', async () => {
    const result = await fetchBaselineArtifact(octokit, { ...lookup(), destination: path.join(scratch, 'none') })
    expect(result.found).toBe(false)
    expect(!result.found && result.reason).toMatch(/no successful run of workflow perf\.yml on branch main/)
    expect(!result.found && result.reason).toMatch(/run this workflow on main with `mode: baseline`/)
  })

  it('says when the only baselines have expired', async () => {
    const runId = fake.addRun({ headBranch: 'main', event: 'schedule', createdAt: '2026-02-01T00:00:00Z' })
    fake.addArtifact(runId, { name: NAME, expired: true })
    const result = await locateBaselineArtifact(octokit, lookup())
    expect(!result.found && result.reason).toMatch(/1 had expired/)
  })

  it('sends the token to the API but not to the blob storage it is redirected to', async () => {
    baselineRun('2026-02-01T00:00:00Z')
    await fetchBaselineArtifact(octokit, { ...lookup(), destination: path.join(scratch, 'b') })
    const blob = fake.requests.filter((request) => request.path.startsWith('/_blob/'))
    const api = fake.requests.filter((request) => request.path.startsWith('/repos/'))
    expect(blob).toHaveLength(1)
    expect(blob[0]?.authorization).toBeUndefined()
    expect(api.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('throws a clear error without the token when the API fails', async () => {
    fake.failures.push({ match: /\/runs$/, status: 500, message: 'Server Error' })
    const error = (await locateBaselineArtifact(octokit, lookup()).catch((caught: unknown) => caught)) as Error
    expect(error.message).toBe('GitHub API error while listing the successful runs of workflow perf.yml on main: HTTP 500: Server Error')
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN)
  })
})

describe('downloadArtifactZip', () => {
  it('reports an artifact that expired since it was listed', async () => {
    const runId = fake.addRun({ headBranch: 'main', createdAt: '2026-02-01T00:00:00Z' })
    const artifactId = fake.addArtifact(runId, { name: NAME, expired: true })
    await expect(downloadArtifactZip(octokit, { owner: 'octo', repo: 'perf', artifactId, destination: path.join(scratch, 'x') }))
      .rejects.toThrow(/downloading artifact \d+ \(it has expired\): HTTP 410/)
  })

  it('refuses a destination that already holds files, which would be mistaken for the baseline', async () => {
    await writeFile(path.join(scratch, 'stale.json'), '{}')
    await expect(downloadArtifactZip(octokit, { owner: 'octo', repo: 'perf', artifactId: 1, destination: scratch })).rejects.toThrow(/not empty/)
  })

  it('keeps the signed blob URL\'s credentials out of its error', async () => {
    const runId = fake.addRun({ headBranch: 'main', createdAt: '2026-02-01T00:00:00Z' })
    const artifactId = fake.addArtifact(runId, { name: NAME, files: { 'a.json': '{}' } })
    fake.failures.push({ match: /^GET \/_blob\//, status: 503, message: 'busy' })
    const error = (await downloadArtifactZip(octokit, { owner: 'octo', repo: 'perf', artifactId, destination: path.join(scratch, 'y') })
      .catch((caught: unknown) => caught)) as Error
    expect(error.message).toMatch(/HTTP 503/)
    expect(error.message).not.toContain('secret-signature')
  })

  it('extracts nested files with the injected extractor', async () => {
    const runId = fake.addRun({ headBranch: 'main', createdAt: '2026-02-01T00:00:00Z' })
    const artifactId = fake.addArtifact(runId, { name: NAME, files: { 'result.json': RESULT, 'trials/0.json': '[]' } })
    const files = await downloadArtifactZip(octokit, { owner: 'octo', repo: 'perf', artifactId, destination: path.join(scratch, 'z') })
    expect(files).toEqual(['result.json', path.join('trials', '0.json')])
    expect(await readFile(path.join(scratch, 'z', 'result.json'), 'utf8')).toBe(RESULT)
  })
})

describe('uploadBaselineArtifact', () => {
  function fakeClient(fail?: Error) {
    const calls: unknown[][] = []
    const client: ArtifactUploader = {
      uploadArtifact: async (...args) => {
        calls.push(args)
        if (fail) throw fail
        return { id: 5, size: 123 }
      }
    }
    return { client, calls }
  }

  it('uploads the files relative to their common directory with the retention asked for', async () => {
    const { client, calls } = fakeClient()
    const result = await uploadBaselineArtifact(client, { name: NAME, files: ['/tmp/out/result.json', '/tmp/out/trials/0.json'], retentionDays: 30 })
    expect(result).toEqual({ name: NAME, id: 5, size: 123 })
    expect(calls).toEqual([[NAME, ['/tmp/out/result.json', '/tmp/out/trials/0.json'], '/tmp/out', { retentionDays: 30 }]])
  })

  it('says that uploading needs a GitHub Actions job when the runtime token is missing', async () => {
    const { client } = fakeClient(new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable'))
    await expect(uploadBaselineArtifact(client, { name: NAME, files: ['/tmp/r.json'] })).rejects.toThrow(/needs a GitHub Actions job/)
  })

  it('refuses an empty file list', async () => {
    await expect(uploadBaselineArtifact(fakeClient().client, { name: NAME, files: [] })).rejects.toThrow(/no files/)
  })
})
