import { PassThrough } from 'node:stream'
import type { CommandIo } from '../../src/process-io.js'

/** Command I/O whose output is read and dropped, for tests that check files and return values. */
export function quietIo(): CommandIo {
  const sink = new PassThrough()
  sink.resume()
  return { stdout: sink, stderr: sink, env: {} }
}
