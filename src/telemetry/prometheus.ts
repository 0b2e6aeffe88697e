import parsePrometheusTextFormat from 'parse-prometheus-text-format'

/** One series of a metric family, as exposed. */
export interface MetricSeries {
  name: string
  /** From the family's TYPE line: gauge, counter, untyped… */
  type: string
  labels: Record<string, string>
  value: number
}

/** The metric family a line of the text exposition format belongs to: `name{…} value`, `# HELP name …`, `# TYPE name …`. */
function familyOf(line: string): string | null {
  if (line.startsWith('#')) {
    const [, keyword, name] = line.split(/[ \t]+/, 3)
    return keyword === 'HELP' || keyword === 'TYPE' ? (name ?? null) : null
  }
  let end = 0
  while (end < line.length && line[end] !== '{' && line[end] !== ' ' && line[end] !== '\t') end++
  return line.slice(0, end)
}

/**
 * The series of the named families in a Prometheus text exposition, parsed by
 * parse-prometheus-text-format (a port of Prometheus' own text parser). Only the lines of those
 * families reach the parser: an engine's endpoint is tens of kilobytes of histograms, which took
 * the parser about 2 ms a scrape on the client's event loop, and the families read here are a
 * few lines. Null when the text is not the exposition format (the parser refuses a line).
 */
export function parseKnownSeries(text: string, names: ReadonlySet<string>): MetricSeries[] | null {
  const kept: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const family = familyOf(line)
    if (family !== null && names.has(family)) kept.push(line)
  }
  let families
  try {
    // The exposition ends with a newline; the parser writes out the last family only on reaching it.
    families = parsePrometheusTextFormat(`${kept.join('\n')}\n`)
  } catch {
    return null
  }
  const series: MetricSeries[] = []
  for (const family of families) {
    for (const sample of family.metrics) {
      if (sample.value === undefined) continue
      const value = Number(sample.value)
      if (Number.isNaN(value)) continue
      series.push({ name: family.name, type: family.type.toLowerCase(), labels: sample.labels ?? {}, value })
    }
  }
  return series
}

/** Whether a Content-Type is the text exposition format (or OpenMetrics text, read alike for gauges and counters). */
export function isExpositionContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'text/plain' || type === 'application/openmetrics-text'
}
