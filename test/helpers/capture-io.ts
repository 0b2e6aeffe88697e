import { PassThrough } from 'node:stream'
import type { CommandIo } from '../../src/process-io.js'

/** Command I/O that keeps what was written, for tests that read the messages. */
export function captureIo(env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): CommandIo & { out(): string; err(): string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return { stdout, stderr, env, ...(signal !== undefined ? { signal } : {}), out: () => out, err: () => err }
}

/** A port nothing listens on right now (the kernel's pick of a free one, released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
