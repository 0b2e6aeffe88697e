import type { WorkloadSpec } from '../config/workload.js'
import { Random } from '../random.js'

export type LoadSpec = WorkloadSpec['load']

/** How one trial's measured requests are released. */
export type SendPlan =
  | { kind: 'closed'; concurrency: number }
  | {
      kind: 'open'
      /** Absolute send offsets in ms from the trial's start, ascending; the first is 0. */
      sendAtMs: Float64Array
      /** Max in flight, if the workload caps it. */
      concurrency: number | null
      /**
       * The mean rate the schedule itself realises, (n - 1) / span: a random sample of gaps
       * offers a little more or less than `load.rate`, unless `load.exact_rate` rescales it.
       */
      scheduledRate: number | null
    }

interface Stage {
  rate: number
  seconds: number
}

/**
 * Gaps between arrivals in operational time (a unit-rate process): constant 1, exponential
 * (Poisson), or gamma with shape = burstiness and mean 1 (burstiness 1 is Poisson, < 1 burstier,
 * > 1 smoother: the convention of `vllm bench serve`).
 */
function operationalGap(load: LoadSpec, random: Random): number {
  switch (load.arrival) {
    case 'constant':
      return 1
    case 'poisson':
      return random.exponential(1)
    case 'gamma':
      return random.gamma(load.burstiness, 1 / load.burstiness)
  }
}

/**
 * Maps operational time (expected number of arrivals) to wall time through the piecewise
 * constant rate of the stages; after the last stage its rate goes on. Warping a unit-rate
 * renewal process this way gives each stage its rate without chaining relative sleeps.
 */
function toWallSeconds(operational: number, stages: readonly Stage[]): number {
  let wall = 0
  let remaining = operational
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!
    const last = i === stages.length - 1
    const capacity = stage.rate * stage.seconds
    if (last || remaining <= capacity) {
      if (stage.rate === 0) {
        wall += stage.seconds
        continue
      }
      return wall + remaining / stage.rate
    }
    remaining -= capacity
    wall += stage.seconds
  }
  return wall
}

/** The measured requests' send plan for one trial, computed up front from the seed. */
export function buildSendPlan(load: LoadSpec, count: number, seed: number, trial: number): SendPlan {
  const stages: Stage[] = load.ramp.length > 0 ? load.ramp : load.rate !== undefined ? [{ rate: load.rate, seconds: Infinity }] : []
  if (stages.length === 0) return { kind: 'closed', concurrency: load.concurrency! }
  const random = new Random(seed, 'schedule', trial)
  const sendAtMs = new Float64Array(count)
  let operational = 0
  for (let i = 0; i < count; i++) {
    // The first request goes at 0 so that the trial's duration starts with a send.
    if (i > 0) operational += operationalGap(load, random)
    sendAtMs[i] = toWallSeconds(operational, stages) * 1000
  }
  let span = count > 1 ? sendAtMs[count - 1]! - sendAtMs[0]! : 0
  if (load.exact_rate === true && load.rate !== undefined && span > 0) {
    // vLLM's get_request does the same: a random sample of gaps has its own mean (rate 6 offers
    // 5.73 req/s over 200 requests of seed 0), so stretch them to make the offered rate the
    // configured one. The shape of the arrivals is kept; only the time scale changes.
    const factor = ((count - 1) * 1000) / load.rate / span
    for (let i = 0; i < count; i++) sendAtMs[i] = sendAtMs[i]! * factor
    span = sendAtMs[count - 1]! - sendAtMs[0]!
  }
  return { kind: 'open', sendAtMs, concurrency: load.concurrency ?? null, scheduledRate: span > 0 ? ((count - 1) * 1000) / span : null }
}
