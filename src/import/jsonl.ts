import { closeSync, openSync, readSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { parseJsonText } from '../config/validate.js'
import { InputError } from '../errors.js'

const CHUNK_BYTES = 1 << 20

/**
 * Calls `onLine` with each non-blank line of a JSON Lines file, parsed (Python's `Infinity` and
 * `NaN` accepted) and numbered from 1. Reads 1 MiB at a time, so memory holds one line, not the
 * file: AIPerf's per-record export grows with every request.
 */
export function readJsonLines(file: string, what: string, onLine: (value: unknown, line: number) => void): number {
  let descriptor: number
  try {
    descriptor = openSync(file, 'r')
  } catch (error) {
    throw new InputError(`${what} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a readable JSON Lines file`)
  }
  const decoder = new StringDecoder('utf8')
  const buffer = Buffer.alloc(CHUNK_BYTES)
  let pending = ''
  let lineNumber = 0
  let parsed = 0
  const emit = (text: string): void => {
    lineNumber++
    if (text.trim() === '') return
    parsed++
    onLine(parseJsonText(text, `${what} ${file} line ${lineNumber}`), lineNumber)
  }
  try {
    for (;;) {
      const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, null)
      if (read === 0) break
      const chunk = decoder.write(buffer.subarray(0, read))
      // Only the new text can hold the next newline: a line spanning many chunks (a vLLM result
      // appended as one line) is not scanned again for every chunk.
      let newline = chunk.indexOf('\n')
      if (newline === -1) {
        pending += chunk
        continue
      }
      emit(pending + chunk.slice(0, newline))
      let start = newline + 1
      newline = chunk.indexOf('\n', start)
      while (newline !== -1) {
        emit(chunk.slice(start, newline))
        start = newline + 1
        newline = chunk.indexOf('\n', start)
      }
      pending = chunk.slice(start)
    }
    pending += decoder.end()
    if (pending !== '') emit(pending)
  } finally {
    closeSync(descriptor)
  }
  if (parsed === 0) throw new InputError(`${what} ${file}: the file is empty; expected one JSON object per line`)
  return parsed
}
