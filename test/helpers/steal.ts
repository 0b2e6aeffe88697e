import { readFileSync } from 'node:fs'

/** CPU time counters of the whole machine from /proc/stat (Linux); null elsewhere. */
export function cpuTimes(): number[] | null {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  } catch {
    return null
  }
}

/**
 * The share of CPU time the hypervisor took from this virtual machine between two readings
 * (the "steal" column). While it is high, any process, client or server, is paused for
 * milliseconds at random points.
 */
export function stealBetween(before: number[] | null, after: number[] | null): number | null {
  if (before === null || after === null) return null
  const delta = after.slice(0, 8).map((value, index) => value - before[index]!)
  const total = delta.reduce((sum, value) => sum + value, 0)
  return total === 0 ? 0 : delta[7]! / total
}
