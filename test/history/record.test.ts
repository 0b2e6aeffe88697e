import { describe, expect, test } from 'vitest'
import { ALL_METRIC_NAMES } from '../../src/metrics/metric-names.js'
import { hardwareKey } from '../../src/history/hardware.js'
import { commitAndRef, environmentFingerprint, historyRecordOf, runId } from '../../src/history/record.js'
import { toComparable } from '../../src/result/columns.js'
import { nightlyResults } from '../helpers/nightly.js'

const [night0, night1] = nightlyResults({ seed: 1, nights: 2, jobNoise: 0.02 })

describe('a run\'s history record', () => {
  test('holds every trial\'s value and the run\'s value of every metric compare can gate, and no request', () => {
    const record = historyRecordOf(night0!, { commit: 'abc1234def', ref: 'refs/heads/main' })
    expect(record).toMatchObject({ schema: 'llm-perf-gate/history@1', workload: { name: 'synthetic', workload_hash: night0!.workload.workload_hash }, commit: 'abc1234def', ref: 'refs/heads/main', created_at: night0!.created_at, trials: 3 })
    expect(Object.keys(record.metrics).sort()).toEqual([...ALL_METRIC_NAMES].sort())
    expect(record.metrics['tpot_ms.p50']!.trials).toHaveLength(3)
    expect(record.metrics['tpot_ms.p50']!.trials[1]).toBeCloseTo(night0!.trials[1]!.summary.tpot_ms.p50!, 4)
    expect(record.metrics['tpot_ms.p50']!.run).toBeCloseTo(night0!.summary.tpot_ms.p50!, 4)
    expect(record.metrics.output_throughput!.run).toBeCloseTo(night0!.summary.output_throughput, 2)
    expect(record.metrics.goodput).toEqual({ run: null, trials: [null, null, null] })
    expect(JSON.stringify(record)).not.toContain('"requests"')
    // A few kilobytes: a hundred runs are a file one can still read.
    expect(JSON.stringify(record).length).toBeLessThan(4000)
  })

  test('the same result gives the same id, read whole or in columns; another run another id', () => {
    expect(runId(night0!)).toBe(runId(toComparable(night0!)))
    expect(runId(night0!)).toBe(historyRecordOf(structuredClone(night0!)).id)
    expect(runId(night1!)).not.toBe(runId(night0!))
  })

  test('the environment keeps the fingerprint, not the URL or the model list', () => {
    const environment = { ...night0!.environment, server: { ...night0!.environment.server, url: 'http://10.0.0.7:8123', models: Array.from({ length: 500 }, (_, i) => `m${i}`), engine: 'vllm', version: '0.9.1' }, gpu: [{ name: 'NVIDIA H100 80GB HBM3', memory_total_mib: 81559, driver_version: '550.54' }] }
    const fingerprint = environmentFingerprint(environment)
    expect(fingerprint.server).toEqual({ model: 'synthetic-model', version: '0.9.1', engine: 'vllm' })
    expect(fingerprint.gpu).toEqual(environment.gpu)
    expect(fingerprint.runner).toEqual(environment.runner)
  })

  test('commit and ref come from the options, else from GITHUB_SHA and GITHUB_REF', () => {
    expect(commitAndRef({}, { GITHUB_SHA: 'f00', GITHUB_REF: 'refs/heads/main' })).toEqual({ commit: 'f00', ref: 'refs/heads/main' })
    expect(commitAndRef({ commit: 'abc', ref: 'v1' }, { GITHUB_SHA: 'f00', GITHUB_REF: 'refs/heads/main' })).toEqual({ commit: 'abc', ref: 'v1' })
    expect(commitAndRef({}, {})).toEqual({ commit: null, ref: null })
  })
})

describe('the hardware key', () => {
  test('is the GPU model and count, whatever the order or the driver', () => {
    const gpu = (name: string, driver = '550'): { name: string; memory_total_mib: number; driver_version: string } => ({ name, memory_total_mib: 1, driver_version: driver })
    expect(hardwareKey({ gpu: [] })).toBe('none')
    expect(hardwareKey({ gpu: [gpu('H100'), gpu('H100', '560')] })).toBe('2× H100')
    expect(hardwareKey({ gpu: [gpu('L4'), gpu('H100')] })).toBe(hardwareKey({ gpu: [gpu('H100'), gpu('L4')] }))
    expect(hardwareKey({ gpu: [gpu('H100')] })).not.toBe(hardwareKey({ gpu: [gpu('H100'), gpu('H100')] }))
    expect(hardwareKey({ gpu: [{ ...gpu('A10G'), count: 4 } as never] })).toBe('4× A10G')
  })
})
