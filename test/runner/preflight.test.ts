import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { runCommand } from '../../src/commands/run.js'
import { InputError } from '../../src/errors.js'
import type { ResultFile } from '../../src/result/types.js'
import { PREFLIGHT_ATTEMPTS } from '../../src/runner/preflight.js'
import { startSimulator } from '../../src/simulator/index.js'
import { startHostileServer, type HostileBehaviour } from '../helpers/hostile-server.js'
import { quietIo } from '../helpers/quiet-io.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

interface Outcome {
  code: number | null
  error: InputError | null
  dir: string
}

async function run(url: string, workload: Record<string, unknown> = {}): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-preflight-'))
  writeFileSync(join(dir, 'w.json'), JSON.stringify({ name: 'pre', url, trials: 1, requests: 4, warmup: 1, load: { concurrency: 1 }, prompts: { input_tokens: 4, output_tokens: 6 }, timeouts: { connect_s: 2, first_token_s: 2, idle_s: 2, request_s: 5 }, ...workload }))
  try {
    return { code: await runCommand({ workload: join(dir, 'w.json'), out: join(dir, 'r.json'), quiet: true }, quietIo()), error: null, dir }
  } catch (error) {
    if (error instanceof InputError) return { code: null, error, dir }
    throw error
  }
}

async function hostile(posts: (index: number) => HostileBehaviour): Promise<{ url: string; posts: () => number }> {
  const server = await startHostileServer({ behaviour: (request) => (request.method === 'GET' ? 'ok' : posts(request.index)) })
  closers.push(() => server.close())
  return server
}

describe('the preflight request', () => {
  test('a model the server does not serve stops the run with exit 2, the status, the server\'s message and the models it lists', async () => {
    const simulator = await startSimulator({ profile: 'fast', modelName: 'org/served-model' })
    closers.push(() => simulator.close())
    const { error, dir } = await run(simulator.url, { model: 'org/typo-model' })
    expect(error?.exitCode).toBe(2)
    expect(error?.message).toContain('answered HTTP 404: The model `org/typo-model` does not exist.')
    expect(error?.message).toContain('is model "org/typo-model" served there?')
    expect(error?.message).toContain('the server lists "org/served-model"')
    // Before any trial: no result, and no journal of measured requests.
    expect(existsSync(join(dir, 'r.json'))).toBe(false)
    expect(existsSync(join(dir, 'r.json.journal.jsonl'))).toBe(false)
  })

  test('a 404 from another server is quoted the same way', async () => {
    const server = await hostile(() => 'model-not-found')
    const { error } = await run(server.url, { model: 'no-such-model' })
    expect(error?.exitCode).toBe(2)
    expect(error?.message).toMatch(/^preflight: the server at http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions answered HTTP 404: The model `no-such-model` does not exist\./)
    // A refusal is final: one request, no retries.
    expect(server.posts()).toBe(1)
  })

  test('a stream without content stops the run with exit 2', async () => {
    const server = await hostile(() => 'empty-stream')
    const { error } = await run(server.url)
    expect(error?.exitCode).toBe(2)
    expect(error?.message).toContain('failed (protocol): the stream ended without any generated content')
  })

  test('a 200 HTML page stops the run, naming it', async () => {
    const server = await hostile(() => 'html')
    const { error } = await run(server.url)
    expect(error?.message).toContain('an HTML page (content-type text/html)')
  })

  test(`a server error is tried ${PREFLIGHT_ATTEMPTS} times, then stops the run quoting it`, async () => {
    const server = await hostile(() => 'server-error')
    const { error } = await run(server.url)
    expect(error?.exitCode).toBe(2)
    expect(error?.message).toContain(`answered HTTP 500: CUDA out of memory (${PREFLIGHT_ATTEMPTS} tries)`)
    expect(server.posts()).toBe(PREFLIGHT_ATTEMPTS)
  })

  test('a server error that passes lets the run go on; the preflight is in no trial', async () => {
    const server = await hostile((index) => (index === 0 ? 'server-error' : 'ok'))
    const { code, dir } = await run(server.url)
    expect(code).toBe(0)
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ResultFile
    expect(result.trials[0]!.requests).toHaveLength(4)
    expect(result.trials[0]!.requests.every((record) => record.ok)).toBe(true)
    // Two preflight tries, one warm-up request, four measured.
    expect(server.posts()).toBe(2 + 1 + 4)
  })
})
