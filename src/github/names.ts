import { InputError } from '../errors.js'

/**
 * Encodes a workload name for places where only a few characters are safe: the hidden comment
 * marker and artifact names. Letters, digits, `.`, `_` and `-` pass through (so the usual
 * `chat-short` stays readable); every other UTF-8 byte becomes `%XX`, `%` included. Encoding
 * rather than replacing keeps distinct names distinct (`a b` and `a-b` must not share a
 * comment), and leaves no `<`, `>` or `!` with which a name could close an HTML comment.
 */
export function encodeWorkloadName(workloadName: string): string {
  if (workloadName.length === 0) {
    throw new InputError('the workload name is empty: a workload needs a `name` to find its PR comment and baseline artifact')
  }
  let encoded = ''
  for (const byte of new TextEncoder().encode(workloadName)) {
    const char = String.fromCharCode(byte)
    encoded += /[A-Za-z0-9._-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encoded
}
