import { afterEach, describe, expect, test, vi } from 'vitest'
import { decodeThrottleReasons, nvidiaSmiArgs, parseGpuLine, startGpuMonitor, type NamedGpuReading } from '../../src/telemetry/nvidia-smi.js'
import { stubFakeNvidiaSmi } from '../helpers/fake-nvidia-smi.js'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('clock event reasons', () => {
  test('each bit of NVML’s mask has its name', () => {
    expect(decodeThrottleReasons('0x0000000000000000')).toEqual([])
    expect(decodeThrottleReasons('0x0000000000000004')).toEqual(['sw_power_cap'])
    expect(decodeThrottleReasons('0x0000000000000020')).toEqual(['sw_thermal'])
    expect(decodeThrottleReasons('0x0000000000000068')).toEqual(['hw_slowdown', 'sw_thermal', 'hw_thermal'])
    expect(decodeThrottleReasons('0x0000000000000081')).toEqual(['gpu_idle', 'hw_power_brake'])
  })

  test('bits NVML does not name yet are kept as hex, and anything unreadable is no reason', () => {
    expect(decodeThrottleReasons('0x0000000000001004')).toEqual(['sw_power_cap', '0x1000'])
    expect(decodeThrottleReasons('[N/A]')).toEqual([])
    expect(decodeThrottleReasons('[Not Supported]')).toEqual([])
  })
})

describe('a line of the query', () => {
  test('is read field by field, units off', () => {
    expect(parseGpuLine('0, NVIDIA H100 80GB HBM3, 87, 71234, 512.34, 1755, 71, 0x0000000000000020')).toEqual({
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      utilization_pct: 87,
      memory_used_mib: 71234,
      power_w: 512.34,
      sm_clock_mhz: 1755,
      temperature_c: 71,
      throttle_reasons: ['sw_thermal']
    } satisfies NamedGpuReading)
  })

  test('a field the GPU does not report is null', () => {
    const reading = parseGpuLine('1, NVIDIA A10G, 40, 2000, [N/A], 1710, 55, [Not Supported]')!
    expect(reading.power_w).toBeNull()
    expect(reading.throttle_reasons).toEqual([])
  })

  test('a product name with a comma does not shift the fields', () => {
    expect(parseGpuLine('0, Tesla T4, rev 2, 10, 300, 70.0, 1590, 50, 0x0000000000000000')).toMatchObject({ name: 'Tesla T4, rev 2', utilization_pct: 10, temperature_c: 50 })
  })

  test('an error message is no reading', () => {
    expect(parseGpuLine('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.')).toBeNull()
    expect(parseGpuLine('Field "clocks_event_reasons.active" is not a valid field to query.')).toBeNull()
  })

  test('the query asks for loop mode at the interval, without units or header', () => {
    expect(nvidiaSmiArgs(250, 'clocks_event_reasons.active')).toEqual([
      '--query-gpu=index,name,utilization.gpu,memory.used,power.draw,clocks.sm,temperature.gpu,clocks_event_reasons.active',
      '--format=csv,noheader,nounits',
      '-lms',
      '250'
    ])
  })
})

/** Readings until `count` have arrived (with a deadline), then stops the monitor. */
async function readings(count: number): Promise<Array<{ reading: NamedGpuReading; atMs: number }>> {
  const seen: Array<{ reading: NamedGpuReading; atMs: number }> = []
  const monitor = startGpuMonitor(100, () => performance.now())
  monitor.onReading((reading, atMs) => seen.push({ reading, atMs }))
  try {
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeout: 10_000, interval: 20 })
  } finally {
    await monitor.stop()
  }
  return seen
}

describe('the monitor over a loop-mode nvidia-smi', () => {
  test('reads a line per GPU per interval, stamped as they arrive', async () => {
    stubFakeNvidiaSmi([
      { name: 'NVIDIA H100 80GB HBM3', 'utilization.gpu': 61, 'memory.used': 71234, 'power.draw': 512.3, 'clocks.sm': 1755, 'temperature.gpu': 71, 'clocks_event_reasons.active': '0x0000000000000000' },
      { name: 'NVIDIA H100 80GB HBM3', 'utilization.gpu': 0, 'memory.used': 3, 'clocks.sm': 345, 'temperature.gpu': 30, 'clocks_event_reasons.active': '0x0000000000000001' }
    ])
    const seen = await readings(6)
    expect(seen[0]!.reading).toMatchObject({ index: 0, utilization_pct: 61, sm_clock_mhz: 1755, power_w: 512.3 })
    expect(seen[1]!.reading).toMatchObject({ index: 1, power_w: null, throttle_reasons: ['gpu_idle'] })
    // Loop mode: later lines come an interval after the first, not all at once.
    expect(seen[4]!.atMs - seen[0]!.atMs).toBeGreaterThan(150)
  })

  test('a driver that does not know clocks_event_reasons is asked with the older name', async () => {
    stubFakeNvidiaSmi([{ name: 'Tesla V100', 'utilization.gpu': 50, 'clocks.sm': 1380, 'clocks_event_reasons.active': '0x0000000000000004' }], { reject: ['clocks_event_reasons.active'] })
    const seen = await readings(1)
    expect(seen[0]!.reading).toMatchObject({ name: 'Tesla V100', throttle_reasons: ['sw_power_cap'] })
  })

  test('without nvidia-smi on PATH it reports nothing and raises nothing', async () => {
    vi.stubEnv('PATH', '/nonexistent')
    const seen: NamedGpuReading[] = []
    const monitor = startGpuMonitor(100, () => performance.now())
    monitor.onReading((reading) => seen.push(reading))
    await new Promise((resolve) => setTimeout(resolve, 300))
    await monitor.stop()
    expect(seen).toEqual([])
  })
})
