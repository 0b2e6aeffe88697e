import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { loadWorkload, resolveWorkload } from '../../src/config/workload.js'
import { InputError } from '../../src/errors.js'
import { damagedText, mutated } from '../helpers/mutate.js'

/** A workload using most fields, the start for every mutation. */
const VALID = {
  name: 'chat-8k',
  api: 'openai-chat',
  url: 'http://127.0.0.1:8000/v1',
  model: 'meta-llama/Llama-3.1-8B-Instruct',
  seed: 7,
  trials: 5,
  requests: 300,
  warmup: 20,
  load: { rate: 8, arrival: 'gamma', burstiness: 0.5, concurrency: 64 },
  prompts: { input_tokens: { mean: 1024, stddev: 256, min: 16, max: 4096 }, output_tokens: 256, shared_prefix_tokens: 128 },
  sampling: { temperature: 0.7, top_p: 0.9, top_k: 40, ignore_eos: true },
  extra_body: { chat_template_kwargs: { enable_thinking: false } },
  timeouts: { connect_s: 5, first_token_s: 30, idle_s: 10, request_s: 120 },
  slo: { ttft_ms: 500, tpot_ms: 50 },
  headers: { Authorization: 'Bearer ${LPG_KEY}', 'X-Team': 'perf' }
}
const RAMP = { ...VALID, load: { ramp: [{ rate: 1, seconds: 30 }, { rate: 0, seconds: 5 }, { rate: 10, seconds: 60 }] } }
const ENV = { LPG_KEY: 'sk-prop-test' }
/** No single case may take this long: a hang or a blow-up fails the property, not only the suite's timeout. */
const CASE_MS = 2000

const dir = mkdtempSync(join(tmpdir(), 'lpg-workload-prop-'))
let files = 0

/** Either a workload or an InputError naming `source`; anything else fails the property. */
function outcome(read: () => unknown, source: string): 'valid' | 'refused' {
  const started = performance.now()
  try {
    read()
    return 'valid'
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    expect(error.message).toContain(source)
    expect(error.exitCode).toBe(2)
    return 'refused'
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_MS)
  }
}

function fromFile(text: string): 'valid' | 'refused' {
  const file = join(dir, `w${files++}.yml`)
  writeFileSync(file, text)
  return outcome(() => loadWorkload(file, { env: ENV }), file)
}

describe('the workload reader on damaged input: a workload, or an InputError naming the file', () => {
  test('valid workloads with fields deleted, retyped, blown up or nested deep', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.oneof(mutated(VALID), mutated(RAMP)), (input) => {
        seen.add(outcome(() => resolveWorkload(input, 'w.yml', { env: ENV }), 'w.yml'))
      }),
      { numRuns: 400 }
    )
    // The mutations reach both sides: some still valid (a harmless change), most refused.
    expect(seen).toEqual(new Set(['valid', 'refused']))
  })

  test('the same, read from JSON files', () => {
    fc.assert(
      fc.property(mutated(VALID), (input) => {
        fromFile(JSON.stringify(input))
      }),
      { numRuns: 100 }
    )
  })

  test('YAML and JSON text cut short, with bytes flipped or junk spliced in', () => {
    const yaml = ['name: chat', 'load:', '  concurrency: 4', 'prompts:', '  input_tokens: {mean: 64, stddev: 8}', 'headers:', '  X-Key: "${LPG_KEY}"', 'anchors: &a [1, 2]', 'copy: *a'].join('\n')
    fc.assert(
      fc.property(fc.oneof(damagedText(yaml), damagedText(JSON.stringify(VALID))), (text) => {
        fromFile(text)
      }),
      { numRuns: 200 }
    )
  })

  test('arbitrary values and strings', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (input) => {
        outcome(() => resolveWorkload(input, 'w.yml', { env: ENV }), 'w.yml')
      }),
      { numRuns: 200 }
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        fromFile(text)
      }),
      { numRuns: 100 }
    )
  })
})

describe('hostile workload files are refused by name', () => {
  const refusal = (text: string): string => {
    const file = join(dir, `h${files++}.yml`)
    writeFileSync(file, text)
    try {
      loadWorkload(file, { env: ENV })
    } catch (error) {
      if (error instanceof InputError) {
        expect(error.message).toContain(file)
        return error.message
      }
      throw error
    }
    throw new Error('expected an InputError')
  }

  test('a "billion laughs" of YAML aliases', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    expect(refusal(`name: x\nload: {concurrency: 1}\n${levels.join('\n')}\n`)).toContain('YAML aliases expand to more than 100 copies')
  })

  test('JSON nested 100,000 deep', () => {
    expect(refusal(`{"name":"x","load":{"concurrency":1},"extra_body":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`)).toContain('nested more than 64 levels deep')
  })

  test('YAML nested 100 deep by indentation', () => {
    const lines = ['name: x', 'load: {concurrency: 1}', 'extra_body:']
    for (let i = 1; i <= 100; i++) lines.push(`${'  '.repeat(i)}k${i}:`)
    lines.push(`${'  '.repeat(101)}v: 1`)
    expect(refusal(lines.join('\n'))).toContain('nested more than 64 levels deep')
  })

  test('a file larger than any workload', () => {
    expect(refusal(`name: x\nload: {concurrency: 1}\n# ${'x'.repeat(5 * 1024 * 1024)}\n`)).toMatch(/the file is \d+ bytes; expected a YAML or JSON document of at most 4 MiB/)
  })
})
