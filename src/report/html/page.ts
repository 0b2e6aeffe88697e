/**
 * The HTML report (docs/report.md): one self-contained file. The verdict and the gated table as in the
 * comment, then charts drawn in the browser by uPlot from data embedded in the page. Nothing is
 * fetched: the script and stylesheet are inlined, and the page's Content-Security-Policy allows
 * no network request at all, so what renders offline is all there is.
 */
import { createHash } from 'node:crypto'
import type { Comparison, MetricComparison } from '../../compare/types.js'
import { invalidates } from '../../compare/validity.js'
import type { ReportInput } from '../markdown.js'
import { formatDelta, formatInterval, formatP, formatPercent, formatTolerance, formatValue, headlineMetric, label, statusText, VERDICT_HEAD } from '../format.js'
import { describeLoad, describeTrials, detailRows, environmentLines } from '../shared.js'
import { ASSETS } from './assets.js'
import { historySection, SIDE_COLORS, sweepSection, type ChartSection, type HistoryTrend, type PageData, type SweepCurves } from './charts.js'
import { MAX_POINTS_PER_SERIES } from './downsample.js'
import { distributionSection, timeSection } from './run-charts.js'
import { telemetrySection } from './telemetry.js'

export interface HtmlReportInput extends ReportInput {
  /** Two sweep files' curves (docs/sweeps.md), when the comparison is of sweeps. */
  sweep?: SweepCurves
  /** The history trend (docs/history.md), when a history was used. */
  history?: HistoryTrend
}

// A standalone page, not GitHub: only HTML syntax has to be inert (mentions mean nothing here).
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string): string => String(text).replace(CONTROL, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!)

/** JSON inside `<script type="application/json">`: no `<` (so no `</script>`), and no line separators that old parsers choke on. */
export const embedJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** An inlined file must not end its own element early. */
function inline(text: string, element: 'script' | 'style'): string {
  if (text.toLowerCase().includes(`</${element}`)) throw new Error(`an inlined ${element} contains </${element}>`)
  return text
}

function verdictHeading(comparison: Comparison): string {
  const head = VERDICT_HEAD[comparison.verdict]
  const headline = headlineMetric(comparison.metrics)
  let reason = ''
  if (comparison.verdict === 'incomparable') reason = ` — ${comparison.validity.filter((c) => !c.ok).map((c) => c.check.replaceAll('_', ' ')).join(', ')} differ`
  else if (headline !== null) reason = ` — ${label(headline.metric)} ${formatDelta(headline)} (${headline.metric === 'error_rate' ? `max ${formatTolerance(headline)}` : `tolerance ${formatTolerance(headline)}`})`
  else if (comparison.verdict === 'inconclusive') {
    const invalid = comparison.validity.filter(invalidates).map((c) => c.check.replaceAll('_', ' '))
    if (invalid.length > 0) reason = ` — ${invalid.join(', ')} check failed`
  }
  return `<h1 class="verdict verdict-${comparison.verdict}">${head.symbol} llm-perf-gate: <strong>${head.word}</strong> in <code>${escapeHtml(comparison.current.name)}</code>${escapeHtml(reason)}</h1>`
}

function contextParagraph(input: ReportInput): string {
  const { comparison } = input
  const labels = input.labels ?? { baseline: 'baseline', current: 'candidate' }
  const server = comparison.current.server
  const gpu = comparison.current.gpu.length > 0 ? ` on ${comparison.current.gpu.length}× ${comparison.current.gpu[0]}` : ''
  const parts = [
    `Candidate <code>${escapeHtml(labels.current)}</code> vs baseline <code>${escapeHtml(labels.baseline)}</code>`,
    escapeHtml(`${server.model ?? 'an unnamed model'}${gpu}`),
    escapeHtml(describeTrials(comparison, (text) => text)),
    escapeHtml(describeLoad(input.current)),
    `thresholds <code>${escapeHtml(comparison.thresholds.source)}</code> (${escapeHtml(comparison.thresholds.decision)}, alpha ${comparison.thresholds.alpha})`
  ]
  return `<p class="context">${parts.join(' · ')}</p>`
}

const statusClass = (m: MetricComparison): string =>
  m.insufficient_data === true ? (m.gate === 'fail' ? 'warn' : 'none') : m.status === 'regressed' ? (m.gate === 'warn' ? 'warn' : 'bad') : m.status === 'inconclusive' ? 'warn' : m.status === 'improved' ? 'good' : 'ok'

function table(head: string[], rows: string[][], options: { numeric?: ReadonlySet<number>; rowClass?: (index: number) => string } = {}): string {
  const cell = (tag: 'th' | 'td', text: string, column: number): string => `<${tag}${options.numeric?.has(column) === true ? ' class="num"' : ''}>${text}</${tag}>`
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => cell('th', escapeHtml(h), i)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row, index) => `<tr${options.rowClass !== undefined ? ` class="${options.rowClass(index)}"` : ''}>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`),
    '</tbody></table>'
  ].join('\n')
}

function gatedTable(comparison: Comparison): string {
  const gated = comparison.metrics.filter((m) => m.gate !== 'off')
  if (gated.length === 0) return ''
  const rows = gated.map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), formatDelta(m), formatInterval(m), formatP(m.p_adjusted), formatTolerance(m), m.gate, statusText(m)].map(escapeHtml))
  const confidence = `${Math.round(comparison.thresholds.confidence * 100)}% CI`
  return `<section id="gated"><h2>Gated metrics</h2>\n${table(['metric', 'baseline', 'candidate', 'Δ', confidence, 'p (Holm)', 'tolerance', 'gate', 'status'], rows, { numeric: new Set([1, 2, 3, 4, 5, 6]), rowClass: (i) => `status-${statusClass(gated[i]!)}` })}</section>`
}

function reasons(comparison: Comparison): string {
  const items: string[] = []
  for (const m of comparison.metrics) if (m.gate !== 'off' && m.reason !== undefined) items.push(`${label(m.metric)}: ${m.reason}`)
  for (const check of comparison.validity) if (!check.ok) items.push(`${check.check.replaceAll('_', ' ')}${check.side !== undefined && check.side !== 'both' ? ` (${check.side})` : ''}: ${check.detail}`)
  items.push(...comparison.notes)
  return items.length === 0 ? '' : `<section id="reasons"><h2>Reasons and notes</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></section>`
}

function details(input: ReportInput): string {
  const { comparison } = input
  const percentiles = table(['metric', 'baseline', 'candidate', 'Δ'], detailRows(input.baseline, input.current).map((row) => [row.label, row.baseline, row.current, row.delta].map(escapeHtml)), { numeric: new Set([1, 2, 3]) })
  const validity = table(['check', 'side', 'ok', 'detail'], comparison.validity.map((c) => [c.check.replaceAll('_', ' '), c.side ?? '', c.ok ? '✅' : '⚠️', c.detail].map(escapeHtml)))
  const environments = (['baseline', 'current'] as const).map((side) => `<p><strong>${side === 'current' ? 'candidate' : 'baseline'}</strong>: ${environmentLines(side === 'current' ? input.current : input.baseline).map(escapeHtml).join(' · ')}</p>`)
  const mde = comparison.metrics.filter((m) => m.gate !== 'off' && m.test !== 'threshold').map((m) => `${label(m.metric)} ${m.mde_pct === null ? 'not detectable' : `±${formatPercent(m.mde_pct, 1).replace('+', '')}`}`)
  return [
    '<section id="details"><h2>Details</h2>',
    ...(mde.length > 0 ? [`<p>Minimum detectable change at this noise (80% power): ${escapeHtml(mde.join(', '))}.</p>`] : []),
    '<details open><summary>All percentiles</summary>',
    percentiles,
    '</details><details><summary>Validity</summary>',
    validity,
    '</details><details><summary>Environment</summary>',
    ...environments,
    `<p>Workload <code>${escapeHtml(comparison.current.workload_hash)}</code> · metric definitions version ${comparison.definitions} · llm-perf-gate ${escapeHtml(comparison.current.tool_version)}</p>`,
    '</details>',
    ...(input.reproduce !== undefined ? [`<p>Reproduce locally:</p><pre><code>${escapeHtml(input.reproduce)}</code></pre>`] : []),
    '</section>'
  ].join('\n')
}

/** The chart sections this input has data for, in reading order. */
export function chartSections(input: HtmlReportInput): ChartSection[] {
  const sides = { baseline: input.baseline, candidate: input.current }
  return [distributionSection(sides), timeSection(sides), telemetrySection(sides), input.sweep !== undefined ? sweepSection(input.sweep) : null, input.history !== undefined ? historySection(input.history) : null].filter(
    (section): section is ChartSection => section !== null
  )
}

const PAGE_STYLE = `
:root { --baseline: ${SIDE_COLORS.baseline}; --candidate: ${SIDE_COLORS.candidate}; color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; color: #1f2328; background: #fff; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d1d9e0; padding-bottom: 4px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; padding: 8px 12px; overflow-x: auto; }
.context, .section-note, .chart-note, footer { color: #59636e; }
.verdict-pass { color: #1a7f37; } .verdict-fail { color: #cf222e; } .verdict-inconclusive { color: #9a6700; } .verdict-incomparable { color: #59636e; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d1d9e0; padding: 3px 8px; text-align: left; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.status-bad td:last-child { background: #ffebe9; } tr.status-warn td:last-child { background: #fff8c5; } tr.status-good td:last-child, tr.status-ok td:last-child { background: #dafbe1; }
.legend-key { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 4px 0 12px; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px 24px; }
.chart { margin: 0; min-width: 0; } .chart-title { font-weight: 600; margin-bottom: 4px; } .chart-note { font-size: 12px; margin: 4px 0 0; }
.view-picker { display: inline-block; margin-bottom: 8px; } .empty { color: #59636e; font-style: italic; }
details { margin: 8px 0; } summary { cursor: pointer; }
`

/** The report as one HTML document. */
export function renderHtml(input: HtmlReportInput): string {
  const { comparison } = input
  const data: PageData = { colors: SIDE_COLORS, sections: chartSections(input) }
  const scripts = [inline(ASSETS.uplotScript, 'script'), inline(ASSETS.pageScript, 'script')]
  const csp = `default-src 'none'; script-src ${scripts.map(sha256).join(' ')}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`
  const title = `llm-perf-gate: ${VERDICT_HEAD[comparison.verdict].word} in ${comparison.current.name}`
  const legend = `<p class="legend">Colours on every chart:<span class="legend-key" style="background: var(--baseline)"></span>baseline <code>${escapeHtml(input.labels?.baseline ?? 'baseline')}</code><span class="legend-key" style="background: var(--candidate)"></span>candidate <code>${escapeHtml(input.labels?.current ?? 'candidate')}</code></p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="llm-perf-gate ${escapeHtml(comparison.current.tool_version)}">
<title>${escapeHtml(title)}</title>
<style>${inline(ASSETS.uplotStyle, 'style')}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
${verdictHeading(comparison)}
${contextParagraph(input)}
</header>
${gatedTable(comparison)}
${reasons(comparison)}
${data.sections.length > 0 ? legend : ''}
<div id="lpg-charts"></div>
${details(input)}
<footer><p>Charts drawn by uPlot, inlined in this file: it opens offline. Drawn series are thinned (about ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')} points at most each; see docs/report.md), the numbers in the tables are not: they come from the comparison.</p></footer>
<script type="application/json" id="lpg-data">${embedJson(data)}</script>
<script>${scripts[0]}</script>
<script>${scripts[1]}</script>
</body>
</html>
`
}
