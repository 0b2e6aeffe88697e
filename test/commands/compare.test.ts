import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { SERVING_LIKE, syntheticResult, type SyntheticSpec } from '../../bench/synthetic-results.js'

/** `compare` as users run it, from the committed bundle. */
function compare(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['dist/cli.js', 'compare', ...args], { encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('llm-perf-gate compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-compare-'))
  const file = (name: string): string => join(dir, name)
  const write = (name: string, overrides: Partial<SyntheticSpec>): void => {
    writeFileSync(file(name), JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed: 1, trials: 5, trialDrift: 0.01, slowdown: { ttft: 1, tpot: 1 }, ...overrides })))
  }

  beforeAll(() => {
    write('base.json', { seed: 1 })
    write('same.json', { seed: 2 })
    write('slow.json', { seed: 3, slowdown: { ttft: 1.3, tpot: 1.3 } })
    write('other-workload.json', { seed: 4, workloadHash: 'sha256:another' })
    const whole = readFileSync(file('base.json'), 'utf8')
    writeFileSync(file('truncated.json'), whole.slice(0, Math.floor(whole.length / 2)))
  })

  test('an A/A comparison exits 0', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('same.json')])
    expect(run.stdout).toContain('PASS')
    expect(run.status).toBe(0)
  })

  test('a clear regression exits 1 and names the metric', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('slow.json')])
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/REGRESSION.*TPOT p50 \+\d/)
  })

  test('a different workload_hash is incomparable and exits 3', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('other-workload.json')])
    expect(run.status).toBe(3)
    expect(run.stdout).toContain('INCOMPARABLE')
  })

  test('a truncated result file exits 2 with a message naming it', () => {
    const run = compare(['--baseline', file('truncated.json'), '--current', file('same.json')])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`baseline ${file('truncated.json')}: not valid JSON (the file looks truncated`)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  test('--format json prints the comparison document on stdout', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('slow.json'), '--format', 'json'])
    const document = JSON.parse(run.stdout) as { schema: string; verdict: string; metrics: Array<Record<string, unknown>> }
    expect(document.schema).toBe('llm-perf-gate/comparison@1')
    expect(document.verdict).toBe('fail')
    expect(Object.keys(document.metrics[0]!)).toEqual(expect.arrayContaining(['metric', 'baseline', 'current', 'delta_pct', 'ci_low_pct', 'ci_high_pct', 'p_value', 'p_adjusted', 'test', 'unit', 'tolerance_pct', 'gate', 'status']))
  })

  test('--format markdown writes the report, and --out keeps a copy', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('slow.json'), '--format', 'markdown', '--out', file('report.md')])
    expect(run.stdout).toContain('### ❌ llm-perf-gate: **regression**')
    expect(readFileSync(file('report.md'), 'utf8')).toBe(run.stdout)
  })

  test('a thresholds file with an unknown metric exits 2 naming the file and the field', () => {
    writeFileSync(file('bad-thresholds.yml'), 'metrics:\n  ttft_ms.p75: {tolerance_pct: 10}\n')
    const run = compare(['--baseline', file('base.json'), '--current', file('same.json'), '--thresholds', file('bad-thresholds.yml')])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`thresholds ${file('bad-thresholds.yml')} is not valid`)
    expect(run.stderr).toContain('metrics.ttft_ms.p75: got {"tolerance_pct":10}; unknown metric')
  })

  test('an unknown --format is a usage error', () => {
    expect(compare(['--baseline', file('base.json'), '--current', file('same.json'), '--format', 'pdf']).status).toBe(2)
  })

  test('--format html writes one page that carries uPlot and loads nothing', () => {
    const run = compare(['--baseline', file('base.json'), '--current', file('slow.json'), '--format', 'html', '--out', file('report.html')])
    expect(run.status).toBe(1)
    const page = readFileSync(file('report.html'), 'utf8')
    expect(page).toBe(run.stdout)
    expect(page.startsWith('<!doctype html>')).toBe(true)
    expect(page).toContain('uPlot')
    expect(page).toContain("Content-Security-Policy\" content=\"default-src 'none'")
    expect(page).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i)
  })
})
