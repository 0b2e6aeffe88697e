/**
 * One side of a comparison prepared for the block bootstrap (see bootstrap.ts): its trials cut
 * into fixed contiguous blocks of requests, and its values sorted once with the block each came
 * from. A resample is then just a count of how often each block was drawn, and its percentiles
 * are read off the sorted values weighted by those counts, without rebuilding or sorting the
 * resample: a few thousand steps per percentile of a 10^5-value resample, instead of a copy and a
 * selection over all of it.
 */
import { argsort } from './argsort.js'
import { numpyLerp } from './percentile.js'

export interface BlockedSample {
  /** All values, trial after trial (trials without values left out), each in arrival order. */
  values: Float64Array
  /** Trial t owns blocks trialBlocks[t] … trialBlocks[t + 1] - 1. */
  trialBlocks: Int32Array
  /** Block b holds values blockStart[b] … blockStart[b + 1] - 1. */
  blockStart: Int32Array
  blockSum: Float64Array
  /** The values ascending, and the block of each. */
  sortedValues: Float64Array
  sortedBlock: Int32Array
  /** Sorted positions are grouped in chunks of this many for the two-level percentile search. */
  chunkSize: number
  /**
   * chunkPrefix[c * blocks + b]: how many of block b's values sit at sorted positions below
   * c * chunkSize. Stored chunk-major so one chunk boundary is one contiguous dot product.
   */
  chunkPrefix: Int32Array
}

/**
 * The default block length for a trial of n requests: round(√n). The MSE-optimal rate for
 * variance estimation is n^(1/3), but its constant depends on the unknown autocorrelation, and
 * latencies stay correlated over a batch's worth of requests (concurrency × a few) plus slow
 * drift. √n is longer for every trial size we meet (200 → 14, 10,000 → 100), erring toward keeping
 * that dependence inside blocks; it also means fewer random draws per resample.
 */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.round(Math.sqrt(n)))
}

/**
 * Cuts each trial into max(1, round(n / blockLength)) contiguous blocks whose sizes differ by at
 * most one, so a resample rebuilt from as many blocks as the trial has matches its length to
 * within that difference. Blocks are fixed (non-overlapping) rather than moving: that is what lets
 * the sorted order and the chunk table be computed once. The price is variance: the moving-block
 * estimate's is asymptotically 2/3 of this one's, with the same bias (Lahiri 1999, Ann. Stat.).
 */
export function prepareBlockedSample(allTrials: ReadonlyArray<ArrayLike<number>>, blockLength?: number): BlockedSample {
  if (blockLength !== undefined && !(Number.isInteger(blockLength) && blockLength >= 1)) {
    throw new RangeError(`blockLength must be a positive integer, got ${blockLength}`)
  }
  // A trial with no values (every request failed) says nothing about this metric; left in, it
  // could be drawn for every slot and leave a resample empty.
  const trials = allTrials.filter((trial) => trial.length > 0)
  let total = 0
  let blockCount = 0
  const blocksPerTrial = trials.map((trial) => {
    total += trial.length
    const blocks = Math.max(1, Math.round(trial.length / (blockLength ?? defaultBlockLength(trial.length))))
    blockCount += blocks
    return blocks
  })
  const values = new Float64Array(total)
  const trialBlocks = new Int32Array(trials.length + 1)
  const blockStart = new Int32Array(blockCount + 1)
  const blockSum = new Float64Array(blockCount)
  const blockOf = new Int32Array(total)
  let offset = 0
  let block = 0
  trials.forEach((trial, t) => {
    trialBlocks[t] = block
    const blocks = blocksPerTrial[t]
    const n = trial.length
    let position = 0
    for (let b = 0; b < blocks; b++) {
      // The first n mod blocks blocks get one extra value.
      const size = Math.floor(n / blocks) + (b < n % blocks ? 1 : 0)
      blockStart[block] = offset
      let sum = 0
      for (let k = 0; k < size; k++) {
        const value = trial[position++]
        if (Number.isNaN(value)) throw new RangeError(`trial ${t} contains NaN`)
        values[offset] = value
        blockOf[offset++] = block
        sum += value
      }
      blockSum[block++] = sum
    }
  })
  trialBlocks[trials.length] = block
  blockStart[blockCount] = offset

  const order = argsort(values)
  const sortedValues = new Float64Array(total)
  const sortedBlock = new Int32Array(total)
  for (let k = 0; k < total; k++) {
    const index = order[k]
    sortedValues[k] = values[index]
    sortedBlock[k] = blockOf[index]
  }

  // Small chunks make the final scan short; the table has (chunks + 1) × blocks entries, so for
  // very large samples (pooled ITL) chunks grow to keep it under ~16 MB.
  const chunkSize = Math.max(256, Math.ceil((total * blockCount) / 4_000_000))
  const chunks = Math.ceil(total / chunkSize)
  const chunkPrefix = new Int32Array((chunks + 1) * blockCount)
  for (let c = 1; c <= chunks; c++) {
    chunkPrefix.copyWithin(c * blockCount, (c - 1) * blockCount, c * blockCount)
    const end = Math.min(total, c * chunkSize)
    for (let k = (c - 1) * chunkSize; k < end; k++) chunkPrefix[c * blockCount + sortedBlock[k]]++
  }
  return { values, trialBlocks, blockStart, blockSum, sortedValues, sortedBlock, chunkSize, chunkPrefix }
}

/** A resample described by how many times each block was drawn. */
export interface BlockWeights {
  weights: Int32Array
  /** Number of values in the resample: Σ weight × block size. */
  size: number
}

/** Mean of the resample: block sums weighted by their draw counts. */
export function weightedMean(sample: BlockedSample, resample: BlockWeights): number {
  const { weights } = resample
  let sum = 0
  for (let b = 0; b < weights.length; b++) {
    const weight = weights[b]
    if (weight !== 0) sum += weight * sample.blockSum[b]
  }
  return sum / resample.size
}

/**
 * The p-th percentile (0–100, numpy linear) of the resample, equal to numpy.percentile of the
 * rebuilt resample. Order statistic r (0-based) is the first sorted value at which the weighted
 * count passes r. The search starts at the chunk where r would sit if every block had been drawn
 * once (a resample's quantiles stay near the sample's), gets the weighted count below that chunk
 * from the table (one pass over the blocks), steps back a chunk at a time if it overshot, and
 * scans forward from there: a few thousand steps instead of a pass over all values.
 */
export function weightedPercentile(sample: BlockedSample, resample: BlockWeights, p: number): number {
  const { weights, size } = resample
  const { sortedValues, sortedBlock, chunkPrefix, chunkSize } = sample
  const blocks = weights.length
  const virtualIndex = (size - 1) * (p / 100)
  const atTop = virtualIndex >= size - 1
  const rank = atTop ? size - 1 : Math.floor(virtualIndex)

  let chunk = Math.min(Math.ceil(sortedValues.length / chunkSize) - 1, Math.floor(((rank + 0.5) / size) * (sortedValues.length / chunkSize)))
  let below = 0
  const base = chunk * blocks
  for (let b = 0; b < blocks; b++) below += weights[b] * chunkPrefix[base + b]
  while (below > rank) {
    chunk--
    for (let k = chunk * chunkSize, end = k + chunkSize; k < end; k++) below -= weights[sortedBlock[k]]
  }
  let k = chunk * chunkSize
  let count = below + weights[sortedBlock[k]]
  while (count <= rank) count += weights[sortedBlock[++k]]
  const lower = sortedValues[k]
  if (atTop) return lower
  // Rank r + 1 is the same value while this one's weight lasts, else the next drawn value.
  if (count <= rank + 1) {
    do k++
    while (weights[sortedBlock[k]] === 0)
  }
  return numpyLerp(lower, sortedValues[k], virtualIndex - rank)
}
