import { runSimulateCommand } from '../simulator/index.js'
import type { CommandIo } from '../process-io.js'

export interface SimulateOptions {
  port?: number
  host?: string
  profile?: string
  seed?: number
  model?: string
  slowdown?: string[]
  faults?: string
}

/** Serves until SIGINT or SIGTERM, then closes every connection and exits 0. */
export async function simulateCommand(options: SimulateOptions, io: CommandIo): Promise<number> {
  const simulator = await runSimulateCommand(
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.model !== undefined ? { modelName: options.model } : {}),
      ...(options.slowdown !== undefined ? { slowdown: options.slowdown } : {}),
      ...(options.faults !== undefined ? { faults: options.faults } : {})
    },
    (line) => io.stderr.write(`${line}\n`)
  )
  // One machine-readable line on stdout, so scripts and tests can find the port.
  io.stdout.write(`${JSON.stringify({ url: simulator.url })}\n`)
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted === true) return resolve()
    io.signal?.addEventListener('abort', () => resolve(), { once: true })
    process.once('SIGTERM', () => resolve())
  })
  await simulator.close()
  return 0
}
