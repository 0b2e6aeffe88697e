import { closeSync, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { InputError } from '../errors.js'

const CHUNK_BYTES = 1 << 20

/**
 * Calls `onLine` with each line of a file, blank ones included, numbered from 1; a last line
 * without a newline is a line too. Reads 1 MiB at a time, so memory holds one line, not the file
 * (a journal or an AIPerf export grows with every request). `onText`, when given, sees the decoded
 * text piece by piece (for a hash of the whole). A file that cannot be opened is an InputError:
 * `${what} ${file}: cannot read it (CODE); ${expected}`.
 */
export function forEachLine(file: string, what: string, expected: string, onLine: (text: string, number: number) => void, onText?: (text: string) => void): void {
  let descriptor: number
  try {
    descriptor = openSync(file, 'r')
  } catch (error) {
    throw new InputError(`${what} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${expected}`)
  }
  // As readFileSync(file, 'utf8') decodes: a byte order mark is kept (and then is not JSON).
  const decoder = new StringDecoder('utf8')
  const buffer = Buffer.alloc(CHUNK_BYTES)
  let pending = ''
  let number = 0
  try {
    for (;;) {
      const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null)
      if (read === 0) break
      const chunk = decoder.write(buffer.subarray(0, read))
      onText?.(chunk)
      // Only the new text can hold the next newline: a line spanning many chunks (a vLLM result
      // appended as one line) is not scanned again for every chunk.
      let newline = chunk.indexOf('\n')
      if (newline === -1) {
        pending += chunk
        continue
      }
      onLine(pending + chunk.slice(0, newline), ++number)
      let start = newline + 1
      newline = chunk.indexOf('\n', start)
      while (newline !== -1) {
        onLine(chunk.slice(start, newline), ++number)
        start = newline + 1
        newline = chunk.indexOf('\n', start)
      }
      pending = chunk.slice(start)
    }
    const rest = decoder.end()
    onText?.(rest)
    pending += rest
    if (pending !== '') onLine(pending, ++number)
  } finally {
    closeSync(descriptor)
  }
}
