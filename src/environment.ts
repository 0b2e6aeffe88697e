/**
 * The environment fingerprint of a run (docs/fingerprint.md): what the server says it is, the GPUs and the
 * runner. Capturing it never fails a run: every request and command has a deadline, and what
 * does not answer is recorded as unknown. docs/fingerprint.md says what is read from where.
 */
import type { Dispatcher } from 'undici'
import { createRedactor } from './redact.js'
import type { Environment } from './result/types.js'
import { captureGpus, type CommandRunner } from './environment/gpu.js'
import { captureRunner } from './environment/runner.js'
import { captureServer } from './environment/server.js'

export { captureGpus, type CommandRunner } from './environment/gpu.js'
export { captureRunner } from './environment/runner.js'
export { publicUrl } from './environment/server.js'
export { workloadServerArgs } from './environment/engines.js'

export interface CaptureOptions {
  /** The run's signal: an interrupted run stops asking, and the capture resolves with what it has. */
  signal?: AbortSignal
  /** Deadline of each request to the server and of each GPU command (default 3 s and 5 s). */
  timeoutMs?: number
  /** Applied to every string kept from the server; by default, one that redacts the header values. */
  redact?: (text: string) => string
  /** The workload's `server.args` (see workloadServerArgs). */
  args?: string[]
  /** Runs `nvidia-smi` and `rocm-smi` (tests pass a fake). */
  runCommand?: CommandRunner
  env?: NodeJS.ProcessEnv
}

export async function captureEnvironment(dispatcher: Dispatcher, origin: string, headers: Record<string, string>, workloadModel: string | null, options: CaptureOptions = {}): Promise<Environment> {
  const redact = options.redact ?? createRedactor(Object.values(headers))
  const signal = options.signal !== undefined ? { signal: options.signal } : {}
  const [server, gpu] = await Promise.all([
    captureServer(dispatcher, origin, headers, workloadModel, { ...signal, timeoutMs: options.timeoutMs ?? 3000, redact, ...(options.args !== undefined ? { args: options.args } : {}) }),
    captureGpus(options.runCommand, { ...signal, timeoutMs: options.timeoutMs ?? 5000 })
  ])
  return { server, gpu, runner: captureRunner(options.env) }
}
