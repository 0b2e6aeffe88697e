import { describe, expect, it } from 'vitest'
import { cpuCounters, hostCounters, hostLoadBetween, roundHostLoad, stealShare, type HostCounters } from '../../src/runner/host-load.js'

// /proc/stat's first line: user nice system idle iowait irq softirq steal guest guest_nice (proc(5)).
const before = 'cpu  1000 10 500 8000 20 0 30 400 0 0\ncpu0 500 5 250 4000 10 0 15 200 0 0\nintr 1 2 3\n'
// 600 + 0 + 100 + 1000 + 0 + 0 + 20 + 280 = 2000 ticks later, 280 of them stolen.
const after = 'cpu  1600 10 600 9000 20 0 50 680 0 0\ncpu0 800 5 300 4500 10 0 25 340 0 0\nintr 1 2 3\n'

describe('stealShare', () => {
  it('is the steal column over every column from user to steal, between two readings', () => {
    expect(stealShare(before, after)).toBeCloseTo(280 / 2000, 12)
  })

  it('is null where /proc/stat is missing or has no aggregate cpu line', () => {
    expect(stealShare(null, after)).toBeNull()
    expect(stealShare('intr 1 2\n', 'intr 3 4\n')).toBeNull()
    expect(cpuCounters('cpu  1 2 3\n')).toBeNull() // a kernel without the steal column
  })

  it('is null when no time passed between the readings', () => {
    expect(stealShare(before, before)).toBeNull()
  })
})

describe('hostLoadBetween', () => {
  const counters = (procStat: string, cpuMicros: number, idle: number, active: number, wallMs: number): HostCounters => ({ procStat, cpuMicros, elu: { idle, active, utilization: active / (idle + active) }, wallMs })

  it('gives steal, the client process CPU per second of wall time, and the share the event loop was busy', () => {
    const load = hostLoadBetween(counters(before, 2_000_000, 100, 50, 1000), counters(after, 2_600_000, 400, 350, 3000))
    expect(load.cpu_steal).toBeCloseTo(0.14, 12)
    expect(load.client_cpu).toBeCloseTo(600 / 2000, 12) // 0.6 s of CPU over 2 s
    expect(load.event_loop_utilization).toBeCloseTo(300 / 600, 12) // 300 ms busy of 600 ms
  })

  it('rounds shares to four decimals for the result file', () => {
    expect(roundHostLoad({ cpu_steal: 0.123456, client_cpu: 1.00004, event_loop_utilization: 0.99996 })).toEqual({ cpu_steal: 0.1235, client_cpu: 1, event_loop_utilization: 1 })
    expect(roundHostLoad({ cpu_steal: null, client_cpu: 0, event_loop_utilization: 0 }).cpu_steal).toBeNull()
  })

  it('reads this machine: shares in range, steal only where /proc/stat exists', () => {
    const first = hostCounters()
    let spin = 0
    for (let i = 0; i < 2_000_000; i++) spin += i % 7
    const load = hostLoadBetween(first, hostCounters())
    expect(spin).toBeGreaterThan(0)
    expect(load.client_cpu).toBeGreaterThan(0)
    expect(load.event_loop_utilization).toBeGreaterThanOrEqual(0)
    expect(load.event_loop_utilization).toBeLessThanOrEqual(1)
    if (first.procStat === null) expect(load.cpu_steal).toBeNull()
    else if (load.cpu_steal !== null) expect(load.cpu_steal).toBeGreaterThanOrEqual(0)
  })
})
