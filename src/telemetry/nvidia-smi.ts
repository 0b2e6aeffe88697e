import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { GpuReading } from '../result/telemetry.js'

/** The clock event reasons' field: renamed from clocks_throttle_reasons in newer drivers, which keep the old name too; older ones know only it. */
export const REASON_FIELDS = ['clocks_event_reasons.active', 'clocks_throttle_reasons.active'] as const

export const GPU_QUERY_FIELDS = ['index', 'name', 'utilization.gpu', 'memory.used', 'power.draw', 'clocks.sm', 'temperature.gpu'] as const

/** nvidia-smi in loop mode: one CSV line per GPU every `intervalMs`, numbers without units. */
export function nvidiaSmiArgs(intervalMs: number, reasonField: (typeof REASON_FIELDS)[number]): string[] {
  return [`--query-gpu=${[...GPU_QUERY_FIELDS, reasonField].join(',')}`, '--format=csv,noheader,nounits', '-lms', String(Math.round(intervalMs))]
}

/**
 * The bits of NVML's clocks event reasons (nvml.h, nvmlClocksEventReason*). gpu_idle is not a
 * slowdown and is left out of what a trial reports.
 */
export const THROTTLE_REASON_BITS: ReadonlyArray<[bigint, string]> = [
  [0x1n, 'gpu_idle'],
  [0x2n, 'applications_clocks_setting'],
  [0x4n, 'sw_power_cap'],
  [0x8n, 'hw_slowdown'],
  [0x10n, 'sync_boost'],
  [0x20n, 'sw_thermal'],
  [0x40n, 'hw_thermal'],
  [0x80n, 'hw_power_brake'],
  [0x100n, 'display_clocks_setting']
]

/** "0x0000000000000024" → [sw_power_cap, sw_thermal]; unknown bits as "0x…"; [] for anything unreadable. */
export function decodeThrottleReasons(text: string): string[] {
  let mask: bigint
  try {
    mask = BigInt(text.trim())
  } catch {
    return []
  }
  const names: string[] = []
  let known = 0n
  for (const [bit, name] of THROTTLE_REASON_BITS) {
    known |= bit
    if ((mask & bit) !== 0n) names.push(name)
  }
  const unknown = mask & ~known
  if (unknown !== 0n) names.push(`0x${unknown.toString(16)}`)
  return names
}

/** A number, or null for nvidia-smi's "[N/A]", "[Not Supported]" and the like. */
const numberOrNull = (text: string | undefined): number | null => {
  if (text === undefined) return null
  const value = Number(text.trim())
  return text.trim() === '' || !Number.isFinite(value) ? null : value
}

export interface NamedGpuReading extends GpuReading {
  name: string
}

/** One CSV line of the query above; null for a line that is not one (an error message, a header). */
export function parseGpuLine(line: string): NamedGpuReading | null {
  const parts = line.split(',').map((part) => part.trim())
  const fields = GPU_QUERY_FIELDS.length + 1
  if (parts.length < fields) return null
  // A product name with a comma in it would shift every later field: the extra parts are the name's.
  const extra = parts.length - fields
  const name = parts.slice(1, 2 + extra).join(', ')
  const [index, , utilization, memory, power, clock, temperature, reasons] = [parts[0], name, ...parts.slice(2 + extra)]
  const gpuIndex = numberOrNull(index)
  if (gpuIndex === null || !Number.isInteger(gpuIndex)) return null
  return {
    index: gpuIndex,
    name,
    utilization_pct: numberOrNull(utilization),
    memory_used_mib: numberOrNull(memory),
    power_w: numberOrNull(power),
    sm_clock_mhz: numberOrNull(clock),
    temperature_c: numberOrNull(temperature),
    throttle_reasons: decodeThrottleReasons(reasons ?? '')
  }
}

export interface GpuMonitor {
  /** Called with each GPU's line as it arrives, stamped with `clock()`. */
  onReading(listener: (reading: NamedGpuReading, atMs: number) => void): void
  stop(): Promise<void>
}

export type SpawnGpuQuery = (args: string[]) => ChildProcess

const spawnNvidiaSmi: SpawnGpuQuery = (args) => spawn('nvidia-smi', args, { stdio: ['ignore', 'pipe', 'pipe'] })

/**
 * One long-lived `nvidia-smi … -lms` child for a whole run, read line by line. Where nvidia-smi
 * is not on PATH, or the driver refuses the query, it reports nothing and stays quiet; a driver
 * that does not know `clocks_event_reasons` is asked again with the older field name.
 */
export function startGpuMonitor(intervalMs: number, clock: () => number, spawnQuery: SpawnGpuQuery = spawnNvidiaSmi): GpuMonitor {
  const listeners: Array<(reading: NamedGpuReading, atMs: number) => void> = []
  let child: ChildProcess | null = null
  let stopped = false
  const start = (attempt: number): void => {
    let readings = 0
    let current: ChildProcess
    try {
      current = spawnQuery(nvidiaSmiArgs(intervalMs, REASON_FIELDS[attempt]!))
    } catch {
      return
    }
    child = current
    current.once('error', () => undefined) // ENOENT: no nvidia-smi on PATH
    current.stderr?.resume()
    createInterface({ input: current.stdout! }).on('line', (line) => {
      const reading = parseGpuLine(line)
      if (reading === null) return
      readings++
      const atMs = clock()
      for (const listener of listeners) listener(reading, atMs)
    })
    current.once('exit', () => {
      if (child === current) child = null
      if (!stopped && readings === 0 && attempt + 1 < REASON_FIELDS.length) start(attempt + 1)
    })
  }
  start(0)
  return {
    onReading(listener) {
      listeners.push(listener)
    },
    async stop() {
      stopped = true
      const running = child
      if (running === null || running.exitCode !== null || running.signalCode !== null) return
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
      running.kill('SIGTERM')
      const timer = setTimeout(() => running.kill('SIGKILL'), 2000)
      await exited
      clearTimeout(timer)
    }
  }
}
