if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  ALL_METRIC_NAMES,
  BOOTSTRAP_VALUE_LIMIT,
  DISTRIBUTION_METRICS,
  STATISTICS,
  bootstrapPlan,
  bootstrapSideOf,
  expandedConfidence,
  metricLabel,
  metricUnit,
  parseMetricName,
  percentileOf,
  pooledValues,
  readComparableResults,
  relativeChangeIntervals,
  standardNormalCdf,
  studentTCdf,
  studentTQuantile,
  toComparable,
  worseDirection
} from "./chunk-G2ZFLVIP.js";
import {
  external_exports,
  mean,
  parseWithSchema,
  percentiles,
  readStructuredFile,
  sampleVariance,
  sortedCopy
} from "./chunk-H7FTG7TM.js";
import {
  InputError
} from "./chunk-XEZUBJ5O.js";

// src/commands/compare.ts
import { writeFileSync } from "node:fs";

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
    const count = ways[n1 * width + s];
    total += count;
    if (s <= firstSampleDoubledRankSum) atMost += count;
    if (s >= firstSampleDoubledRankSum) atLeast += count;
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
  const shareX = sampleVariance(logX, meanX) / n1;
  const shareY = sampleVariance(logY, meanY) / n2;
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
function workloadDifferences(baseline, current) {
  const ignored = /* @__PURE__ */ new Set(["workload_hash", "url", "trials"]);
  const a = flatten(baseline);
  const b = flatten(current);
  const keys = [.../* @__PURE__ */ new Set([...a.keys(), ...b.keys()])].filter((key) => !ignored.has(key.split(".")[0])).sort();
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
function comparabilityChecks(baseline, current, thresholds) {
  const checks = [];
  const sameHash = baseline.workload.workload_hash === current.workload.workload_hash;
  const differences = sameHash ? [] : workloadDifferences(baseline.workload, current.workload);
  checks.push({
    check: "workload_hash",
    ok: sameHash,
    side: "both",
    detail: sameHash ? `both ran ${baseline.workload.workload_hash}` : `the workloads differ (${differences.slice(0, 5).join("; ") || "a field outside the written workload"}${differences.length > 5 ? `; ${differences.length - 5} more` : ""})`
  });
  checks.push({
    check: "definitions",
    ok: baseline.definitions === current.definitions,
    side: "both",
    detail: `metric definitions version ${baseline.definitions} vs ${current.definitions}`
  });
  const [modelA, modelB] = [baseline.environment.server.model, current.environment.server.model];
  checks.push({
    check: "model",
    ok: modelA === null || modelB === null || modelA === modelB,
    side: "both",
    detail: modelA === modelB ? `both served ${modelA ?? "an unnamed model"}` : `the servers named different models: ${modelA ?? "none"} vs ${modelB ?? "none"}`
  });
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
  checks.push({
    check: "complete",
    ok: result.interrupted !== true && result.trials.length > 0,
    side,
    detail: result.interrupted === true ? `the run was interrupted after ${result.trials.length} trial(s)` : `${result.trials.length} trial(s) ran to the end`
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
function trialValues(result, metric) {
  return result.trials.map((trial) => metric.kind === "distribution" ? trial.summary[metric.base][metric.statistic] : trial.summary[metric.base]);
}
function perTrial(result, metric) {
  return trialValues(result, metric).filter((value) => value !== null && Number.isFinite(value));
}
function pooled(result, metric) {
  return metric.kind === "distribution" ? result.summary[metric.base][metric.statistic] : result.summary[metric.base];
}
var relative = (baseline, current) => baseline === null || current === null || baseline === 0 ? baseline === 0 && current === 0 ? 0 : null : 100 * (current - baseline) / baseline;
function sideInfo(result) {
  const server = result.environment.server;
  return {
    name: result.workload.name,
    workload_hash: result.workload.workload_hash,
    created_at: result.created_at ?? null,
    tool_version: result.tool.version,
    server: { url: server.url, model: server.model, version: server.version, engine: server.engine ?? null },
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
    const perTrialCounts = result.trials.map((trial) => trial.summary[metric.base].count);
    return unit === "trial" ? Math.min(...perTrialCounts) : perTrialCounts.reduce((a, b) => a + b, 0);
  });
  const fewest = Math.min(...counts);
  const beyond = fewest * (1 - q / 100);
  if (beyond >= minimum) return null;
  const needed = Math.ceil(minimum / (1 - q / 100));
  return `${metric.statistic} needs at least ${needed} values ${unit === "trial" ? "in every trial" : "pooled"} (${minimum} beyond it); ${unit === "trial" ? "a trial had" : "there were"} ${fewest}`;
}
function evaluate(name, spec, baseline, current, thresholds, intervals, tested, paired) {
  const metric = parseMetricName(name);
  const direction = worseDirection(metric) === 1 ? "lower_is_better" : "higher_is_better";
  const pairs = paired ? pairedValues(trialValues(baseline, metric), trialValues(current, metric)) : null;
  const ratios = pairs === null ? null : logRatios(pairs.baseline, pairs.current);
  const d = ratios?.ok === true ? ratios.d : null;
  const bTrials = d !== null ? pairs.baseline : perTrial(baseline, metric);
  const cTrials = d !== null ? pairs.current : perTrial(current, metric);
  const baselineValue = pooled(baseline, metric);
  const currentValue = pooled(current, metric);
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
    const { result, test, unit: scalarUnit, mde: mde2, count } = d !== null ? { result: pairedLogTTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: "paired-t-log", unit: "pair", mde: minimumDetectablePairedChange(d, { alpha: alphaPerTest, test: "paired-t-log" }), count: `${bTrials.length} pairs` } : { result: welchLogTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: "welch-log", unit: "trial", mde: minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: "welch-log" }), count: `per-trial values ${bTrials.length} vs ${cTrials.length}` };
    return {
      ...common,
      ci_low_pct: result.ok ? 100 * (result.ratioCi.low - 1) : null,
      ci_high_pct: result.ok ? 100 * (result.ratioCi.high - 1) : null,
      p_value: result.ok ? result.p : null,
      test: result.ok ? test : "none",
      unit: scalarUnit,
      mde_pct: mde2.ok ? mde2.changePct : null,
      tooFewSamples: null,
      ...result.ok ? {} : { reason: `not tested: ${result.reason.replaceAll("_", " ")} (${count})` }
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
function compareResults(baselineResult, currentResult, thresholds) {
  const baseline = toComparable(baselineResult);
  const current = toComparable(currentResult);
  const notes = [];
  const head = {
    schema: COMPARISON_SCHEMA,
    definitions: current.definitions,
    thresholds: { source: thresholds.source, alpha: thresholds.alpha, confidence: thresholds.confidence, decision: thresholds.decision, fail_on_inconclusive: thresholds.fail_on_inconclusive },
    baseline: sideInfo(baseline),
    current: sideInfo(current)
  };
  const comparability = comparabilityChecks(baseline, current, thresholds);
  if (comparability.some((check) => !check.ok)) {
    notes.push("the two results cannot be compared: no metric was tested");
    return { ...head, verdict: "incomparable", metrics: [], validity: comparability, notes };
  }
  const validity = [...comparability, ...runValidityChecks(baseline, "baseline", thresholds), ...runValidityChecks(current, "current", thresholds)];
  const names = Object.keys(thresholds.metrics);
  const tested = names.filter((name) => thresholds.metrics[name].gate !== "off" && name !== "error_rate").length;
  const pairing = pairingOf(baseline, current);
  if (pairing.kind === "unpaired") notes.push(pairing.note);
  const summary = pairing.kind === "paired" ? { run: pairing.run, pairs: pairing.pairs, tests: pairedTestsPossible(pairing.pairs, thresholds.alpha, tested) ? "paired" : "independent" } : null;
  if (summary !== null) notes.push(pairingNote(summary, thresholds.alpha, tested));
  const intervals = bootstrapIntervals(baseline, current, thresholds, summary?.run ?? null, notes);
  const evaluated = names.map((name) => evaluate(name, thresholds.metrics[name], baseline, current, thresholds, intervals, tested, summary?.tests === "paired"));
  const gatedP = evaluated.map((m) => m.gate === "off" ? null : m.p_value);
  const adjusted = holm(gatedP);
  const decide = thresholds.decision === "non-inferiority" ? nonInferiorityStatus : detectStatus;
  const metrics = evaluated.map((m, index) => {
    const { parsed: _parsed, tooFewSamples: _tooFew, ...rest } = m;
    const decision = decide(m, adjusted[index] ?? null, thresholds.alpha);
    const reason = decision.reason ?? rest.reason;
    return { ...rest, p_adjusted: adjusted[index] ?? null, status: decision.status, ...reason !== void 0 ? { reason } : {} };
  });
  if (evaluated.some((m) => m.unit === "request" && m.test === "mann-whitney")) {
    notes.push(`fewer than ${MIN_TRIALS_FOR_TRIAL_LEVEL} trials a side (${baseline.trials.length} vs ${current.trials.length}): latency statistics were tested request by request, which treats requests as independent; run-to-run variance could not be estimated, so p-values are optimistic`);
  }
  return { ...head, ...summary !== null ? { pairing: summary } : {}, verdict: decideVerdict(metrics, validity, notes), metrics, validity, notes };
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

// src/config/thresholds.ts
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var PRESETS = ["pr", "nightly", "release"];
var percentGate = external_exports.strictObject({
  tolerance_pct: external_exports.number().min(0, { error: "expected a percentage >= 0" }).optional(),
  max_increase: external_exports.number().min(0, { error: "expected an absolute increase >= 0, e.g. 0.01 for one percentage point" }).optional(),
  gate: external_exports.enum(["fail", "warn", "off"], { error: "expected one of fail, warn, off" }).default("fail")
});
var thresholdsSchema = external_exports.strictObject({
  alpha: external_exports.number().gt(0).lt(1, { error: "expected a significance level in (0, 1), e.g. 0.05" }).default(0.05),
  confidence: external_exports.number().gt(0).lt(1, { error: "expected a confidence level in (0, 1), e.g. 0.95" }).default(0.95),
  decision: external_exports.enum(["detect", "non-inferiority"], { error: "expected detect or non-inferiority" }).default("detect"),
  fail_on_inconclusive: external_exports.boolean().default(false),
  bootstrap: external_exports.strictObject({
    iterations: external_exports.number().int().min(200, { error: "expected at least 200 resamples" }).max(1e5).default(2e3),
    seed: external_exports.number().int().default(0)
  }).default({ iterations: 2e3, seed: 0 }),
  metrics: external_exports.record(external_exports.string(), percentGate).superRefine((metrics, ctx) => {
    for (const [name, gate] of Object.entries(metrics)) {
      const metric = parseMetricName(name);
      if (metric === null) {
        ctx.addIssue({ code: "custom", path: [name], message: `unknown metric; expected one of ${ALL_METRIC_NAMES.join(", ")}` });
        continue;
      }
      if (name === "error_rate") {
        if (gate.max_increase === void 0 && gate.gate !== "off") ctx.addIssue({ code: "custom", path: [name, "max_increase"], message: "error_rate is gated by max_increase (an absolute increase, e.g. 0.01)" });
      } else if (gate.tolerance_pct === void 0 && gate.gate !== "off") {
        ctx.addIssue({ code: "custom", path: [name, "tolerance_pct"], message: "expected tolerance_pct: the change in percent that counts as a regression" });
      }
    }
  }),
  validity: external_exports.strictObject({
    min_achieved_rate_ratio: external_exports.number().gt(0).max(1).default(0.95),
    max_schedule_lag_p99_ms: external_exports.number().positive().default(10),
    max_closed_loop_lag_share: external_exports.number().min(0).max(1).default(0.02),
    max_output_tokens_mismatch: external_exports.number().min(0).default(0.02),
    max_error_rate: external_exports.number().min(0).max(1).default(0.05),
    min_tail_samples: external_exports.number().int().min(1).default(5),
    max_host_cpu_steal: external_exports.number().min(0).max(1).default(0.1)
  }).default({ min_achieved_rate_ratio: 0.95, max_schedule_lag_p99_ms: 10, max_closed_loop_lag_share: 0.02, max_output_tokens_mismatch: 0.02, max_error_rate: 0.05, min_tail_samples: 5, max_host_cpu_steal: 0.1 })
});
function presetDirectory() {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "..", "thresholds"), join(here, "..", "..", "thresholds")]) {
    if (existsSync(join(candidate, "pr.yml"))) return candidate;
  }
  throw new Error(`the shipped threshold presets were not found next to ${here}`);
}
function presetPath(name) {
  return join(presetDirectory(), `${name}.yml`);
}
function loadThresholds(nameOrPath) {
  const given = nameOrPath ?? "pr";
  const isPreset = PRESETS.includes(given);
  if (!isPreset && !existsSync(given)) {
    throw new InputError(`thresholds: ${JSON.stringify(given)} is neither a preset (${PRESETS.join(", ")}) nor an existing file`);
  }
  const file = isPreset ? presetPath(given) : resolve(given);
  const parsed = parseWithSchema(thresholdsSchema, readStructuredFile(file, "thresholds"), isPreset ? `preset ${given} (${file})` : file, "thresholds");
  return { ...parsed, source: isPreset ? given : file };
}

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table2, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table2.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table2[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table2[rowIndex].length;
    }
    while (++columnIndex2 < table2[rowIndex].length) {
      const cell = serialize(table2[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code2 = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code2;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code2 = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code2 === 99) {
      before = ":";
      after = ":";
    } else if (code2 === 108) {
      before = ":";
    } else if (code2 === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code2 = alignments[columnIndex];
        if (code2 === 114) {
          before = " ".repeat(size);
        } else if (code2 === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code2 = typeof value === "string" ? value.codePointAt(0) : 0;
  return code2 === 67 || code2 === 99 ? 99 : code2 === 76 || code2 === 108 ? 108 : code2 === 82 || code2 === 114 ? 114 : 0;
}

// src/github/escape.ts
var INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029]/g;
var HTML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
var MARKDOWN_PUNCTUATION = /[\\`*_[\]|~$]/g;
var ZWSP = "\u200B";
function escapeMarkdown(text, options = {}) {
  let plain = String(text).replace(LINE_BREAKS, " ").replace(INVISIBLE_OR_CONTROL, "");
  if (options.maxLength !== void 0 && plain.length > options.maxLength) {
    plain = `${Array.from(plain).slice(0, Math.max(0, options.maxLength - 1)).join("")}\u2026`;
  }
  let escaped = plain.replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`).replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char).replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`).replace(/#(?=[0-9])/g, `#${ZWSP}`).replace(/:\/\//g, `:${ZWSP}//`).replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${ZWSP}.`);
  escaped = escaped.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  return escaped;
}

// src/github/comment-body.ts
var SECTION_PRIORITY = {
  gatedMetrics: 100,
  summary: 80,
  validity: 60,
  distribution: 40,
  details: 10
};

// src/report/format.ts
var formatters = /* @__PURE__ */ new Map();
function formatNumber(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  let formatter = formatters.get(digits);
  if (formatter === void 0) {
    formatter = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}
function formatValue(metric, value) {
  if (value === null) return "\u2014";
  if (metric === "error_rate") return `${(100 * value).toFixed(2)}%`;
  const parsed = parseMetricName(metric);
  const unit = parsed === null ? "" : metricUnit(parsed);
  return unit === "" ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}
function formatPercent(value, digits = 1) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toFixed(digits);
  return rounded > 0 ? `+${text}%` : rounded < 0 ? `\u2212${text}%` : `${text}%`;
}
function formatDelta(m) {
  if (m.metric === "error_rate") {
    if (m.delta_abs === null || m.delta_abs === void 0) return "\u2014";
    const points = 100 * m.delta_abs;
    return points === 0 ? "\u2014" : `${points > 0 ? "+" : "\u2212"}${Math.abs(points).toFixed(2)} pp`;
  }
  return formatPercent(m.delta_pct);
}
function formatInterval(m) {
  if (m.ci_low_pct === null || m.ci_high_pct === null) return "\u2014";
  return `${formatPercent(m.ci_low_pct)} \u2026 ${formatPercent(m.ci_high_pct)}`;
}
function formatP(p) {
  if (p === null) return "\u2014";
  if (p < 1e-3) return "<0.001";
  return p < 0.01 ? p.toFixed(3) : p.toFixed(2);
}
function label(metric) {
  const parsed = parseMetricName(metric);
  return parsed === null ? metric : metricLabel(parsed);
}
var STATUS_SYMBOL = {
  pass: "\u2705",
  improved: "\u{1F680} improved",
  inconclusive: "\u26A0\uFE0F inconclusive",
  regressed: "\u274C"
};
function statusSymbol(m) {
  if (m.status === "regressed" && m.gate === "warn") return "\u26A0\uFE0F regressed (warn)";
  return STATUS_SYMBOL[m.status];
}
var VERDICT_HEAD = {
  pass: { symbol: "\u2705", word: "pass" },
  fail: { symbol: "\u274C", word: "regression" },
  inconclusive: { symbol: "\u26A0\uFE0F", word: "inconclusive" },
  incomparable: { symbol: "\u{1F6AB}", word: "incomparable" }
};
function headlineMetric(metrics) {
  const worseBy = (m) => m.delta_pct === null ? 0 : m.direction === "lower_is_better" ? m.delta_pct : -m.delta_pct;
  const pick = (list) => list.length === 0 ? null : list.reduce((a, b) => worseBy(b) > worseBy(a) ? b : a);
  return pick(metrics.filter((m) => m.gate === "fail" && m.status === "regressed")) ?? pick(metrics.filter((m) => m.gate === "fail" && m.status === "inconclusive")) ?? pick(metrics.filter((m) => m.gate === "warn" && m.status === "regressed"));
}

// src/report/shared.ts
function describeTrials(comparison, quote) {
  const requests = `${comparison.current.requests_per_trial} requests`;
  const pairing = comparison.pairing;
  if (pairing === void 0) return `${comparison.baseline.trials} vs ${comparison.current.trials} trials \xD7 ${requests}`;
  return `${pairing.pairs} back-to-back pairs of trials \xD7 ${requests} (one ${quote("ab")} run${pairing.tests === "paired" ? ", tested pair by pair" : ""})`;
}
var PICTURE_QUANTILES = [10, 25, 50, 75, 90, 95, 99];
function describeLoad(result) {
  const load = result.workload.load;
  if (load === void 0) return "load unknown";
  const cap = load.concurrency !== void 0 ? `, at most ${load.concurrency} in flight` : "";
  const arrival = load.arrival === "gamma" ? `gamma (burstiness ${load.burstiness})` : load.arrival === "constant" ? "constant" : "Poisson";
  if (load.ramp !== void 0 && load.ramp.length > 0) return `${arrival} ramp ${load.ramp.map((stage) => stage.rate).join("\u2192")} req/s${cap}`;
  if (load.rate !== void 0) return `${arrival} ${load.rate} req/s${cap}`;
  return `concurrency ${load.concurrency} (closed loop)`;
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
  const { server, gpu, runner } = result.environment;
  const lines = [
    `server ${server.url}${server.engine ? ` (${server.engine}${server.version ? ` ${server.version}` : ""})` : server.version ? ` (version ${server.version})` : ""}`,
    `model ${server.model ?? "not reported"}`,
    gpu.length > 0 ? `${gpu.length}\xD7 ${gpu[0].name}${gpu[0].driver_version ? `, driver ${gpu[0].driver_version}` : ""}` : "no GPU reported",
    `runner ${runner.os} ${runner.arch}, ${runner.cpu_count}\xD7 ${runner.cpu_model}, Node ${runner.node}`,
    `${result.trials.length} trials \xD7 ${toComparable(result).trials[0]?.columns.records ?? 0} requests, run ${result.created_at ?? "at an unknown time"} with llm-perf-gate ${result.tool.version}`
  ];
  if (result.interrupted === true) lines.push("interrupted");
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
  const server = comparison.current.server;
  const gpus = comparison.current.gpu;
  const hardware = gpus.length > 0 ? ` on ${gpus.length}\xD7 ${escapeMarkdown(gpus[0], { maxLength: 60 })}` : "";
  const model = server.model !== null ? `${escapeMarkdown(server.model, { maxLength: 80 })}${hardware}` : `an unnamed model${hardware}`;
  const sides = describeTrials(comparison, code);
  return `Candidate ${code(escapeMarkdown(labels.current, { maxLength: 80 }))} vs baseline ${code(escapeMarkdown(labels.baseline, { maxLength: 80 }))} \xB7 ${model} \xB7 ${sides} \xB7 ${describeLoad(current)} \xB7 thresholds ${code(escapeMarkdown(comparison.thresholds.source, { maxLength: 60 }))} (${comparison.thresholds.decision})`;
}
function gatedTable(comparison) {
  const confidence = `${Math.round(comparison.thresholds.confidence * 100)}% CI`;
  const rows = comparison.metrics.filter((m) => m.gate !== "off").map((m) => {
    const delta = formatDelta(m);
    return [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === "regressed" ? `**${delta}**` : delta, formatInterval(m), formatP(m.p_adjusted), statusSymbol(m)];
  });
  return markdownTable([["metric", "baseline", "candidate", "\u0394", confidence, "p (Holm)", ""], ...rows], { align: ["l", "r", "r", "r", "r", "r", "c"] });
}
function quantileChart(input, base) {
  const a = pooledQuantiles(input.baseline, base);
  const b = pooledQuantiles(input.current, base);
  if (a === null || b === null) return null;
  const all = [...a, ...b];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  const round = (value) => Number(value.toPrecision(4)).toString();
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${label(`${base}.p50`).replace(" p50", "")} quantiles (ms): baseline, then candidate"`,
    `    x-axis [${PICTURE_QUANTILES.map((q) => `p${q}`).join(", ")}]`,
    `    y-axis "ms" ${round(Math.max(0, low - pad))} --> ${round(high + pad)}`,
    `    line [${a.map(round).join(", ")}]`,
    `    line [${b.map(round).join(", ")}]`,
    "```"
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
    `Workload ${code(comparison.current.workload_hash.slice(0, 23))} \xB7 metric definitions version ${comparison.definitions} \xB7 llm-perf-gate ${escapeMarkdown(comparison.current.tool_version)} \xB7 alpha ${comparison.thresholds.alpha}`,
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
  if (mde.length > 0) lines.push(`Minimum detectable change at this noise (80% power): ${mde.join(", ")}.`);
  return lines.join("\n");
}
function renderMarkdown(input) {
  const { comparison } = input;
  const sections = [{ title: "context", text: contextLine(input), priority: SECTION_PRIORITY.summary }];
  if (comparison.metrics.length > 0) {
    sections.push({ title: "gated metrics", text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: "lines", keepLines: 2 });
  }
  const reasons = reasonsList(comparison);
  if (reasons !== null) sections.push({ title: "reasons and notes", text: reasons, priority: SECTION_PRIORITY.validity, cut: "lines" });
  if (comparison.metrics.length > 0) {
    const headline = headlineMetric(comparison.metrics);
    const parsed = headline === null ? null : parseMetricName(headline.metric);
    const base = parsed?.kind === "distribution" ? parsed.base : "tpot_ms";
    const chart = quantileChart(input, base);
    if (chart !== null) sections.push({ title: "distribution picture", text: chart, priority: SECTION_PRIORITY.distribution });
    sections.push({ title: "details", text: detailsBlock(input), priority: SECTION_PRIORITY.details });
    sections.push({ title: "how to read this", text: howToRead(comparison), priority: SECTION_PRIORITY.summary - 5, cut: "lines" });
  }
  return { verdict: verdictLine(comparison), sections };
}
function joinReport(report, marker) {
  return [...marker !== void 0 ? [marker] : [], report.verdict, ...report.sections.map((section) => section.text)].join("\n\n") + "\n";
}

// src/report/text.ts
function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows.map((row) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join("  ").trimEnd());
}
function renderText(input) {
  const { comparison } = input;
  const head = VERDICT_HEAD[comparison.verdict];
  const headline = headlineMetric(comparison.metrics);
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: ${comparison.current.name}${headline !== null ? ` (${label(headline.metric)} ${formatDelta(headline)})` : ""}`];
  lines.push(`${describeTrials(comparison, (text) => text)} \xB7 ${describeLoad(input.current)} \xB7 thresholds ${comparison.thresholds.source} (${comparison.thresholds.decision}, alpha ${comparison.thresholds.alpha})`);
  const gated = comparison.metrics.filter((m) => m.gate !== "off");
  if (gated.length > 0) {
    lines.push("");
    const ci = `${Math.round(comparison.thresholds.confidence * 100)}% CI`;
    lines.push(...table([["metric", "baseline", "candidate", "delta", ci, "p (Holm)", "tolerance", "status"], ...gated.map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), formatDelta(m), formatInterval(m), formatP(m.p_adjusted), m.metric === "error_rate" ? `+${formatNumber((m.max_increase ?? 0) * 100)} pp` : `${m.tolerance_pct}%`, `${statusSymbol(m)}${m.gate === "warn" && m.status !== "regressed" ? " (warn)" : ""}`])]));
  }
  const why = [];
  for (const m of gated) if (m.reason !== void 0) why.push(`${label(m.metric)}: ${m.reason}`);
  for (const check of comparison.validity) if (!check.ok) why.push(`${check.check.replaceAll("_", " ")}${check.side !== void 0 && check.side !== "both" ? ` (${check.side})` : ""}: ${check.detail}`);
  why.push(...comparison.notes);
  if (why.length > 0) lines.push("", ...why.map((line) => `- ${line}`));
  const mde = gated.filter((m) => m.test !== "threshold").map((m) => `${label(m.metric)} ${m.mde_pct === null ? "not detectable" : `\xB1${formatNumber(m.mde_pct)}%`}`);
  if (mde.length > 0) lines.push("", `Minimum detectable change at this noise (80% power): ${mde.join(", ")}.`);
  return `${lines.join("\n")}
`;
}

// src/commands/compare.ts
var FORMATS = ["text", "markdown", "json"];
function renderReport(input, format) {
  if (format === "json") return `${JSON.stringify(input.comparison, null, 2)}
`;
  if (format === "markdown") return joinReport(renderMarkdown(input));
  return renderText(input);
}
function compareAndReport(baseline, current, options, io) {
  const thresholds = typeof options.thresholds === "object" ? options.thresholds : loadThresholds(options.thresholds);
  const comparison = compareResults(baseline, current, thresholds);
  const input = { comparison, baseline, current, ...options.labels !== void 0 ? { labels: options.labels } : {}, ...options.reproduce !== void 0 ? { reproduce: options.reproduce } : {} };
  const format = options.format ?? "text";
  io.stdout.write(renderReport(input, format));
  if (options.out !== void 0) writeFileSync(options.out, renderReport(input, format));
  return { comparison, exitCode: exitCodeFor(comparison) };
}
async function compareCommand(options, io) {
  const format = options.format ?? "text";
  if (!FORMATS.includes(format)) throw new InputError(`--format: got ${JSON.stringify(format)}; expected one of ${FORMATS.join(", ")}`);
  const thresholds = loadThresholds(options.thresholds);
  const [baseline, current] = await readComparableResults([
    { path: options.baseline, role: "baseline", resample: { thresholds, side: "baseline" } },
    { path: options.current, role: "current result", resample: { thresholds, side: "current" }, ahead: options.currentAhead ?? null }
  ]);
  return compareAndReport(baseline, current, { thresholds, format, out: options.out, labels: { baseline: options.baseline, current: options.current }, reproduce: `npx llm-perf-gate compare --baseline ${options.baseline} --current ${options.current}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}` }, io).exitCode;
}

export {
  renderMarkdown,
  joinReport,
  FORMATS,
  renderReport,
  compareAndReport,
  compareCommand
};
