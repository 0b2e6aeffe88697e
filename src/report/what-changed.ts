/**
 * "What changed" (docs/fingerprint.md): every environment field that differs between the two results, the
 * model first. Values come from servers and result files, so the Markdown form escapes them.
 */
import type { Comparison, EnvironmentChange } from '../compare/types.js'
import { escapeMarkdown } from './escape.js'

const LABELS: Record<string, string> = {
  'server.model': 'model',
  'server.model_revision': 'model revision',
  'server.engine': 'engine',
  'server.version': 'engine version',
  'server.args': 'server flags',
  'gpu.name': 'GPU',
  'gpu.count': 'GPU count',
  'gpu.memory_total_mib': 'GPU memory (MiB)',
  'gpu.driver_version': 'GPU driver',
  'gpu.cuda_version': 'CUDA (driver)',
  'runner.name': 'runner',
  'runner.labels': 'runner labels',
  'runner.os': 'runner OS',
  'runner.release': 'runner kernel',
  'runner.arch': 'runner architecture',
  'runner.cpu_model': 'runner CPU',
  'runner.cpu_count': 'runner CPUs',
  'runner.node': 'Node.js',
  'tool.version': 'llm-perf-gate',
  'server.url': 'server URL'
}

/** Rows shown before "and N more": the JSON holds them all. */
const MAX_ROWS = 25

export function changeLabel(field: string): string {
  if (field.startsWith('server.settings.')) return `server ${field.slice('server.settings.'.length)}`
  return LABELS[field] ?? field
}

const show = (value: EnvironmentChange['baseline']): string => (value === null ? 'none' : String(value))
// eslint-disable-next-line no-control-regex -- a server's text must not drive the terminal
const plain = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')

/** The changes of a comparison; older comparison files have none. */
const changesOf = (comparison: Comparison): EnvironmentChange[] => comparison.changes ?? []

/** A note beside a GPU row when the hardware differed and the thresholds said to compare anyway. */
function hardwareNote(comparison: Comparison, field: string): string {
  if (field !== 'gpu.name' && field !== 'gpu.count') return ''
  const check = comparison.validity.find((c) => c.check === 'hardware')
  if (check === undefined || check.ok) return ''
  return check.warn === true ? ' ⚠️ compared anyway (comparability.hardware: warn)' : ' ⛔ not compared'
}

/** "model Qwen/Qwen2.5-7B-Instruct → meta-llama/Llama-3.1-8B-Instruct", for the context line; null when the model did not change. */
export function modelChange(comparison: Comparison): { baseline: string; current: string } | null {
  const change = changesOf(comparison).find((c) => c.field === 'server.model')
  return change === undefined ? null : { baseline: show(change.baseline), current: show(change.current) }
}

/** The section for the Markdown report: a table, model first; null when the comparison has no change list. */
export function whatChangedMarkdown(comparison: Comparison): string | null {
  if (comparison.changes === undefined) return null
  const changes = changesOf(comparison)
  if (changes.length === 0) return '**What changed**: nothing in the recorded environment (model, engine, GPUs, runner, tool).'
  const cell = (text: string): string => escapeMarkdown(text, { maxLength: 120 })
  const rows = changes.slice(0, MAX_ROWS).map((change) => {
    const label = change.field.startsWith('server.model') ? `**${cell(changeLabel(change.field))}**` : cell(changeLabel(change.field))
    return `| ${label} | ${cell(show(change.baseline))} | ${cell(show(change.current))}${hardwareNote(comparison, change.field)} |`
  })
  const more = changes.length > MAX_ROWS ? [`| … | ${changes.length - MAX_ROWS} more in the comparison JSON (\`changes\`) | |`] : []
  return ['**What changed**', '', '| | baseline | candidate |', '| --- | --- | --- |', ...rows, ...more].join('\n')
}

/** The same for a terminal: one line per change. */
export function whatChangedText(comparison: Comparison): string[] {
  const changes = changesOf(comparison)
  if (changes.length === 0) return []
  const lines = changes.slice(0, MAX_ROWS).map((change) => plain(`  ${changeLabel(change.field)}: ${show(change.baseline)} → ${show(change.current)}${hardwareNote(comparison, change.field)}`))
  if (changes.length > MAX_ROWS) lines.push(`  … ${changes.length - MAX_ROWS} more (compare --format json lists them)`)
  return ['What changed:', ...lines]
}
