import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPullRequestHead } from '../../src/github/pull-request.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const HEAD = 'c0ffee'.padEnd(40, '0')

describe('verifyPullRequestHead', () => {
  let fake: FakeGitHub
  let octokit: ReturnType<typeof getOctokit>

  beforeAll(async () => {
    fake = await startFakeGitHub('octo', 'perf')
    octokit = getOctokit('ghs_test', { baseUrl: fake.url })
    fake.addPull({ number: 21, headSha: HEAD, headRepository: 'fork/perf', baseRef: 'release' })
  })
  afterAll(async () => {
    await fake.close()
  })

  const expected = { owner: 'octo', repo: 'perf', number: 21, headSha: HEAD, headRepository: 'fork/perf' }

  it('accepts the pull request whose head is the measured commit, from the measured repository, and gives its base branch', async () => {
    expect(await verifyPullRequestHead(octokit, expected)).toEqual({ verified: true, number: 21, baseRef: 'release', headSha: HEAD, url: 'https://github.com/octo/perf/pull/21' })
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/repos/octo/perf/pulls/21' })
  })

  it('refuses a pull request whose head is another commit: a forged number, or a newer push', async () => {
    const result = await verifyPullRequestHead(octokit, { ...expected, headSha: 'f'.repeat(40) })
    expect(result).toEqual({ verified: false, reason: expect.stringContaining(`pull request #21's head is ${HEAD.slice(0, 12)}, not ffffffffffff`) })
  })

  it('refuses a pull request from another repository than the run\'s code', async () => {
    const result = await verifyPullRequestHead(octokit, { ...expected, headRepository: 'mallory/perf' })
    expect(result).toEqual({ verified: false, reason: 'pull request #21 comes from fork/perf, but the triggering run\'s code came from mallory/perf' })
  })

  it('answers, not throws, when the pull request does not exist', async () => {
    const result = await verifyPullRequestHead(octokit, { ...expected, number: 999 })
    expect(result).toEqual({ verified: false, reason: expect.stringMatching(/looking up pull request #999 of octo\/perf: HTTP 404: Not Found/) })
  })
})
