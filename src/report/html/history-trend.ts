import type { Trend } from '../../history/trend.js'
import { metricLabel, metricUnit, parseMetricName } from '../../metrics/metric-names.js'
import type { HistoryTrend } from './charts.js'

/** The trend as the HTML report draws it: each metric's past runs by commit (or date), and the current run, which trendWithCurrent put last. */
export function htmlTrendOf(trend: Trend | null): { history?: HistoryTrend } {
  if (trend === null || trend.window.length === 0) return {}
  const past = trend.window.slice(0, -1)
  const metrics = trend.series.flatMap((series) => {
    const parsed = parseMetricName(series.metric)
    if (parsed === null) return []
    const runs = past.flatMap((run, index) => {
      const value = series.values[index]
      return value === null || value === undefined ? [] : [{ label: run.commit?.slice(0, 7) ?? run.created_at.slice(0, 10), value }]
    })
    return [{ metric: metricLabel(parsed), unit: metricUnit(parsed), runs, candidate: series.values.at(-1) ?? null }]
  })
  return metrics.length === 0 ? {} : { history: { metrics } }
}
