/**
 * Reads result files for `compare`, `gate` and the action: validated, in columns (scan.ts), without
 * a heap object per request. compare/read-results.ts reads several side by side.
 */
import { toComparable, type ComparableResult } from './columns.js'
import { checkSummaries } from './consistency.js'
import { parseResultRest, parseResultText, readResultBytes } from './io.js'
import { decodeUtf8, scanResultColumns } from './scan.js'

/**
 * A result file's bytes (with readResultBytes' end marker), validated, in columns: the request
 * arrays scanned straight into typed arrays (scan.ts), the rest parsed and validated as usual. A
 * file the scanner does not take is parsed whole, so its errors read as `readResultFile`'s.
 */
export function comparableFromBytes(bytes: Uint8Array, path: string, role: string): ComparableResult {
  const scanned = scanResultColumns(bytes)
  const rest = scanned === null ? null : parseResultRest(scanned.rest, path, role)
  if (scanned === null || rest === null) return toComparable(parseResultText(decodeUtf8(bytes.subarray(0, bytes.length - 1)), path, role))
  return { ...rest, trials: rest.trials.map(({ requests: _requests, ...trial }, index) => ({ ...trial, columns: scanned.columns[index]! })) }
}

/**
 * Reads and validates one result file into columns; errors name the file as `readResultFile`'s do,
 * and stored summaries that contradict the records are one (consistency.ts).
 */
export function readComparableResult(path: string, role: string): ComparableResult {
  const result = comparableFromBytes(readResultBytes(path, role), path, role)
  checkSummaries(result, path, role)
  return result
}
