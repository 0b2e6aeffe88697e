if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/stats/percentile.ts
function checkPercentile(p) {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
}
function sortedCopy(values) {
  const copy = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) throw new RangeError(`values must not contain NaN (index ${i})`);
    copy[i] = value;
  }
  return copy.sort();
}
function numpyLerp(lower, upper, fraction) {
  const difference = upper - lower;
  return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction;
}
function percentileOfSorted(sorted, p) {
  checkPercentile(p);
  const n = sorted.length;
  if (n === 0) throw new RangeError("percentile of an empty sample");
  return interpolateAt(p, n, (index) => sorted[index]);
}
function interpolateAt(p, n, orderStatistic) {
  const virtualIndex = (n - 1) * (p / 100);
  if (virtualIndex >= n - 1) return orderStatistic(n - 1);
  const lowerIndex = Math.floor(virtualIndex);
  const lower = orderStatistic(lowerIndex);
  const upper = orderStatistic(lowerIndex + 1);
  return numpyLerp(lower, upper, virtualIndex - lowerIndex);
}
function percentiles(values, ps) {
  for (const p of ps) checkPercentile(p);
  const sorted = sortedCopy(values);
  return ps.map((p) => percentileOfSorted(sorted, p));
}
function mean(values) {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
function sampleVariance(values, knownMean = mean(values)) {
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - knownMean;
    squares += deviation * deviation;
  }
  return squares / (values.length - 1);
}
function describe(values) {
  const count = values.length;
  if (count === 0) {
    return { count: 0, mean: null, stddev: null, min: null, p50: null, p90: null, p95: null, p99: null, max: null };
  }
  const sorted = sortedCopy(values);
  const average = mean(sorted);
  return {
    count,
    mean: average,
    stddev: count >= 2 ? Math.sqrt(sampleVariance(sorted, average)) : null,
    min: sorted[0],
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[count - 1]
  };
}

export {
  sortedCopy,
  numpyLerp,
  percentileOfSorted,
  percentiles,
  mean,
  sampleVariance,
  describe
};
