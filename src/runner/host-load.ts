/**
 * What the machine running the client did during a trial, recorded beside the measurements so a
 * reader can tell a slow server from a busy client or a noisy host:
 *
 * - `cpu_steal`: the share of the machine's CPU time the hypervisor gave to other guests (the
 *   "steal" column of Linux /proc/stat). On a shared VM it reaches tens of percent and arrives
 *   in bursts; the client, and a server on the same machine, stop at random for milliseconds.
 *   Null where /proc/stat is not readable (not Linux).
 * - `client_cpu`: CPU time of this process (user + system) per second of the trial; 1 is one
 *   core. The client reads every stream on one event loop.
 * - `event_loop_utilization`: the share of the trial the event loop was busy (Node's
 *   performance.eventLoopUtilization). Near 1, arriving events wait to be stamped.
 */
import { readFileSync } from 'node:fs'
import { performance, type EventLoopUtilization } from 'node:perf_hooks'
import type { HostLoad } from '../result/types.js'


/** The counters a sample compares; each source is passed in, so the arithmetic is tested without the machine's. */
export interface HostCounters {
  /** The aggregate "cpu" line of /proc/stat, or null. */
  procStat: string | null
  cpuMicros: number
  elu: EventLoopUtilization
  wallMs: number
}

/** The aggregate CPU counters (user … steal) of a /proc/stat text; null when it has none. */
export function cpuCounters(procStat: string | null): number[] | null {
  const line = procStat?.split('\n', 1)[0]
  if (line === undefined || !line.startsWith('cpu ')) return null
  const counters = line.trim().split(/\s+/).slice(1, 9).map(Number)
  return counters.length === 8 && counters.every(Number.isFinite) ? counters : null
}

/** The steal share between two /proc/stat readings: column 8 of user, nice, system, idle, iowait, irq, softirq, steal. */
export function stealShare(before: string | null, after: string | null): number | null {
  const a = cpuCounters(before)
  const b = cpuCounters(after)
  if (a === null || b === null) return null
  const delta = b.map((value, index) => value - a[index]!)
  const total = delta.reduce((sum, value) => sum + value, 0)
  return total > 0 ? delta[7]! / total : null
}

export function hostLoadBetween(before: HostCounters, after: HostCounters): HostLoad {
  const wallMs = after.wallMs - before.wallMs
  const elu = performance.eventLoopUtilization(after.elu, before.elu)
  return {
    cpu_steal: stealShare(before.procStat, after.procStat),
    client_cpu: wallMs > 0 ? (after.cpuMicros - before.cpuMicros) / 1000 / wallMs : 0,
    event_loop_utilization: elu.utilization
  }
}

/** The text of /proc/stat, or null where there is none (not Linux). */
export function readProcStat(): string | null {
  try {
    return readFileSync('/proc/stat', 'utf8')
  } catch {
    return null
  }
}

/** This process's counters now. */
export function hostCounters(): HostCounters {
  const usage = process.cpuUsage()
  return { procStat: readProcStat(), cpuMicros: usage.user + usage.system, elu: performance.eventLoopUtilization(), wallMs: performance.now() }
}

/** Shares to four decimals: /proc/stat counts in ticks of 10 ms, so finer digits would be noise. */
export function roundHostLoad(load: HostLoad): HostLoad {
  const round = (share: number): number => Math.round(share * 1e4) / 1e4
  return { cpu_steal: load.cpu_steal === null ? null : round(load.cpu_steal), client_cpu: round(load.client_cpu), event_loop_utilization: round(load.event_loop_utilization) }
}
