import { markdownTable } from 'markdown-table'
import { parseMetricName, type DistributionMetric } from '../metrics/metric-names.js'
import type { Comparison } from '../compare/types.js'
import { invalidates } from '../compare/validity.js'
import type { ResultLike } from '../result/columns.js'
import { escapeMarkdown } from './escape.js'
import { formatDelta, formatInterval, formatNumber, formatP, formatPercent, formatValue, headlineMetric, label, statusSymbol, VERDICT_HEAD } from './format.js'
import { SECTION_PRIORITY, type CommentSection } from './sections.js'
import { describeLoad, detailRows, environmentLines, pooledQuantiles, PICTURE_QUANTILES, describeTrials } from './shared.js'

export interface ReportInput {
  comparison: Comparison
  baseline: ResultLike
  current: ResultLike
  /** How to name each side: a commit, a branch, a file. */
  labels?: { baseline: string; current: string }
  /** The command that reproduces the comparison locally. */
  reproduce?: string
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
  const model = server.model !== null ? `${escapeMarkdown(server.model, { maxLength: 80 })}${hardware}` : `an unnamed model${hardware}`
  const sides = describeTrials(comparison, code)
  return `Candidate ${code(escapeMarkdown(labels.current, { maxLength: 80 }))} vs baseline ${code(escapeMarkdown(labels.baseline, { maxLength: 80 }))} · ${model} · ${sides} · ${describeLoad(current)} · thresholds ${code(escapeMarkdown(comparison.thresholds.source, { maxLength: 60 }))} (${comparison.thresholds.decision})`
}

function gatedTable(comparison: Comparison): string {
  const confidence = `${Math.round(comparison.thresholds.confidence * 100)}% CI`
  const rows = comparison.metrics
    .filter((m) => m.gate !== 'off')
    .map((m) => {
      const delta = formatDelta(m)
      return [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === 'regressed' ? `**${delta}**` : delta, formatInterval(m), formatP(m.p_adjusted), statusSymbol(m)]
    })
  return markdownTable([['metric', 'baseline', 'candidate', 'Δ', confidence, 'p (Holm)', ''], ...rows], { align: ['l', 'r', 'r', 'r', 'r', 'r', 'c'] })
}

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
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${label(`${base}.p50`).replace(' p50', '')} quantiles (ms): baseline, then candidate"`,
    `    x-axis [${PICTURE_QUANTILES.map((q) => `p${q}`).join(', ')}]`,
    `    y-axis "ms" ${round(Math.max(0, low - pad))} --> ${round(high + pad)}`,
    `    line [${a.map(round).join(', ')}]`,
    `    line [${b.map(round).join(', ')}]`,
    '```'
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
    `Workload ${code(comparison.current.workload_hash.slice(0, 23))} · metric definitions version ${comparison.definitions} · llm-perf-gate ${escapeMarkdown(comparison.current.tool_version)} · alpha ${comparison.thresholds.alpha}`,
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
  if (mde.length > 0) lines.push(`Minimum detectable change at this noise (80% power): ${mde.join(', ')}.`)
  return lines.join('\n')
}

/** The report as sections, for the PR comment (which may cut them) and the job summary. */
export function renderMarkdown(input: ReportInput): RenderedReport {
  const { comparison } = input
  const sections: CommentSection[] = [{ title: 'context', text: contextLine(input), priority: SECTION_PRIORITY.summary }]
  if (comparison.metrics.length > 0) {
    sections.push({ title: 'gated metrics', text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: 'lines', keepLines: 2 })
  }
  const reasons = reasonsList(comparison)
  if (reasons !== null) sections.push({ title: 'reasons and notes', text: reasons, priority: SECTION_PRIORITY.validity, cut: 'lines' })
  if (comparison.metrics.length > 0) {
    const headline = headlineMetric(comparison.metrics)
    const parsed = headline === null ? null : parseMetricName(headline.metric)
    const base: DistributionMetric = parsed?.kind === 'distribution' ? parsed.base : 'tpot_ms'
    const chart = quantileChart(input, base)
    if (chart !== null) sections.push({ title: 'distribution picture', text: chart, priority: SECTION_PRIORITY.distribution })
    sections.push({ title: 'details', text: detailsBlock(input), priority: SECTION_PRIORITY.details })
    sections.push({ title: 'how to read this', text: howToRead(comparison), priority: SECTION_PRIORITY.summary - 5, cut: 'lines' })
  }
  return { verdict: verdictLine(comparison), sections }
}

/** The whole report as one Markdown document (job summary, --format markdown). */
export function joinReport(report: RenderedReport, marker?: string): string {
  return [...(marker !== undefined ? [marker] : []), report.verdict, ...report.sections.map((section) => section.text)].join('\n\n') + '\n'
}
