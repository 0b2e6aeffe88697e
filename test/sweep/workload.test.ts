import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { resolveSweepWorkload, stepLoad, stepWorkload, sweepIdentity } from '../../src/sweep/workload.js'
import type { SweepPlan } from '../../src/result/sweep-types.js'

const INPUT = { name: 'w', url: 'http://127.0.0.1:9', requests: 20, load: { rate: 4, arrival: 'gamma', burstiness: 0.5, exact_rate: true }, slo: { tpot_ms: 7.5 } }
const GRID: SweepPlan = { load_kind: 'concurrency', mode: 'grid', loads: [1, 2, 4] }

describe('a step\'s workload', () => {
  test('is the workload with the step\'s load, hashed as a workload file with that load would be', () => {
    const sweep = resolveSweepWorkload(INPUT, 'w.yml', { env: {} })
    const step = stepWorkload(sweep, 'concurrency', 6)
    expect(step.spec.load).toMatchObject({ concurrency: 6 })
    expect(step.spec.load.rate).toBeUndefined()
    const plain = resolveWorkload({ ...INPUT, load: { concurrency: 6, arrival: 'gamma', burstiness: 0.5 } }, 'other.yml', { env: {} })
    expect(step.workloadHash).toBe(plain.workloadHash)
  })

  test('an open-loop step keeps the arrival process and exact_rate, and drops a cap and a ramp', () => {
    expect(stepLoad({ concurrency: 8, rate: 2, arrival: 'constant', exact_rate: true }, 'rate', 3)).toEqual({ arrival: 'constant', rate: 3, exact_rate: true })
    expect(stepLoad({ ramp: [{ rate: 1, seconds: 2 }] }, 'concurrency', 3)).toEqual({ concurrency: 3 })
  })

  test('a workload for sweeps may leave its load out', () => {
    const { load: _load, ...withoutLoad } = INPUT
    const sweep = resolveSweepWorkload(withoutLoad, 'w.yml', { env: {} })
    expect(stepWorkload(sweep, 'concurrency', 2).spec.load.concurrency).toBe(2)
  })
})

describe('the sweep\'s identity', () => {
  const identity = (input: Record<string, unknown>, plan: SweepPlan = GRID): ReturnType<typeof sweepIdentity> => sweepIdentity(resolveSweepWorkload(input, 'w.yml', { env: {} }), plan)

  test('workload_hash is the workload without its load: the same whatever the load written or the plan', () => {
    const a = identity(INPUT)
    const b = identity({ ...INPUT, load: { concurrency: 64 } }, { load_kind: 'concurrency', mode: 'grid', loads: [8] })
    expect(a.workload_hash).toBe(b.workload_hash)
    expect(a.workload_hash).not.toBe(identity({ ...INPUT, requests: 21 }).workload_hash)
    expect(a).not.toHaveProperty('load')
  })

  test('sweep_hash adds the plan', () => {
    expect(identity(INPUT).sweep_hash).not.toBe(identity(INPUT, { ...GRID, loads: [1, 2] }).sweep_hash)
    expect(identity(INPUT).sweep_hash).toBe(identity({ ...INPUT, load: { concurrency: 3 } }).sweep_hash)
  })

  test('slo.attainment changes neither hash, nor any workload\'s: it judges, it sends nothing', () => {
    const withAttainment = { ...INPUT, slo: { tpot_ms: 7.5, attainment: 0.95 } }
    expect(identity(withAttainment).workload_hash).toBe(identity(INPUT).workload_hash)
    expect(resolveWorkload(withAttainment, 'w.yml', { env: {} }).workloadHash).toBe(resolveWorkload(INPUT, 'w.yml', { env: {} }).workloadHash)
    expect(resolveWorkload({ ...INPUT, slo: { tpot_ms: 8 } }, 'w.yml', { env: {} }).workloadHash).not.toBe(resolveWorkload(INPUT, 'w.yml', { env: {} }).workloadHash)
  })
})

test('slo.attainment is a share in (0, 1]', () => {
  for (const attainment of [0, 1.5, -1, 'high']) expect(() => resolveWorkload({ ...INPUT, slo: { tpot_ms: 7.5, attainment } }, 'w.yml', { env: {} })).toThrow(/slo\.attainment: got .*; expected a share in \(0, 1\]/)
  expect(resolveWorkload({ ...INPUT, slo: { attainment: 1 } }, 'w.yml', { env: {} }).spec.slo.attainment).toBe(1)
})
