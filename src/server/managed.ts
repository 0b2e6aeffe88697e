import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { CommandIo } from '../process-io.js'
import type { Workload } from '../config/workload.js'
import { InputError } from '../errors.js'
import { createRedactor } from '../redact.js'
import { startServer, type LifecycleDeps, type RunningServer, type ServerLaunch } from './lifecycle.js'
import { nodeLifecycleDeps } from './node-deps.js'
import { serverSchema, type ServerSpec } from '../config/server-schema.js'

/** One server a command starts: the workload it serves (its url, headers, and `server:` block) and where its log goes. */
export interface ServerSide {
  workload: Workload
  /** The server's stdout and stderr: `<result>.server.log`. */
  logPath: string
  /** "server", "baseline server", "candidate server". */
  label: string
  /** Overrides the workload's `server:` (ab's --candidate-server); null: this side starts nothing. */
  server?: ServerSpec | null
}

/**
 * The `server:` block for a side started by a command of its own (`ab --candidate-server`): the
 * workload's settings (env, cwd, health path, timeouts) with this command; its launch flags are
 * not the workload's, so `args` is left out.
 */
export function serverWithCommand(command: string, base: ServerSpec | undefined): ServerSpec {
  const { args: _args, ...settings } = base ?? serverSchema.parse({ command })
  return { ...settings, command }
}

/** The log beside a result file. */
export const serverLogPath = (resultPath: string): string => `${resultPath}.server.log`

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g
// Inherited variables whose values a server log must never show.
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL/i

/** The server's environment: the inherited one, then server.env with ${VAR} taken from it (an unset one is an error naming the field). */
export function serverEnvironment(spec: ServerSpec, inherited: NodeJS.ProcessEnv, source: string): { env: NodeJS.ProcessEnv; secrets: string[] } {
  const env: NodeJS.ProcessEnv = { ...inherited }
  const secrets: string[] = []
  for (const [name, template] of Object.entries(spec.env)) {
    env[name] = template.replace(VARIABLE, (_match, variable: string) => {
      const value = inherited[variable]
      if (value === undefined || value === '') {
        throw new InputError(`workload ${source}: server.env.${name} uses \${${variable}}, but the environment variable ${variable} is not set; export it before the run`)
      }
      secrets.push(value)
      return value
    })
  }
  for (const [name, value] of Object.entries(env)) if (value !== undefined && SECRET_NAME.test(name)) secrets.push(value)
  return { env, secrets }
}

/** Where the server answers, from the url the workload sends to (after --url). */
function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80
  return { host: parsed.hostname, port }
}

/** The launch of one side, everything resolved; null when the side starts no server. */
export function launchOf(side: ServerSide, inherited: NodeJS.ProcessEnv): { launch: ServerLaunch; secrets: string[] } | null {
  const spec = side.server === undefined ? side.workload.spec.server : side.server
  if (spec === undefined || spec === null) return null
  const { env, secrets } = serverEnvironment(spec, inherited, side.workload.source)
  // Relative to the workload file, as prompts.file is; the built-in workloads have no file.
  const base = existsSync(side.workload.source) && statSync(side.workload.source).isFile() ? dirname(side.workload.source) : process.cwd()
  return {
    launch: {
      label: side.label,
      source: side.workload.source,
      command: spec.command,
      env,
      cwd: resolve(base, spec.cwd),
      ...hostAndPort(side.workload.url),
      healthUrl: `${side.workload.url}${spec.health_path}`,
      readyTimeoutMs: spec.ready_timeout_s * 1000,
      stopTimeoutMs: spec.stop_timeout_s * 1000,
      logPath: side.logPath
    },
    secrets
  }
}

export interface WithServersOptions {
  /** Replaces the real processes and clocks (tests). */
  deps?: (log: (line: string) => void, redact: (text: string) => string) => LifecycleDeps
}

/**
 * Starts each side's server (one after another: two engines loading at once on one GPU race for
 * its memory), runs `body`, and stops every server it started, at the end, on failure and on
 * Ctrl-C alike. A side without `server:` starts nothing: its server is expected to be running.
 */
export async function withServers<T>(sides: readonly ServerSide[], io: CommandIo, body: () => Promise<T>, options: WithServersOptions = {}): Promise<T> {
  const launches = sides.map((side) => ({ side, resolved: launchOf(side, io.env) }))
  if (launches.every(({ resolved }) => resolved === null)) return body()
  const log = (line: string): void => void io.stderr.write(`${line}\n`)
  const running: RunningServer[] = []
  try {
    for (const { side, resolved } of launches) {
      if (resolved === null) continue
      const redact = createRedactor([...Object.values(side.workload.headers), ...resolved.secrets])
      const deps = (options.deps ?? nodeLifecycleDeps)(log, redact)
      running.push(await startServer(resolved.launch, deps, io.signal))
    }
    return await body()
  } finally {
    await Promise.all(running.map((server) => server.stop()))
    if (running.length > 0) log(`${running.length === 1 ? 'the server was' : 'the servers were'} stopped; ${running.length === 1 ? 'its log' : 'their logs'}: ${running.map((server) => server.logPath).join(', ')}`)
  }
}
