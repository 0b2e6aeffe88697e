/**
 * Sweeps in words and pictures (docs/sweeps.md): one sweep's steps and capacity for the console, and a
 * comparison of two sweeps as Markdown (the PR comment, the job summary) and text. Every number
 * comes from a validated file; every string from a file is escaped.
 */
import { markdownTable } from 'markdown-table'
import { CAPACITY_METRIC, describeCapacity, type CurvePoint, type SweepComparison } from '../compare/sweep.js'
import { SECTION_PRIORITY, type CommentSection } from './sections.js'
import { escapeMarkdown, oneLine } from './escape.js'
import { describeLoadStep, quantileLabel, sloMetricsOf } from '../compare/capacity.js'
import type { LoadKind, SloMetric, SweepFile, SweepStep } from '../result/sweep-types.js'
import { formatDelta, formatInterval, formatNumber, formatP, formatTolerance, formatValue, label, statusText, VERDICT_HEAD } from './format.js'
import type { SweepCurves } from './html/charts.js'
import { CHART_COLORS, verdictLine, type RenderedReport } from './markdown.js'

export interface SweepReportInput {
  comparison: SweepComparison
  baseline: SweepFile
  current: SweepFile
  labels?: { baseline: string; current: string }
  reproduce?: string
}

const percent = (share: number): string => `${Number((100 * share).toFixed(1))}%`
const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${formatNumber(value)} ms`)

/** The SLO metric a sweep's curve is drawn for: the one that limited a capacity, else the first the workload sets. */
function curveMetric(sweeps: SweepFile[]): SloMetric | null {
  for (const sweep of sweeps) if (sweep.capacity.metric !== null) return sweep.capacity.metric
  return sloMetricsOf(sweeps[0]?.capacity.slo ?? {})[0] ?? null
}

/** "step 3, concurrency 4: holds, 100% met the SLO (99% needed), TPOT p99 6.07 ms (SLO 7.5 ms), 12.3 req/s, 0.0% errors". */
export function stepLine(step: SweepStep, attainment?: number): string {
  const slo = step.result.workload.slo as Partial<Record<SloMetric, number>> | undefined
  const level = attainment ?? (step.result.workload.slo as { attainment?: number } | undefined)?.attainment ?? 0.99
  const quantiles = (Object.keys(step.slo.quantiles) as SloMetric[]).map((metric) => `${quantileLabel(metric, level)} ${ms(step.slo.quantiles[metric])}${slo?.[metric] !== undefined ? ` (SLO ${slo[metric]} ms)` : ''}`)
  const verdict = step.slo.holds ? 'holds' : `misses (${step.slo.limited_by})`
  return [`step ${step.index + 1}, ${describeLoadStep(step.load_kind, step.load)}: ${verdict}`, `${percent(step.slo.attained)} met the SLO (${percent(level)} needed)`, ...quantiles, `${formatNumber(step.result.summary.request_throughput)} req/s`, `${percent(step.slo.error_rate)} errors`].join(', ')
}

/** One sweep for the terminal: each step in load order, then the capacity. */
export function formatSweepSummary(sweep: SweepFile): string {
  const { capacity } = sweep
  const metrics = sloMetricsOf(capacity.slo)
  const header = [capacity.load_kind === 'rate' ? 'req/s offered' : 'concurrency', 'met SLO', ...metrics.map((metric) => `${quantileLabel(metric, capacity.attainment)} (≤ ${capacity.slo[metric]})`), 'req/s', 'errors', '']
  const rows = [...sweep.steps]
    .sort((a, b) => a.load - b.load)
    .map((step) => [String(step.load), percent(step.slo.attained), ...metrics.map((metric) => ms(step.slo.quantiles[metric])), formatNumber(step.result.summary.request_throughput), percent(step.slo.error_rate), step.result.interrupted === true ? 'interrupted' : step.slo.holds ? 'holds' : `misses (${step.slo.limited_by})`])
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)))
  const line = (row: string[]): string => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padStart(widths[column]!))).join('  ').trimEnd()
  const lines = [
    `Sweep of ${oneLine(sweep.workload.name)} (${sweep.plan.mode === 'auto' ? 'automatic' : 'grid'}, ${sweep.steps.length} steps, ${sweep.steps[0]?.result.trials.length ?? 0} trials each), SLO met by ${percent(capacity.attainment)} of requests:`,
    line(header),
    ...rows.map(line),
    `Capacity at SLO: ${oneLine(describeCapacity(capacity))}`
  ]
  if (capacity.note !== undefined && capacity.load !== null) lines.push(`note: ${oneLine(capacity.note)}`)
  for (const note of sweep.notes) lines.push(`note: ${oneLine(note)}`)
  return `${lines.join('\n')}\n`
}

/** Each side's value at every load either ran: its own where it ran that load, else linear between its neighbours (the edge value beyond its range). */
export function alignCurves(sides: Array<Array<{ load: number; value: number | null }>>): { loads: number[]; values: number[][]; filled: boolean } {
  const loads = [...new Set(sides.flatMap((side) => side.filter((p) => p.value !== null).map((p) => p.load)))].sort((a, b) => a - b)
  let filled = false
  const values = sides.map((side) => {
    const points = side.filter((p): p is { load: number; value: number } => p.value !== null).sort((a, b) => a.load - b.load)
    return loads.map((load) => {
      const exact = points.find((p) => p.load === load)
      if (exact !== undefined) return exact.value
      filled = true
      const after = points.findIndex((p) => p.load > load)
      if (after === -1) return points[points.length - 1]?.value ?? 0
      if (after === 0) return points[0]!.value
      const [a, b] = [points[after - 1]!, points[after]!]
      return a.value + ((load - a.load) / (b.load - a.load)) * (b.value - a.value)
    })
  })
  return { loads, values, filled }
}

const round = (value: number): string => String(Number(value.toPrecision(4)))
const SLO_COLOR = { hex: '#cf222e', name: 'red' }

/** A Mermaid xychart of both sides against load, optionally with a flat SLO line; colours in the init block, legend under it (xychart draws none). */
function curveChart(title: string, unit: string, kind: LoadKind, sides: [CurvePoint[], CurvePoint[]], pick: (p: CurvePoint) => number | null, slo: number | null): string | null {
  const aligned = alignCurves(sides.map((curve) => curve.map((p) => ({ load: p.load, value: pick(p) }))))
  if (aligned.loads.length < 2) return null
  const all = [...aligned.values.flat(), ...(slo !== null ? [slo] : [])]
  const [low, high] = [Math.min(...all), Math.max(...all)]
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1
  const palette = [CHART_COLORS.baseline.hex, CHART_COLORS.candidate.hex, ...(slo !== null ? [SLO_COLOR.hex] : [])].join(', ')
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title "${title}"`,
    `    x-axis "${kind === 'rate' ? 'requests/s offered' : 'concurrency'}" [${aligned.loads.map(round).join(', ')}]`,
    `    y-axis "${unit}" ${round(Math.max(0, low - pad))} --> ${round(high + pad)}`,
    ...aligned.values.map((values) => `    line [${values.map(round).join(', ')}]`),
    ...(slo !== null ? [`    line [${aligned.loads.map(() => round(slo)).join(', ')}]`] : []),
    '```',
    `— baseline (${CHART_COLORS.baseline.name}) — candidate (${CHART_COLORS.candidate.name})${slo !== null ? ` — SLO (${SLO_COLOR.name})` : ''}${aligned.filled ? ' · loads one side did not run are drawn between its neighbouring steps' : ''}`
  ].join('\n')
}

function charts(input: SweepReportInput): string[] {
  const { sweep } = input.comparison
  const metric = curveMetric([input.baseline, input.current])
  const sides: [CurvePoint[], CurvePoint[]] = [sweep.baseline.curve, sweep.current.curve]
  const attainment = input.current.capacity.attainment
  const latency = metric === null ? null : curveChart(`${quantileLabel(metric, attainment)} (ms) against load`, 'ms', sweep.load_kind, sides, (p) => p.quantiles[metric] ?? null, input.current.capacity.slo[metric] ?? null)
  const throughput = curveChart('Request throughput (req/s) against load', 'req/s', sweep.load_kind, sides, (p) => p.request_throughput, null)
  return [latency, throughput].filter((chart): chart is string => chart !== null)
}

function gatedTable(comparison: SweepComparison): string {
  const rows = comparison.metrics.filter((m) => m.gate !== 'off').map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === 'regressed' ? `**${formatDelta(m)}**` : formatDelta(m), formatInterval(m), formatP(m.p_adjusted), formatTolerance(m), m.gate, statusText(m)])
  return markdownTable([['metric', 'baseline', 'candidate', 'Δ', `${Math.round(comparison.thresholds.confidence * 100)}% CI`, 'p (Holm)', 'tolerance', 'gate', 'status'], ...rows], { align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'c', 'l'] })
}

/** Both sides' steps in one table, by load. */
function stepsTable(input: SweepReportInput, escape: (text: string) => string): string {
  const metric = curveMetric([input.baseline, input.current])
  const attainment = input.current.capacity.attainment
  const point = (curve: CurvePoint[], load: number): CurvePoint | undefined => curve.find((p) => p.load === load)
  const { baseline, current } = input.comparison.sweep
  const loads = [...new Set([...baseline.curve, ...current.curve].map((p) => p.load))].sort((a, b) => a - b)
  const cell = (p: CurvePoint | undefined): string[] => (p === undefined ? ['—', '—', '—'] : [metric === null ? '—' : ms(p.quantiles[metric]), formatNumber(p.request_throughput), `${percent(p.attained)}${p.holds ? ' ✅' : ' ❌'}`])
  const what = metric === null ? 'latency' : quantileLabel(metric, attainment)
  const head = ['load', `baseline ${what}`, 'req/s', 'met SLO', `candidate ${what}`, 'req/s', 'met SLO']
  return markdownTable([head.map(escape), ...loads.map((load) => [round(load), ...cell(point(baseline.curve, load)), ...cell(point(current.curve, load))])], { align: ['r', 'r', 'r', 'r', 'r', 'r', 'r'] })
}

function reasonLines(comparison: SweepComparison): string[] {
  const lines: string[] = []
  for (const m of comparison.metrics) if (m.gate !== 'off' && m.reason !== undefined) lines.push(`${label(m.metric)}: ${m.reason}`)
  for (const check of comparison.validity) if (!check.ok) lines.push(`${check.check.replaceAll('_', ' ')}${check.side !== undefined && check.side !== 'both' ? ` (${check.side})` : ''}: ${check.detail}`)
  lines.push(...comparison.notes)
  return lines
}

/** The comparison of two sweeps as the comment's sections. */
export function renderSweepMarkdown(input: SweepReportInput): RenderedReport {
  const { comparison } = input
  const labels = input.labels ?? { baseline: 'baseline', current: 'candidate' }
  const code = (text: string): string => `\`${escapeMarkdown(text, { maxLength: 80 }).replaceAll('`', "'")}\``
  const context = `Sweep: candidate ${code(labels.current)} vs baseline ${code(labels.baseline)} · ${comparison.current.trials} vs ${comparison.baseline.trials} trials a step × ${comparison.current.requests_per_trial} requests · SLO met by ${percent(input.current.capacity.attainment)} of requests · thresholds ${code(comparison.thresholds.source)} (${comparison.thresholds.decision})`
  const sections: CommentSection[] = [{ title: 'context', text: context, priority: SECTION_PRIORITY.summary }]
  const capacities = [`- **baseline** capacity: ${escapeMarkdown(describeCapacity(input.baseline.capacity), { maxLength: 400 })}`, `- **candidate** capacity: ${escapeMarkdown(describeCapacity(input.current.capacity), { maxLength: 400 })}`].join('\n')
  sections.push({ title: 'capacity', text: capacities, priority: SECTION_PRIORITY.gatedMetrics })
  if (comparison.metrics.length > 0) sections.push({ title: 'gated metrics', text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: 'lines', keepLines: 2 })
  const reasons = reasonLines(comparison).filter((line) => !line.startsWith('baseline capacity:') && !line.startsWith('candidate capacity:'))
  if (reasons.length > 0) sections.push({ title: 'reasons and notes', text: reasons.map((line) => `- ${escapeMarkdown(line, { maxLength: 400 })}`).join('\n'), priority: SECTION_PRIORITY.validity, cut: 'lines' })
  charts(input).forEach((chart, index) => sections.push({ title: `curve ${index + 1}`, text: chart, priority: SECTION_PRIORITY.distribution }))
  const details = ['<details><summary>Every step of both sweeps</summary>', '', stepsTable(input, (text) => escapeMarkdown(text)), '', ...(input.reproduce !== undefined ? ['Reproduce locally:', '', '```sh', input.reproduce, '```', ''] : []), '</details>'].join('\n')
  sections.push({ title: 'details', text: details, priority: SECTION_PRIORITY.details })
  sections.push({
    title: 'how to read this',
    text: 'How to read this: the capacity is the highest load at which the SLO holds for the attainment share of requests, interpolated between the last step that held and the first that did not; ❌ = the candidate carries less load beyond the tolerance with statistical confidence (per-trial capacities); ⚠️ = not shown either way (add trials). docs/sweeps.md explains the rule and its interval.',
    priority: SECTION_PRIORITY.summary - 5,
    cut: 'lines'
  })
  return { verdict: verdictLine(comparison), sections }
}

/** The comparison of two sweeps for a terminal. */
export function renderSweepText(input: SweepReportInput): string {
  const { comparison } = input
  const capacity = comparison.metrics.find((m) => m.metric === CAPACITY_METRIC)
  const head = VERDICT_HEAD[comparison.verdict]
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: sweep of ${oneLine(comparison.current.name)}${capacity !== undefined ? ` (capacity at SLO ${formatDelta(capacity)})` : ''}`]
  lines.push(`baseline capacity: ${oneLine(describeCapacity(input.baseline.capacity))}`, `candidate capacity: ${oneLine(describeCapacity(input.current.capacity))}`)
  if (capacity !== undefined) lines.push(`test: ${capacity.test} on per-trial capacities ${capacity.trials.baseline.map(round).join(', ')} vs ${capacity.trials.current.map(round).join(', ')}; ${Math.round(comparison.thresholds.confidence * 100)}% CI ${formatInterval(capacity)}, p (Holm) ${formatP(capacity.p_adjusted)}, tolerance ${formatTolerance(capacity)} → ${statusText(capacity)}`)
  lines.push('', ...stepsTable(input, (text) => text).split('\n'))
  const reasons = reasonLines(comparison).filter((line) => !line.startsWith('baseline capacity:') && !line.startsWith('candidate capacity:'))
  if (reasons.length > 0) lines.push('', ...reasons.map((line) => `- ${oneLine(line)}`))
  return `${lines.join('\n')}\n`
}

/** The HTML report's sweep section: each side's SLO quantile and throughput at every load it ran. */
export function sweepCurves(input: SweepReportInput): SweepCurves {
  const { sweep } = input.comparison
  const metric = curveMetric([input.baseline, input.current])
  const series = (pick: (p: CurvePoint) => number | null): { baseline: Array<{ load: number; value: number }>; candidate: Array<{ load: number; value: number }> } => {
    const points = (curve: CurvePoint[]): Array<{ load: number; value: number }> => curve.flatMap((p) => (pick(p) === null ? [] : [{ load: p.load, value: pick(p)! }]))
    return { baseline: points(sweep.baseline.curve), candidate: points(sweep.current.curve) }
  }
  return {
    loadKind: sweep.load_kind,
    metrics: [
      ...(metric !== null ? [{ metric: quantileLabel(metric, input.current.capacity.attainment), unit: 'ms', ...series((p) => p.quantiles[metric] ?? null) }] : []),
      { metric: 'request throughput', unit: 'req/s', ...series((p) => p.request_throughput) },
      { metric: 'output throughput', unit: 'tok/s', ...series((p) => p.output_throughput) }
    ]
  }
}
