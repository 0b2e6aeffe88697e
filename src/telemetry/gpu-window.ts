import type { NamedGpuReading } from './nvidia-smi.js'
import type { GpuReading, GpuTrialSummary } from '../result/telemetry.js'

interface Series {
  sum: number
  count: number
  max: number
  min: number
}

const empty = (): Series => ({ sum: 0, count: 0, max: -Infinity, min: Infinity })
const add = (series: Series, value: number | null): void => {
  if (value === null) return
  series.sum += value
  series.count += 1
  series.max = Math.max(series.max, value)
  series.min = Math.min(series.min, value)
}
const round1 = (value: number): number => Math.round(value * 10) / 10
const mean = (series: Series): number | null => (series.count === 0 ? null : round1(series.sum / series.count))
const max = (series: Series): number | null => (series.count === 0 ? null : series.max)
const min = (series: Series): number | null => (series.count === 0 ? null : series.min)

interface GpuAccumulator {
  name: string
  utilization: Series
  memory: Series
  power: Series
  clock: Series
  temperature: Series
  reasons: Set<string>
}

/** The GPUs over one trial: each GPU's readings summarised, and the newest reading of each for the next sample. */
export class GpuWindow {
  private readonly gpus = new Map<number, GpuAccumulator>()
  private latest = new Map<number, GpuReading>()

  add(reading: NamedGpuReading): void {
    let gpu = this.gpus.get(reading.index)
    if (gpu === undefined) {
      gpu = { name: reading.name, utilization: empty(), memory: empty(), power: empty(), clock: empty(), temperature: empty(), reasons: new Set() }
      this.gpus.set(reading.index, gpu)
    }
    add(gpu.utilization, reading.utilization_pct)
    add(gpu.memory, reading.memory_used_mib)
    add(gpu.power, reading.power_w)
    add(gpu.clock, reading.sm_clock_mhz)
    add(gpu.temperature, reading.temperature_c)
    for (const reason of reading.throttle_reasons) if (reason !== 'gpu_idle') gpu.reasons.add(reason)
    const { name: _name, ...sample } = reading
    this.latest.set(reading.index, sample)
  }

  /** The newest reading of each GPU since the last call, by index; undefined when none arrived. */
  takeLatest(): GpuReading[] | undefined {
    if (this.latest.size === 0) return undefined
    const readings = [...this.latest.values()].sort((a, b) => a.index - b.index)
    this.latest = new Map()
    return readings
  }

  get empty(): boolean {
    return this.gpus.size === 0
  }

  summary(): GpuTrialSummary[] {
    return [...this.gpus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, gpu]) => ({
        index,
        name: gpu.name,
        utilization_pct: { mean: mean(gpu.utilization), max: max(gpu.utilization) },
        memory_used_mib: { max: max(gpu.memory) },
        power_w: { mean: mean(gpu.power) },
        sm_clock_mhz: { mean: mean(gpu.clock), min: min(gpu.clock) },
        temperature_c: { max: max(gpu.temperature) },
        throttle_reasons: [...gpu.reasons].sort()
      }))
  }
}
