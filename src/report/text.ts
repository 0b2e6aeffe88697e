import { formatDelta, formatInterval, formatNumber, formatP, formatValue, headlineMetric, label, statusSymbol, VERDICT_HEAD } from './format.js'
import { historyLine } from './history-section.js'
import { describeLoad, describeTrials } from './shared.js'
import type { ReportInput } from './markdown.js'

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)))
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd())
}

/** The comparison for a terminal: the verdict first, the gated metrics, then why. */
export function renderText(input: ReportInput): string {
  const { comparison } = input
  const head = VERDICT_HEAD[comparison.verdict]
  const headline = headlineMetric(comparison.metrics)
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: ${comparison.current.name}${headline !== null ? ` (${label(headline.metric)} ${formatDelta(headline)})` : ''}`]
  lines.push(`${describeTrials(comparison, (text) => text)} · ${describeLoad(input.current)} · thresholds ${comparison.thresholds.source} (${comparison.thresholds.decision}, alpha ${comparison.thresholds.alpha})`)
  const gated = comparison.metrics.filter((m) => m.gate !== 'off')
  if (gated.length > 0) {
    lines.push('')
    const ci = `${Math.round(comparison.thresholds.confidence * 100)}% CI`
    lines.push(...table([['metric', 'baseline', 'candidate', 'delta', ci, 'p (Holm)', 'tolerance', 'status'], ...gated.map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), formatDelta(m), formatInterval(m), formatP(m.p_adjusted), m.metric === 'error_rate' ? `+${formatNumber((m.max_increase ?? 0) * 100)} pp` : `${m.tolerance_pct}%`, `${statusSymbol(m)}${m.gate === 'warn' && m.status !== 'regressed' ? ' (warn)' : ''}`])]))
  }
  const why: string[] = []
  for (const m of gated) if (m.reason !== undefined) why.push(`${label(m.metric)}: ${m.reason}`)
  for (const check of comparison.validity) if (!check.ok) why.push(`${check.check.replaceAll('_', ' ')}${check.side !== undefined && check.side !== 'both' ? ` (${check.side})` : ''}: ${check.detail}`)
  why.push(...comparison.notes)
  const history = historyLine(comparison, false)
  if (history !== null) why.push(history)
  if (why.length > 0) lines.push('', ...why.map((line) => `- ${line}`))
  const mde = gated.filter((m) => m.test !== 'threshold').map((m) => `${label(m.metric)} ${m.mde_pct === null ? 'not detectable' : `±${formatNumber(m.mde_pct)}%`}`)
  if (mde.length > 0) lines.push('', `Minimum detectable change at this noise (80% power): ${mde.join(', ')}.`)
  return `${lines.join('\n')}\n`
}
