/**
 * Telemetry over each trial's time (docs/telemetry.md), drawn when a result's trials carry
 * `telemetry.samples`. What the page reads of a sample, and nothing more:
 *
 *   {"t_ms": 1000, "server_metrics": {"vllm:kv_cache_usage_perc": 0.61, …}, "gpu": [{"index": 0, "utilization_pct": 87, …}]}
 *
 * `t_ms` from the trial's start; a server metric is a number (or `{"value": n}`); a GPU entry's
 * numeric fields are drawn one chart each, per device. Anything else in a sample is ignored.
 */
import type { ResultLike } from '../../result/columns.js'
import type { ChartData, ChartSection, SeriesData, Side } from './charts.js'
import { minMaxPerBucket } from './downsample.js'
import type { Sides } from './run-charts.js'

interface Sample {
  t_ms?: unknown
  server_metrics?: Record<string, unknown>
  gpu?: Array<Record<string, unknown>>
}

/** Server metrics drawn first, when present: the ones that explain latency. */
const FIRST = ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc', 'vllm:num_preemptions_total', 'tgi_queue_size', 'tgi_batch_current_size']
/** More charts than this a trial would bury the ones above. */
const MAX_CHARTS = 12

const numeric = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'object' && value !== null && 'value' in value) return numeric((value as { value: unknown }).value)
  return null
}

function samplesOf(result: ResultLike, index: number): Sample[] {
  const trial = result.trials[index] as { telemetry?: { samples?: unknown } } | undefined
  const samples = trial?.telemetry?.samples
  return Array.isArray(samples) ? (samples as Sample[]) : []
}

/** Each named quantity's points over the trial: server metrics by name, GPU fields as `gpu<index> <field>`. */
function seriesOf(samples: readonly Sample[]): Map<string, { x: number[]; y: number[] }> {
  const named = new Map<string, { x: number[]; y: number[] }>()
  const add = (name: string, t: number, value: number | null): void => {
    if (value === null) return
    let entry = named.get(name)
    if (entry === undefined) named.set(name, (entry = { x: [], y: [] }))
    entry.x.push(t / 1000)
    entry.y.push(value)
  }
  const ordered = samples.filter((s) => typeof s.t_ms === 'number').sort((a, b) => (a.t_ms as number) - (b.t_ms as number))
  for (const sample of ordered) {
    const t = sample.t_ms as number
    for (const [name, value] of Object.entries(sample.server_metrics ?? {})) add(name, t, numeric(value))
    for (const [position, gpu] of (Array.isArray(sample.gpu) ? sample.gpu : []).entries()) {
      const device = numeric(gpu.index) ?? position
      for (const [field, value] of Object.entries(gpu)) if (field !== 'index') add(`gpu${device} ${field}`, t, numeric(value))
    }
  }
  return named
}

/** One view per trial index where either side sampled telemetry; null when neither did. */
export function telemetrySection(sides: Sides): ChartSection | null {
  const count = Math.max(sides.baseline.trials.length, sides.candidate.trials.length)
  const views: ChartSection['views'] = []
  for (let index = 0; index < count; index++) {
    const bySide = new Map<Side, Map<string, { x: number[]; y: number[] }>>([
      ['baseline', seriesOf(samplesOf(sides.baseline, index))],
      ['candidate', seriesOf(samplesOf(sides.candidate, index))]
    ])
    const names = [...new Set([...bySide.values()].flatMap((named) => [...named.keys()]))]
    if (names.length === 0) continue
    names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    const charts = names.slice(0, MAX_CHARTS).map(
      (name): ChartData => ({
        title: name,
        x: { label: 's since the trial started', kind: 'seconds' },
        y: { label: '' },
        series: [...bySide].flatMap(([side, named]): SeriesData[] => {
          const points = named.get(name)
          return points === undefined ? [] : [{ label: side, side, style: 'line', ...minMaxPerBucket(points.x, points.y) }]
        })
      })
    )
    views.push({ label: `trial ${index + 1}`, charts })
  }
  return views.length === 0 ? null : { id: 'telemetry', title: 'Telemetry', note: "What the server's metrics endpoint and the GPUs reported while each trial ran.", selector: 'trial', views }
}

const rank = (name: string): number => {
  const known = FIRST.indexOf(name)
  return known !== -1 ? known : name.startsWith('gpu') ? FIRST.length : FIRST.length + 1
}
