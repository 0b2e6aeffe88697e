import type { AnnotationProperties } from '@actions/core'
import { describe, expect, it } from 'vitest'
import { annotateRegressions, type AnnotationSink } from '../../src/github/annotations.js'

function recorder() {
  const calls: Array<{ level: 'error' | 'warning'; message: string; properties: AnnotationProperties | undefined }> = []
  const sink: AnnotationSink = {
    error: (message, properties) => calls.push({ level: 'error', message, properties }),
    warning: (message, properties) => calls.push({ level: 'warning', message, properties })
  }
  return { sink, calls }
}

describe('annotateRegressions', () => {
  it('makes a failing gate an error that names the workload, the metric, the change and the tolerance', () => {
    const { sink, calls } = recorder()
    annotateRegressions(sink, [{ metric: 'ttft_ms.p50', deltaPct: 12.04, tolerancePct: 10, gate: 'fail' }], { workload: 'chat-short' })
    expect(calls).toEqual([{
      level: 'error',
      message: 'ttft_ms.p50 changed +12.0% against the baseline (tolerance 10%) in workload chat-short.',
      properties: { title: 'Performance regression: ttft_ms.p50' }
    }])
  })

  it('makes a warning gate a warning', () => {
    const { sink, calls } = recorder()
    annotateRegressions(sink, [{ metric: 'ttft_ms.p99', deltaPct: 25, tolerancePct: 20, gate: 'warn' }], { workload: 'w' })
    expect(calls.map((call) => call.level)).toEqual(['warning'])
  })

  it('shows a throughput drop as negative and leaves out a tolerance it does not have', () => {
    const { sink, calls } = recorder()
    annotateRegressions(sink, [
      { metric: 'output_throughput', deltaPct: -7.5, tolerancePct: 5 },
      { metric: 'error_rate', deltaPct: 300, tolerancePct: null }
    ], { workload: 'w' })
    expect(calls[0]?.message).toContain('changed -7.5%')
    expect(calls[1]?.message).toBe('error_rate changed +300.0% against the baseline in workload w.')
  })

  it('attaches the annotations to the workload file when given', () => {
    const { sink, calls } = recorder()
    annotateRegressions(sink, [{ metric: 'tpot_ms.p50', deltaPct: 6, tolerancePct: 5 }], { workload: 'w', file: 'perf/chat.yml' })
    expect(calls[0]?.properties).toEqual({ title: 'Performance regression: tpot_ms.p50', file: 'perf/chat.yml' })
  })

  it('annotates nothing and returns 0 when nothing regressed', () => {
    const { sink, calls } = recorder()
    expect(annotateRegressions(sink, [], { workload: 'w' })).toBe(0)
    expect(calls).toEqual([])
  })
})
