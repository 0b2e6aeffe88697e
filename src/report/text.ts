import type { MetricComparison } from '../compare/types.js'
import { oneLine } from './escape.js'
import { formatDelta, formatNumber, formatP, formatPercent, formatTolerance, formatValue, headlineMetric, label, passCaveat, VERDICT_HEAD } from './format.js'
import { errorsText } from './errors.js'
import { historyLine } from './history-section.js'
import { describeLoad, describeTrials } from './shared.js'
import { telemetryText } from './telemetry-section.js'
import type { ReportInput } from './markdown.js'
import { whatChangedText } from './what-changed.js'
import { turnsTextLine } from './turns-section.js'

// The table fits a 100-column terminal: short cells here, the longer words under it.

// Emoji take two terminal columns but count as one or two code points: pad by display width.
const EMOJI = /\p{Extended_Pictographic}/u
const width = (text: string): number => [...text.replace(/\uFE0F/g, '')].reduce((sum, char) => sum + (EMOJI.test(char) ? 2 : 1), 0)
const pad = (text: string, size: number, left: boolean): string => (left ? text + ' '.repeat(size - width(text)) : ' '.repeat(size - width(text)) + text)

function table(rows: string[][], leftAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column]!))))
  return rows.map((row) => row.map((cell, column) => pad(cell, widths[column]!, leftAligned.has(column))).join('  ').trimEnd())
}

/** "−0.9…+22%": the interval in the room a terminal has, one decimal only below 10%. */
function compactInterval(m: MetricComparison): string {
  if (m.ci_low_pct === null || m.ci_high_pct === null) return '—'
  const end = (value: number): string => formatPercent(value, Math.abs(value) < 10 ? 1 : 0)
  return `${end(m.ci_low_pct).slice(0, -1)}…${end(m.ci_high_pct)}`
}

/** The limit, and the gate when it only warns (a failing gate is the default): "5%", "25% warn", "+0.50 pp". */
const limit = (m: MetricComparison): string => `${formatTolerance(m)}${m.gate === 'warn' ? ' warn' : ''}`

/** The status in a word or two; what a word cannot say goes in the list under the table. */
function shortStatus(m: MetricComparison): string {
  if (m.insufficient_data === true) return m.gate === 'fail' ? '⚠️ too few data' : '➖ too few data'
  if (m.status === 'regressed') return m.gate === 'warn' ? '⚠️ regressed' : '❌ regressed'
  if (m.status === 'improved') return '🚀 improved'
  if (m.status === 'inconclusive') return '⚠️ inconclusive'
  return passCaveat(m) === null ? '✅ pass' : '✅ pass*'
}

/** The comparison for a terminal: the verdict first, the gated metrics, then why. */
export function renderText(input: ReportInput): string {
  const { comparison } = input
  const head = VERDICT_HEAD[comparison.verdict]
  const headline = headlineMetric(comparison.metrics)
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: ${oneLine(comparison.current.name)}${headline !== null ? ` (${label(headline.metric)} ${formatDelta(headline)})` : ''}`]
  lines.push(`${describeTrials(comparison, (text) => text)} · ${describeLoad(input.current)} · thresholds ${oneLine(comparison.thresholds.source)} (${comparison.thresholds.decision}, alpha ${comparison.thresholds.alpha})`)
  const changed = whatChangedText(comparison)
  if (changed.length > 0) lines.push('', ...changed)
  const gated = comparison.metrics.filter((m) => m.gate !== 'off')
  if (gated.length > 0) {
    lines.push('')
    const ci = `${Math.round(comparison.thresholds.confidence * 100)}% CI`
    const rows = gated.map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), formatDelta(m), compactInterval(m), formatP(m.p_adjusted), limit(m), shortStatus(m)])
    lines.push(...table([['metric', 'baseline', 'candidate', 'delta', ci, 'Holm p', 'limit', 'status'], ...rows], new Set([0, 7])))
  }
  const why: string[] = []
  for (const m of gated) {
    const caveat = passCaveat(m)
    if (caveat !== null) why.push(`${label(m.metric)}: pass*, but ${caveat} (tolerance ${m.tolerance_pct}%)`)
    if (m.reason !== undefined) why.push(`${label(m.metric)}: ${oneLine(m.reason)}`)
  }
  for (const check of comparison.validity) if (!check.ok) why.push(`${check.check.replaceAll('_', ' ')}${check.side !== undefined && check.side !== 'both' ? ` (${check.side})` : ''}: ${oneLine(check.detail)}`)
  why.push(...comparison.notes.map(oneLine))
  const history = historyLine(comparison, false)
  if (history !== null) why.push(history)
  if (why.length > 0) lines.push('', ...why.map((line) => `- ${line}`))
  const errors = errorsText(input.baseline, input.current)
  if (errors.length > 0) lines.push('', ...errors)
  lines.push(...telemetryText(input))
  const turns = turnsTextLine(input.baseline, input.current)
  if (turns !== null) lines.push('', turns)
  const mde = gated.filter((m) => m.test !== 'threshold').map((m) => `${label(m.metric)} ${m.mde_pct === null ? 'not detectable' : `±${formatNumber(m.mde_pct)}%`}`)
  if (mde.length > 0) lines.push('', `Minimum detectable change at this noise (80% power): ${mde.join(', ')}.`)
  return `${lines.join('\n')}\n`
}
