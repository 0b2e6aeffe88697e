import { isSweepMetric, metricLabel, metricUnit, parseMetricName, SWEEP_METRIC_LABELS } from '../metrics/metric-names.js'
import type { MetricComparison, Verdict } from '../compare/types.js'
import { escapeMarkdown, type EscapeOptions } from './escape.js'

// toLocaleString builds a new formatter on every call (tens of microseconds each, hundreds of calls a report).
const formatters = new Map<number, Intl.NumberFormat>()

/** Three significant figures, thousands separated: 7.90, 41.2, 118, 1,512. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const magnitude = Math.abs(value)
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
  let formatter = formatters.get(digits)
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    formatters.set(digits, formatter)
  }
  return formatter.format(value)
}

export function formatValue(metric: string, value: number | null): string {
  if (value === null) return '—'
  if (metric === 'error_rate') return `${(100 * value).toFixed(2)}%`
  const parsed = parseMetricName(metric)
  const unit = parsed === null ? '' : metricUnit(parsed)
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`
}

/** +12.4%, −1.2% (a real minus sign reads better in tables). */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const rounded = Number(value.toFixed(digits))
  const text = Math.abs(rounded).toFixed(digits)
  return rounded > 0 ? `+${text}%` : rounded < 0 ? `−${text}%` : `${text}%`
}

export function formatDelta(m: MetricComparison): string {
  if (m.metric === 'error_rate') {
    if (m.delta_abs === null || m.delta_abs === undefined) return '—'
    const points = 100 * m.delta_abs
    return points === 0 ? '—' : `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(2)} pp`
  }
  return formatPercent(m.delta_pct)
}

export function formatInterval(m: MetricComparison): string {
  if (m.ci_low_pct === null || m.ci_high_pct === null) return '—'
  return `${formatPercent(m.ci_low_pct)} … ${formatPercent(m.ci_high_pct)}`
}

export function formatP(p: number | null): string {
  if (p === null) return '—'
  if (p < 0.001) return '<0.001'
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2)
}

export function label(metric: string): string {
  const parsed = parseMetricName(metric)
  if (parsed === null) return isSweepMetric(metric) ? SWEEP_METRIC_LABELS[metric as keyof typeof SWEEP_METRIC_LABELS] : metric
  return metricLabel(parsed)
}

/**
 * What a pass could not have seen: the smallest change the test could detect (mde_pct) is beyond
 * the tolerance, so a regression of the tolerance's size would have passed too. "could not see
 * changes under 41%", or null when the pass means what it says.
 */
export function passCaveat(m: MetricComparison): string | null {
  if (m.status !== 'pass' || m.test === 'threshold' || m.insufficient_data === true) return null
  if (m.mde_pct === null) return 'could not see a change of any size at this sample size'
  return m.tolerance_pct !== null && m.mde_pct > m.tolerance_pct ? `could not see changes under ${formatNumber(m.mde_pct)}%` : null
}

/**
 * The status in words. A percentile the samples cannot support (compare's min_tail_samples rule)
 * is "not enough data", not a change: yellow only when its gate is `fail`, since only then does
 * it make the verdict inconclusive.
 */
export function statusText(m: MetricComparison): string {
  if (m.insufficient_data === true) return m.gate === 'fail' ? '⚠️ not enough data' : '➖ not enough data'
  if (m.status === 'regressed') return m.gate === 'warn' ? '⚠️ regressed (warn)' : '❌ regressed'
  if (m.status === 'improved') return '🚀 improved'
  if (m.status === 'inconclusive') return '⚠️ inconclusive'
  const caveat = passCaveat(m)
  return caveat === null ? '✅ pass' : `✅ pass, but ${caveat}`
}

/**
 * Escapes text for Markdown as escapeMarkdown does, except the URLs `isOurs` accepts (links to
 * this repository's runs that we put in the text): those stay clickable, as `<url>` autolinks.
 * Any other URL (from a server, a result file) stays broken on purpose.
 */
export function escapeKeepingOurLinks(text: string, isOurs: (url: string) => boolean, options: EscapeOptions = {}): string {
  const parts: string[] = []
  let last = 0
  for (const match of text.matchAll(/https:\/\/[^\s()<>]+[^\s()<>.,;:]/g)) {
    if (!isOurs(match[0])) continue
    parts.push(escapeMarkdown(text.slice(last, match.index), options), `<${match[0]}>`)
    last = match.index + match[0].length
  }
  parts.push(escapeMarkdown(text.slice(last), options))
  return parts.join('')
}

/** "10%", or for error_rate the absolute increase it allows: "+1.00 pp". */
export function formatTolerance(m: MetricComparison): string {
  if (m.metric === 'error_rate') return m.max_increase === null || m.max_increase === undefined ? '—' : `+${((m.max_increase ?? 0) * 100).toFixed(2)} pp`
  return m.tolerance_pct === null ? '—' : `${m.tolerance_pct}%`
}

export const VERDICT_HEAD: Record<Verdict, { symbol: string; word: string }> = {
  pass: { symbol: '✅', word: 'pass' },
  fail: { symbol: '❌', word: 'regression' },
  inconclusive: { symbol: '⚠️', word: 'inconclusive' },
  incomparable: { symbol: '🚫', word: 'incomparable' }
}

/** The metric the verdict line names: the worst failing regression, else the worst inconclusive gated one. */
export function headlineMetric(metrics: readonly MetricComparison[]): MetricComparison | null {
  const worseBy = (m: MetricComparison): number => (m.delta_pct === null ? 0 : m.direction === 'lower_is_better' ? m.delta_pct : -m.delta_pct)
  const pick = (list: MetricComparison[]): MetricComparison | null => (list.length === 0 ? null : list.reduce((a, b) => (worseBy(b) > worseBy(a) ? b : a)))
  return (
    pick(metrics.filter((m) => m.gate === 'fail' && m.status === 'regressed')) ??
    pick(metrics.filter((m) => m.gate === 'fail' && m.status === 'inconclusive')) ??
    pick(metrics.filter((m) => m.gate === 'warn' && m.status === 'regressed'))
  )
}
