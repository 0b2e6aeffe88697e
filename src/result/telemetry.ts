/**
 * A trial's `telemetry` in the result file (docs/telemetry.md): what the server and its GPUs did
 * while the trial's measured requests ran. The shape is described once, with the rest of the
 * result, in result/schema.ts; these are its parts by name.
 */
import type { z } from 'zod'
import type { gpuReadingSchema, gpuTrialSummarySchema, serverMetricSummarySchema, telemetrySampleSchema } from './schema.js'

export type { TrialTelemetry } from './types.js'
/** A gauge (mean, max, last over the trial) or a counter (its increase; a reset counts from zero). */
export type ServerMetricSummary = z.output<typeof serverMetricSummarySchema>
/** One GPU over the trial; null where nvidia-smi reported the field as not available. */
export type GpuTrialSummary = z.output<typeof gpuTrialSummarySchema>
/** One GPU at one moment. */
export type GpuReading = z.output<typeof gpuReadingSchema>
/** One moment of the trial: gauges as read, counters as their increase since the trial's start. */
export type TelemetrySample = z.output<typeof telemetrySampleSchema>
