import { errorGroupsOf, errorLines } from '../result/error-summary.js'
import { escapeMarkdown } from './escape.js'
import type { ResultLike } from '../result/columns.js'

interface Side {
  name: string
  result: ResultLike
}

/** Each side with failures: a heading line and its most frequent errors, as plain text (the caller escapes). */
function sideErrors(side: Side): { heading: string; lines: string[] } | null {
  const failed = side.result.summary.failed
  if (failed === 0) return null
  const sent = side.result.summary.sent
  const { lines, others } = errorLines(errorGroupsOf(side.result), failed)
  if (others > 0) lines.push(`${others} more in ${lines.length === 0 ? 'groups the result does not name' : 'other groups'}`)
  return { heading: `${side.name}: ${failed} of ${sent} requests failed`, lines }
}

const sidesOf = (baseline: ResultLike, current: ResultLike): Side[] => [
  { name: 'baseline', result: baseline },
  { name: 'candidate', result: current }
]

/** Why requests failed, both sides, for the terminal; empty when none did. */
export function errorsText(baseline: ResultLike, current: ResultLike): string[] {
  const out: string[] = []
  for (const side of sidesOf(baseline, current)) {
    const errors = sideErrors(side)
    if (errors === null) continue
    out.push(`Errors, ${errors.heading}:`, ...errors.lines.map((line) => `  ${line}`))
  }
  return out
}

/** The same as a Markdown list with server text escaped; null when no request failed. */
export function errorsMarkdown(baseline: ResultLike, current: ResultLike): string | null {
  const out: string[] = []
  for (const side of sidesOf(baseline, current)) {
    const errors = sideErrors(side)
    if (errors === null) continue
    out.push(`- **${errors.heading}**`, ...errors.lines.map((line) => `  - ${escapeMarkdown(line, { maxLength: 300 })}`))
  }
  return out.length === 0 ? null : ['Why requests failed (most frequent first):', '', ...out].join('\n')
}
