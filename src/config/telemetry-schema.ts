import { z } from 'zod'

/**
 * `telemetry:` in a workload (docs/telemetry.md): what to observe while each trial runs. It says how to
 * watch the server, not what is sent, so it is not part of the workload hash.
 */
export const telemetrySchema = z.strictObject({
  /** Scrape the server's Prometheus endpoint. */
  server_metrics: z.boolean().default(true),
  /** Sample the GPUs with nvidia-smi (when it is on PATH). */
  gpu: z.boolean().default(true),
  interval_ms: z.number({ error: 'expected milliseconds' }).int({ error: 'expected an integer number of milliseconds' }).min(100, { error: 'expected at least 100 ms' }).default(1000),
  /** A path ("/metrics") is taken from each server's root (both sides of `ab`); a full URL is used as it is. */
  metrics_url: z
    .string()
    .refine((value) => value.startsWith('/') || (/^https?:\/\//.test(value) && URL.canParse(value)), { error: 'expected a URL such as http://127.0.0.1:8000/metrics, or a path such as /metrics' })
    .default('/metrics')
})

export type TelemetrySpec = z.output<typeof telemetrySchema>

export const DEFAULT_TELEMETRY: TelemetrySpec = { server_metrics: true, gpu: true, interval_ms: 1000, metrics_url: '/metrics' }
