/**
 * Seeded bootstrap intervals for the relative change of a statistic (docs/file-formats.md, comparison): resample trials
 * with replacement, then contiguous blocks of requests inside each drawn trial, pool, apply the
 * statistic to each side, and take 100 (current - baseline) / baseline. The interval is the
 * percentile interval of those changes; the estimate is the change on the data as observed.
 * The same inputs and seed give the same numbers: every draw comes from a stream named by the seed,
 * the statistic's purpose and the side (`IndexStream`).
 */
import { IndexStream } from './index-stream.js'
import { prepareBlockedSample, weightedMean, weightedPercentile, type BlockedSample, type BlockWeights } from './blocked-sample.js'
import { standardNormalCdf, studentTQuantile } from './distributions.js'
import { mean, percentileOfSorted } from './percentile.js'

/**
 * What to compute on each pooled resample. `mean` and `percentile` (0–100, numpy linear) take a
 * fast path that never rebuilds the resample; a function gets the rebuilt resample (blocks in the
 * order drawn) in a buffer that is reused between draws and may be reordered, e.g. sorted in place,
 * and for the estimate a copy of the observed values, trial after trial.
 */
export type BootstrapStatistic = { kind: 'mean' } | { kind: 'percentile'; p: number } | ((pooled: Float64Array) => number)

interface BootstrapOptions {
  seed: number
  /** Resamples per side; default 2,000. */
  iterations?: number
  /** Requests per block; default round(√n) for a trial of n requests (see defaultBlockLength). */
  blockLength?: number
}

export interface RelativeChangeInterval {
  ok: true
  /** 100 (current - baseline) / baseline on the observed data. */
  estimatePct: number
  lowPct: number
  highPct: number
  confidence: number
  iterations: number
}

export type RelativeChangeFailure =
  | 'empty_sample' // a side has no values at all
  | 'baseline_zero' // the baseline's statistic is 0 (or not finite): no relative change exists
  | 'unbounded' // enough resamples had a zero baseline statistic that an interval end is infinite
  | 'not_a_number' // the statistic gave NaN on some resample (e.g. a geometric mean of negative values)

export interface RelativeChangeUnavailable {
  ok: false
  reason: RelativeChangeFailure
  estimatePct: number | null
  lowPct: null
  highPct: null
}

export type RelativeChangeResult = RelativeChangeInterval | RelativeChangeUnavailable

const DEFAULT_ITERATIONS = 2000
const DEFAULT_CONFIDENCE = 0.95

function relativeChangePct(baseline: number, current: number): number {
  // Both zero is no change; a zero baseline otherwise is an infinite one, kept so it sorts outward.
  if (baseline === 0 && current === 0) return 0
  return (100 * (current - baseline)) / baseline
}

function checkOptions(options: BootstrapOptions): { iterations: number } {
  const { iterations = DEFAULT_ITERATIONS } = options
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`iterations must be a positive integer, got ${iterations}`)
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a finite number, got ${options.seed}`)
  return { iterations }
}

/** The percentile interval of the resampled changes, or why there is none. */
function summarize(estimatePct: number, changes: Float64Array, confidence: number): RelativeChangeResult {
  if (!Number.isFinite(estimatePct)) {
    return { ok: false, reason: Number.isNaN(estimatePct) ? 'not_a_number' : 'baseline_zero', estimatePct: null, lowPct: null, highPct: null }
  }
  if (changes.some(Number.isNaN)) return { ok: false, reason: 'not_a_number', estimatePct, lowPct: null, highPct: null }
  const sorted = changes.slice().sort()
  const lowPct = percentileOfSorted(sorted, (100 * (1 - confidence)) / 2)
  const highPct = percentileOfSorted(sorted, (100 * (1 + confidence)) / 2)
  if (!Number.isFinite(lowPct) || !Number.isFinite(highPct)) return { ok: false, reason: 'unbounded', estimatePct, lowPct: null, highPct: null }
  return { ok: true, estimatePct, lowPct, highPct, confidence, iterations: changes.length }
}

/** Draws one resample of a side into `resample` (and the drawn blocks, in order, into `drawn`). */
class BlockResampler {
  readonly resample: BlockWeights
  readonly drawn: Int32Array
  drawnCount = 0

  constructor(readonly sample: BlockedSample) {
    const blocks = sample.blockSum.length
    this.resample = { weights: new Int32Array(blocks), size: 0 }
    let mostBlocks = 0
    for (let t = 0; t + 1 < sample.trialBlocks.length; t++) mostBlocks = Math.max(mostBlocks, sample.trialBlocks[t + 1] - sample.trialBlocks[t])
    this.drawn = new Int32Array(mostBlocks * (sample.trialBlocks.length - 1))
  }

  /** `record`: also keep the drawn blocks in order, for `rebuild`. Trials come from `trialRandom`, blocks from `random`. */
  draw(random: IndexStream, record: boolean, trialRandom: IndexStream = random): void {
    const { trialBlocks, blockStart } = this.sample
    const weights = this.resample.weights
    const drawn = this.drawn
    const trials = trialBlocks.length - 1
    weights.fill(0)
    let size = 0
    let drawnCount = 0
    for (let d = 0; d < trials; d++) {
      const trial = trialRandom.below(trials)
      const first = trialBlocks[trial]
      const blocks = trialBlocks[trial + 1] - first
      for (let k = 0; k < blocks; k++) {
        const block = first + random.below(blocks)
        weights[block]++
        size += blockStart[block + 1] - blockStart[block]
        if (record) drawn[drawnCount++] = block
      }
    }
    this.resample.size = size
    this.drawnCount = drawnCount
  }

  /** Copies the drawn blocks, in order, into `buffer` and returns the filled part. */
  rebuild(buffer: Float64Array): Float64Array {
    const { values, blockStart } = this.sample
    let offset = 0
    for (let k = 0; k < this.drawnCount; k++) {
      const block = this.drawn[k]
      buffer.set(values.subarray(blockStart[block], blockStart[block + 1]), offset)
      offset += blockStart[block + 1] - blockStart[block]
    }
    return buffer.subarray(0, offset)
  }
}

function evaluate(statistic: BootstrapStatistic, resampler: BlockResampler, buffer: Float64Array): number {
  if (typeof statistic === 'function') return statistic(resampler.rebuild(buffer))
  if (statistic.kind === 'mean') return weightedMean(resampler.sample, resampler.resample)
  return weightedPercentile(resampler.sample, resampler.resample, statistic.p)
}

function observed(statistic: BootstrapStatistic, sample: BlockedSample): number {
  if (typeof statistic === 'function') return statistic(sample.values.slice())
  if (statistic.kind === 'mean') return mean(sample.values)
  return percentileOfSorted(sample.sortedValues, statistic.p)
}

/** One side's bootstrap: each statistic on the observed values, and on every resample. */
export type SideReplicates =
  | { ok: true; observed: number[]; replicates: Float64Array[] }
  /** The side had no values at all. */
  | { ok: false }

export interface SideOptions extends BootstrapOptions {
  /** Names this side's stream of draws, so the two sides of a comparison draw independently. */
  stream: string
  /**
   * Names a stream for the trial draws alone, shared by two sides whose trials are paired (one
   * `ab` run): with as many trials on each side, every resample then draws the same pairs on
   * both, and the blocks inside them from each side's own stream.
   */
  pairedTrials?: string
}

/**
 * Resamples one side: trials with replacement, then contiguous blocks inside each drawn trial,
 * `iterations` times, and applies every statistic to each resample. The two sides of a
 * comparison are independent samples and are resampled independently (each from its own seeded
 * stream), so each side can be resampled where and when its values are ready.
 *
 * @param trials the side's trials, each the per-request values in arrival order
 */
export function bootstrapSide(trials: ReadonlyArray<ArrayLike<number>>, statistics: readonly BootstrapStatistic[], options: SideOptions): SideReplicates {
  const { iterations } = checkOptions(options)
  for (const statistic of statistics) {
    if (typeof statistic !== 'function' && statistic.kind === 'percentile' && !(statistic.p >= 0 && statistic.p <= 100)) {
      throw new RangeError(`percentile must be in [0, 100], got ${statistic.p}`)
    }
  }
  const sample = prepareBlockedSample(trials, options.blockLength)
  if (sample.values.length === 0) return { ok: false }
  const resampler = new BlockResampler(sample)
  const needsRebuild = statistics.some((statistic) => typeof statistic === 'function')
  const buffer = new Float64Array(needsRebuild ? resampler.drawn.length * largestBlock(sample) : 0)
  const replicates = statistics.map(() => new Float64Array(iterations))
  const random = new IndexStream(options.seed, 'bootstrap-blocks', options.stream)
  const trialRandom = options.pairedTrials === undefined ? random : new IndexStream(options.seed, 'bootstrap-paired-trials', options.pairedTrials)
  for (let iteration = 0; iteration < iterations; iteration++) {
    resampler.draw(random, needsRebuild, trialRandom)
    for (let s = 0; s < statistics.length; s++) replicates[s][iteration] = evaluate(statistics[s], resampler, buffer)
  }
  return { ok: true, observed: statistics.map((statistic) => observed(statistic, sample)), replicates }
}

/**
 * Intervals for the relative change of each statistic from the two sides' resamples, paired in
 * order: 100 (current - baseline) / baseline for each pair, read at `confidence`.
 */
export function relativeChangeIntervals(baseline: SideReplicates, current: SideReplicates, statistics: number, confidence = DEFAULT_CONFIDENCE): RelativeChangeResult[] {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  if (!baseline.ok || !current.ok) return Array.from({ length: statistics }, () => ({ ok: false, reason: 'empty_sample', estimatePct: null, lowPct: null, highPct: null }))
  return baseline.replicates.map((base, s) => {
    const cur = current.replicates[s]!
    const changes = new Float64Array(base.length)
    for (let i = 0; i < base.length; i++) changes[i] = relativeChangePct(base[i]!, cur[i]!)
    return summarize(relativeChangePct(baseline.observed[s]!, current.observed[s]!), changes, confidence)
  })
}

function largestBlock(sample: BlockedSample): number {
  let largest = 0
  for (let b = 0; b + 1 < sample.blockStart.length; b++) largest = Math.max(largest, sample.blockStart[b + 1] - sample.blockStart[b])
  return largest
}

/**
 * The confidence at which to read a percentile bootstrap over `units` independent units (here,
 * trials) so that its interval has about the nominal coverage: Hesterberg's expanded percentile
 * interval ("What teachers should know about the bootstrap", 2015). With few units the plain
 * percentile interval is too narrow, by √((n-1)/n) for the spread and by z/t(n-1) for the tails;
 * reading it at the level where z = √(n/(n-1)) · t(n-1) undoes both.
 */
export function expandedConfidence(confidence: number, units: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  if (units < 2) return confidence
  const tail = (1 - confidence) / 2
  const z = Math.sqrt(units / (units - 1)) * -studentTQuantile(tail, units - 1)
  return 1 - 2 * standardNormalCdf(-z)
}
