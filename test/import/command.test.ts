import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { importCommand } from '../../src/commands/import.js'
import { InputError } from '../../src/errors.js'
import { readComparableResult } from '../../src/result/load.js'

function io(): { stdout: PassThrough; stderr: PassThrough; env: NodeJS.ProcessEnv; text: () => string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks: string[] = []
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  return { stdout, stderr, env: {}, text: () => chunks.join('') }
}

describe('llm-perf-gate import', () => {
  test.each([
    ['vllm', ['test/import/fixtures/vllm/append-3runs.json'], undefined, 3],
    ['aiperf', ['test/import/fixtures/aiperf/c8/profile_export.jsonl'], undefined, 1],
    ['guidellm', ['test/import/fixtures/guidellm/v0.7-sweep.json'], 2, 1],
    ['sglang', ['test/import/fixtures/sglang/details-nested.jsonl'], undefined, 3]
  ])('--from %s writes a result file that compare reads', async (from, files, benchmark, trials) => {
    const out = join(mkdtempSync(join(tmpdir(), 'lpg-import-')), 'imported.result.json')
    const streams = io()
    const code = await importCommand({ from, files, out, ...(benchmark !== undefined ? { benchmark } : {}) }, streams)
    expect(code).toBe(0)
    expect(streams.text()).toContain(`result: ${out} (${trials} trial`)
    const result = readComparableResult(out, 'baseline')
    expect(result.trials).toHaveLength(trials)
    expect(result.workload.workload_hash).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  test('an unknown source, and --benchmark with a journal, are input errors', async () => {
    await expect(importCommand({ from: 'locust', files: ['x'] }, io())).rejects.toThrow(/--from: got "locust"; expected one of vllm, aiperf, guidellm, sglang, journal/)
    await expect(importCommand({ from: 'journal', files: ['x.journal.jsonl'], benchmark: 1 }, io())).rejects.toThrow(InputError)
  })
})
