/**
 * What the reports say about a history (docs/history.md): one line on the job-to-job variation a
 * comparison used (or how many runs it still needs), the trend of the gated metrics as a Mermaid
 * line chart, and the change points found. Text from the history file is escaped.
 */
import { parseMetricName } from '../metrics/metric-names.js'
import type { Comparison } from '../compare/types.js'
import type { HistorySummary } from '../compare/job-variation.js'
import { DETECT_DEFAULTS, type Change } from '../history/changes.js'
import type { Trend, TrendSeries } from '../history/trend.js'
import { SECTION_PRIORITY, type CommentSection } from './sections.js'
import { escapeMarkdown } from './escape.js'
import { formatNumber, formatPercent, formatValue, label } from './format.js'

/** Colour-blind-safe colours (Okabe and Ito) that match a coloured-square emoji, for the legend: xychart-beta draws none. */
export const TREND_COLOURS: ReadonlyArray<{ hex: string; square: string }> = [
  { hex: '#0072B2', square: '🟦' },
  { hex: '#E69F00', square: '🟧' },
  { hex: '#009E73', square: '🟩' },
  { hex: '#D55E00', square: '🟥' },
  { hex: '#CC79A7', square: '🟪' },
  { hex: '#F0E442', square: '🟨' },
  { hex: '#000000', square: '⬛' },
  { hex: '#8B5A2B', square: '🟫' }
]

const short = (commit: string | null): string => (commit === null ? '' : /^[0-9a-f]{7,64}$/i.test(commit) ? commit.slice(0, 7) : escapeMarkdown(commit, { maxLength: 12 }))

/** "12 comparable past runs in perf-history.jsonl; job-to-job spread: TTFT p50 ±2.9%, …" or how many runs are missing. */
export function historyLine(comparison: Comparison, markdown: boolean): string | null {
  const history: HistorySummary | undefined = comparison.history
  if (history === undefined) return null
  const text = (value: string): string => (markdown ? escapeMarkdown(value, { maxLength: 120 }) : value)
  const source = markdown ? `\`${text(history.source).replaceAll('`', "'")}\`` : history.source
  const counted = `${history.comparable} comparable past run${history.comparable === 1 ? '' : 's'} (same workload hash and hardware) of ${history.runs} in ${source}`
  if (!history.used) {
    const missing = history.needed - history.comparable
    return `History: ${counted}; ${missing} more ${missing === 1 ? 'is' : 'are'} needed before job-to-job variation counts in the verdict, which rests on the trial-level tests alone.`
  }
  const spreads = comparison.metrics.filter((m) => m.gate !== 'off' && m.job_variation !== undefined).map((m) => `${label(m.metric)} ±${formatNumber(m.job_variation!.spread_pct)}%`)
  const changed = history.verdict_without_history !== undefined && history.verdict_without_history !== comparison.verdict ? ` Without them the verdict would have been ${history.verdict_without_history}.` : ''
  return `Job-to-job variation from ${counted}${spreads.length > 0 ? `; spread of one job: ${spreads.join(', ')}` : ''}.${changed}`
}

/** Mermaid-safe text for a chart title: no quotes, no line breaks, no markup. */
const chartText = (value: string): string => value.replace(/[^A-Za-z0-9 _.,:+()/-]/g, '_').slice(0, 60)

const round = (value: number): string => Number(value.toPrecision(3)).toString()

/** One line per series; a gap is drawn at the value before it (xychart-beta has no gaps), or the series is left out when it has no value at all. */
function chartLines(series: readonly TrendSeries[]): Array<{ series: TrendSeries; points: number[] }> {
  const drawn: Array<{ series: TrendSeries; points: number[] }> = []
  for (const entry of series) {
    const first = entry.worse_pct.find((value) => value !== null)
    if (first === undefined || first === null) continue
    let last = first
    drawn.push({ series: entry, points: entry.worse_pct.map((value) => (last = value ?? last)) })
  }
  return drawn
}

/** A Mermaid line chart of the series, each as % worse than its median, with a legend below it. */
function chart(trend: Trend, series: readonly TrendSeries[], what: string): string | null {
  const lines = chartLines(series).slice(0, TREND_COLOURS.length)
  if (lines.length === 0 || trend.window.length < 2) return null
  const all = lines.flatMap((line) => line.points)
  const low = Math.min(0, ...all)
  const high = Math.max(0, ...all)
  const pad = Math.max(1, (high - low) * 0.1)
  const palette = lines.map((_, index) => TREND_COLOURS[index]!.hex).join(', ')
  const first = trend.window[0]!.index
  const last = trend.window.at(-1)!.index
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title "${chartText(trend.workload)}: ${what}, % worse than the median of runs ${first}-${last}"`,
    `    x-axis [${trend.window.map((run) => run.index).join(', ')}]`,
    `    y-axis "% worse" ${round(low - pad)} --> ${round(high + pad)}`,
    ...lines.map((line) => `    line [${line.points.map(round).join(', ')}]`),
    '```',
    '',
    lines.map((line, index) => `${TREND_COLOURS[index]!.square} ${label(line.series.metric)} (median ${formatValue(line.series.metric, line.series.median)})`).join(' · ')
  ].join('\n')
}

/** The trend as Mermaid charts: latencies in one, throughputs in another (their scales differ in kind). */
export function trendCharts(trend: Trend): string[] {
  const latency = trend.series.filter((entry) => parseMetricName(entry.metric)?.kind === 'distribution')
  const other = trend.series.filter((entry) => !latency.includes(entry) && entry.metric !== 'error_rate')
  return [chart(trend, latency, 'latency'), chart(trend, other, 'throughput')].filter((text): text is string => text !== null)
}

/** "TPOT p50 +12.1% from run 16 (abc1234, 2026-11-14): 8.00 → 8.97 ms, p = 0.002". */
export function describeChange(change: Change, markdown: boolean): string {
  const commit = short(change.commit)
  const text = (value: string): string => (markdown ? escapeMarkdown(value, { maxLength: 60 }) : value)
  const where = [commit !== '' ? (markdown ? `\`${commit}\`` : commit) : null, change.created_at.slice(0, 10) || null, change.ref !== null ? text(change.ref) : null].filter((part) => part !== null).join(', ')
  const p = change.p_value < 0.001 ? '< 0.001' : `= ${change.p_value.toPrecision(2)}`
  return `${label(change.metric)} ${formatPercent(change.delta_pct)}${change.worse ? ' (worse)' : ' (better)'} from run ${change.index}${where !== '' ? ` (${where})` : ''}: ${formatValue(change.metric, change.before)} → ${formatValue(change.metric, change.after)}, p ${p}, over ${change.runs_before} runs before and ${change.runs_after} after`
}

/** The change points as a list, or a line saying there were none. */
export function changesList(trend: Trend, markdown: boolean): string {
  if (trend.changes.length === 0) return `No change point in ${trend.comparable} comparable runs (E-divisive means, permutation test at p ≤ ${DETECT_DEFAULTS.alpha}).`
  return ['Change points (E-divisive means, permutation test):', ...trend.changes.map((change) => `- ${describeChange(change, markdown)}`)].join('\n')
}

/** The report's history sections: the job-to-job line, the trend charts and the change points. */
export function historySections(comparison: Comparison | null, trend: Trend | null): CommentSection[] {
  const sections: CommentSection[] = []
  const line = comparison === null ? null : historyLine(comparison, true)
  if (line !== null) sections.push({ title: 'job-to-job variation', text: line, priority: SECTION_PRIORITY.validity })
  if (trend !== null) {
    const charts = trendCharts(trend)
    const heading = `**Trend of \`${escapeMarkdown(trend.workload, { maxLength: 80 }).replaceAll('`', "'")}\`** over its last ${trend.window.length} comparable runs`
    sections.push({ title: 'trend', text: [heading, ...charts].join('\n\n'), priority: SECTION_PRIORITY.distribution - 5 })
    sections.push({ title: 'change points', text: changesList(trend, true), priority: SECTION_PRIORITY.distribution, cut: 'lines' })
  }
  return sections
}
