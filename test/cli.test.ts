import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'

/** The CLI as users run it: the committed bundle (CI checks it matches a fresh build). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function workloadFile(content: object | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lpg-cli-')), 'w.yml')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

describe('the CLI', () => {
  test('a bad workload exits 2 with a message naming the file and field, and no stack trace', () => {
    const file = workloadFile('name: x\nload:\n  concurrency: zero\n')
    const run = cli(['run', '--workload', file])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`workload ${file} is not valid`)
    expect(run.stderr).toContain('load.concurrency: got "zero"; expected an integer')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  test('--debug adds the stack trace', () => {
    const run = cli(['--debug', 'run', '--workload', '/nonexistent.yml'])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/\n\s+at /)
  })

  test('a usage error exits 2', () => {
    expect(cli(['run']).status).toBe(2)
    expect(cli(['frobnicate']).status).toBe(2)
    expect(cli(['run', '--workload', 'w.yml', '--trials', '0']).stderr).toContain('--trials: got "0"; expected an integer >= 1')
  })

  test('an unreachable server is an input error naming the URL, without credentials', () => {
    const file = workloadFile({ name: 'x', url: 'http://127.0.0.1:9', load: { concurrency: 1 }, headers: { Authorization: 'Bearer ${LPG_K}' } })
    const run = cli(['run', '--workload', file, '--quiet'], { LPG_K: 'sk-do-not-print-123456' })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('cannot reach the server at http://127.0.0.1:9')
    expect(run.stderr + run.stdout).not.toContain('sk-do-not-print-123456')
  })

  test('--help exits 0', () => {
    const run = cli(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Usage: llm-perf-gate')
  })

  test('history has append, show and detect; a missing --history or --result is a usage error', () => {
    const help = cli(['history', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/append \[options\][\s\S]*show \[options\][\s\S]*detect \[options\]/)
    const missing = cli(['history', 'append', '--history', 'h.jsonl'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("required option '--result <file>' not specified")
    expect(cli(['history', 'show', '--history', 'h.jsonl', '--last', '0']).stderr).toContain('--last: got "0"; expected an integer >= 1')
  })
})
