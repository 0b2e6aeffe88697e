/**
 * Indices that sort a Float64Array ascending, by least-significant-digit radix sort on the bits.
 * Hand-written because no installed package has an argsort, and a comparator sort of an index
 * array runs several times slower than this on the 10^5–10^6 values of a request-level metric.
 */

const DIGIT_BITS = 16
const BUCKETS = 1 << DIGIT_BITS

/**
 * The values' IEEE-754 bits as two unsigned words whose order is the numeric order: positive
 * numbers get their sign bit set, negative ones all bits flipped (so larger magnitudes sort lower).
 */
function orderedWords(values: Float64Array): { high: Uint32Array; low: Uint32Array } {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2)
  const high = new Uint32Array(values.length)
  const low = new Uint32Array(values.length)
  // Typed arrays use the platform's byte order; every platform Node runs on is little-endian.
  for (let i = 0; i < values.length; i++) {
    const hi = words[2 * i + 1]
    const lo = words[2 * i]
    const negative = hi >>> 31 === 1
    high[i] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0
    low[i] = negative ? ~lo >>> 0 : lo
  }
  return { high, low }
}

/** Stable ascending order of `values` (which must not contain NaN). */
export function argsort(values: Float64Array): Int32Array {
  const n = values.length
  let order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  if (n < 2) return order
  const { high, low } = orderedWords(values)
  let spare = new Int32Array(n)
  const counts = new Int32Array(BUCKETS)
  // Four 16-bit digits from least to most significant; a pass is skipped when every key has
  // the same digit there (typical of the high bits of latencies, which share sign and exponent).
  for (const [word, shift] of [[low, 0], [low, DIGIT_BITS], [high, 0], [high, DIGIT_BITS]] as const) {
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & (BUCKETS - 1)]++
    if (counts[(word[0] >>> shift) & (BUCKETS - 1)] === n) continue
    let total = 0
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = counts[bucket]
      counts[bucket] = total
      total += count
    }
    for (let k = 0; k < n; k++) {
      const index = order[k]
      spare[counts[(word[index] >>> shift) & (BUCKETS - 1)]++] = index
    }
    ;[order, spare] = [spare, order]
  }
  return order
}
