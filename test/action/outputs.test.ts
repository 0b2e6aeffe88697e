import { describe, expect, test } from 'vitest'
import { setOutputs, worstVerdict, type LegOutcome } from '../../src/action/outputs.js'

const record = () => {
  const outputs: Record<string, string> = {}
  return { outputs, core: { setOutput: (name: string, value: string) => void (outputs[name] = value) } }
}

const compared = (key: string, verdict: 'pass' | 'fail' | 'inconclusive' | 'incomparable', regressions: string[] = []): LegOutcome => ({
  key, resultPath: `out/${key}/current.result.json`, compared: { verdict, comparisonPath: `out/${key}/comparison.json`, reportPath: `out/${key}/report.md`, htmlPath: `out/${key}/report.html`, regressions }
})

describe('the step outputs', () => {
  test('the worst verdict: fail, then incomparable, then inconclusive, then pass', () => {
    expect(worstVerdict(['pass', 'inconclusive', 'incomparable'])).toBe('incomparable')
    expect(worstVerdict(['pass', 'fail', 'incomparable'])).toBe('fail')
    expect(worstVerdict([])).toBeNull()
  })

  test('one workload: the outputs as they always were', () => {
    const { outputs, core } = record()
    setOutputs(core, [compared('chat', 'fail', ['tpot_ms.p50', 'ttft_ms.p50'])])
    expect(outputs).toEqual({ 'result-path': 'out/chat/current.result.json', verdict: 'fail', 'comparison-path': 'out/chat/comparison.json', 'report-markdown-path': 'out/chat/report.md', 'report-html-path': 'out/chat/report.html', regressions: 'tpot_ms.p50,ttft_ms.p50' })
  })

  test('several: the worst verdict, one path per line in order (empty where none), key:metric regressions', () => {
    const { outputs, core } = record()
    setOutputs(core, [compared('a', 'pass'), { key: 'b', resultPath: 'out/b/current.result.json', compared: null }, compared('c', 'fail', ['tpot_ms.p50'])])
    expect(outputs).toEqual({
      'result-path': 'out/a/current.result.json\nout/b/current.result.json\nout/c/current.result.json',
      verdict: 'fail',
      'comparison-path': 'out/a/comparison.json\n\nout/c/comparison.json',
      'report-markdown-path': 'out/a/report.md\n\nout/c/report.md',
      'report-html-path': 'out/a/report.html\n\nout/c/report.html',
      regressions: 'c:tpot_ms.p50'
    })
  })

  test('modes run and baseline: only the result paths', () => {
    const { outputs, core } = record()
    setOutputs(core, [{ key: 'a', resultPath: 'a.json', compared: null }])
    expect(outputs).toEqual({ 'result-path': 'a.json' })
  })
})
