import { InputError, describeValue } from '../errors.js'
import type { EngineClock } from './engine.js'
import { describeFaults, parseFaults, resolveFaults, type FaultSpec } from './faults.js'
import { SIMULATOR_PROFILES, resolveProfile, type SimulatorProfile } from './profiles.js'
import { listen, type SimulatorStats } from './server.js'
import { describeSlowdown, parseSlowdown, resolveSlowdown, type Slowdown } from './slowdown.js'

export { SIMULATOR_PROFILES, parseFaults, parseSlowdown }
export type { FaultSpec, SimulatorProfile, SimulatorStats, Slowdown }
export { SIMULATOR_VERSION } from './server.js'
export { NO_FAULTS } from './faults.js'

export const DEFAULT_MODEL_NAME = 'llm-perf-gate/sim-7b'

export interface SimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** A name from SIMULATOR_PROFILES (default 'default'), or a profile object (tests, calibration). */
  profile?: string | SimulatorProfile
  /** Seeds output text, EOS, faults, step noise and drift. Default 0. */
  seed?: number
  /** Default no slowdown. */
  slowdown?: Partial<Slowdown>
  /** Default no faults. */
  faults?: Partial<FaultSpec>
  /** The served model name; requests naming another get vLLM's 404. Default 'llm-perf-gate/sim-7b'. */
  modelName?: string
  /** Time and timers for the engine; the real ones by default. */
  clock?: EngineClock
  /** Keep the KV of each conversation's history, so a later turn prefills only its new message (prefix-cache.ts). Default true; single-turn requests are unaffected. */
  prefixCache?: boolean
}

export interface RunningSimulator {
  url: string
  port: number
  /** Engine and connection counters, for tests and progress lines. */
  stats(): SimulatorStats
  /** Stops the engine, destroys every connection, and resolves once the server is closed. */
  close(): Promise<void>
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError(`--port: ${describeValue(port)} is not a port; expected an integer from 0 to 65535`)
  }
  const seed = options.seed ?? 0
  if (!Number.isSafeInteger(seed)) throw new InputError(`--seed: ${describeValue(seed)} is not an integer`)
  const host = options.host ?? '127.0.0.1'
  try {
    return await listen({
      host,
      port,
      profile: resolveProfile(options.profile),
      seed,
      slowdown: resolveSlowdown(options.slowdown),
      faults: resolveFaults(options.faults),
      modelName: options.modelName ?? DEFAULT_MODEL_NAME,
      ...(options.clock !== undefined ? { clock: options.clock } : {}),
      ...(options.prefixCache !== undefined ? { prefixCache: options.prefixCache } : {})
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new InputError(`--port: ${host}:${port} is already in use; choose another port or 0 for a free one`)
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`--host: cannot listen on ${describeValue(host)}; expected a local address such as 127.0.0.1`)
    throw error
  }
}

/** The `simulate` command's flags as commander hands them over, unparsed. */
export interface SimulateCommandOptions {
  host?: string
  port?: string | number
  profile?: string
  seed?: string | number
  slowdown?: string[]
  faults?: string
  modelName?: string
}

function parseIntegerFlag(flag: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(parsed)) throw new InputError(`${flag}: ${describeValue(value)} is not an integer`)
  return parsed
}

/**
 * `llm-perf-gate simulate`: validates the flags, starts the simulator and logs one line saying
 * where it listens and what it simulates. The caller keeps it running and closes it on a signal.
 */
export async function runSimulateCommand(options: SimulateCommandOptions, log: (line: string) => void): Promise<RunningSimulator> {
  const profileName = options.profile ?? 'default'
  const slowdown = parseSlowdown(options.slowdown ?? [])
  const faults = parseFaults(options.faults ?? '')
  const port = parseIntegerFlag('--port', options.port)
  const seed = parseIntegerFlag('--seed', options.seed) ?? 0
  const simulator = await startSimulator({
    profile: profileName,
    seed,
    slowdown,
    faults,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(options.modelName !== undefined ? { modelName: options.modelName } : {})
  })
  log(
    `simulator listening on ${simulator.url} (profile ${profileName}, model ${options.modelName ?? DEFAULT_MODEL_NAME}, ` +
      `seed ${seed}, slowdown ${describeSlowdown(slowdown)}, faults ${describeFaults(faults)})`
  )
  return simulator
}
