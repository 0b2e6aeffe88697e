if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  DETECT_DEFAULTS,
  SECTION_PRIORITY,
  comparableRuns,
  eDivisive,
  hardwareKey,
  historySections,
  metricSeries,
  runId,
  segmentsOf
} from "./chunk-MF6P33B3.js";
import {
  BOOTSTRAP_VALUE_LIMIT,
  bootstrapPlan,
  bootstrapSideOf,
  expandedConfidence,
  relativeChangeIntervals,
  standardNormalCdf,
  studentTCdf,
  studentTQuantile
} from "./chunk-NKIRXGVN.js";
import {
  digestTelemetry,
  turnsMarkdown
} from "./chunk-V4FAYOQB.js";
import {
  VERDICT_HEAD,
  escapeMarkdown,
  formatDelta,
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  formatTolerance,
  formatValue,
  headlineMetric,
  label,
  markdownTable,
  statusText
} from "./chunk-S2KP6JOK.js";
import {
  DISTRIBUTION_METRICS,
  STATISTICS,
  errorGroupsOf,
  errorLines,
  mean,
  parseMetricName,
  percentileOf,
  percentiles,
  percentilesBySelection,
  pooledValues,
  sampleVariance,
  sortedCopy,
  toComparable,
  worseDirection
} from "./chunk-D55ENMMY.js";

// src/result/fingerprint.ts
var gpusOf = (environment) => Array.isArray(environment?.gpu) ? environment.gpu.filter((gpu) => gpu !== null && typeof gpu === "object" && typeof gpu.name === "string") : [];
var distinct = (values) => {
  const seen = [...new Map(values.filter((value) => value !== null && value !== void 0).map((value) => [String(value), value])).values()];
  return seen.length === 0 ? null : seen.length === 1 ? seen[0] : seen.join(" + ");
};
function hardwareKey2(environment) {
  const counts = /* @__PURE__ */ new Map();
  for (const gpu of gpusOf(environment)) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1);
  if (counts.size === 0) return null;
  return [...counts.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([name, count3]) => `${count3}\xD7 ${name}`).join(" + ");
}
var server = (side) => side.environment?.server ?? {};
var runner = (side) => side.environment?.runner ?? {};
var scalar = (value) => value === void 0 ? void 0 : value === null ? null : typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : JSON.stringify(value);
var list = (value) => Array.isArray(value) ? value.length === 0 ? null : value.map(String).join(" ") : scalar(value);
var perGpu = (field) => (side) => {
  const gpus = gpusOf(side.environment);
  if (gpus.some((gpu) => gpu[field] === void 0)) return void 0;
  return distinct(gpus.map((gpu) => gpu[field]));
};
var MODEL_FIELDS = [
  ["server.model", (side) => scalar(server(side).model) ?? null],
  ["server.model_revision", (side) => scalar(server(side).model_revision)]
];
var SERVER_FIELDS = [
  ["server.engine", (side) => scalar(server(side).engine)],
  ["server.version", (side) => scalar(server(side).version)],
  ["server.args", (side) => list(server(side).args)]
];
var HARDWARE_FIELDS = [
  ["gpu.name", (side) => distinct(gpusOf(side.environment).map((gpu) => gpu.name))],
  ["gpu.count", (side) => gpusOf(side.environment).length],
  ["gpu.memory_total_mib", perGpu("memory_total_mib")],
  ["gpu.driver_version", perGpu("driver_version")],
  ["gpu.cuda_version", perGpu("cuda_version")]
];
var RUNNER_FIELDS = [
  ["runner.name", (side) => scalar(runner(side).name)],
  ["runner.labels", (side) => runner(side).labels === void 0 ? void 0 : Array.isArray(runner(side).labels) ? distinct(runner(side).labels.map(String)) : null],
  ["runner.os", (side) => scalar(runner(side).os)],
  ["runner.release", (side) => scalar(runner(side).release)],
  ["runner.arch", (side) => scalar(runner(side).arch)],
  ["runner.cpu_model", (side) => scalar(runner(side).cpu_model)],
  ["runner.cpu_count", (side) => scalar(runner(side).cpu_count)],
  ["runner.node", (side) => scalar(runner(side).node)]
];
var RUN_FIELDS = [
  ["tool.version", (side) => scalar(side.tool?.version)],
  ["server.url", (side) => scalar(server(side).url)]
];
function settingsFields(baseline, current) {
  const settingsOf = (side) => {
    const settings = server(side).settings;
    return settings !== null && typeof settings === "object" && !Array.isArray(settings) ? settings : void 0;
  };
  const [a, b] = [settingsOf(baseline), settingsOf(current)];
  if (a === void 0 || b === void 0) return [];
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((key) => [`server.settings.${key}`, (side) => scalar(settingsOf(side)?.[key]) ?? null]);
}
function environmentChanges(baseline, current) {
  const fields = [...MODEL_FIELDS, ...SERVER_FIELDS, ...settingsFields(baseline, current), ...HARDWARE_FIELDS, ...RUNNER_FIELDS, ...RUN_FIELDS];
  const changes = [];
  for (const [field, read] of fields) {
    const [a, b] = [read(baseline), read(current)];
    if (a === void 0 || b === void 0 || a === b) continue;
    changes.push({ field, baseline: a, current: b });
  }
  return changes;
}

// src/stats/paired.ts
var EXACT_SIGNED_RANK_LIMIT = 50;
function logRatios(baseline, current) {
  if (baseline.length !== current.length) throw new RangeError(`paired samples must have equal lengths, got ${baseline.length} and ${current.length}`);
  const d = [];
  for (let i = 0; i < baseline.length; i++) {
    const x = baseline[i];
    const y = current[i];
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) return { ok: false, reason: "non_positive_values" };
    d.push(Math.log(y) - Math.log(x));
  }
  return { ok: true, d };
}
function absoluteRanks(d) {
  const order = d.map((_, i) => i).sort((a, b) => Math.abs(d[a]) - Math.abs(d[b]));
  const ranks = new Array(d.length);
  const ties = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && Math.abs(d[order[end]]) === Math.abs(d[order[start]])) end++;
    const midrank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = midrank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
function signedRankCdf(w, n) {
  const total = n * (n + 1) / 2;
  if (w < 0) return 0;
  if (w >= total) return 1;
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = k * (k + 1) / 2; s >= k; s--) counts[s] += counts[s - k];
  let below = 0;
  for (let s = 0; s <= Math.floor(w); s++) below += counts[s];
  return below / 2 ** n;
}
var minimumExactSignedRankP = (n) => Math.min(1, 2 / 2 ** n);
function wilcoxonSignedRank(differences) {
  const d = differences.filter((value) => value !== 0);
  if (d.some((value) => !Number.isFinite(value))) throw new RangeError("differences must be finite");
  const n = d.length;
  if (n === 0) return { ok: false, reason: "too_few_pairs" };
  const { ranks, ties } = absoluteRanks(d);
  let wPlus = 0;
  for (let i = 0; i < n; i++) if (d[i] > 0) wPlus += ranks[i];
  const zeros = differences.length - n;
  if (ties.length === 0 && zeros === 0 && n <= EXACT_SIGNED_RANK_LIMIT) {
    const low = signedRankCdf(wPlus, n);
    const high = 1 - signedRankCdf(wPlus - 1, n);
    return { ok: true, wPlus, n, p: Math.min(1, 2 * Math.min(low, high)), method: "exact" };
  }
  const expected = n * (n + 1) / 4;
  const variance = n * (n + 1) * (2 * n + 1) / 24 - ties.reduce((sum, t) => sum + t ** 3 - t, 0) / 48;
  const z = variance > 0 ? (wPlus - expected) / Math.sqrt(variance) : 0;
  return { ok: true, wPlus, n, p: Math.min(1, 2 * standardNormalCdf(-Math.abs(z))), method: "asymptotic" };
}
function pairedLogTTest(x, y, options = {}) {
  const { confidence = 0.95 } = options;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const ratios = logRatios(x, y);
  if (!ratios.ok) return ratios;
  const n = ratios.d.length;
  if (n < 2) return { ok: false, reason: "too_few_pairs" };
  const meanD = mean(ratios.d);
  const standardError = Math.sqrt(sampleVariance(ratios.d) / n);
  if (!(standardError > 0)) return { ok: false, reason: "zero_variance" };
  const df = n - 1;
  const t = meanD / standardError;
  const half = studentTQuantile(0.5 + confidence / 2, df) * standardError;
  return {
    ok: true,
    t,
    df,
    p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
    ratio: Math.exp(meanD),
    ratioCi: { low: Math.exp(meanD - half), high: Math.exp(meanD + half), confidence }
  };
}

// src/stats/detectable-effect.ts
function minimumExactMannWhitneyP(n1, n2) {
  let combinations = 1;
  for (let k = 1; k <= n1; k++) combinations = combinations * (n2 + k) / k;
  return Math.min(1, 2 / combinations);
}
function minimumDetectableChangeFromSpread(cv, n1, n2, options = {}) {
  const { alpha = 0.05, power = 0.8, test = "mann-whitney" } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  if (!(cv >= 0)) throw new RangeError(`cv must be non-negative, got ${cv}`);
  if (n1 < 2 || n2 < 2) return { ok: false, reason: "too_few_trials" };
  if (test === "mann-whitney") {
    const minimumP = minimumExactMannWhitneyP(n1, n2);
    if (minimumP >= alpha) return { ok: false, reason: "never_significant", minimumP };
  }
  const df = n1 + n2 - 2;
  const standardizedShift = (studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df)) * Math.sqrt(1 / n1 + 1 / n2);
  const efficiency = test === "mann-whitney" ? 3 / Math.PI : 1;
  return { ok: true, changePct: 100 * standardizedShift * cv / Math.sqrt(efficiency), cv };
}
function minimumDetectableChange(baselineTrials, currentTrials, options = {}) {
  const n1 = baselineTrials.length;
  const n2 = currentTrials.length;
  if (n1 < 2 || n2 < 2) return { ok: false, reason: "too_few_trials" };
  const baselineMean = mean(baselineTrials);
  const currentMean = mean(currentTrials);
  if (!(baselineMean !== 0 && Number.isFinite(baselineMean))) return { ok: false, reason: "baseline_zero" };
  let squares = 0;
  for (const value of baselineTrials) squares += (value - baselineMean) ** 2;
  for (const value of currentTrials) squares += (value - currentMean) ** 2;
  const pooledStandardDeviation = Math.sqrt(squares / (n1 + n2 - 2));
  return minimumDetectableChangeFromSpread(pooledStandardDeviation / Math.abs(baselineMean), n1, n2, options);
}
function minimumDetectablePairedChange(d, options = {}) {
  const { alpha = 0.05, power = 0.8, test = "signed-rank" } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  const n = d.length;
  if (n < 2) return { ok: false, reason: "too_few_trials" };
  if (test === "signed-rank") {
    const minimumP = minimumExactSignedRankP(n);
    if (minimumP >= alpha) return { ok: false, reason: "never_significant", minimumP };
  }
  const spread = Math.sqrt(sampleVariance(d));
  const shift = (studentTQuantile(1 - alpha / 2, n - 1) + studentTQuantile(power, n - 1)) * spread / Math.sqrt(n);
  const efficiency = test === "signed-rank" ? 3 / Math.PI : 1;
  return { ok: true, changePct: 100 * (Math.exp(shift / Math.sqrt(efficiency)) - 1), cv: spread };
}

// src/stats/holm.ts
function holm(pValues) {
  const tested = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value at index ${index} must be in [0, 1], got ${p}`);
    tested.push(index);
  });
  tested.sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = pValues.map(() => null);
  const m = tested.length;
  let runningMax = 0;
  tested.forEach((index, position) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - position) * pValues[index]));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

// src/stats/u-distribution.ts
var MAX_EXACT_PAIRS = 1e4;
var MAX_EXACT_TIED_PAIRS = 2500;
var memo = /* @__PURE__ */ new Map();
var MEMO_LIMIT = 32;
function countUntied(n1, n2) {
  const pairs = n1 * n2;
  const half = Math.floor(pairs / 2);
  const width = half + 1;
  const makeRows = () => Array.from({ length: n2 + 1 }, () => new Float64Array(width));
  let previous = makeRows();
  let current = makeRows();
  for (const row of previous) row[0] = 1;
  current[0][0] = 1;
  for (let i = 1; i <= n1; i++) {
    for (let j = 1; j <= n2; j++) {
      const fromFirst = previous[j];
      const fromSecond = current[j - 1];
      const row = current[j];
      const top = Math.min(i * j, half);
      for (let u = 0; u < j && u <= top; u++) row[u] = fromSecond[u];
      for (let u = j; u <= top; u++) row[u] = fromSecond[u] + fromFirst[u - j];
    }
    ;
    [previous, current] = [current, previous];
  }
  const counts = previous[n2];
  let lowerHalf = 0;
  for (let u = 0; u < width; u++) lowerHalf += counts[u];
  const total = pairs % 2 === 0 ? 2 * lowerHalf - counts[half] : 2 * lowerHalf;
  const cumulative = new Float64Array(width);
  let running = 0;
  for (let u = 0; u < width; u++) {
    running += counts[u];
    cumulative[u] = running / total;
  }
  return { cumulative, pairs };
}
function untied(n1, n2) {
  const small = Math.min(n1, n2);
  const large = Math.max(n1, n2);
  const key = `${small},${large}`;
  let distribution = memo.get(key);
  if (distribution === void 0) {
    distribution = countUntied(large, small);
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value);
    memo.set(key, distribution);
  }
  return distribution;
}
function untiedUCdf(u, n1, n2) {
  const { cumulative, pairs } = untied(n1, n2);
  if (u < 0) return 0;
  if (u >= pairs) return 1;
  const half = cumulative.length - 1;
  if (u <= half) return cumulative[u];
  return 1 - cumulative[pairs - u - 1];
}
function untiedTwoSidedP(u1, n1, n2) {
  const pairs = n1 * n2;
  const nearer = Math.min(u1, pairs - u1);
  return Math.min(1, 2 * untiedUCdf(nearer, n1, n2));
}
function tiedTwoSidedP(groupSizes, n1, firstSampleDoubledRankSum) {
  let n = 0;
  for (const size of groupSizes) n += size;
  const width = n1 * (2 * n - n1 + 1) + 1;
  let ways = new Float64Array((n1 + 1) * width);
  let next = new Float64Array((n1 + 1) * width);
  ways[0] = 1;
  let seen = 0;
  for (const size of groupSizes) {
    const doubledRank = 2 * seen + size + 1;
    const chooseCounts = binomialRow(size);
    next.fill(0);
    for (let k = 0; k <= Math.min(n1, seen); k++) {
      const lowest = k * (k + 1);
      const highest = k * (2 * seen - k + 1);
      for (let s = lowest; s <= highest; s++) {
        const base = ways[k * width + s];
        if (base === 0) continue;
        for (let c = 0; c <= size && k + c <= n1; c++) {
          const target = (k + c) * width + s + c * doubledRank;
          next[target] = next[target] + base * chooseCounts[c];
        }
      }
    }
    ;
    [ways, next] = [next, ways];
    seen += size;
  }
  let atMost = 0;
  let atLeast = 0;
  let total = 0;
  for (let s = 0; s < width; s++) {
    const count3 = ways[n1 * width + s];
    total += count3;
    if (s <= firstSampleDoubledRankSum) atMost += count3;
    if (s >= firstSampleDoubledRankSum) atLeast += count3;
  }
  return Math.min(1, 2 * Math.min(atMost, atLeast) / total);
}
function binomialRow(size) {
  const row = new Float64Array(size + 1);
  row[0] = 1;
  for (let c = 1; c <= size; c++) row[c] = row[c - 1] * (size - c + 1) / c;
  return row;
}

// src/stats/mann-whitney.ts
var AUTO_EXACT_PAIRS = 2500;
function rankSummary(x, y) {
  return rankSummaryOfSorted(sortedCopy(x), sortedCopy(y));
}
function rankSummaryOfSorted(xs, ys) {
  const n1 = xs.length;
  const n2 = ys.length;
  let i = 0;
  let j = 0;
  let ranked = 0;
  let rankSum1 = 0;
  let tieTerm = 0;
  const groupSizes = [];
  while (i < n1 || j < n2) {
    const value = Math.min(i < n1 ? xs[i] : Infinity, j < n2 ? ys[j] : Infinity);
    let fromX = 0;
    let fromY = 0;
    while (i < n1 && xs[i] === value) {
      i++;
      fromX++;
    }
    while (j < n2 && ys[j] === value) {
      j++;
      fromY++;
    }
    const size = fromX + fromY;
    rankSum1 += fromX * (ranked + (size + 1) / 2);
    if (size > 1) tieTerm += size * size * size - size;
    groupSizes.push(size);
    ranked += size;
  }
  return { n1, n2, rankSum1, u1: rankSum1 - n1 * (n1 + 1) / 2, groupSizes, tieTerm };
}
function asymptoticTwoSidedP(ranks, continuity) {
  const { n1, n2, u1, tieTerm } = ranks;
  const n = n1 + n2;
  const u = Math.max(u1, n1 * n2 - u1);
  const sigma = Math.sqrt(n1 * n2 / 12 * (n + 1 - tieTerm / (n * (n - 1))));
  const numerator = u - n1 * n2 / 2 - (continuity ? 0.5 : 0);
  if (!(sigma > 0)) return 1;
  return Math.min(1, 2 * standardNormalCdf(-numerator / sigma));
}
function mannWhitneyU(x, y, options = {}) {
  const { method = "auto", continuity = true } = options;
  if (x.length === 0 || y.length === 0) throw new RangeError("Mann\u2013Whitney U needs at least one value in each sample");
  const ranks = rankSummary(x, y);
  const pairs = ranks.n1 * ranks.n2;
  const ties = ranks.groupSizes.length < ranks.n1 + ranks.n2;
  const exactAllowed = ties ? pairs <= MAX_EXACT_TIED_PAIRS : pairs <= MAX_EXACT_PAIRS;
  const useExact = method === "exact" ? exactAllowed : method === "auto" ? !ties && pairs <= AUTO_EXACT_PAIRS : false;
  if (!useExact) return { u: ranks.u1, p: asymptoticTwoSidedP(ranks, continuity), method: "asymptotic", ties };
  const p = ties ? tiedTwoSidedP(ranks.groupSizes, ranks.n1, 2 * ranks.rankSum1) : untiedTwoSidedP(ranks.u1, ranks.n1, ranks.n2);
  return { u: ranks.u1, p, method: "exact", ties };
}

// src/stats/welch.ts
function logs(values) {
  const result = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!(value > 0 && value < Infinity)) return null;
    result[i] = Math.log(value);
  }
  return result;
}
function welchLogTest(x, y, options = {}) {
  const { confidence = 0.95 } = options;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const skipped = (reason, ratio2) => ({
    ok: false,
    reason,
    ratio: ratio2,
    t: null,
    df: null,
    p: null,
    ratioCi: null
  });
  const logX = logs(x);
  const logY = logs(y);
  if (logX === null || logY === null) return skipped("non_positive_values", null);
  const n1 = logX.length;
  const n2 = logY.length;
  if (n1 === 0 || n2 === 0) return skipped("too_few_values", null);
  const meanX = mean(logX);
  const meanY = mean(logY);
  const difference = meanY - meanX;
  const ratio = Math.exp(difference);
  if (n1 < 2 || n2 < 2) return skipped("too_few_values", ratio);
  const shareX = sampleVariance(logX) / n1;
  const shareY = sampleVariance(logY) / n2;
  const varianceOfDifference = shareX + shareY;
  if (!(varianceOfDifference > 0)) return skipped("zero_variance", ratio);
  const standardError = Math.sqrt(varianceOfDifference);
  const df = varianceOfDifference * varianceOfDifference / (shareX * shareX / (n1 - 1) + shareY * shareY / (n2 - 1));
  const t = difference / standardError;
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const halfWidth = studentTQuantile((1 + confidence) / 2, df) * standardError;
  return {
    ok: true,
    t,
    df,
    p,
    ratio,
    ratioCi: { low: Math.exp(difference - halfWidth), high: Math.exp(difference + halfWidth), confidence }
  };
}

// src/compare/job-variation.ts
var MIN_COMPARABLE_RUNS = 8;
var MIN_DEGREES_OF_FREEDOM = 4;
function estimateJobSpread(logValues) {
  const changes = eDivisive(logValues, DETECT_DEFAULTS);
  const segments = segmentsOf(logValues.length, changes.map((change) => change.index));
  let squares = 0;
  let level = 0;
  let levelRuns = 0;
  for (const segment of segments) {
    const part = logValues.slice(segment.start, segment.end);
    const mean2 = part.reduce((sum, value) => sum + value, 0) / part.length;
    for (const value of part) squares += (value - mean2) ** 2;
    level = mean2;
    levelRuns = part.length;
  }
  const df = logValues.length - segments.length;
  if (df < MIN_DEGREES_OF_FREEDOM) return null;
  return { runs: logValues.length, changes: changes.length, level, levelRuns, s: Math.sqrt(squares / df), df };
}
function predictionTest(estimate, current) {
  const scale = estimate.s * Math.sqrt(1 + 1 / estimate.levelRuns);
  const difference = Math.log(current) - estimate.level;
  if (scale === 0) return { t: difference === 0 ? 0 : Math.sign(difference) * Infinity, p: difference === 0 ? 1 : 0 };
  const t = difference / scale;
  return { t, p: 2 * studentTCdf(-Math.abs(t), estimate.df) };
}
var pct = (value) => `${Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
var signed = (value) => `${value >= 0 ? "+" : "\u2212"}${pct(Math.abs(value))}`;
function withinReason(m, variation) {
  const level = variation.changes === 0 ? "their level" : `the level of the ${variation.level_runs} since their last change point`;
  const p = variation.p_adjusted ?? variation.p_value;
  return `within what ${variation.runs} comparable past jobs varied: ${m.delta_pct === null ? "" : `${signed(m.delta_pct)} against the baseline, `}${signed(variation.delta_pct)} from ${level}, job-to-job spread \xB1${pct(variation.spread_pct)} (p = ${p.toPrecision(2)})`;
}
function judge(m, variation, alpha, decision, unreliable) {
  const p = variation.p_adjusted ?? variation.p_value;
  const worseSign = m.direction === "lower_is_better" ? 1 : -1;
  const beyondWorse = p < alpha && Math.sign(variation.delta_pct) === worseSign;
  const beyondBetter = p < alpha && Math.sign(variation.delta_pct) === -worseSign;
  if (m.status === "regressed" && !beyondWorse) return decision === "detect" ? { status: "pass", reason: withinReason(m, variation) } : { status: "inconclusive", reason: `not shown non-inferior, and not worse beyond job-to-job variation: ${withinReason(m, variation)}` };
  if (m.status === "improved" && !beyondBetter && decision === "detect") return { status: "pass", reason: withinReason(m, variation) };
  if (m.status === "inconclusive" && decision === "detect" && !unreliable && m.delta_pct !== null && !beyondWorse) {
    const worse = worseSign * m.delta_pct;
    if (worse > (m.tolerance_pct ?? 0)) return { status: "pass", reason: withinReason(m, variation) };
  }
  return null;
}
function judgeAgainstHistory(metrics, history, current, options) {
  const comparable = comparableRuns(history.records, {
    workload_hash: current.workload.workload_hash,
    hardware: hardwareKey(current.environment),
    definitions: current.definitions,
    excludeId: runId(current),
    notAfter: current.created_at
  });
  const summary = { source: history.source, runs: history.records.length, comparable: comparable.length, needed: MIN_COMPARABLE_RUNS, used: comparable.length >= MIN_COMPARABLE_RUNS };
  if (!summary.used) return { metrics: [...metrics], summary };
  const variations = metrics.map((m) => {
    if (m.test === "threshold" || m.current === null || !(m.current > 0)) return null;
    const values = metricSeries(comparable, m.metric).filter((value) => value !== null && value > 0);
    if (values.length < MIN_COMPARABLE_RUNS) return null;
    const estimate = estimateJobSpread(values.map(Math.log));
    if (estimate === null) return null;
    const { p } = predictionTest(estimate, m.current);
    return { runs: estimate.runs, changes: estimate.changes, level_runs: estimate.levelRuns, level: Math.exp(estimate.level), spread_pct: 100 * (Math.exp(estimate.s) - 1), df: estimate.df, delta_pct: 100 * (m.current / Math.exp(estimate.level) - 1), p_value: p };
  });
  const adjusted = holm(variations.map((v, index) => v === null || metrics[index].gate === "off" ? null : v.p_value));
  const rows = metrics.map((m, index) => {
    const found = variations[index];
    if (found === null || found === void 0) return { ...m };
    const variation = { ...found, p_adjusted: adjusted[index] ?? null };
    const decided = judge(m, variation, options.alpha, options.decision, options.unreliable?.has(m.metric) === true);
    if (decided === null) return { ...m, job_variation: variation };
    return { ...m, status: decided.status, ...decided.reason !== void 0 ? { reason: decided.reason } : {}, job_variation: { ...variation, status_without_history: m.status } };
  });
  return { metrics: rows, summary };
}

// src/compare/pairs.ts
function pairingOf(baseline, current) {
  const a = baseline.pairing;
  const b = current.pairing;
  if (a === void 0 && b === void 0) return { kind: "none" };
  if (a === void 0 || b === void 0 || a.run !== b.run) return { kind: "unpaired", note: "the two results are not from one `ab` run: their trials were compared as independent samples" };
  if (a.side !== "baseline" || b.side !== "candidate") return { kind: "unpaired", note: `the results are one \`ab\` run's ${a.side} and ${b.side} given as baseline and candidate: their trials were compared as independent samples` };
  const indices = (result) => result.trials.map((trial) => trial.index).join(",");
  if (indices(baseline) !== indices(current)) {
    return { kind: "unpaired", note: `the \`ab\` run has ${baseline.trials.length} baseline and ${current.trials.length} candidate trials (interrupted?): their trials were compared as independent samples` };
  }
  return { kind: "paired", run: a.run, pairs: baseline.trials.length };
}
function pairedTestsPossible(pairs, alpha, tested) {
  return minimumExactSignedRankP(pairs) < alpha / Math.max(1, tested);
}
function pairedValues(baseline, current) {
  const kept = { baseline: [], current: [] };
  for (let i = 0; i < Math.min(baseline.length, current.length); i++) {
    const x = baseline[i];
    const y = current[i];
    if (x === null || x === void 0 || y === null || y === void 0 || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    kept.baseline.push(x);
    kept.current.push(y);
  }
  return kept;
}

// src/compare/trial-statistics.ts
var RecordStatistics = class {
  /** The percentiles each base metric needs, ascending. */
  wanted = /* @__PURE__ */ new Map();
  known = /* @__PURE__ */ new Map();
  constructor(metricNames) {
    for (const name of metricNames) {
      const metric = parseMetricName(name);
      const p = metric?.kind === "distribution" ? percentileOf(metric.statistic) : null;
      if (metric?.kind !== "distribution" || p === null) continue;
      this.wanted.set(metric.base, [...this.wanted.get(metric.base) ?? [], p]);
    }
  }
  values(owner) {
    const known = this.known.get(owner) ?? /* @__PURE__ */ new Map();
    this.known.set(owner, known);
    return known;
  }
  /** Every wanted percentile of `base`, per trial and pooled, from one copy. */
  percentiles(result, base, extra) {
    const ps = [.../* @__PURE__ */ new Set([...this.wanted.get(base) ?? [], extra])];
    const pooled = pooledValues(result, base);
    const record = (owner, values) => {
      const found = values.length === 0 ? ps.map(() => null) : percentilesBySelection(values, ps);
      ps.forEach((p, index) => this.values(owner).set(`${base}.p${p}`, found[index]));
    };
    let offset = 0;
    for (const trial of result.trials) {
      const length = trial.columns[base].length;
      record(trial, pooled.subarray(offset, offset + length));
      offset += length;
    }
    record(result, pooled);
  }
  distribution(result, owner, values, metric) {
    const known = this.values(owner);
    if (!known.has(metric.name)) {
      if (metric.statistic === "mean") {
        const column = values();
        known.set(metric.name, column.length === 0 ? null : mean(column));
      } else {
        this.percentiles(result, metric.base, percentileOf(metric.statistic));
      }
    }
    return known.get(metric.name) ?? null;
  }
  /** Each trial's value of the statistic, in trial order; null where a trial has none (no successful request, no SLO). */
  perTrial(result, metric) {
    return result.trials.map((trial) => metric.kind === "scalar" ? trial.summary[metric.base] : this.distribution(result, trial, () => trial.columns[metric.base], metric));
  }
  /** Pooled over every trial's requests (distributions), or the mean over trials (scalars), as the run summary defines them. */
  pooled(result, metric) {
    if (metric.kind === "distribution") return this.distribution(result, result, () => pooledValues(result, metric.base), metric);
    const values = result.trials.map((trial) => trial.summary[metric.base]).filter((value) => value !== null);
    return values.length === 0 ? metric.base === "goodput" ? null : 0 : mean(values);
  }
};
var trialCount = (trial, base) => trial.columns[base].length;

// src/compare/types.ts
var COMPARISON_SCHEMA = "llm-perf-gate/comparison@1";

// src/compare/validity.ts
var percent = (value, digits = 1) => `${(100 * value).toFixed(digits)}%`;
function flatten(value, prefix = "", out = /* @__PURE__ */ new Map()) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix === "" ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}
var OUTSIDE_THE_HASH = /* @__PURE__ */ new Set(["workload_hash", "workload_hash_v1", "hash_version", "url", "trials", "model"]);
function workloadDifferences(baseline, current) {
  const a = flatten(baseline);
  const b = flatten(current);
  const keys = [.../* @__PURE__ */ new Set([...a.keys(), ...b.keys()])].filter((key) => !OUTSIDE_THE_HASH.has(key.split(".")[0])).sort();
  return keys.filter((key) => a.get(key) !== b.get(key)).map((key) => `${key}: ${a.get(key) ?? "absent"} vs ${b.get(key) ?? "absent"}`);
}
function okTotals(result) {
  const totals = { ok: 0, outputTokens: 0, maxTokens: 0, clientQueueMs: 0, e2eMs: 0 };
  for (const { columns } of result.trials) {
    totals.ok += columns.ok;
    totals.outputTokens += columns.outputTokens;
    totals.maxTokens += columns.maxTokens;
    totals.clientQueueMs += columns.clientQueueMs;
    for (let i = 0; i < columns.e2e_ms.length; i++) totals.e2eMs += columns.e2e_ms[i];
  }
  return totals;
}
function meanOutputTokens(result) {
  const totals = okTotals(result);
  return totals.ok === 0 ? null : { output: totals.outputTokens / totals.ok, asked: totals.maxTokens / totals.ok };
}
function sameWorkload(baseline, current) {
  const version = (workload) => typeof workload.hash_version === "number" ? workload.hash_version : 1;
  if (version(baseline) === version(current)) return { same: baseline.workload_hash === current.workload_hash, legacy: null };
  const [older, newer] = version(baseline) < version(current) ? [baseline, current] : [current, baseline];
  return { same: newer.workload_hash_v1 === older.workload_hash, legacy: older };
}
function workloadCheck(baseline, current) {
  const { same, legacy } = sameWorkload(baseline.workload, current.workload);
  if (same) return { check: "workload_hash", ok: true, side: "both", detail: `both ran ${baseline.workload.workload_hash}` };
  const differences = workloadDifferences(baseline.workload, current.workload);
  const listed = differences.length === 0 ? null : `${differences.slice(0, 5).join("; ")}${differences.length > 5 ? `; ${differences.length - 5} more` : ""}`;
  const [modelA, modelB] = [baseline.environment.server.model, current.environment.server.model];
  const why = legacy !== null && listed === null ? `the ${legacy === baseline.workload ? "baseline" : "current result"} was made by an llm-perf-gate older than workload hash version 2, whose hash includes the model name (${modelA ?? "none"} vs ${modelB ?? "none"}); make that result again with this version to compare across models` : `the workloads differ (${listed ?? "a field outside the written workload"})`;
  return { check: "workload_hash", ok: false, side: "both", detail: why };
}
function modelCheck(baseline, current, rule) {
  const [a, b] = [baseline.environment.server, current.environment.server];
  const differs = (x, y) => x !== null && x !== void 0 && y !== null && y !== void 0 && x !== y;
  const revisions = differs(a.model_revision, b.model_revision) ? ` (revision ${a.model_revision} vs ${b.model_revision})` : "";
  if (!differs(a.model, b.model) && revisions === "") return { check: "model", ok: true, side: "both", detail: a.model === b.model ? `both served ${a.model ?? "an unnamed model"}` : `the model is named on one side only (${a.model ?? "none"} vs ${b.model ?? "none"})` };
  const what = differs(a.model, b.model) ? `the servers named different models: ${a.model} vs ${b.model}${revisions}` : `the servers served different revisions of ${a.model ?? "the model"}${revisions}`;
  return rule === "require" ? { check: "model", ok: false, side: "both", detail: `${what}; the thresholds require the same model (comparability.model: require)` } : { check: "model", ok: true, side: "both", detail: `${what}: compared, as a model change is what the comparison is for (comparability.model: allow)` };
}
function hardwareCheck(baseline, current, rule) {
  const [a, b] = [hardwareKey2(baseline.environment), hardwareKey2(current.environment)];
  if (a === null || b === null) {
    const silent = [a === null ? "the baseline" : null, b === null ? "the current result" : null].filter((side) => side !== null).join(" and ");
    return { check: "hardware", ok: true, side: "both", detail: `no GPU reported by ${silent}: the hardware was not compared` };
  }
  if (a === b) return { check: "hardware", ok: true, side: "both", detail: `both ran on ${a}` };
  const detail = `the GPUs differ: ${a} vs ${b}`;
  return rule === "warn" ? { check: "hardware", ok: false, side: "both", warn: true, detail: `${detail}; compared anyway (comparability.hardware: warn), so a difference may come from the hardware` } : { check: "hardware", ok: false, side: "both", detail: `${detail}; a change of GPU model or count changes every latency (set comparability.hardware: warn in the thresholds to compare anyway)` };
}
function comparabilityChecks(baseline, current, thresholds) {
  const rules = thresholds.comparability ?? { hardware: "require", model: "allow" };
  const checks = [workloadCheck(baseline, current)];
  checks.push({
    check: "definitions",
    ok: baseline.definitions === current.definitions,
    side: "both",
    detail: `metric definitions version ${baseline.definitions} vs ${current.definitions}`
  });
  checks.push(modelCheck(baseline, current, rules.model));
  checks.push(hardwareCheck(baseline, current, rules.hardware));
  const [outA, outB] = [meanOutputTokens(baseline), meanOutputTokens(current)];
  if (outA !== null && outB !== null && outA.output > 0) {
    const mismatch = Math.abs(outB.output - outA.output) / outA.output;
    checks.push({
      check: "output_tokens",
      ok: mismatch <= thresholds.validity.max_output_tokens_mismatch,
      side: "both",
      detail: `mean output tokens per request ${outA.output.toFixed(1)} vs ${outB.output.toFixed(1)} (${percent(mismatch)} apart; limit ${percent(thresholds.validity.max_output_tokens_mismatch)})`
    });
  }
  return checks;
}
var invalidates = (check) => !check.ok && check.warn !== true;
function runValidityChecks(result, side, thresholds) {
  const limits = thresholds.validity;
  const checks = [];
  const totals = okTotals(result);
  const empty = result.trials.filter((trial) => trial.columns.records === 0).length;
  checks.push({
    check: "complete",
    ok: result.interrupted !== true && result.trials.length > 0 && empty === 0,
    side,
    detail: result.interrupted === true ? `the run was interrupted after ${result.trials.length} trial(s)` : result.trials.length === 0 || empty > 0 ? `${empty} of ${result.trials.length} trial(s) hold no request records: there is nothing to compare` : `${result.trials.length} trial(s) ran to the end`
  });
  const open = result.trials.filter((trial) => trial.summary.target_rate !== null && trial.summary.achieved_rate !== null);
  if (open.length > 0) {
    const ratios = open.map((trial) => trial.summary.achieved_rate / trial.summary.target_rate);
    const worst = Math.min(...ratios);
    checks.push({
      check: "achieved_rate",
      ok: worst >= limits.min_achieved_rate_ratio,
      side,
      detail: `sends kept ${percent(worst)} of the scheduled rate in the worst trial (${open[ratios.indexOf(worst)].summary.achieved_rate.toFixed(2)} of ${open[ratios.indexOf(worst)].summary.target_rate.toFixed(2)} req/s; at least ${percent(limits.min_achieved_rate_ratio, 0)} needed)`
    });
  }
  const lag = result.summary.schedule_lag_ms.p99;
  if (lag !== null && open.length > 0) {
    checks.push({
      check: "schedule_lag",
      ok: lag <= limits.max_schedule_lag_p99_ms,
      side,
      detail: `client schedule lag p99 ${lag.toFixed(2)} ms (at most ${limits.max_schedule_lag_p99_ms} ms)`
    });
  } else if (lag !== null) {
    const meanLag = totals.clientQueueMs / Math.max(1, totals.ok);
    const meanE2e = totals.e2eMs / Math.max(1, totals.ok);
    const share = meanE2e + meanLag > 0 ? meanLag / (meanE2e + meanLag) : 0;
    checks.push({
      check: "schedule_lag",
      ok: share <= limits.max_closed_loop_lag_share,
      side,
      detail: `slots stood empty ${percent(share, 2)} of the time between requests (mean client lag ${meanLag.toFixed(2)} ms, p99 ${lag.toFixed(2)} ms; at most ${percent(limits.max_closed_loop_lag_share, 0)} of the offered load)`
    });
  }
  checks.push({
    check: "error_rate",
    ok: result.summary.error_rate <= limits.max_error_rate,
    side,
    detail: `${percent(result.summary.error_rate, 2)} of requests failed (at most ${percent(limits.max_error_rate, 0)} for latencies to describe the whole load)`
  });
  const steals = result.trials.map((trial) => trial.host?.cpu_steal ?? null);
  const measured = steals.filter((steal) => steal !== null);
  if (measured.length > 0) {
    const worst = Math.max(...measured);
    checks.push({
      check: "host_cpu_steal",
      ok: worst <= limits.max_host_cpu_steal,
      side,
      warn: true,
      detail: `the host gave ${percent(worst)} of this machine's CPU time to other guests in the worst trial (trial ${steals.indexOf(worst) + 1}; mean ${percent(mean(measured))}); above ${percent(limits.max_host_cpu_steal, 0)}, latencies carry pauses of the client and of a server on this machine`
    });
  }
  const ignoreEos = result.workload.sampling?.ignore_eos === true;
  if (ignoreEos && totals.ok > 0) {
    const asked = totals.maxTokens;
    const got = totals.outputTokens;
    const shortfall = asked > 0 ? (asked - got) / asked : 0;
    checks.push({
      check: "output_length",
      ok: Math.abs(shortfall) <= limits.max_output_tokens_mismatch,
      side,
      detail: `outputs had ${percent(got / asked)} of the tokens the workload asked for (within ${percent(limits.max_output_tokens_mismatch)} needed)`
    });
  }
  return checks;
}

// src/compare/compare.ts
var MIN_TRIALS_FOR_TRIAL_LEVEL = 3;
function trialValues(result, metric, statistics) {
  return statistics.perTrial(result, metric);
}
function perTrial(result, metric, statistics) {
  return trialValues(result, metric, statistics).filter((value) => value !== null && Number.isFinite(value));
}
var relative = (baseline, current) => baseline === null || current === null || baseline === 0 ? baseline === 0 && current === 0 ? 0 : null : 100 * (current - baseline) / baseline;
function sideInfo(result) {
  const server2 = result.environment.server;
  return {
    name: result.workload.name,
    workload_hash: result.workload.workload_hash,
    created_at: result.created_at ?? null,
    tool_version: result.tool.version,
    server: { url: server2.url, model: server2.model, version: server2.version, engine: server2.engine ?? null },
    gpu: (result.environment.gpu ?? []).map((gpu) => gpu.name),
    trials: result.trials.length,
    requests_per_trial: result.trials[0]?.columns.records ?? 0,
    interrupted: result.interrupted === true
  };
}
function tailCheck(metric, baseline, current, unit, minimum) {
  if (metric.kind !== "distribution") return null;
  const q = percentileOf(metric.statistic);
  if (q === null || q <= 50) return null;
  const counts = [baseline, current].map((result) => {
    const perTrialCounts = result.trials.map((trial) => trialCount(trial, metric.base));
    return unit === "trial" ? Math.min(...perTrialCounts) : perTrialCounts.reduce((a, b) => a + b, 0);
  });
  const fewest = Math.min(...counts);
  const beyond = fewest * (100 - q) / 100;
  if (beyond >= minimum) return null;
  const needed = Math.ceil(minimum * 100 / (100 - q));
  return `${metric.statistic} needs at least ${needed} values ${unit === "trial" ? "in every trial" : "pooled"} (${minimum} beyond it); ${unit === "trial" ? "a trial had" : "there were"} ${fewest}`;
}
function evaluate(name, spec, baseline, current, thresholds, intervals, tested, paired, statistics) {
  const metric = parseMetricName(name);
  const direction = worseDirection(metric) === 1 ? "lower_is_better" : "higher_is_better";
  const pairs = paired ? pairedValues(trialValues(baseline, metric, statistics), trialValues(current, metric, statistics)) : null;
  const ratios = pairs === null ? null : logRatios(pairs.baseline, pairs.current);
  const d = ratios?.ok === true ? ratios.d : null;
  const bTrials = d !== null ? pairs.baseline : perTrial(baseline, metric, statistics);
  const cTrials = d !== null ? pairs.current : perTrial(current, metric, statistics);
  const baselineValue = statistics.pooled(baseline, metric);
  const currentValue = statistics.pooled(current, metric);
  const unit = bTrials.length >= MIN_TRIALS_FOR_TRIAL_LEVEL && cTrials.length >= MIN_TRIALS_FOR_TRIAL_LEVEL ? "trial" : "request";
  const common = {
    metric: name,
    parsed: metric,
    baseline: baselineValue,
    current: currentValue,
    delta_pct: relative(baselineValue, currentValue),
    tolerance_pct: spec.tolerance_pct ?? null,
    gate: spec.gate,
    direction,
    trials: { baseline: bTrials, current: cTrials }
  };
  if (metric.base === "error_rate") {
    return {
      ...common,
      ci_low_pct: null,
      ci_high_pct: null,
      p_value: null,
      test: "threshold",
      unit: "trial",
      delta_abs: baselineValue === null || currentValue === null ? null : currentValue - baselineValue,
      max_increase: spec.max_increase ?? null,
      mde_pct: null,
      tooFewSamples: null
    };
  }
  const alphaPerTest = thresholds.alpha / Math.max(1, tested);
  if (metric.kind === "scalar") {
    const { result, test, unit: scalarUnit, mde: mde2, count: count3 } = d !== null ? { result: pairedLogTTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: "paired-t-log", unit: "pair", mde: minimumDetectablePairedChange(d, { alpha: alphaPerTest, test: "paired-t-log" }), count: `${bTrials.length} pairs` } : { result: welchLogTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: "welch-log", unit: "trial", mde: minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: "welch-log" }), count: `per-trial values ${bTrials.length} vs ${cTrials.length}` };
    return {
      ...common,
      ci_low_pct: result.ok ? 100 * (result.ratioCi.low - 1) : null,
      ci_high_pct: result.ok ? 100 * (result.ratioCi.high - 1) : null,
      p_value: result.ok ? result.p : null,
      test: result.ok ? test : "none",
      unit: scalarUnit,
      mde_pct: mde2.ok ? mde2.changePct : null,
      tooFewSamples: null,
      ...result.ok ? {} : { reason: `not tested: ${result.reason.replaceAll("_", " ")} (${count3})` }
    };
  }
  const interval = intervals.get(name);
  const intervalFields = { ci_low_pct: interval?.ok === true ? interval.lowPct : null, ci_high_pct: interval?.ok === true ? interval.highPct : null };
  if (d !== null) {
    const signedRank = wilcoxonSignedRank(d);
    const mde2 = minimumDetectablePairedChange(d, { alpha: alphaPerTest, test: "signed-rank" });
    return {
      ...common,
      ...intervalFields,
      p_value: signedRank.ok ? signedRank.p : null,
      test: "wilcoxon-signed-rank",
      unit: "pair",
      mde_pct: mde2.ok ? mde2.changePct : null,
      tooFewSamples: tailCheck(metric, baseline, current, "trial", thresholds.validity.min_tail_samples),
      ...!signedRank.ok ? { reason: `every pair's ${metric.statistic} was the same on both sides` } : !mde2.ok && mde2.reason === "never_significant" ? { reason: `with ${d.length} pairs the smallest attainable p is ${Number(mde2.minimumP.toPrecision(3))}, not below alpha: add trials` } : {}
    };
  }
  let p = null;
  if (unit === "trial") {
    p = mannWhitneyU(bTrials, cTrials, { method: "auto" }).p;
  } else {
    const a = pooledValues(baseline, metric.base);
    const b = pooledValues(current, metric.base);
    if (a.length > 0 && b.length > 0) p = mannWhitneyU(a, b, { method: "asymptotic", continuity: true }).p;
  }
  const mde = unit === "trial" ? minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: "mann-whitney" }) : null;
  return {
    ...common,
    ...intervalFields,
    p_value: p,
    test: p === null ? "none" : "mann-whitney",
    unit,
    mde_pct: mde?.ok === true ? mde.changePct : null,
    tooFewSamples: tailCheck(metric, baseline, current, unit, thresholds.validity.min_tail_samples),
    ...mde !== null && !mde.ok && mde.reason === "never_significant" ? { reason: `with ${bTrials.length} vs ${cTrials.length} trials the smallest attainable p is ${mde.minimumP.toFixed(3)}, not below alpha: add trials` } : {}
  };
}
function bootstrapIntervals(baseline, current, thresholds, pairedRun, notes) {
  const intervals = /* @__PURE__ */ new Map();
  const a = bootstrapSideOf(baseline, thresholds, "baseline", pairedRun);
  const b = bootstrapSideOf(current, thresholds, "current", pairedRun);
  const trials = Math.min(baseline.trials.length, current.trials.length);
  const confidence = trials >= MIN_TRIALS_FOR_TRIAL_LEVEL ? expandedConfidence(thresholds.confidence, trials) : thresholds.confidence;
  for (const [base, wanted] of bootstrapPlan(thresholds)) {
    const sideA = a.get(base);
    const sideB = b.get(base);
    const stride = Math.max(sideA.stride, sideB.stride);
    if (stride > 1) notes.push(`${base} intervals resampled every ${stride}th value in arrival order (more than ${BOOTSTRAP_VALUE_LIMIT} a side)`);
    const results = relativeChangeIntervals(sideA.replicates, sideB.replicates, wanted.length, confidence);
    wanted.forEach((w, index) => intervals.set(w.name, results[index]));
  }
  return intervals;
}
function detectStatus(m, pAdjusted, alpha) {
  if (m.test === "threshold") {
    if (m.delta_abs === null || m.delta_abs === void 0 || m.max_increase === null || m.max_increase === void 0) return { status: "pass" };
    return m.delta_abs > m.max_increase ? { status: "regressed" } : { status: "pass" };
  }
  if (m.delta_pct === null) return { status: "inconclusive", reason: m.reason ?? "no value on one side" };
  const worse = m.direction === "lower_is_better" ? m.delta_pct : -m.delta_pct;
  const tolerance = m.tolerance_pct ?? 0;
  const p = m.gate === "off" ? m.p_value : pAdjusted;
  const significant = p !== null && p < alpha;
  if (m.tooFewSamples !== null) return { status: "inconclusive", reason: `too few samples: ${m.tooFewSamples}` };
  if (worse > tolerance) return significant ? { status: "regressed" } : { status: "inconclusive", reason: m.reason ?? "beyond the tolerance but not distinguishable from run-to-run noise at this sample size" };
  if (-worse > tolerance && significant) return { status: "improved" };
  return { status: "pass" };
}
function nonInferiorityStatus(m, pAdjusted, alpha) {
  if (m.test === "threshold") return detectStatus(m, pAdjusted, alpha);
  if (m.tooFewSamples !== null) return { status: "inconclusive", reason: `too few samples: ${m.tooFewSamples}` };
  if (m.ci_low_pct === null || m.ci_high_pct === null) return { status: "inconclusive", reason: m.reason ?? "no confidence interval" };
  const tolerance = m.tolerance_pct ?? 0;
  const [worstPlausible, bestPlausible] = m.direction === "lower_is_better" ? [m.ci_high_pct, m.ci_low_pct] : [-m.ci_low_pct, -m.ci_high_pct];
  if (worstPlausible <= tolerance) return { status: -bestPlausible > tolerance ? "improved" : "pass" };
  if (bestPlausible > tolerance) return { status: "regressed" };
  return { status: "inconclusive", reason: `the interval reaches ${worstPlausible.toFixed(1)}% worse, beyond the ${tolerance}% tolerance: not shown to be non-inferior` };
}
function decideVerdict(metrics, validity, notes) {
  const failed = metrics.filter((m) => m.gate === "fail" && m.status === "regressed");
  const invalid = validity.filter(invalidates);
  const errorRegression = failed.some((m) => m.metric === "error_rate");
  if (invalid.length > 0 && !errorRegression) {
    if (failed.length > 0) notes.push(`${failed.map((m) => m.metric).join(", ")} regressed, but the run did not measure what it set out to (${[...new Set(invalid.map((c) => c.check))].join(", ")}): the verdict is inconclusive rather than a failure that may come from the measurement`);
    return "inconclusive";
  }
  if (failed.length > 0) return "fail";
  if (metrics.some((m) => m.gate === "fail" && m.status === "inconclusive")) return "inconclusive";
  return "pass";
}
function compareResults(baselineResult, currentResult, thresholds, options = {}) {
  const baseline = toComparable(baselineResult);
  const current = toComparable(currentResult);
  const notes = [];
  const head = {
    schema: COMPARISON_SCHEMA,
    definitions: current.definitions,
    thresholds: { source: thresholds.source, alpha: thresholds.alpha, confidence: thresholds.confidence, decision: thresholds.decision, fail_on_inconclusive: thresholds.fail_on_inconclusive },
    baseline: sideInfo(baseline),
    current: sideInfo(current),
    changes: environmentChanges(baseline, current)
  };
  const comparability = comparabilityChecks(baseline, current, thresholds);
  if (comparability.some(invalidates)) {
    notes.push("the two results cannot be compared: no metric was tested");
    return { ...head, verdict: "incomparable", metrics: [], validity: comparability, notes };
  }
  const validity = [...comparability, ...runValidityChecks(baseline, "baseline", thresholds), ...runValidityChecks(current, "current", thresholds)];
  const names = Object.keys(thresholds.metrics).filter((name) => parseMetricName(name) !== null);
  const tested = names.filter((name) => thresholds.metrics[name].gate !== "off" && name !== "error_rate").length;
  const pairing = pairingOf(baseline, current);
  if (pairing.kind === "unpaired") notes.push(pairing.note);
  const summary = pairing.kind === "paired" ? { run: pairing.run, pairs: pairing.pairs, tests: pairedTestsPossible(pairing.pairs, thresholds.alpha, tested) ? "paired" : "independent" } : null;
  if (summary !== null) notes.push(pairingNote(summary, thresholds.alpha, tested));
  const intervals = bootstrapIntervals(baseline, current, thresholds, summary?.run ?? null, notes);
  const statistics = new RecordStatistics(names);
  const evaluated = names.map((name) => evaluate(name, thresholds.metrics[name], baseline, current, thresholds, intervals, tested, summary?.tests === "paired", statistics));
  const gatedP = evaluated.map((m) => m.gate === "off" ? null : m.p_value);
  const adjusted = holm(gatedP);
  const decide = thresholds.decision === "non-inferiority" ? nonInferiorityStatus : detectStatus;
  const metrics = evaluated.map((m, index) => {
    const { parsed: _parsed, tooFewSamples: _tooFew, ...rest } = m;
    const decision = decide(m, adjusted[index] ?? null, thresholds.alpha);
    const reason = decision.reason ?? rest.reason;
    const insufficient = m.tooFewSamples !== null && decision.status === "inconclusive" ? { insufficient_data: true } : {};
    return { ...rest, p_adjusted: adjusted[index] ?? null, status: decision.status, ...reason !== void 0 ? { reason } : {}, ...insufficient };
  });
  const unreliable = new Set(evaluated.filter((m) => m.tooFewSamples !== null).map((m) => m.metric));
  const judged = options.history === void 0 ? null : judgeAgainstHistory(metrics, options.history, current, { alpha: thresholds.alpha, decision: thresholds.decision, unreliable });
  if (evaluated.some((m) => m.unit === "request" && m.test === "mann-whitney")) {
    notes.push(`fewer than ${MIN_TRIALS_FOR_TRIAL_LEVEL} trials a side (${baseline.trials.length} vs ${current.trials.length}): latency statistics were tested request by request, which treats requests as independent; run-to-run variance could not be estimated, so p-values are optimistic`);
  }
  if (judged === null) return { ...head, ...summary !== null ? { pairing: summary } : {}, verdict: decideVerdict(metrics, validity, notes), metrics, validity, notes };
  const history = { ...judged.summary, verdict_without_history: decideVerdict(metrics, validity, []) };
  return { ...head, ...summary !== null ? { pairing: summary } : {}, history, verdict: decideVerdict(judged.metrics, validity, notes), metrics: judged.metrics, validity, notes };
}
function pairingNote(pairing, alpha, tested) {
  const what = `baseline and candidate are one \`ab\` run's ${pairing.pairs} pairs of back-to-back trials`;
  if (pairing.tests === "paired") return `${what}: each statistic was tested pair by pair (Wilcoxon signed-rank on the log ratios; throughput by the paired t-test on logarithms), and the intervals resample pairs`;
  let needed = 1;
  while (!pairedTestsPossible(needed, alpha, tested)) needed++;
  return `${what}: the intervals resample pairs, but the tests treat the trials as independent, since the signed-rank test needs ${needed} pairs to reach p < ${alpha}/${Math.max(1, tested)}`;
}
function exitCodeFor(comparison) {
  switch (comparison.verdict) {
    case "pass":
      return 0;
    case "fail":
      return 1;
    case "inconclusive":
      return comparison.thresholds.fail_on_inconclusive ? 1 : 3;
    case "incomparable":
      return 3;
  }
}

// src/report/errors.ts
function sideErrors(side) {
  const failed = side.result.summary.failed;
  if (failed === 0) return null;
  const sent = side.result.summary.sent;
  const { lines, others } = errorLines(errorGroupsOf(side.result), failed);
  if (others > 0) lines.push(`${others} more in ${lines.length === 0 ? "groups the result does not name" : "other groups"}`);
  return { heading: `${side.name}: ${failed} of ${sent} requests failed`, lines };
}
var sidesOf = (baseline, current) => [
  { name: "baseline", result: baseline },
  { name: "candidate", result: current }
];
function errorsText(baseline, current) {
  const out = [];
  for (const side of sidesOf(baseline, current)) {
    const errors = sideErrors(side);
    if (errors === null) continue;
    out.push(`Errors, ${errors.heading}:`, ...errors.lines.map((line) => `  ${line}`));
  }
  return out;
}
function errorsMarkdown(baseline, current) {
  const out = [];
  for (const side of sidesOf(baseline, current)) {
    const errors = sideErrors(side);
    if (errors === null) continue;
    out.push(`- **${errors.heading}**`, ...errors.lines.map((line) => `  - ${escapeMarkdown(line, { maxLength: 300 })}`));
  }
  return out.length === 0 ? null : ["Why requests failed (most frequent first):", "", ...out].join("\n");
}

// src/report/shared.ts
function describeTrials(comparison, quote) {
  const requests = `${comparison.current.requests_per_trial} requests`;
  const pairing = comparison.pairing;
  if (pairing === void 0) return `${comparison.baseline.trials} vs ${comparison.current.trials} trials \xD7 ${requests}`;
  return `${pairing.pairs} back-to-back pairs of trials \xD7 ${requests} (one ${quote("ab")} run${pairing.tests === "paired" ? ", tested pair by pair" : ""})`;
}
var PICTURE_QUANTILES = [10, 25, 50, 75, 90, 95, 99];
var count = (value) => typeof value === "number" && Number.isFinite(value) ? String(value) : "?";
function describeLoad(result) {
  const load = result.workload.load;
  if (load === void 0 || load === null || typeof load !== "object") return "load unknown";
  const cap = load.concurrency !== void 0 ? `, at most ${count(load.concurrency)} in flight` : "";
  const arrival = load.arrival === "gamma" ? `gamma (burstiness ${count(load.burstiness)})` : load.arrival === "constant" ? "constant" : "Poisson";
  if (Array.isArray(load.ramp) && load.ramp.length > 0) return `${arrival} ramp ${load.ramp.map((stage) => count(stage?.rate)).join("\u2192")} req/s${cap}`;
  if (load.rate !== void 0) return `${arrival} ${count(load.rate)} req/s${cap}`;
  return `concurrency ${count(load.concurrency)} (closed loop)`;
}
function pooledQuantiles(result, base) {
  const values = pooledValues(toComparable(result), base);
  return values.length === 0 ? null : percentiles(values, [...PICTURE_QUANTILES]);
}
function detailRows(baseline, current) {
  const rows = [];
  const delta = (a, b) => a === null || b === null || a === 0 ? "\u2014" : formatPercent(100 * (b - a) / a);
  for (const base of DISTRIBUTION_METRICS) {
    for (const statistic of STATISTICS) {
      const a = baseline.summary[base][statistic];
      const b = current.summary[base][statistic];
      rows.push({ label: `${label(`${base}.${statistic}`)} (ms)`, baseline: formatNumber(a), current: formatNumber(b), delta: delta(a, b) });
    }
  }
  const scalars = [
    ["request throughput (req/s)", "request_throughput", (r) => r.summary.request_throughput],
    ["output throughput (tok/s)", "output_throughput", (r) => r.summary.output_throughput],
    ["total throughput (tok/s)", "total_throughput", (r) => r.summary.total_throughput],
    ["goodput (req/s)", "goodput", (r) => r.summary.goodput],
    ["schedule lag p99 (ms)", "schedule_lag", (r) => r.summary.schedule_lag_ms.p99]
  ];
  for (const [text, , pick] of scalars) rows.push({ label: text, baseline: formatNumber(pick(baseline)), current: formatNumber(pick(current)), delta: delta(pick(baseline), pick(current)) });
  rows.push({ label: "error rate", baseline: `${(100 * baseline.summary.error_rate).toFixed(2)}%`, current: `${(100 * current.summary.error_rate).toFixed(2)}%`, delta: "" });
  return rows;
}
function environmentLines(result) {
  const { server: server2, gpu = [], runner: runner2 = {} } = result.environment;
  const cpu = runner2.cpu_model ? `${runner2.cpu_count !== void 0 ? `${runner2.cpu_count}\xD7 ` : ""}${runner2.cpu_model}` : null;
  const machine = [runner2.os, runner2.arch].filter(Boolean).join(" ");
  const runnerLine = machine === "" && cpu === null && !runner2.node ? "runner not reported" : `runner ${[machine || "unknown OS", cpu, runner2.node ? `Node ${runner2.node}` : null].filter(Boolean).join(", ")}`;
  const lines = [
    `server ${server2.url}${server2.engine ? ` (${server2.engine}${server2.version ? ` ${server2.version}` : ""})` : server2.version ? ` (version ${server2.version})` : ""}`,
    `model ${server2.model ?? "not reported"}`,
    gpu.length > 0 ? `${gpu.length}\xD7 ${gpu[0].name}${gpu[0].driver_version ? `, driver ${gpu[0].driver_version}` : ""}${gpu[0].cuda_version ? `, CUDA ${gpu[0].cuda_version}` : ""}` : "no GPU reported",
    runner2.name ? runnerLine.replace(/^runner /, `runner ${runner2.name}: `) : runnerLine,
    `${result.trials.length} trials \xD7 ${toComparable(result).trials[0]?.columns.records ?? 0} requests, run ${result.created_at ?? "at an unknown time"} with llm-perf-gate ${result.tool.version}`
  ];
  if (result.interrupted === true) lines.push("interrupted");
  return lines;
}

// src/report/what-changed.ts
var LABELS = {
  "server.model": "model",
  "server.model_revision": "model revision",
  "server.engine": "engine",
  "server.version": "engine version",
  "server.args": "server flags",
  "gpu.name": "GPU",
  "gpu.count": "GPU count",
  "gpu.memory_total_mib": "GPU memory (MiB)",
  "gpu.driver_version": "GPU driver",
  "gpu.cuda_version": "CUDA (driver)",
  "runner.name": "runner",
  "runner.labels": "runner labels",
  "runner.os": "runner OS",
  "runner.release": "runner kernel",
  "runner.arch": "runner architecture",
  "runner.cpu_model": "runner CPU",
  "runner.cpu_count": "runner CPUs",
  "runner.node": "Node.js",
  "tool.version": "llm-perf-gate",
  "server.url": "server URL"
};
var MAX_ROWS = 25;
function changeLabel(field) {
  if (field.startsWith("server.settings.")) return `server ${field.slice("server.settings.".length)}`;
  return LABELS[field] ?? field;
}
var show = (value) => value === null ? "none" : String(value);
var plain = (text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
var changesOf = (comparison) => comparison.changes ?? [];
function hardwareNote(comparison, field) {
  if (field !== "gpu.name" && field !== "gpu.count") return "";
  const check = comparison.validity.find((c) => c.check === "hardware");
  if (check === void 0 || check.ok) return "";
  return check.warn === true ? " \u26A0\uFE0F compared anyway (comparability.hardware: warn)" : " \u26D4 not compared";
}
function modelChange(comparison) {
  const change = changesOf(comparison).find((c) => c.field === "server.model");
  return change === void 0 ? null : { baseline: show(change.baseline), current: show(change.current) };
}
function whatChangedMarkdown(comparison) {
  if (comparison.changes === void 0) return null;
  const changes = changesOf(comparison);
  if (changes.length === 0) return "**What changed**: nothing in the recorded environment (model, engine, GPUs, runner, tool).";
  const cell = (text) => escapeMarkdown(text, { maxLength: 120 });
  const rows = changes.slice(0, MAX_ROWS).map((change) => {
    const label2 = change.field.startsWith("server.model") ? `**${cell(changeLabel(change.field))}**` : cell(changeLabel(change.field));
    return `| ${label2} | ${cell(show(change.baseline))} | ${cell(show(change.current))}${hardwareNote(comparison, change.field)} |`;
  });
  const more = changes.length > MAX_ROWS ? [`| \u2026 | ${changes.length - MAX_ROWS} more in the comparison JSON (\`changes\`) | |`] : [];
  return ["**What changed**", "", "| | baseline | candidate |", "| --- | --- | --- |", ...rows, ...more].join("\n");
}
function whatChangedText(comparison) {
  const changes = changesOf(comparison);
  if (changes.length === 0) return [];
  const lines = changes.slice(0, MAX_ROWS).map((change) => plain(`  ${changeLabel(change.field)}: ${show(change.baseline)} \u2192 ${show(change.current)}${hardwareNote(comparison, change.field)}`));
  if (changes.length > MAX_ROWS) lines.push(`  \u2026 ${changes.length - MAX_ROWS} more (compare --format json lists them)`);
  return ["What changed:", ...lines];
}

// src/report/diagnosis.ts
var KV_PEAK_RISE = 0.05;
var KV_PEAK_HIGH = 0.8;
var KV_MEAN_CHANGE = 0.1;
var PREEMPTION_RATIO = 1.5;
var QUEUE_RISE = 1;
var RUNNING_CHANGE = 0.25;
var CLOCK_DROP = 0.03;
var MEMORY_RISE_MIB = 1024;
var MEMORY_RISE_SHARE = 0.05;
var UTILIZATION_CHANGE_POINTS = 10;
var TEMPERATURE_RISE_C = 5;
var arrow = (a, b) => `${a} \u2192 ${b}`;
var fraction = (value) => value.toFixed(2);
var count2 = (value) => Number.isInteger(value) || value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
var whole = (value) => formatNumber(Math.round(value));
var THROTTLE_KINDS = [
  [/thermal/, "thermal throttling"],
  [/power/, "power capping"],
  [/^hw_slowdown$/, "hardware slowdown"]
];
function throttleWords(reasons) {
  const words = THROTTLE_KINDS.filter(([pattern]) => reasons.some((reason) => pattern.test(reason))).map(([, words2]) => words2);
  return words.length === 0 ? null : words.join(" and ");
}
function signals(a, b) {
  const kv = a.kvCacheUsage !== null && b.kvCacheUsage !== null ? {
    watched: "KV cache",
    phrase: b.kvCacheUsage.max - a.kvCacheUsage.max >= KV_PEAK_RISE && b.kvCacheUsage.max >= KV_PEAK_HIGH ? `KV-cache usage peak ${arrow(fraction(a.kvCacheUsage.max), fraction(b.kvCacheUsage.max))}` : Math.abs(b.kvCacheUsage.mean - a.kvCacheUsage.mean) >= KV_MEAN_CHANGE ? `KV-cache usage mean ${arrow(fraction(a.kvCacheUsage.mean), fraction(b.kvCacheUsage.mean))}` : null
  } : null;
  const preemptions = a.preemptions !== null && b.preemptions !== null ? {
    watched: "preemptions",
    phrase: b.preemptions.perTrial >= 1 && b.preemptions.perTrial > a.preemptions.perTrial && (a.preemptions.perTrial === 0 || b.preemptions.perTrial / a.preemptions.perTrial >= PREEMPTION_RATIO) ? `${arrow(count2(a.preemptions.perTrial), count2(b.preemptions.perTrial))} ${b.preemptions.metric.startsWith("sglang:") ? "retractions" : "preemptions"} per trial${b.preemptions.perSecond !== null ? ` (${formatNumber(b.preemptions.perSecond)}/s)` : ""}` : null
  } : null;
  const queue = a.waiting !== null && b.waiting !== null ? { watched: "queue", phrase: b.waiting.mean - a.waiting.mean >= QUEUE_RISE ? `requests waiting (mean) ${arrow(count2(a.waiting.mean), count2(b.waiting.mean))}` : null } : null;
  const running = a.running !== null && b.running !== null ? {
    watched: "batch size",
    phrase: Math.abs(b.running.mean - a.running.mean) >= RUNNING_CHANGE * Math.max(a.running.mean, 1) ? `requests running (mean) ${arrow(count2(a.running.mean), count2(b.running.mean))}` : null
  } : null;
  let clock = null;
  if (a.smClockMhz !== null && b.smClockMhz !== null) {
    const added = b.throttleReasons.filter((reason) => !a.throttleReasons.includes(reason));
    const words = throttleWords(added);
    const dropped = b.smClockMhz.mean <= a.smClockMhz.mean * (1 - CLOCK_DROP);
    clock = {
      watched: "SM clock",
      phrase: dropped ? `SM clock ${arrow(whole(a.smClockMhz.mean), whole(b.smClockMhz.mean))} MHz${words !== null ? ` with ${words}` : ""}` : words !== null ? `${words} (${added.join(", ")}) at SM clock ${arrow(whole(a.smClockMhz.mean), whole(b.smClockMhz.mean))} MHz` : null
    };
  }
  const utilization = a.gpuUtilizationPct !== null && b.gpuUtilizationPct !== null ? {
    watched: "GPU utilization",
    phrase: Math.abs(b.gpuUtilizationPct.mean - a.gpuUtilizationPct.mean) >= UTILIZATION_CHANGE_POINTS ? `GPU utilization ${arrow(`${Math.round(a.gpuUtilizationPct.mean)}%`, `${Math.round(b.gpuUtilizationPct.mean)}%`)}` : null
  } : null;
  const memory = a.gpuMemoryMib !== null && b.gpuMemoryMib !== null ? {
    watched: "GPU memory",
    phrase: b.gpuMemoryMib.max - a.gpuMemoryMib.max >= Math.max(MEMORY_RISE_MIB, MEMORY_RISE_SHARE * a.gpuMemoryMib.max) ? `GPU memory peak ${arrow(whole(a.gpuMemoryMib.max), whole(b.gpuMemoryMib.max))} MiB` : null
  } : null;
  const temperature = a.temperatureC !== null && b.temperatureC !== null ? { watched: "temperature", phrase: b.temperatureC.max - a.temperatureC.max >= TEMPERATURE_RISE_C ? `GPU temperature peak ${arrow(String(Math.round(a.temperatureC.max)), String(Math.round(b.temperatureC.max)))} \xB0C` : null } : null;
  return { kv, preemptions, queue, running, clock, utilization, memory, temperature };
}
function causeFor(metric, found) {
  const cache = [found.kv?.phrase, found.preemptions?.phrase].filter((phrase) => typeof phrase === "string");
  const cacheGroup = cache.length > 0 ? cache.join(" and ") : null;
  const order = metric.startsWith("ttft_ms") ? [found.queue?.phrase, cacheGroup, found.running?.phrase, found.clock?.phrase, found.temperature?.phrase, found.utilization?.phrase, found.memory?.phrase] : [cacheGroup, found.clock?.phrase, found.temperature?.phrase, found.running?.phrase, found.queue?.phrase, found.utilization?.phrase, found.memory?.phrase];
  const phrases = order.filter((phrase) => typeof phrase === "string");
  const watched = Object.values(found).filter((signal) => signal !== null).map((signal) => signal.watched);
  return { cause: phrases.length === 0 ? null : phrases.join("; "), watched };
}
function needsDiagnosis(m) {
  if (m.gate === "off" || m.status !== "regressed" && m.status !== "inconclusive") return false;
  if (m.status === "regressed") return true;
  const change = m.metric === "error_rate" ? m.delta_abs ?? null : m.delta_pct;
  return change === null || (m.direction === "lower_is_better" ? change > 0 : change < 0);
}
function diagnose(comparison, baseline, current) {
  if (baseline === null || current === null) return [];
  const found = signals(baseline, current);
  const lines = /* @__PURE__ */ new Map();
  for (const metric of comparison.metrics.filter(needsDiagnosis)) {
    const { cause, watched } = causeFor(metric.metric, found);
    if (watched.length === 0) continue;
    const key = cause ?? "";
    const line = lines.get(key) ?? { metrics: [], cause, watched };
    line.metrics.push(`${label(metric.metric)} ${formatDelta(metric)}`);
    lines.set(key, line);
  }
  return [...lines.values()];
}
function diagnosisSentence(diagnosis) {
  const subject = diagnosis.metrics.join(", ");
  return diagnosis.cause !== null ? `${subject}: ${diagnosis.cause}` : `${subject}: nothing in the telemetry moved with ${diagnosis.metrics.length === 1 ? "it" : "them"} (${diagnosis.watched.join(", ")} compared)`;
}

// src/report/telemetry-section.ts
var PRIORITY = { likelyCause: 55, table: 30 };
var quantity = (value) => Number.isInteger(value) || Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
var average = (value) => Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
var pair = (a, b, format = quantity, formatB = format) => `${format(a)} / ${formatB(b)}`;
var fraction2 = (value) => value.toFixed(2);
var ROWS = [
  ["KV-cache usage, mean / peak", (d) => d.kvCacheUsage === null ? null : pair(d.kvCacheUsage.mean, d.kvCacheUsage.max, fraction2)],
  ["preemptions per trial", (d) => d.preemptions === null ? null : quantity(d.preemptions.perTrial)],
  ["requests running, mean / max", (d) => d.running === null ? null : pair(d.running.mean, d.running.max, average, quantity)],
  ["requests waiting, mean / max", (d) => d.waiting === null ? null : pair(d.waiting.mean, d.waiting.max, average, quantity)],
  ["GPU utilization, mean", (d) => d.gpuUtilizationPct === null ? null : `${average(d.gpuUtilizationPct.mean)}%`],
  ["GPU memory used, peak", (d) => d.gpuMemoryMib === null ? null : `${quantity(d.gpuMemoryMib.max)} MiB`],
  ["GPU power, mean", (d) => d.powerW === null ? null : `${average(d.powerW.mean)} W`],
  ["SM clock, mean / min", (d) => d.smClockMhz === null ? null : `${pair(d.smClockMhz.mean, d.smClockMhz.min, (value) => quantity(Math.round(value)))} MHz`],
  ["GPU temperature, peak", (d) => d.temperatureC === null ? null : `${quantity(d.temperatureC.max)} \xB0C`],
  // The reasons are the only text read from the result files: escaped for Markdown.
  ["throttle reasons", (d, escape) => d.gpuNames.length === 0 ? null : d.throttleReasons.length === 0 ? "none" : escape(d.throttleReasons.join(", "))]
];
function telemetryRows(baseline, current, escape = (text) => text) {
  const rows = [];
  for (const [label2, pick] of ROWS) {
    const a = baseline === null ? null : pick(baseline, escape);
    const b = current === null ? null : pick(current, escape);
    if (a !== null || b !== null) rows.push([label2, a ?? "\u2014", b ?? "\u2014"]);
  }
  return rows;
}
function digests(input) {
  return { baseline: digestTelemetry(input.baseline), current: digestTelemetry(input.current) };
}
function telemetrySections(input) {
  const { baseline, current } = digests(input);
  if (baseline === null && current === null) return [];
  const sections = [];
  const causes = diagnose(input.comparison, baseline, current);
  if (causes.length > 0) {
    const lines = causes.map((diagnosis) => `- ${escapeMarkdown(diagnosisSentence(diagnosis), { maxLength: 600 })}`);
    sections.push({ title: "likely cause", text: ["**Likely cause**, from what the server and its GPUs reported on each side:", ...lines].join("\n"), priority: PRIORITY.likelyCause, cut: "lines", keepLines: 2 });
  }
  const rows = telemetryRows(baseline, current, (text) => escapeMarkdown(text, { maxLength: 120 }));
  if (rows.length > 0) {
    const table = markdownTable([["telemetry (over the trials)", "baseline", "candidate"], ...rows], { align: ["l", "r", "r"] });
    sections.push({ title: "telemetry", text: table, priority: PRIORITY.table, cut: "lines", keepLines: 2 });
  }
  return sections;
}
function telemetryText(input) {
  const { baseline, current } = digests(input);
  if (baseline === null && current === null) return [];
  const lines = [];
  const causes = diagnose(input.comparison, baseline, current);
  if (causes.length > 0) lines.push("", "Likely cause (from the telemetry):", ...causes.map((diagnosis) => `- ${diagnosisSentence(diagnosis)}`));
  const rows = telemetryRows(baseline, current);
  if (rows.length > 0) {
    const all = [["telemetry", "baseline", "candidate"], ...rows];
    const widths = [0, 1, 2].map((column) => Math.max(...all.map((row) => [...row[column]].length)));
    lines.push("", ...all.map((row) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join("  ")));
  }
  return lines;
}

// src/report/markdown.ts
var code = (text) => `\`${text.replaceAll("`", "'")}\``;
function verdictLine(comparison) {
  const head = VERDICT_HEAD[comparison.verdict];
  const workload = code(escapeMarkdown(comparison.current.name, { maxLength: 80 }).replaceAll("\\", ""));
  const headline = headlineMetric(comparison.metrics);
  let reason = "";
  if (comparison.verdict === "incomparable") {
    const failed = comparison.validity.filter((check) => !check.ok).map((check) => check.check.replaceAll("_", " "));
    reason = ` \u2014 ${failed.join(", ")} differ`;
  } else if (headline !== null) {
    const tolerance = headline.metric === "error_rate" ? `max +${((headline.max_increase ?? 0) * 100).toFixed(2)} pp` : `tolerance ${headline.tolerance_pct}%`;
    reason = ` \u2014 ${label(headline.metric)} ${headline.metric === "error_rate" ? formatDelta(headline) : formatPercent(headline.delta_pct)} (${tolerance})`;
  } else if (comparison.verdict === "inconclusive") {
    const invalid = comparison.validity.filter(invalidates).map((check) => check.check.replaceAll("_", " "));
    if (invalid.length > 0) reason = ` \u2014 ${invalid.join(", ")} check failed`;
  }
  return `### ${head.symbol} llm-perf-gate: **${head.word}** in ${workload}${reason}`;
}
function contextLine(input) {
  const { comparison, current } = input;
  const labels = input.labels ?? { baseline: "baseline", current: "candidate" };
  const server2 = comparison.current.server;
  const gpus = comparison.current.gpu;
  const hardware = gpus.length > 0 ? ` on ${gpus.length}\xD7 ${escapeMarkdown(gpus[0], { maxLength: 60 })}` : "";
  const changedModel = modelChange(comparison);
  const model = changedModel !== null ? `model ${escapeMarkdown(changedModel.baseline, { maxLength: 80 })} \u2192 ${escapeMarkdown(changedModel.current, { maxLength: 80 })}${hardware}` : server2.model !== null ? `${escapeMarkdown(server2.model, { maxLength: 80 })}${hardware}` : `an unnamed model${hardware}`;
  const sides = describeTrials(comparison, code);
  const link = input.baselineLink !== void 0 && /^https:\/\/[^\s()<>]+$/.test(input.baselineLink) ? ` ([run](${input.baselineLink}))` : "";
  return `Candidate ${code(escapeMarkdown(labels.current, { maxLength: 80 }))} vs baseline ${code(escapeMarkdown(labels.baseline, { maxLength: 80 }))}${link} \xB7 ${model} \xB7 ${sides} \xB7 ${escapeMarkdown(describeLoad(current))} \xB7 thresholds ${code(escapeMarkdown(comparison.thresholds.source, { maxLength: 60 }))} (${comparison.thresholds.decision})`;
}
function gatedTable(comparison) {
  const confidence = `${Math.round(comparison.thresholds.confidence * 100)}% CI`;
  const rows = comparison.metrics.filter((m) => m.gate !== "off").map((m) => {
    const delta = formatDelta(m);
    return [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === "regressed" ? `**${delta}**` : delta, formatInterval(m), formatP(m.p_adjusted), formatTolerance(m), m.gate, statusText(m)];
  });
  return markdownTable([["metric", "baseline", "candidate", "\u0394", confidence, "p (Holm)", "tolerance", "gate", "status"], ...rows], { align: ["l", "r", "r", "r", "r", "r", "r", "c", "l"] });
}
var CHART_COLORS = { baseline: { hex: "#6e7781", name: "grey" }, candidate: { hex: "#0969da", name: "blue" } };
function quantileChart(input, base) {
  const a = pooledQuantiles(input.baseline, base);
  const b = pooledQuantiles(input.current, base);
  if (a === null || b === null) return null;
  const all = [...a, ...b];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  const round = (value) => Number(value.toPrecision(4)).toString();
  const palette = `${CHART_COLORS.baseline.hex}, ${CHART_COLORS.candidate.hex}`;
  return [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    "xychart-beta",
    `    title "${label(`${base}.p50`).replace(" p50", "")} quantiles (ms)"`,
    `    x-axis [${PICTURE_QUANTILES.map((q) => `p${q}`).join(", ")}]`,
    `    y-axis "ms" ${round(Math.max(0, low - pad))} --> ${round(high + pad)}`,
    `    line [${a.map(round).join(", ")}]`,
    `    line [${b.map(round).join(", ")}]`,
    "```",
    `\u2014 baseline (${CHART_COLORS.baseline.name}) \u2014 candidate (${CHART_COLORS.candidate.name})`
  ].join("\n");
}
function reasonsList(comparison) {
  const lines = [];
  for (const m of comparison.metrics) {
    if (m.gate !== "off" && (m.status === "inconclusive" || m.reason !== void 0) && m.reason !== void 0) lines.push(`- ${label(m.metric)}: ${escapeMarkdown(m.reason, { maxLength: 300 })}`);
  }
  for (const check of comparison.validity) if (!check.ok) lines.push(`- ${check.check.replaceAll("_", " ")}${check.side !== void 0 && check.side !== "both" ? ` (${check.side})` : ""}: ${escapeMarkdown(check.detail, { maxLength: 300 })}`);
  for (const note of comparison.notes) lines.push(`- ${escapeMarkdown(note, { maxLength: 400 })}`);
  return lines.length === 0 ? null : lines.join("\n");
}
function detailsBlock(input) {
  const { comparison } = input;
  const percentiles2 = markdownTable([["metric", "baseline", "candidate", "\u0394"], ...detailRows(input.baseline, input.current).map((row) => [row.label, row.baseline, row.current, row.delta])], { align: ["l", "r", "r", "r"] });
  const validity = markdownTable(
    [["check", "side", "", "detail"], ...comparison.validity.map((check) => [check.check.replaceAll("_", " "), check.side ?? "", check.ok ? "\u2705" : "\u26A0\uFE0F", escapeMarkdown(check.detail, { maxLength: 300 })])],
    { align: ["l", "l", "c", "l"] }
  );
  const environments = ["baseline", "current"].map((side) => `**${side === "current" ? "candidate" : "baseline"}**: ${environmentLines(side === "current" ? input.current : input.baseline).map((line) => escapeMarkdown(line, { maxLength: 200 })).join(" \xB7 ")}`);
  const serverNotes = [.../* @__PURE__ */ new Set([...(input.baseline.notes ?? []).map((n) => `baseline: ${n}`), ...(input.current.notes ?? []).map((n) => `candidate: ${n}`)])];
  return [
    "<details><summary>All percentiles, validity, environment</summary>",
    "",
    percentiles2,
    "",
    validity,
    "",
    ...environments.flatMap((line) => [line, ""]),
    ...serverNotes.length > 0 ? ["What the servers did:", ...serverNotes.map((n) => `- ${escapeMarkdown(n, { maxLength: 300 })}`), ""] : [],
    `Workload ${code(escapeMarkdown(comparison.current.workload_hash.slice(0, 23)).replaceAll("\\", ""))} \xB7 metric definitions version ${comparison.definitions} \xB7 llm-perf-gate ${escapeMarkdown(comparison.current.tool_version)} \xB7 alpha ${comparison.thresholds.alpha}`,
    ...input.reproduce !== void 0 ? ["", "Reproduce locally:", "", "```sh", input.reproduce, "```"] : [],
    "",
    "</details>"
  ].join("\n");
}
function howToRead(comparison) {
  const tested = comparison.metrics.filter((m) => m.gate !== "off" && m.test !== "threshold");
  const mde = tested.map((m) => `${label(m.metric)} ${m.mde_pct === null ? "not detectable" : `\xB1${formatNumber(m.mde_pct)}%`}`);
  const lines = [
    comparison.thresholds.decision === "non-inferiority" ? "How to read this: \u2705 = the whole confidence interval lies within the tolerance; \u274C = the whole interval lies beyond it; \u26A0\uFE0F = the interval straddles the tolerance (not shown to be non-inferior: add trials)." : "How to read this: \u274C = worse beyond the tolerance with statistical confidence; \u26A0\uFE0F = beyond the tolerance but not distinguishable from run-to-run noise at this sample size (add trials); \u2705 = within tolerance."
  ];
  if (comparison.metrics.some((m) => m.gate !== "off" && m.insufficient_data === true)) lines[0] += ' "Not enough data" = too few requests a trial for that percentile: nothing was measured there (with a `warn` gate it does not change the verdict).';
  if (mde.length > 0) lines.push(`Minimum detectable change at this noise (80% power): ${mde.join(", ")}.`);
  return lines.join("\n\n");
}
function renderMarkdown(input) {
  const { comparison } = input;
  const sections = [{ title: "context", text: contextLine(input), priority: SECTION_PRIORITY.summary }];
  const changed = whatChangedMarkdown(comparison);
  if (changed !== null) sections.push({ title: "what changed", text: changed, priority: SECTION_PRIORITY.validity + 5, cut: "lines", keepLines: 4 });
  if (comparison.metrics.length > 0) {
    sections.push({ title: "gated metrics", text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: "lines", keepLines: 2 });
  }
  const reasons = reasonsList(comparison);
  if (reasons !== null) sections.push({ title: "reasons and notes", text: reasons, priority: SECTION_PRIORITY.validity, cut: "lines" });
  const errors = errorsMarkdown(input.baseline, input.current);
  if (errors !== null) sections.push({ title: "errors", text: errors, priority: SECTION_PRIORITY.validity, cut: "lines", keepLines: 2 });
  sections.push(...telemetrySections(input));
  sections.push(...historySections(comparison, input.trend ?? null));
  if (comparison.metrics.length > 0) {
    const headline = headlineMetric(comparison.metrics);
    const parsed = headline === null ? null : parseMetricName(headline.metric);
    const base = parsed?.kind === "distribution" ? parsed.base : "tpot_ms";
    const chart = quantileChart(input, base);
    if (chart !== null) sections.push({ title: "distribution picture", text: chart, priority: SECTION_PRIORITY.distribution });
    const turns = turnsMarkdown(input.baseline, input.current);
    if (turns !== null) sections.push({ title: "TTFT by turn", text: turns, priority: SECTION_PRIORITY.distribution, cut: "lines", keepLines: 4 });
    sections.push({ title: "details", text: detailsBlock(input), priority: SECTION_PRIORITY.details });
    sections.push({ title: "how to read this", text: howToRead(comparison), priority: SECTION_PRIORITY.summary - 5, cut: "lines" });
  }
  return { verdict: verdictLine(comparison), sections };
}
function joinReport(report, marker) {
  return [...marker !== void 0 ? [marker] : [], report.verdict, ...report.sections.map((section) => section.text)].join("\n\n") + "\n";
}

export {
  environmentChanges,
  minimumDetectableChange,
  holm,
  welchLogTest,
  COMPARISON_SCHEMA,
  workloadDifferences,
  comparabilityChecks,
  invalidates,
  runValidityChecks,
  detectStatus,
  nonInferiorityStatus,
  decideVerdict,
  compareResults,
  exitCodeFor,
  describeTrials,
  describeLoad,
  detailRows,
  environmentLines,
  errorsText,
  whatChangedText,
  telemetryText,
  verdictLine,
  CHART_COLORS,
  renderMarkdown,
  joinReport
};
