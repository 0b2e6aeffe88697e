import { forEachLine } from '../config/lines.js'
import { parseJsonText } from '../config/validate.js'
import { InputError } from '../errors.js'

/**
 * Calls `onLine` with each non-blank line of a JSON Lines file, parsed (Python's `Infinity` and
 * `NaN` accepted) and numbered from 1, read a piece at a time (config/lines.ts): AIPerf's
 * per-record export grows with every request.
 */
export function readJsonLines(file: string, what: string, onLine: (value: unknown, line: number) => void): number {
  let parsed = 0
  forEachLine(file, what, 'expected a readable JSON Lines file', (text, number) => {
    if (text.trim() === '') return
    parsed++
    onLine(parseJsonText(text, `${what} ${file} line ${number}`), number)
  })
  if (parsed === 0) throw new InputError(`${what} ${file}: the file is empty; expected one JSON object per line`)
  return parsed
}
