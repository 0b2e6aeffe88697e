/**
 * Which document a file holds, from its first bytes, without reading it whole: `compare` routes
 * two sweep files to the sweep comparison before it starts reading what may be a 50 MB result.
 * Kept free of other modules: the CLI loads it before any command module.
 */
import { closeSync, openSync, readSync } from 'node:fs'

const HEAD_BYTES = 4096
// Our writers put `schema` first; a file whose head does not name it is left to the full reader.
const SCHEMA = /^\s*\{\s*"schema"\s*:\s*"([^"\\]{1,100})"/

/** The `schema` a JSON file declares first, or null (unreadable, not JSON, schema elsewhere). */
export function sniffSchema(path: string): string | null {
  let descriptor: number | undefined
  try {
    descriptor = openSync(path, 'r')
    const head = Buffer.alloc(HEAD_BYTES)
    const read = readSync(descriptor, head, 0, HEAD_BYTES, 0)
    return SCHEMA.exec(head.subarray(0, read).toString('utf8'))?.[1] ?? null
  } catch {
    return null
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}
