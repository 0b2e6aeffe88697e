import type { ChildProcess, SpawnOptions } from 'node:child_process'
import { InputError } from '../errors.js'
import { quoteLogTail } from './log-tail.js'

/** One server to start, everything resolved: the command, its environment and where it answers. */
export interface ServerLaunch {
  /** Names it in messages: "server", "candidate server". */
  label: string
  /** The workload file whose `server:` this is, for error messages. */
  source: string
  /** A string runs through the shell (`sh -c`); a list runs as argv. */
  command: string | readonly string[]
  /** The whole environment of the server (the inherited one with the workload's on top). */
  env: NodeJS.ProcessEnv
  cwd: string
  /** host:port the workload sends to: it must be free before the start. */
  host: string
  port: number
  /** Polled until it answers 200. */
  healthUrl: string
  readyTimeoutMs: number
  stopTimeoutMs: number
  /** stdout and stderr of the server go here. */
  logPath: string
}

/** The I/O the lifecycle needs, passed in so the logic is tested with scripted parts and real processes alike. */
export interface LifecycleDeps {
  spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess
  /** Opens the log for writing (truncated); returns its descriptor. */
  openLog(path: string): number
  closeLog(descriptor: number): void
  /** The status of GET `url`, or null when nothing answered within `timeoutMs`. */
  probeHealth(url: string, timeoutMs: number): Promise<number | null>
  /** Whether something accepts TCP connections at host:port. */
  portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean>
  groupAlive(pgid: number): boolean
  signalGroup(pgid: number, signal: NodeJS.Signals): void
  /** Runs `listener` synchronously if this process exits while the server runs; returns the unregistration. */
  onProcessExit(listener: () => void): () => void
  clock(): number
  sleep(ms: number): Promise<void>
  redact(text: string): string
  /** Progress lines (stderr). */
  log(line: string): void
}

export interface RunningServer {
  pid: number
  logPath: string
  /** From the spawn to the first 200 of the health path. */
  readyAfterMs: number
  /** SIGTERM to the process group, SIGKILL after stop_timeout_s; resolves once no process of the group is left. Safe to call twice. */
  stop(): Promise<void>
}

/** Exit 130 for a Ctrl-C while the server loads: nothing was measured, the server is stopped. */
export const INTERRUPTED_EXIT_CODE = 130

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`

/** "vllm serve …" as one short line for messages (the command as written, redacted). */
export function describeCommand(command: string | readonly string[], redact: (text: string) => string): string {
  const text = typeof command === 'string' ? command : command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : JSON.stringify(part))).join(' ')
  const line = redact(text.replace(/\s+/g, ' ').trim())
  return line.length > 160 ? `${line.slice(0, 159)}…` : line
}

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  error?: Error
}

/**
 * Starts a server as its own process group with its output in a log file, and waits until its
 * health path answers 200. A port that already answers is refused before anything starts. A
 * server that exits first, or is not ready in time, stops the command (InputError, exit 2) with
 * the last lines of its log; Ctrl-C (`signal`) stops it too (exit 130). Once started, the group
 * is stopped by `stop()`, and, should this process exit first, killed by the exit hook.
 */
export async function startServer(launch: ServerLaunch, deps: LifecycleDeps, signal?: AbortSignal): Promise<RunningServer> {
  const where = `${launch.host}:${launch.port}`
  const commandLine = describeCommand(launch.command, deps.redact)
  if (await deps.portAnswers(launch.host, launch.port, 2000)) {
    throw new InputError(
      `${launch.label}: something already answers at ${where} (url of workload ${launch.source}), before \`${commandLine}\` was started; a server left from an earlier job must not be measured in place of this one. Stop it (for example \`fuser -k ${launch.port}/tcp\`) or give this server another port`
    )
  }
  const descriptor = deps.openLog(launch.logPath)
  let child: ChildProcess
  try {
    const options: SpawnOptions = { cwd: launch.cwd, env: launch.env, detached: true, stdio: ['ignore', descriptor, descriptor] }
    child = typeof launch.command === 'string' ? deps.spawn(launch.command, [], { ...options, shell: true }) : deps.spawn(launch.command[0]!, launch.command.slice(1), options)
  } finally {
    // The child holds its own copy of the descriptor.
    deps.closeLog(descriptor)
  }
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }))
    child.once('error', (error) => resolve({ code: null, signal: null, error }))
  })
  let exit: Exit | null = null
  void exited.then((value) => (exit = value))
  const startedAt = deps.clock()
  const pid = child.pid
  if (pid === undefined) {
    const failure = await exited
    throw new InputError(`${launch.label}: \`${commandLine}\` could not be started (${failure.error?.message ?? 'no process'}); check server.command and server.cwd (${launch.cwd}) in workload ${launch.source}`)
  }
  deps.log(`${launch.label}: started \`${commandLine}\` (pid ${pid}); its output goes to ${launch.logPath}`)

  let stopping: Promise<void> | undefined
  const unregisterExitHook = deps.onProcessExit(() => deps.signalGroup(pid, 'SIGKILL'))
  const waitGone = async (timeoutMs: number): Promise<boolean> => {
    const until = deps.clock() + timeoutMs
    while (deps.groupAlive(pid)) {
      if (deps.clock() >= until) return false
      await deps.sleep(100)
    }
    return true
  }
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (deps.groupAlive(pid)) {
        deps.signalGroup(pid, 'SIGTERM')
        if (!(await waitGone(launch.stopTimeoutMs))) {
          deps.log(`${launch.label}: still running ${seconds(launch.stopTimeoutMs)} after SIGTERM (server.stop_timeout_s); sending SIGKILL to its process group`)
          deps.signalGroup(pid, 'SIGKILL')
          if (!(await waitGone(5000))) deps.log(`${launch.label}: process group ${pid} still has processes after SIGKILL`)
        }
      }
      unregisterExitHook()
    })()
    return stopping
  }
  const failWith = async (message: string, exitCode = 2): Promise<never> => {
    await stop()
    throw new InputError(message, exitCode)
  }
  const early = (value: Exit): string =>
    value.error !== undefined ? `could not be started (${value.error.message})` : value.signal !== null ? `was killed by ${value.signal}` : `exited with code ${value.code}`

  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted === true) resolve()
    signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  const deadline = startedAt + launch.readyTimeoutMs
  let lastAnswer = 'no answer yet'
  let nextNote = startedAt + 30_000
  let pause = 100
  for (;;) {
    if (exit !== null) {
      const reason = early(exit)
      return failWith(`${launch.label}: \`${commandLine}\` ${reason} before it was ready (${launch.healthUrl} had ${lastAnswer === 'no answer yet' ? 'not answered' : `answered ${lastAnswer}`}); ${quoteLogTail(launch.logPath, { redact: deps.redact })}`)
    }
    if (signal?.aborted === true) return failWith(`${launch.label}: interrupted while waiting for it to become ready; it was stopped`, INTERRUPTED_EXIT_CODE)
    const remaining = deadline - deps.clock()
    if (remaining <= 0) {
      return failWith(
        `${launch.label}: \`${commandLine}\` was not ready within ${seconds(launch.readyTimeoutMs)} (server.ready_timeout_s): ${launch.healthUrl} last answered ${lastAnswer === 'no answer yet' ? 'nothing' : lastAnswer}; it was stopped; ${quoteLogTail(launch.logPath, { redact: deps.redact })}`
      )
    }
    const status = await Promise.race([deps.probeHealth(launch.healthUrl, Math.min(5000, remaining)), exited.then(() => undefined)])
    if (status === 200) break
    // An HTTP answer stays the one quoted: a probe cut short by the deadline says less.
    if (status !== undefined && (status !== null || !lastAnswer.startsWith('HTTP'))) lastAnswer = status === null ? 'no connection' : `HTTP ${status}`
    if (deps.clock() >= nextNote) {
      deps.log(`${launch.label}: waiting for ${launch.healthUrl} to answer 200 (${seconds(deps.clock() - startedAt)} so far, last: ${lastAnswer})`)
      nextNote += 30_000
    }
    // Quick at first (a small server is up in a fraction of a second), then once a second.
    await Promise.race([deps.sleep(pause), exited, aborted])
    pause = Math.min(1000, pause * 2)
  }
  const readyAfterMs = deps.clock() - startedAt
  deps.log(`${launch.label}: ready after ${seconds(readyAfterMs)} (${launch.healthUrl} answered 200)`)
  return { pid, logPath: launch.logPath, readyAfterMs, stop }
}
