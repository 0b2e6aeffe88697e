// Types for parse-prometheus-text-format 1.1.1, which ships none: what its parser returns.
declare module 'parse-prometheus-text-format' {
  export interface PrometheusSample {
    value?: string
    labels?: Record<string, string>
    timestamp_ms?: string
  }
  export interface PrometheusFamily {
    name: string
    help: string
    /** GAUGE, COUNTER, HISTOGRAM, SUMMARY or UNTYPED. */
    type: string
    metrics: PrometheusSample[]
  }
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[]
}
