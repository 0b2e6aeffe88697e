import { markdownTable } from 'markdown-table'
import type { CommentSection } from './sections.js'
import { escapeMarkdown } from './escape.js'
import { digestTelemetry, type TelemetryDigest } from '../result/telemetry-digest.js'
import { diagnose, diagnosisSentence } from './diagnosis.js'
import type { ReportInput } from './markdown.js'

/** Where the telemetry sections stand among the report's: the likely cause beside the reasons, the table below the distribution picture. */
const PRIORITY = { likelyCause: 55, table: 30 }

type Row = [label: string, pick: (digest: TelemetryDigest, escape: (text: string) => string) => string | null]

/** Counts and readings: whole numbers as they are (4, 1,755), others with one decimal (3.5). */
const quantity = (value: number): string => (Number.isInteger(value) || Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1))
/** Means of readings always with one decimal, so that a side whose mean happens to be whole (4) reads as the other's (4.0). */
const average = (value: number): string => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1))
const pair = (a: number, b: number, format: (value: number) => string = quantity, formatB = format): string => `${format(a)} / ${formatB(b)}`
const fraction = (value: number): string => value.toFixed(2)

const ROWS: Row[] = [
  ['KV-cache usage, mean / peak', (d) => (d.kvCacheUsage === null ? null : pair(d.kvCacheUsage.mean, d.kvCacheUsage.max, fraction))],
  ['preemptions per trial', (d) => (d.preemptions === null ? null : quantity(d.preemptions.perTrial))],
  ['requests running, mean / max', (d) => (d.running === null ? null : pair(d.running.mean, d.running.max, average, quantity))],
  ['requests waiting, mean / max', (d) => (d.waiting === null ? null : pair(d.waiting.mean, d.waiting.max, average, quantity))],
  ['GPU utilization, mean', (d) => (d.gpuUtilizationPct === null ? null : `${average(d.gpuUtilizationPct.mean)}%`)],
  ['GPU memory used, peak', (d) => (d.gpuMemoryMib === null ? null : `${quantity(d.gpuMemoryMib.max)} MiB`)],
  ['GPU power, mean', (d) => (d.powerW === null ? null : `${average(d.powerW.mean)} W`)],
  ['SM clock, mean / min', (d) => (d.smClockMhz === null ? null : `${pair(d.smClockMhz.mean, d.smClockMhz.min, (value) => quantity(Math.round(value)))} MHz`)],
  ['GPU temperature, peak', (d) => (d.temperatureC === null ? null : `${quantity(d.temperatureC.max)} °C`)],
  // The reasons are the only text read from the result files: escaped for Markdown.
  ['throttle reasons', (d, escape) => (d.gpuNames.length === 0 ? null : d.throttleReasons.length === 0 ? 'none' : escape(d.throttleReasons.join(', ')))]
]

/** The table's rows that either side observed: [label, baseline, candidate]. */
export function telemetryRows(baseline: TelemetryDigest | null, current: TelemetryDigest | null, escape: (text: string) => string = (text) => text): string[][] {
  const rows: string[][] = []
  for (const [label, pick] of ROWS) {
    const a = baseline === null ? null : pick(baseline, escape)
    const b = current === null ? null : pick(current, escape)
    if (a !== null || b !== null) rows.push([label, a ?? '—', b ?? '—'])
  }
  return rows
}

function digests(input: ReportInput): { baseline: TelemetryDigest | null; current: TelemetryDigest | null } {
  return { baseline: digestTelemetry(input.baseline), current: digestTelemetry(input.current) }
}

/** The report's telemetry (docs/telemetry.md): a likely-cause line per regressed or inconclusive metric, and a table of both sides. None when neither side has telemetry. */
export function telemetrySections(input: ReportInput): CommentSection[] {
  const { baseline, current } = digests(input)
  if (baseline === null && current === null) return []
  const sections: CommentSection[] = []
  const causes = diagnose(input.comparison, baseline, current)
  if (causes.length > 0) {
    const lines = causes.map((diagnosis) => `- ${escapeMarkdown(diagnosisSentence(diagnosis), { maxLength: 600 })}`)
    sections.push({ title: 'likely cause', text: ['**Likely cause**, from what the server and its GPUs reported on each side:', ...lines].join('\n'), priority: PRIORITY.likelyCause, cut: 'lines', keepLines: 2 })
  }
  const rows = telemetryRows(baseline, current, (text) => escapeMarkdown(text, { maxLength: 120 }))
  if (rows.length > 0) {
    const table = markdownTable([['telemetry (over the trials)', 'baseline', 'candidate'], ...rows], { align: ['l', 'r', 'r'] })
    sections.push({ title: 'telemetry', text: table, priority: PRIORITY.table, cut: 'lines', keepLines: 2 })
  }
  return sections
}

/** The same for a terminal. */
export function telemetryText(input: ReportInput): string[] {
  const { baseline, current } = digests(input)
  if (baseline === null && current === null) return []
  const lines: string[] = []
  const causes = diagnose(input.comparison, baseline, current)
  if (causes.length > 0) lines.push('', 'Likely cause (from the telemetry):', ...causes.map((diagnosis) => `- ${diagnosisSentence(diagnosis)}`))
  const rows = telemetryRows(baseline, current)
  if (rows.length > 0) {
    const all = [['telemetry', 'baseline', 'candidate'], ...rows]
    const widths = [0, 1, 2].map((column) => Math.max(...all.map((row) => [...row[column]!].length)))
    lines.push('', ...all.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')))
  }
  return lines
}
