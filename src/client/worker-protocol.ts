/** The messages between the main thread (pool.ts) and a client worker thread (worker-main.ts). */
import type { ApiKind, WorkloadSpec } from '../config/workload.js'
import type { RecordBatch } from '../result/packed-records.js'
import type { RequestBlock } from './feed.js'
import type { Anchor } from './timebase.js'

/** workerData: what the worker needs for the whole run. Header values are secrets: they stay in this process. */
export interface WorkerSetup {
  origin: string
  api: ApiKind
  path: string
  headers: Record<string, string>
  timeouts: WorkloadSpec['timeouts']
  /** Requests in flight at most on this worker; null for an uncapped open loop. */
  inFlight: number | null
  anchor: Anchor
}

export type ToWorker =
  | { type: 'open'; id: number; count: number; path: string }
  | {
      type: 'phase'
      id: number
      /** The trial the records belong to (their journal lines name it); null: a warmup, whose records are not kept. */
      trial: number | null
      count: number
      /** The trial's start on the main thread's clock. */
      startMs: number
      control: SharedArrayBuffer
      /** The phase's first blocks of bodies; later ones follow as `block` messages. */
      blocks: RequestBlock[]
      plan: { kind: 'closed'; loops: number } | { kind: 'open'; sendAtMs: Float64Array; capped: boolean }
    }
  | { type: 'block'; id: number; block: RequestBlock }
  | { type: 'abort'; id: number }

export type FromWorker =
  | { type: 'opened'; id: number; ok: number; firstError: string | null }
  /** Records in the order they finished, packed (packed-records.ts). */
  | { type: 'records'; id: number; batch: RecordBatch }
  /** The worker waits for a block of bodies (it claimed a request past the blocks it has). */
  | { type: 'need'; id: number; block: number }
  | { type: 'done'; id: number }
