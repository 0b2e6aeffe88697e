import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const TOKEN = 'ghs_0123456789abcdefTOKENvalue'
const PR = 7

interface RunnerRun {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  dir: string
}

/** `GITHUB_OUTPUT` holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!
  return outputs
}

describe('node dist/index.js, run the way the runner runs it', () => {
  let github: FakeGitHub
  const files = mkdtempSync(join(tmpdir(), 'lpg-action-files-'))
  const write = (name: string, overrides: Partial<SyntheticSpec>): string => {
    const path = join(files, name)
    writeFileSync(path, JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })))
    return path
  }
  let baseline: string
  let same: string
  let slower: string
  let hostile: string
  let hostileBaseline: string

  beforeAll(async () => {
    github = await startFakeGitHub('octo', 'perf')
    baseline = write('baseline.json', { seed: 1 })
    same = write('same.json', { seed: 2 })
    slower = write('slower.json', { seed: 3, slowdown: { ttft: 1.3, tpot: 1.3 } })
    hostileBaseline = write('hostile-baseline.json', { seed: 4, model: '<img src=x onerror=alert(1)>' })
    hostile = write('hostile.json', { seed: 5, model: '<img src=x onerror=alert(1)>' })
  })

  afterAll(async () => {
    await github?.close()
  })

  function runAction(inputs: Record<string, string>): Promise<RunnerRun> {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-action-'))
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ action: 'synchronize', number: PR, pull_request: { number: PR, head: { sha: 'a1b2c3d4e5f6' }, base: { ref: 'main', sha: '9f8e7d6c5b4a' } }, repository: { default_branch: 'main' } }))
    for (const name of ['output', 'summary']) writeFileSync(join(dir, name), '')
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'octo/perf',
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_SHA: 'ffffffffffff',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKFLOW_REF: 'octo/perf/.github/workflows/perf.yml@refs/pull/7/merge',
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      RUNNER_TEMP: dir,
      'INPUT_GITHUB-TOKEN': TOKEN,
      INPUT_THRESHOLDS: 'pr',
      INPUT_COMMENT: 'true',
      'INPUT_FAIL-ON': 'regression',
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
    }
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['dist/index.js'], { env, cwd: process.cwd() })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('close', (status) => {
        resolve({ status, stdout, stderr, outputs: parseOutputs(readFileSync(join(dir, 'output'), 'utf8')), summary: readFileSync(join(dir, 'summary'), 'utf8'), dir })
      })
    })
  }

  const compareInputs = (current: string, base = baseline): Record<string, string> => ({ mode: 'compare', key: 'synthetic', baseline: base, 'result-path': current })

  test('the first run posts one comment with the delta table and the hidden marker; an A/A comparison passes', async () => {
    const run = await runAction(compareInputs(same))
    expect(run.status).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    const comments = github.commentsOf(PR)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body.startsWith('<!-- llm-perf-gate:synthetic -->\n### ✅ llm-perf-gate: **pass**')).toBe(true)
    expect(comments[0]!.body).toMatch(/\| TPOT p50 +\|/)
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(run.summary).toContain('### ✅ llm-perf-gate: **pass**')
  })

  test('the second run edits that comment (PATCH) instead of posting another', async () => {
    const posts = github.requests.filter((r) => r.method === 'POST').length
    const run = await runAction(compareInputs(same))
    expect(run.status).toBe(0)
    expect(github.commentsOf(PR)).toHaveLength(1)
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(posts)
    expect(github.requests.filter((r) => r.method === 'PATCH').length).toBeGreaterThanOrEqual(1)
  })

  test('a clear regression fails the step, sets verdict=fail, annotates and turns the comment red', async () => {
    const run = await runAction(compareInputs(slower))
    expect(run.status).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(run.outputs.regressions).toContain('tpot_ms.p50')
    // Workflow commands escape ":" and "%" in what they carry.
    expect(run.stdout).toMatch(/::error title=Performance regression%3A tpot_ms\.p50::tpot_ms\.p50 changed \+\d+\.\d%25 against the baseline \(tolerance 5%25\)/)
    expect(run.stdout).toContain('::error::performance regression in synthetic: ')
    expect(github.commentsOf(PR)).toHaveLength(1)
    expect(github.commentsOf(PR)[0]!.body).toContain('### ❌ llm-perf-gate: **regression**')
    expect(readdirSync(run.dir).length).toBeGreaterThan(0)
    for (const output of ['comparison-path', 'report-markdown-path', 'report-html-path']) expect(readFileSync(run.outputs[output]!, 'utf8').length).toBeGreaterThan(100)
    expect(readFileSync(run.outputs['report-html-path']!, 'utf8')).toContain('uPlot')
  })

  test('with 403 on writes (a fork) a passing comparison still exits 0, warns, and writes the summary', async () => {
    github.writeAccess = 'forbidden-403'
    try {
      const run = await runAction(compareInputs(same))
      expect(run.status).toBe(0)
      expect(run.outputs.verdict).toBe('pass')
      expect(run.stdout).toMatch(/::warning::.*workflow_run/)
      expect(run.summary).toContain('### ✅ llm-perf-gate: **pass**')
      expect(run.summary).toContain('The pull-request comment could not be posted')
    } finally {
      github.writeAccess = 'allow'
    }
  })

  test('a model named like an HTML injection shows escaped in the comment and the summary', async () => {
    const run = await runAction(compareInputs(hostile, hostileBaseline))
    expect(run.status).toBe(0)
    const body = github.commentsOf(PR)[0]!.body
    for (const text of [body, run.summary]) {
      expect(text).not.toContain('<img')
      expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    }
  })

  test('the token is never printed, and it is sent to the API only', async () => {
    const run = await runAction(compareInputs(slower))
    for (const text of [run.stdout, run.stderr, run.summary, readFileSync(join(run.dir, 'output'), 'utf8')]) expect(text).not.toContain(TOKEN)
    expect(github.requests.every((r) => r.authorization === undefined || r.authorization === `token ${TOKEN}`)).toBe(true)
  })

  test('a missing input is an error that names it', async () => {
    const run = await runAction({ mode: 'compare', 'result-path': same })
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('::error::input baseline: required with mode compare')
  })
})
