import { availableParallelism } from 'node:os'
import { z } from 'zod'

/** The most worker threads a workload may ask for: far beyond the cores of any runner, so a typo is refused. */
export const MAX_CLIENT_WORKERS = 64

/** Streams one worker thread is given before `auto` adds another (docs/scale.md). */
export const STREAMS_PER_WORKER = 64

/**
 * `client:` in a workload: how the client measures, not what it sends, so it is not part of the
 * workload hash (config/workload.ts). `workers` spreads the streams over worker threads, each
 * reading and stamping its own (docs/scale.md); 0 reads every stream on the main thread.
 */
export const clientSchema = z.strictObject({
  workers: z
    .union([z.literal('auto'), z.number().int({ error: 'expected a whole number of worker threads, or "auto"' }).min(0, { error: 'expected 0 (no worker threads) or more' }).max(MAX_CLIENT_WORKERS, { error: `expected at most ${MAX_CLIENT_WORKERS} worker threads` })], { error: 'expected a number of worker threads or "auto"' })
    .default('auto')
})

export type ClientSpec = z.output<typeof clientSchema>

/**
 * Requests (every trial's, warmups included) up to which `auto` reads on the main thread of a
 * machine with at most 2 cores. There a worker shares the cores with the main thread and the
 * server, and stamps first tokens later (1–2.5 ms at the median at 128–256 streams,
 * BENCHMARKS.md); what it buys is memory, and only on long runs (`npm run bench -- memory`): at
 * 10,000 requests the main thread peaks at 214 MiB against 200 with a worker, at 20,000 at 310
 * against 211, and at 2,000 it takes less (135 against 160) (docs/scale.md).
 */
export const SMALL_RUN_REQUESTS = 10_000

/**
 * How many worker threads read the streams. `auto`: none for a small run on a machine of at most
 * 2 cores (SMALL_RUN_REQUESTS); otherwise one until there are enough streams to keep more than one
 * core busy, then one per STREAMS_PER_WORKER streams, leaving a core to the main thread (the
 * journal, the progress, telemetry); an open loop without a cap counts as 256 streams.
 */
export function workerCount(setting: ClientSpec['workers'], concurrency: number | null, cores = availableParallelism(), runRequests = Number.POSITIVE_INFINITY): number {
  if (setting !== 'auto') return setting
  if (cores <= 2 && runRequests <= SMALL_RUN_REQUESTS) return 0
  const streams = concurrency ?? 256
  return Math.max(1, Math.min(cores - 1, Math.floor(streams / STREAMS_PER_WORKER)))
}
