import { inspect } from 'node:util'
import { getOctokit } from '@actions/github'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { COMMENT_BODY_LIMIT } from '../../src/github/comment-body.js'
import { commentMarker, upsertStickyComment, type StickyCommentOptions } from '../../src/github/comment.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const TOKEN = 's3cr3t-t0ken-for-tests'
const PR = 7

let fake: FakeGitHub
let octokit: ReturnType<typeof getOctokit>

beforeEach(async () => {
  fake = await startFakeGitHub('octo', 'perf')
  octokit = getOctokit(TOKEN, { baseUrl: fake.url })
})
afterEach(async () => {
  await fake.close()
})

function options(overrides: Partial<StickyCommentOptions> = {}): StickyCommentOptions {
  const marker = commentMarker('chat-short')
  return { owner: 'octo', repo: 'perf', issueNumber: PR, marker, body: `${marker}\n**pass**`, mode: 'always', regressed: false, ...overrides }
}

const writes = () => fake.requests.filter((request) => request.method !== 'GET')

describe('commentMarker', () => {
  it('is a hidden HTML comment naming the workload', () => {
    expect(commentMarker('chat-short')).toBe('<!-- llm-perf-gate:chat-short -->')
  })

  it('cannot be closed early by a hostile workload name', () => {
    const marker = commentMarker('x --> <img src=x onerror=alert(1)> <!--')
    const inner = marker.slice('<!--'.length, -'-->'.length)
    expect(inner).not.toMatch(/[<>!]/)
    expect(marker.match(/-->/g)).toHaveLength(1)
  })

  it('keeps distinct names distinct', () => {
    expect(commentMarker('a b')).not.toBe(commentMarker('a-b'))
    expect(commentMarker('a%20b')).not.toBe(commentMarker('a b'))
  })

  it('rejects an empty name as an input error', () => {
    expect(() => commentMarker('')).toThrow(InputError)
  })
})

describe('upsertStickyComment', () => {
  it('creates the comment on the first run and edits it in place on the second', async () => {
    const first = await upsertStickyComment(octokit, options())
    const second = await upsertStickyComment(octokit, options({ body: `${commentMarker('chat-short')}\n**fail**` }))

    expect(first).toMatchObject({ action: 'created' })
    expect(second).toMatchObject({ action: 'updated', commentId: first.action === 'created' ? first.commentId : -1 })
    expect(writes().map((request) => request.method)).toEqual(['POST', 'PATCH'])
    expect(fake.commentsOf(PR)).toHaveLength(1)
    expect(fake.commentsOf(PR)[0]?.body).toContain('**fail**')
  })

  it('returns the comment URL', async () => {
    const result = await upsertStickyComment(octokit, options())
    expect(result).toMatchObject({ url: expect.stringMatching(/^https:\/\/github\.com\/octo\/perf\/pull\/7#issuecomment-\d+$/) })
  })

  it('finds its comment among more than 100, on the third page, and edits it', async () => {
    for (let index = 0; index < 230; index += 1) fake.addComment(PR, `chatter ${index}`)
    const ours = fake.addComment(PR, `${commentMarker('chat-short')}\nold`, { login: 'github-actions[bot]', type: 'Bot' })
    for (let index = 0; index < 10; index += 1) fake.addComment(PR, `more chatter ${index}`)

    const result = await upsertStickyComment(octokit, options())

    expect(result).toMatchObject({ action: 'updated', commentId: ours.id })
    const pages = fake.requests.filter((request) => request.method === 'GET').map((request) => request.query.page ?? '1')
    expect(pages).toEqual(['1', '2', '3'])
    expect(fake.requests[0]?.query.per_page).toBe('100')
    expect(writes().map((request) => request.method)).toEqual(['PATCH'])
  })

  it('posts nothing with on-regression when nothing regressed and no comment exists', async () => {
    const result = await upsertStickyComment(octokit, options({ mode: 'on-regression', regressed: false }))
    expect(result.action).toBe('skipped')
    expect(writes()).toEqual([])
  })

  it('posts with on-regression when a metric regressed', async () => {
    const result = await upsertStickyComment(octokit, options({ mode: 'on-regression', regressed: true }))
    expect(result.action).toBe('created')
  })

  it('edits the existing comment with on-regression once the regression is fixed', async () => {
    const marker = commentMarker('chat-short')
    const old = fake.addComment(PR, `${marker}\n**fail**`, { login: 'github-actions[bot]', type: 'Bot' })
    const result = await upsertStickyComment(octokit, options({ mode: 'on-regression', regressed: false, body: `${marker}\n**pass**` }))
    expect(result).toMatchObject({ action: 'updated', commentId: old.id })
    expect(fake.commentsOf(PR)[0]?.body).toContain('**pass**')
  })

  it('does not take the comment of workload chat-long for workload chat', async () => {
    const long = fake.addComment(PR, `${commentMarker('chat-long')}\nlong report`, { login: 'github-actions[bot]', type: 'Bot' })
    const result = await upsertStickyComment(octokit, options({ marker: commentMarker('chat'), body: 'short report' }))
    expect(result.action).toBe('created')
    expect(fake.commentsOf(PR).find((comment) => comment.id === long.id)?.body).toContain('long report')
  })

  it('prefers the bot comment over a human comment quoting the marker', async () => {
    const marker = commentMarker('chat-short')
    fake.addComment(PR, `I saw ${marker} in the source`, { login: 'mallory', type: 'User' })
    const bot = fake.addComment(PR, `${marker}\nold`, { login: 'github-actions[bot]', type: 'Bot' })
    expect(await upsertStickyComment(octokit, options())).toMatchObject({ action: 'updated', commentId: bot.id })
  })

  it('prefers the comment by authorLogin when given (a personal access token comments as a user)', async () => {
    const marker = commentMarker('chat-short')
    fake.addComment(PR, `${marker}\nsomeone else's bot`, { login: 'other-app[bot]', type: 'Bot' })
    const mine = fake.addComment(PR, `${marker}\nmine`, { login: 'perf-bot-user', type: 'User' })
    const result = await upsertStickyComment(octokit, options({ authorLogin: 'perf-bot-user' }))
    expect(result).toMatchObject({ action: 'updated', commentId: mine.id })
  })

  it('adds the marker when the body lacks it, so the next run finds the comment', async () => {
    await upsertStickyComment(octokit, options({ body: 'no marker here' }))
    expect(fake.commentsOf(PR)[0]?.body.startsWith(commentMarker('chat-short'))).toBe(true)
  })

  it('cuts a body over the limit instead of having GitHub reject it', async () => {
    const result = await upsertStickyComment(octokit, options({ body: `verdict\n${'| row |\n'.repeat(20_000)}` }))
    expect(result.action).toBe('created')
    expect(fake.commentsOf(PR)[0]?.body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
  })

  it('returns forbidden, without throwing, when a read-only token cannot create the comment', async () => {
    fake.writeAccess = 'forbidden-403'
    const result = await upsertStickyComment(octokit, options())
    expect(result.action).toBe('forbidden')
    expect(result.action === 'forbidden' && result.message).toMatch(/workflow_run/)
    expect(result.action === 'forbidden' && result.message).toMatch(/403/)
  })

  it('returns forbidden when a read-only token cannot edit the existing comment', async () => {
    fake.addComment(PR, `${commentMarker('chat-short')}\nold`, { login: 'github-actions[bot]', type: 'Bot' })
    fake.writeAccess = 'forbidden-403'
    expect((await upsertStickyComment(octokit, options())).action).toBe('forbidden')
  })

  it('returns forbidden for a 404 on create, as GitHub answers for a repository the token cannot write', async () => {
    fake.writeAccess = 'not-found-404'
    expect((await upsertStickyComment(octokit, options())).action).toBe('forbidden')
  })

  it('posts a new comment when ours was deleted between listing and editing', async () => {
    fake.addComment(PR, `${commentMarker('chat-short')}\nold`, { login: 'github-actions[bot]', type: 'Bot' })
    fake.failures.push({ match: /^PATCH /, status: 404, message: 'Not Found' })
    expect((await upsertStickyComment(octokit, options())).action).toBe('created')
  })

  it('throws on a rate-limit 403 rather than calling it a permissions problem', async () => {
    fake.failures.push({ match: /^POST /, status: 403, message: 'API rate limit exceeded for installation ID 1.' })
    await expect(upsertStickyComment(octokit, options())).rejects.toThrow(/HTTP 403.*rate limit/)
  })

  it('throws an error naming the status and the step, without the token, on other API errors', async () => {
    fake.failures.push({ match: /^GET .*\/comments$/, status: 500, message: 'Server Error' })
    const error = await upsertStickyComment(octokit, options()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe('GitHub API error while listing the comments of octo/perf#7: HTTP 500: Server Error')
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN)
  })

  it('removes a token that the server echoes back from the error message', async () => {
    const leaked = `ghs_${'A'.repeat(36)}`
    fake.failures.push({ match: /^POST /, status: 502, message: `upstream rejected ${leaked}` })
    const error = (await upsertStickyComment(octokit, options()).catch((caught: unknown) => caught)) as Error
    expect(error.message).toMatch(/HTTP 502/)
    expect(error.message).not.toContain(leaked)
  })

  it('sends the token to the API in the Authorization header', async () => {
    await upsertStickyComment(octokit, options())
    expect(fake.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true)
  })
})
