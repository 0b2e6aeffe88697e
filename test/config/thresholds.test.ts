import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadThresholds, PRESETS } from '../../src/config/thresholds.js'
import { minimumExactMannWhitneyP } from '../../src/stats/detectable-effect.js'

const temp = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'lpg-thresholds-')), 't.yml')
  writeFileSync(file, text)
  return file
}

describe('thresholds', () => {
  test.each(PRESETS)('the %s preset loads by name', (name) => {
    const thresholds = loadThresholds(name)
    expect(thresholds.source).toBe(name)
    expect(Object.keys(thresholds.metrics).length).toBeGreaterThan(3)
  })

  test('the pr preset leaves a clean 5-vs-5 separation significant after Holm', () => {
    const pr = loadThresholds('pr')
    const tested = Object.entries(pr.metrics).filter(([name, spec]) => spec.gate !== 'off' && name !== 'error_rate').length
    expect(minimumExactMannWhitneyP(5, 5) * tested).toBeLessThan(pr.alpha)
  })

  test('no preset is given: pr', () => {
    expect(loadThresholds(undefined).source).toBe('pr')
  })

  test('a name that is neither a preset nor a file', () => {
    expect(() => loadThresholds('prr')).toThrow('thresholds: "prr" is neither a preset (pr, nightly, release) nor an existing file')
  })

  test('a latency metric without a tolerance says what it needs', () => {
    expect(() => loadThresholds(temp('metrics:\n  tpot_ms.p50: {gate: fail}\n'))).toThrow(/metrics\.tpot_ms\.p50\.tolerance_pct: missing; expected tolerance_pct/)
  })

  test('error_rate needs max_increase', () => {
    expect(() => loadThresholds(temp('metrics:\n  error_rate: {tolerance_pct: 5}\n'))).toThrow(/error_rate\.max_increase: missing; error_rate is gated by max_increase/)
  })

  test('a file that tests no metric is an error, not a comparison that can only pass', () => {
    expect(() => loadThresholds(temp('metrics: {}\n'))).toThrow(/metrics: none listed; expected at least one metric with gate: fail or warn/)
    expect(() => loadThresholds(temp('metrics:\n  tpot_ms.p50: {tolerance_pct: 5, gate: off}\n  error_rate: {gate: off}\n'))).toThrow(/metrics: every gate is off \(tpot_ms\.p50, error_rate\); expected at least one/)
    expect(loadThresholds(temp('metrics:\n  tpot_ms.p50: {tolerance_pct: 5, gate: warn}\n')).metrics['tpot_ms.p50']!.gate).toBe('warn')
  })

  test('an invalid decision lists the valid ones', () => {
    expect(() => loadThresholds(temp('decision: strict\nmetrics: {}\n'))).toThrow(/decision: got "strict"; expected detect or non-inferiority/)
  })
})
