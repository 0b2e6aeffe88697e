/**
 * What the HTML report draws, as data: sections of charts, each chart a few series of points.
 * The page's script (client.js) draws any section built of these types, so a feature that has
 * something to plot (telemetry samples, sweep curves, the history trend) adds a section here and
 * touches neither the page nor its script.
 */

/** Which side a series shows; the page gives each side one colour everywhere. */
export type Side = 'baseline' | 'candidate'

export interface SeriesData {
  /** The legend's text. */
  label: string
  side: Side
  /** Points (one dot a request), a line, a step line (counts), or a line dashed for a second statistic of the same side. */
  style: 'points' | 'line' | 'step' | 'dashed'
  /** Ascending. */
  x: number[]
  /** null leaves a gap. */
  y: Array<number | null>
}

export interface ChartData {
  title: string
  /** One sentence under the chart: what it shows and how it was thinned. */
  note?: string
  /** `percentile`: x is 1 / (1 - p) on a log axis, labelled p50, p90, p99…; `seconds`: time since the trial started. */
  x: { label: string; kind: 'linear' | 'seconds' | 'percentile' | 'index' }
  y: { label: string }
  series: SeriesData[]
}

/** A group of charts; with several views the page shows a selector (one view per trial, say). */
export interface ChartSection {
  id: string
  title: string
  note?: string
  /** What the selector picks ("trial"); absent with a single view. */
  selector?: string
  views: Array<{ label: string; charts: ChartData[] }>
}

/** The page's embedded data: everything its script reads. */
export interface PageData {
  colors: Record<Side, string>
  sections: ChartSection[]
}

/** Baseline grey, candidate blue: the same two colours as the comment's chart. */
export const SIDE_COLORS: Record<Side, string> = { baseline: '#6e7781', candidate: '#0969da' }

/** Sweep curves (docs/sweeps.md): each side's value of a metric at each load it ran. */
export interface SweepCurves {
  loadKind: 'concurrency' | 'rate'
  metrics: Array<{ metric: string; unit: string; baseline: Array<{ load: number; value: number }>; candidate: Array<{ load: number; value: number }> }>
}

/** The history trend (docs/history.md): a metric's value in past comparable runs, oldest first, and the candidate's. */
export interface HistoryTrend {
  metrics: Array<{ metric: string; unit: string; runs: Array<{ label: string; value: number }>; candidate: number | null }>
}

/** A sweep's curves as one chart per metric, both sides on it. */
export function sweepSection(sweep: SweepCurves): ChartSection | null {
  const charts = sweep.metrics
    .filter((m) => m.baseline.length + m.candidate.length > 0)
    .map(
      (m): ChartData => ({
        title: `${m.metric} against ${sweep.loadKind}`,
        x: { label: sweep.loadKind === 'rate' ? 'requests/s offered' : 'concurrency', kind: 'linear' },
        y: { label: m.unit },
        series: (['baseline', 'candidate'] as const).map((side) => {
          const points = [...m[side]].sort((a, b) => a.load - b.load)
          return { label: side, side, style: 'line', x: points.map((p) => p.load), y: points.map((p) => p.value) }
        })
      })
    )
  return charts.length === 0 ? null : { id: 'sweep', title: 'Sweep: latency and throughput against load', views: [{ label: 'all', charts }] }
}

/** The history trend: past runs as a line, the candidate as one point after them. */
export function historySection(history: HistoryTrend): ChartSection | null {
  const charts = history.metrics
    .filter((m) => m.runs.length > 0)
    .map(
      (m): ChartData => ({
        title: `${m.metric} over past runs`,
        note: `Runs ${m.runs[0]!.label} … ${m.runs.at(-1)!.label}, oldest first; the last point is this candidate.`,
        x: { label: 'run', kind: 'index' },
        y: { label: m.unit },
        series: [
          { label: 'past runs', side: 'baseline', style: 'line', x: m.runs.map((_, i) => i + 1), y: m.runs.map((r) => r.value) },
          ...(m.candidate === null ? [] : [{ label: 'candidate', side: 'candidate' as const, style: 'points' as const, x: [m.runs.length + 1], y: [m.candidate] }])
        ]
      })
    )
  return charts.length === 0 ? null : { id: 'history', title: 'History', views: [{ label: 'all', charts }] }
}
