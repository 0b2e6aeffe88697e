import { markdownTable } from 'markdown-table'
import type { ResultLike } from '../result/columns.js'
import type { Distribution, ResultFile, TurnSummary } from '../result/types.js'
import { formatNumber, formatPercent } from './format.js'

/**
 * TTFT of first turns against later turns, for results of conversations (result/turns.ts): a
 * later turn repeats the history, so with a prefix cache its TTFT pays only for its new message,
 * and a cache that stopped working shows here first.
 */

const turnsOf = (result: ResultLike): TurnSummary | undefined => result.summary.conversations

interface TurnRow {
  label: string
  pick: (turns: TurnSummary) => number | null
  /** A count: written as an integer. */
  count?: boolean
}

const pickStat = (distribution: (turns: TurnSummary) => Distribution, statistic: 'p50' | 'p99'): ((turns: TurnSummary) => number | null) => (turns) => distribution(turns)[statistic]

const ROWS: TurnRow[] = [
  { label: 'TTFT first turn p50 (ms)', pick: pickStat((t) => t.ttft_first_turn_ms, 'p50') },
  { label: 'TTFT first turn p99 (ms)', pick: pickStat((t) => t.ttft_first_turn_ms, 'p99') },
  { label: 'TTFT later turns p50 (ms)', pick: pickStat((t) => t.ttft_later_turns_ms, 'p50') },
  { label: 'TTFT later turns p99 (ms)', pick: pickStat((t) => t.ttft_later_turns_ms, 'p99') },
  { label: 'conversations', pick: (t) => t.count, count: true }
]

function delta(a: number | null, b: number | null): string {
  return a === null || b === null || a === 0 ? '—' : formatPercent((100 * (b - a)) / a)
}

/** Rows of both sides; null when neither result holds conversations. */
function rows(baseline: ResultLike, current: ResultLike): string[][] | null {
  const a = turnsOf(baseline)
  const b = turnsOf(current)
  if (a === undefined && b === undefined) return null
  return ROWS.map((row) => {
    const va = a === undefined ? null : row.pick(a)
    const vb = b === undefined ? null : row.pick(b)
    const format = (value: number | null): string => (row.count === true && value !== null ? String(value) : formatNumber(value))
    return [row.label, format(va), format(vb), delta(va, vb)]
  })
}

/** A Markdown table for the report; null when neither side ran conversations. */
export function turnsMarkdown(baseline: ResultLike, current: ResultLike): string | null {
  const table = rows(baseline, current)
  if (table === null) return null
  return ['**TTFT by turn** (later turns carry the history: a prefix cache serves it)', '', markdownTable([['', 'baseline', 'candidate', 'Δ'], ...table], { align: ['l', 'r', 'r', 'r'] })].join('\n')
}

/** One line for the terminal report; null when neither side ran conversations. */
export function turnsTextLine(baseline: ResultLike, current: ResultLike): string | null {
  const a = turnsOf(baseline)
  const b = turnsOf(current)
  if (a === undefined && b === undefined) return null
  const side = (turns: TurnSummary | undefined): string =>
    turns === undefined ? '—' : `first ${formatNumber(turns.ttft_first_turn_ms.p50)} ms, later ${formatNumber(turns.ttft_later_turns_ms.p50)} ms`
  return `TTFT p50 by turn: baseline ${side(a)}; candidate ${side(b)}`
}

/** Lines for the run's console summary, in its `label: value` layout; none for a single-turn run. */
export function turnsConsoleRows(result: ResultFile, row: (label: string, value: string) => string): string[] {
  const turns = turnsOf(result)
  if (turns === undefined) return []
  const fixed = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2))
  return [
    row('Conversations:', `${turns.count} (${result.summary.sent} turns)`),
    row('Median TTFT first turn (ms):', fixed(turns.ttft_first_turn_ms.p50)),
    row('Median TTFT later turns (ms):', fixed(turns.ttft_later_turns_ms.p50))
  ]
}
