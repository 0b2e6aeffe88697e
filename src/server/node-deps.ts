import { spawn } from 'node:child_process'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { monotonicClock } from '../clock.js'
import type { LifecycleDeps } from './lifecycle.js'
import { processGroupAlive, signalProcessGroup } from './process-group.js'

/** Whether a TCP connection to host:port is accepted within `timeoutMs`. */
export function portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port })
    const done = (answer: boolean): void => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(Math.max(1, Math.ceil(timeoutMs)), () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

async function probeHealth(url: string, timeoutMs: number): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))), redirect: 'manual' })
    await response.body?.cancel()
    return response.status
  } catch {
    return null
  }
}

/**
 * Exit hooks for a running server: on `exit` (process.exit, a second Ctrl-C, an uncaught
 * error) the group is killed synchronously; on SIGTERM (a cancelled CI job) too, after which the
 * signal's default is restored and raised again, unless another part of the program listens.
 */
function onProcessExit(listener: () => void): () => void {
  const onSigterm = (): void => {
    listener()
    unregister()
    if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM')
  }
  const unregister = (): void => {
    process.off('exit', listener)
    process.off('SIGTERM', onSigterm)
  }
  process.on('exit', listener)
  process.on('SIGTERM', onSigterm)
  return unregister
}

/** The real processes, sockets, files and clocks. */
export function nodeLifecycleDeps(log: (line: string) => void, redact: (text: string) => string): LifecycleDeps {
  return {
    spawn: (command, args, options) => spawn(command, [...args], options),
    openLog(path) {
      mkdirSync(dirname(path), { recursive: true })
      return openSync(path, 'w')
    },
    closeLog: (descriptor) => closeSync(descriptor),
    probeHealth,
    portAnswers,
    groupAlive: processGroupAlive,
    signalGroup: signalProcessGroup,
    onProcessExit,
    clock: monotonicClock,
    sleep: (ms) => sleep(ms),
    redact,
    log
  }
}
