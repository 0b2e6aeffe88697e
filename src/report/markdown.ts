import { markdownTable } from 'markdown-table'
import { parseMetricName, type DistributionMetric } from '../metrics/metric-names.js'
import type { Comparison } from '../compare/types.js'
import { invalidates } from '../compare/validity.js'
import type { ResultLike } from '../result/columns.js'
import { errorsMarkdown } from './errors.js'
import { escapeMarkdown } from './escape.js'
import { formatDelta, formatInterval, formatNumber, formatP, formatPercent, formatTolerance, formatValue, headlineMetric, label, statusText, VERDICT_HEAD } from './format.js'
import type { Trend } from '../history/trend.js'
import { historySections } from './history-section.js'
import { SECTION_PRIORITY, type CommentSection } from './sections.js'
import { describeLoad, detailRows, environmentLines, pooledQuantiles, PICTURE_QUANTILES, describeTrials } from './shared.js'
import { modelChange, whatChangedMarkdown } from './what-changed.js'
import { telemetrySections } from './telemetry-section.js'
import { turnsMarkdown } from './turns-section.js'

export interface ReportInput {
  comparison: Comparison
  baseline: ResultLike
  current: ResultLike
  /** How to name each side: a commit, a branch, a file. */
  labels?: { baseline: string; current: string }
  /** The command that reproduces the comparison locally. */
  reproduce?: string
  /** Our own link to where the baseline came from (the workflow run that made it): left clickable. */
  baselineLink?: string
  /** The workload's history, drawn as a trend with its change points (docs/history.md). */
  trend?: Trend | null
}

export interface RenderedReport {
  /** One line: the verdict, the workload, and what decided it. */
  verdict: string
  sections: CommentSection[]
}

const code = (text: string): string => `\`${text.replaceAll('`', "'")}\``

export function verdictLine(comparison: Comparison): string {
  const head = VERDICT_HEAD[comparison.verdict]
  const workload = code(escapeMarkdown(comparison.current.name, { maxLength: 80 }).replaceAll('\\', ''))
  const headline = headlineMetric(comparison.metrics)
  let reason = ''
  if (comparison.verdict === 'incomparable') {
    const failed = comparison.validity.filter((check) => !check.ok).map((check) => check.check.replaceAll('_', ' '))
    reason = ` — ${failed.join(', ')} differ`
  } else if (headline !== null) {
    const tolerance = headline.metric === 'error_rate' ? `max +${((headline.max_increase ?? 0) * 100).toFixed(2)} pp` : `tolerance ${headline.tolerance_pct}%`
    reason = ` — ${label(headline.metric)} ${headline.metric === 'error_rate' ? formatDelta(headline) : formatPercent(headline.delta_pct)} (${tolerance})`
  } else if (comparison.verdict === 'inconclusive') {
    const invalid = comparison.validity.filter(invalidates).map((check) => check.check.replaceAll('_', ' '))
    if (invalid.length > 0) reason = ` — ${invalid.join(', ')} check failed`
  }
  return `### ${head.symbol} llm-perf-gate: **${head.word}** in ${workload}${reason}`
}

function contextLine(input: ReportInput): string {
  const { comparison, current } = input
  const labels = input.labels ?? { baseline: 'baseline', current: 'candidate' }
  const server = comparison.current.server
  const gpus = comparison.current.gpu
  const hardware = gpus.length > 0 ? ` on ${gpus.length}× ${escapeMarkdown(gpus[0]!, { maxLength: 60 })}` : ''
  const changedModel = modelChange(comparison)
  const model = changedModel !== null ? `model ${escapeMarkdown(changedModel.baseline, { maxLength: 80 })} → ${escapeMarkdown(changedModel.current, { maxLength: 80 })}${hardware}` : server.model !== null ? `${escapeMarkdown(server.model, { maxLength: 80 })}${hardware}` : `an unnamed model${hardware}`
  const sides = describeTrials(comparison, code)
  const link = input.baselineLink !== undefined && /^https:\/\/[^\s()<>]+$/.test(input.baselineLink) ? ` ([run](${input.baselineLink}))` : ''
  return `Candidate ${code(escapeMarkdown(labels.current, { maxLength: 80 }))} vs baseline ${code(escapeMarkdown(labels.baseline, { maxLength: 80 }))}${link} · ${model} · ${sides} · ${escapeMarkdown(describeLoad(current))} · thresholds ${code(escapeMarkdown(comparison.thresholds.source, { maxLength: 60 }))} (${comparison.thresholds.decision})`
}

function gatedTable(comparison: Comparison): string {
  const confidence = `${Math.round(comparison.thresholds.confidence * 100)}% CI`
  const rows = comparison.metrics
    .filter((m) => m.gate !== 'off')
    .map((m) => {
      const delta = formatDelta(m)
      return [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === 'regressed' ? `**${delta}**` : delta, formatInterval(m), formatP(m.p_adjusted), formatTolerance(m), m.gate, statusText(m)]
    })
  return markdownTable([['metric', 'baseline', 'candidate', 'Δ', confidence, 'p (Holm)', 'tolerance', 'gate', 'status'], ...rows], { align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'c', 'l'] })
}

/** The two lines' colours: Mermaid's default palette draws the first line nearly invisible, and xychart has no legend. */
export const CHART_COLORS = { baseline: { hex: '#6e7781', name: 'grey' }, candidate: { hex: '#0969da', name: 'blue' } } as const

/** A picture of the two distributions: quantiles of the metric the verdict is about. */
function quantileChart(input: ReportInput, base: DistributionMetric): string | null {
  const a = pooledQuantiles(input.baseline, base)
  const b = pooledQuantiles(input.current, base)
  if (a === null || b === null) return null
  const all = [...a, ...b]
  const low = Math.min(...all)
  const high = Math.max(...all)
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1
  const round = (value: number): string => Number(value.toPrecision(4)).toString()
  const palette = `${CHART_COLORS.baseline.hex}, ${CHART_COLORS.candidate.hex}`
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title "${label(`${base}.p50`).replace(' p50', '')} quantiles (ms)"`,
    `    x-axis [${PICTURE_QUANTILES.map((q) => `p${q}`).join(', ')}]`,
    `    y-axis "ms" ${round(Math.max(0, low - pad))} --> ${round(high + pad)}`,
    `    line [${a.map(round).join(', ')}]`,
    `    line [${b.map(round).join(', ')}]`,
    '```',
    `— baseline (${CHART_COLORS.baseline.name}) — candidate (${CHART_COLORS.candidate.name})`
  ].join('\n')
}

function reasonsList(comparison: Comparison): string | null {
  const lines: string[] = []
  for (const m of comparison.metrics) {
    if (m.gate !== 'off' && (m.status === 'inconclusive' || m.reason !== undefined) && m.reason !== undefined) lines.push(`- ${label(m.metric)}: ${escapeMarkdown(m.reason, { maxLength: 300 })}`)
  }
  for (const check of comparison.validity) if (!check.ok) lines.push(`- ${check.check.replaceAll('_', ' ')}${check.side !== undefined && check.side !== 'both' ? ` (${check.side})` : ''}: ${escapeMarkdown(check.detail, { maxLength: 300 })}`)
  for (const note of comparison.notes) lines.push(`- ${escapeMarkdown(note, { maxLength: 400 })}`)
  return lines.length === 0 ? null : lines.join('\n')
}

function detailsBlock(input: ReportInput): string {
  const { comparison } = input
  const percentiles = markdownTable([['metric', 'baseline', 'candidate', 'Δ'], ...detailRows(input.baseline, input.current).map((row) => [row.label, row.baseline, row.current, row.delta])], { align: ['l', 'r', 'r', 'r'] })
  const validity = markdownTable(
    [['check', 'side', '', 'detail'], ...comparison.validity.map((check) => [check.check.replaceAll('_', ' '), check.side ?? '', check.ok ? '✅' : '⚠️', escapeMarkdown(check.detail, { maxLength: 300 })])],
    { align: ['l', 'l', 'c', 'l'] }
  )
  const environments = (['baseline', 'current'] as const).map((side) => `**${side === 'current' ? 'candidate' : 'baseline'}**: ${environmentLines(side === 'current' ? input.current : input.baseline).map((line) => escapeMarkdown(line, { maxLength: 200 })).join(' · ')}`)
  const serverNotes = [...new Set([...(input.baseline.notes ?? []).map((n) => `baseline: ${n}`), ...(input.current.notes ?? []).map((n) => `candidate: ${n}`)])]
  return [
    '<details><summary>All percentiles, validity, environment</summary>',
    '',
    percentiles,
    '',
    validity,
    '',
    ...environments.flatMap((line) => [line, '']),
    ...(serverNotes.length > 0 ? ['What the servers did:', ...serverNotes.map((n) => `- ${escapeMarkdown(n, { maxLength: 300 })}`), ''] : []),
    `Workload ${code(escapeMarkdown(comparison.current.workload_hash.slice(0, 23)).replaceAll('\\', ''))} · metric definitions version ${comparison.definitions} · llm-perf-gate ${escapeMarkdown(comparison.current.tool_version)} · alpha ${comparison.thresholds.alpha}`,
    ...(input.reproduce !== undefined ? ['', 'Reproduce locally:', '', '```sh', input.reproduce, '```'] : []),
    '',
    '</details>'
  ].join('\n')
}

function howToRead(comparison: Comparison): string {
  const tested = comparison.metrics.filter((m) => m.gate !== 'off' && m.test !== 'threshold')
  const mde = tested.map((m) => `${label(m.metric)} ${m.mde_pct === null ? 'not detectable' : `±${formatNumber(m.mde_pct)}%`}`)
  const lines = [
    comparison.thresholds.decision === 'non-inferiority'
      ? 'How to read this: ✅ = the whole confidence interval lies within the tolerance; ❌ = the whole interval lies beyond it; ⚠️ = the interval straddles the tolerance (not shown to be non-inferior: add trials).'
      : 'How to read this: ❌ = worse beyond the tolerance with statistical confidence; ⚠️ = beyond the tolerance but not distinguishable from run-to-run noise at this sample size (add trials); ✅ = within tolerance.'
  ]
  if (comparison.metrics.some((m) => m.gate !== 'off' && m.insufficient_data === true)) lines[0] += ' "Not enough data" = too few requests a trial for that percentile: nothing was measured there (with a `warn` gate it does not change the verdict).'
  // Its own paragraph: joined to the line above, GitHub renders one run-on paragraph.
  if (mde.length > 0) lines.push(`Minimum detectable change at this noise (80% power): ${mde.join(', ')}.`)
  return lines.join('\n\n')
}

/** The report as sections, for the PR comment (which may cut them) and the job summary. */
export function renderMarkdown(input: ReportInput): RenderedReport {
  const { comparison } = input
  const sections: CommentSection[] = [{ title: 'context', text: contextLine(input), priority: SECTION_PRIORITY.summary }]
  const changed = whatChangedMarkdown(comparison)
  if (changed !== null) sections.push({ title: 'what changed', text: changed, priority: SECTION_PRIORITY.validity + 5, cut: 'lines', keepLines: 4 })
  if (comparison.metrics.length > 0) {
    sections.push({ title: 'gated metrics', text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: 'lines', keepLines: 2 })
  }
  const reasons = reasonsList(comparison)
  if (reasons !== null) sections.push({ title: 'reasons and notes', text: reasons, priority: SECTION_PRIORITY.validity, cut: 'lines' })
  const errors = errorsMarkdown(input.baseline, input.current)
  if (errors !== null) sections.push({ title: 'errors', text: errors, priority: SECTION_PRIORITY.validity, cut: 'lines', keepLines: 2 })
  sections.push(...telemetrySections(input))
  sections.push(...historySections(comparison, input.trend ?? null))
  if (comparison.metrics.length > 0) {
    const headline = headlineMetric(comparison.metrics)
    const parsed = headline === null ? null : parseMetricName(headline.metric)
    const base: DistributionMetric = parsed?.kind === 'distribution' ? parsed.base : 'tpot_ms'
    const chart = quantileChart(input, base)
    if (chart !== null) sections.push({ title: 'distribution picture', text: chart, priority: SECTION_PRIORITY.distribution })
    const turns = turnsMarkdown(input.baseline, input.current)
    if (turns !== null) sections.push({ title: 'TTFT by turn', text: turns, priority: SECTION_PRIORITY.distribution, cut: 'lines', keepLines: 4 })
    sections.push({ title: 'details', text: detailsBlock(input), priority: SECTION_PRIORITY.details })
    sections.push({ title: 'how to read this', text: howToRead(comparison), priority: SECTION_PRIORITY.summary - 5, cut: 'lines' })
  }
  return { verdict: verdictLine(comparison), sections }
}

/** The whole report as one Markdown document (job summary, --format markdown). */
export function joinReport(report: RenderedReport, marker?: string): string {
  return [...(marker !== undefined ? [marker] : []), report.verdict, ...report.sections.map((section) => section.text)].join('\n\n') + '\n'
}
