/**
 * A server that echoes the Authorization header everywhere it can: model ids, owner and version,
 * finish_reason, error bodies (JSON, text, HTML), stream error events, a stream cut off in the
 * middle of the token, and the generated text. The key must not reach anything we keep or print.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ActionDeps } from '../../src/action/deps.js'
import type { CommandIo } from '../../src/process-io.js'
import { runCommand } from '../../src/commands/run.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { loadWorkload } from '../../src/config/workload.js'
import { run } from '../../src/main.js'
import { formatConsoleSummary } from '../../src/output/console-summary.js'
import { joinReport, renderMarkdown } from '../../src/report/markdown.js'
import { renderText } from '../../src/report/text.js'
import { writeJsonFile } from '../../src/result/io.js'
import { Journal } from '../../src/result/journal.js'
import type { ResultFile } from '../../src/result/types.js'
import { runWorkload } from '../../src/runner/run.js'
import { createFakeCore, type FakeCore } from '../__fixtures__/core.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

// Characters that JSON, URLs and HTML each write differently, between recognisable pieces.
const TOKEN = 'sk-KEY0a1b/KEY2c3d+KEY4e5f="KEY6a7b\\KEY8c9d&KEYtail'
const PIECE = /KEY[0-9a-f]|KEYtail/
const PR = 11

const htmlEscape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;')

/** An OpenAI-compatible server whose every answer carries the Authorization header it was sent, in one form or another. */
function startEchoServer(): Promise<{ url: string; seen: string[]; close(): Promise<void>; server: Server }> {
  const seen: string[] = []
  let requests = 0
  let preflightNext = false
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const auth = String(request.headers.authorization ?? '')
    seen.push(auth)
    const bare = auth.replace(/^Bearer /, '')
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    // The run's preflight request comes right after it reads /v1/models: it gets a clean answer, so the run goes on to meet every echo below.
    if (request.method === 'GET' && request.url === '/v1/models') preflightNext = true
    if (request.method === 'GET' && request.url === '/v1/models') return json(200, { object: 'list', data: [{ id: `echo-${auth}`, object: 'model', owned_by: bare }] })
    if (request.method === 'GET' && request.url === '/version') return json(200, { version: encodeURIComponent(auth) })
    if (request.method !== 'POST') return json(404, { detail: `no route for ${auth}` })
    request.resume()
    request.on('end', () => {
      const n = requests++
      const scenario = preflightNext ? 0 : n % 8
      preflightNext = false
      if (scenario === 3) return json(500, { error: { message: `invalid api key ${auth}`, type: 'auth' } })
      if (scenario === 4) {
        response.writeHead(401, { 'content-type': 'text/plain' })
        return response.end(`unauthorized:\n${bare.match(/.{1,9}/g)!.join('\n')}\n`)
      }
      if (scenario === 7) {
        response.writeHead(502, { 'content-type': 'text/html' })
        return response.end(`<html><body><p>bad gateway for ${htmlEscape(auth)}</p></body></html>`)
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      const event = (data: unknown): boolean => response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
      event({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] })
      if (scenario === 5) {
        // Its message holds the header JSON-escaped: {"auth":"Bearer sk-…\"…\\…"}.
        event({ error: { message: `upstream said ${JSON.stringify({ auth })}` } })
        return response.end()
      }
      for (let i = 0; i < 4; i++) event({ choices: [{ index: 0, delta: { content: `token ${auth} ` } }] })
      if (scenario === 6) {
        // The connection ends in the middle of an event, in the middle of the token.
        response.write(`data: {"choices":[{"delta":{"content":"x"}}],"echo":"${auth.slice(0, 20)}`)
        return response.end()
      }
      const finish = [auth, encodeURIComponent(auth), JSON.stringify(bare).slice(1, -1)][n % 3]
      event({ choices: [{ index: 0, delta: {}, finish_reason: finish }] })
      event({ choices: [], usage: { prompt_tokens: 16, completion_tokens: 4, total_tokens: 20 } })
      event('[DONE]')
      response.end()
    })
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      resolve({
        url,
        seen,
        server,
        close: () => {
          server.closeAllConnections()
          return new Promise((done) => server.close(() => done()))
        }
      })
    })
  })
}

function captureIo(env: NodeJS.ProcessEnv): CommandIo & { text(): string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let text = ''
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return { stdout, stderr, env, text: () => text }
}

/** Everything the fake core was told, as one text. */
const coreText = (core: FakeCore): string =>
  [core.failed ?? '', ...core.infos, ...core.warnings, ...core.errors.map((e) => `${e.title ?? ''} ${e.message}`), ...core.groups, core.summaryText, JSON.stringify(core.outputs)].join('\n')

describe('a server that echoes the API key everywhere', () => {
  const env = { ECHO_KEY: TOKEN }
  const dir = mkdtempSync(join(tmpdir(), 'lpg-secrets-'))
  const workloadPath = join(dir, 'echo.yml')
  let echo: Awaited<ReturnType<typeof startEchoServer>>
  let github: FakeGitHub
  const kept: Record<string, string> = {}
  let result: ResultFile

  beforeAll(async () => {
    echo = await startEchoServer()
    github = await startFakeGitHub('octo', 'perf')
    writeFileSync(workloadPath, JSON.stringify({
      name: 'echo', url: echo.url, trials: 2, requests: 16, warmup: 0, load: { concurrency: 2 },
      prompts: { input_tokens: 16, output_tokens: 4 }, timeouts: { idle_s: 2, first_token_s: 5, request_s: 10 },
      headers: { Authorization: 'Bearer ${ECHO_KEY}' }
    }))

    // The runner with its journal, kept open as a crash would leave it.
    const journalPath = join(dir, 'echo.journal.jsonl')
    const journal = new Journal(journalPath)
    result = await runWorkload(loadWorkload(workloadPath, { env }), { openJournal: () => journal })
    kept.journal = readFileSync(journalPath, 'utf8')
    journal.close(true)
    const resultPath = join(dir, 'echo.result.json')
    writeJsonFile(resultPath, result)
    kept.result = readFileSync(resultPath, 'utf8')
    kept.console = formatConsoleSummary(result)

    // The CLI, its console output and its file.
    const io = captureIo(env)
    await runCommand({ workload: workloadPath, out: join(dir, 'cli.result.json') }, io)
    kept.cli = io.text()
    kept.cliResult = readFileSync(join(dir, 'cli.result.json'), 'utf8')
    const second = JSON.parse(kept.cliResult) as ResultFile

    // The text and Markdown reports of a comparison of the two.
    const comparison = compareResults(result, second, loadThresholds('pr'))
    kept.comparison = JSON.stringify(comparison)
    kept.text = renderText({ comparison, baseline: result, current: second })
    kept.markdown = joinReport(renderMarkdown({ comparison, baseline: result, current: second }))

    // The action: a gate against the first result, then one with no baseline to find, each commenting.
    for (const [name, baseline] of [['gate', resultPath], ['no-baseline', 'artifact']] as const) {
      const core = createFakeCore({ mode: 'gate', workload: workloadPath, baseline, 'result-path': join(dir, name, 'current.result.json'), 'github-token': 'ghs_test', 'fail-on': 'never' })
      const quiet = new PassThrough().resume()
      const deps: ActionDeps = {
        core,
        context: {
          eventName: 'pull_request', payload: { pull_request: { number: PR, head: { sha: 'abcdef1234' }, base: { ref: 'main' } } },
          repo: { owner: 'octo', repo: 'perf' }, sha: 'ffff', runId: 1, serverUrl: 'https://github.com', workflowRef: 'octo/perf/.github/workflows/perf.yml@refs/pull/11/merge'
        },
        getOctokit: (token) => getOctokit(token, { baseUrl: github.url }),
        artifactClient: () => ({ uploadArtifact: async () => ({ id: 1, size: 1 }) }),
        io: { stdout: quiet, stderr: quiet, env },
        tempDirectory: mkdtempSync(join(tmpdir(), 'lpg-secrets-temp-'))
      }
      await run(deps)
      expect(core.failed).toBeNull()
      kept[`${name} core`] = coreText(core)
      for (const file of ['current.result.json', 'report.md']) kept[`${name} ${file}`] = readFileSync(join(dir, name, file), 'utf8')
    }
    kept.comments = github.commentsOf(PR).map((comment) => comment.body).join('\n')
  }, 60_000)

  afterAll(async () => {
    await echo?.close()
    await github?.close()
  })

  test('the server did echo it, and the run kept what it said, redacted', () => {
    // Only the connection probes (/health) go without it.
    expect(new Set(echo.seen.filter((auth) => auth !== ''))).toEqual(new Set([`Bearer ${TOKEN}`]))
    const records = result.trials.flatMap((trial) => trial.requests)
    expect(records.filter((r) => r.ok).length).toBeGreaterThan(8)
    expect(new Set(records.filter((r) => !r.ok).map((r) => r.error?.kind))).toEqual(new Set(['http', 'server', 'protocol']))
    expect(records.filter((r) => r.ok).every((r) => r.finish_reason?.includes('[redacted]'))).toBe(true)
    // The echoed owned_by names no engine the fingerprint knows, so the engine is left unknown rather than kept.
    expect(result.environment.server).toMatchObject({ model: 'echo-[redacted]', engine: null, version: '[redacted]' })
    expect(github.commentsOf(PR)).toHaveLength(1)
  })

  test('no piece of the key is in the result, the journal, the console, the reports, the summary or the comment', () => {
    expect(Object.keys(kept).sort()).toEqual(['cli', 'cliResult', 'comments', 'comparison', 'console', 'gate core', 'gate current.result.json', 'gate report.md', 'journal', 'markdown', 'no-baseline core', 'no-baseline current.result.json', 'no-baseline report.md', 'result', 'text'])
    for (const [where, text] of Object.entries(kept)) {
      expect(text.length, where).toBeGreaterThan(0)
      expect(text.match(PIECE)?.[0], where).toBeUndefined()
    }
  })
})
