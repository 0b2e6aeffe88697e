import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { loadThresholds, presetPath } from '../../src/config/thresholds.js'
import { InputError } from '../../src/errors.js'
import { damagedText, mutated } from '../helpers/mutate.js'

const CASE_MS = 2000
const dir = mkdtempSync(join(tmpdir(), 'lpg-thresholds-prop-'))
let files = 0

/** Thresholds, or an InputError naming the file; anything else (another exception, a slow case) fails. */
function read(text: string): 'valid' | 'refused' {
  const file = join(dir, `t${files++}.yml`)
  writeFileSync(file, text)
  const started = performance.now()
  try {
    const thresholds = loadThresholds(file)
    // What the comparison relies on, whatever else the file held.
    expect(thresholds.alpha).toBeGreaterThan(0)
    expect(thresholds.alpha).toBeLessThan(1)
    expect(thresholds.validity.max_error_rate).toBeGreaterThanOrEqual(0)
    return 'valid'
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    expect(error.message).toContain(file)
    return 'refused'
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_MS)
  }
}

describe('the thresholds reader on damaged input: thresholds, or an InputError naming the file', () => {
  const presets = (['pr', 'nightly', 'release'] as const).map((name) => readFileSync(presetPath(name), 'utf8'))

  test('the shipped presets with fields deleted, retyped, blown up or nested deep', () => {
    const seen = new Set<string>()
    const valid = presets.map((text) => parseYaml(text) as unknown)
    fc.assert(
      fc.property(fc.oneof(...valid.map(mutated)), (input) => {
        seen.add(read(JSON.stringify(input)))
      }),
      { numRuns: 300 }
    )
    expect(seen).toEqual(new Set(['valid', 'refused']))
  })

  test('preset text cut short, with bytes flipped or junk spliced in', () => {
    fc.assert(
      fc.property(fc.oneof(...presets.map(damagedText)), (text) => {
        read(text)
      }),
      { numRuns: 200 }
    )
  })

  test('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        read(JSON.stringify(value) ?? 'null')
      }),
      { numRuns: 150 }
    )
  })
})
