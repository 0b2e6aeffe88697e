import type { Thresholds } from '../config/thresholds.js'
import { environmentChanges } from '../result/fingerprint.js'
import { pooledValues, toComparable, type ComparableResult, type ResultLike } from '../result/columns.js'
import { expandedConfidence, relativeChangeIntervals, type RelativeChangeResult } from '../stats/bootstrap.js'
import { minimumDetectableChange, minimumDetectablePairedChange } from '../stats/detectable-effect.js'
import { holm } from '../stats/holm.js'
import { mannWhitneyU } from '../stats/mann-whitney.js'
import { logRatios, pairedLogTTest, wilcoxonSignedRank } from '../stats/paired.js'
import { welchLogTest } from '../stats/welch.js'
import { BOOTSTRAP_VALUE_LIMIT, bootstrapPlan, bootstrapSideOf } from './bootstrap-sides.js'
import { judgeAgainstHistory, type JobHistory } from './job-variation.js'
import { parseMetricName, percentileOf, worseDirection, type MetricName } from '../metrics/metric-names.js'
import { pairedTestsPossible, pairedValues, pairingOf } from './pairs.js'
import { RecordStatistics, trialCount } from './trial-statistics.js'
import { COMPARISON_SCHEMA, type Comparison, type Gate, type MetricComparison, type MetricStatus, type PairingSummary, type SideInfo, type ValidityCheck, type Verdict } from './types.js'
import { comparabilityChecks, invalidates, runValidityChecks } from './validity.js'

/** Trial-level tests need at least this many trials a side (docs/file-formats.md, comparison). */
export const MIN_TRIALS_FOR_TRIAL_LEVEL = 3
type MetricSpec = Thresholds['metrics'][string]

/** Each trial's value of the statistic, in trial order, null where a trial has none: from the records (trial-statistics.ts). */
function trialValues(result: ComparableResult, metric: MetricName, statistics: RecordStatistics): Array<number | null> {
  return statistics.perTrial(result, metric)
}

function perTrial(result: ComparableResult, metric: MetricName, statistics: RecordStatistics): number[] {
  return trialValues(result, metric, statistics).filter((value): value is number => value !== null && Number.isFinite(value))
}

const relative = (baseline: number | null, current: number | null): number | null =>
  baseline === null || current === null || baseline === 0 ? (baseline === 0 && current === 0 ? 0 : null) : (100 * (current - baseline)) / baseline

function sideInfo(result: ComparableResult): SideInfo {
  const server = result.environment.server
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
  }
}

interface Evaluated extends Omit<MetricComparison, 'p_adjusted' | 'status'> {
  parsed: MetricName
  /** Percentile with too few samples beyond it to say anything. */
  tooFewSamples: string | null
}

/** Enough requests beyond a percentile, in every trial (trial unit) or pooled (request unit). */
function tailCheck(metric: MetricName, baseline: ComparableResult, current: ComparableResult, unit: 'trial' | 'request', minimum: number): string | null {
  if (metric.kind !== 'distribution') return null
  const q = percentileOf(metric.statistic)
  if (q === null || q <= 50) return null
  const counts = [baseline, current].map((result) => {
    const perTrialCounts = result.trials.map((trial) => trialCount(trial, metric.base))
    return unit === 'trial' ? Math.min(...perTrialCounts) : perTrialCounts.reduce((a, b) => a + b, 0)
  })
  const fewest = Math.min(...counts)
  const beyond = (fewest * (100 - q)) / 100
  if (beyond >= minimum) return null
  const needed = Math.ceil((minimum * 100) / (100 - q))
  return `${metric.statistic} needs at least ${needed} values ${unit === 'trial' ? 'in every trial' : 'pooled'} (${minimum} beyond it); ${unit === 'trial' ? 'a trial had' : 'there were'} ${fewest}`
}

function evaluate(name: string, spec: MetricSpec, baseline: ComparableResult, current: ComparableResult, thresholds: Thresholds, intervals: Map<string, RelativeChangeResult>, tested: number, paired: boolean, statistics: RecordStatistics): Evaluated {
  const metric = parseMetricName(name)!
  const direction = worseDirection(metric) === 1 ? 'lower_is_better' : 'higher_is_better'
  const pairs = paired ? pairedValues(trialValues(baseline, metric, statistics), trialValues(current, metric, statistics)) : null
  const ratios = pairs === null ? null : logRatios(pairs.baseline, pairs.current)
  // A statistic that is 0 in some trial has no log ratio: that metric is tested as independent trials.
  const d = ratios?.ok === true ? ratios.d : null
  const bTrials = d !== null ? pairs!.baseline : perTrial(baseline, metric, statistics)
  const cTrials = d !== null ? pairs!.current : perTrial(current, metric, statistics)
  const baselineValue = statistics.pooled(baseline, metric)
  const currentValue = statistics.pooled(current, metric)
  const unit: 'trial' | 'request' = bTrials.length >= MIN_TRIALS_FOR_TRIAL_LEVEL && cTrials.length >= MIN_TRIALS_FOR_TRIAL_LEVEL ? 'trial' : 'request'
  const common = {
    metric: name,
    parsed: metric,
    baseline: baselineValue,
    current: currentValue,
    delta_pct: relative(baselineValue, currentValue),
    tolerance_pct: spec.tolerance_pct ?? null,
    gate: spec.gate as Gate,
    direction: direction as MetricComparison['direction'],
    trials: { baseline: bTrials, current: cTrials }
  }
  if (metric.base === 'error_rate') {
    return {
      ...common,
      ci_low_pct: null,
      ci_high_pct: null,
      p_value: null,
      test: 'threshold',
      unit: 'trial',
      delta_abs: baselineValue === null || currentValue === null ? null : currentValue - baselineValue,
      max_increase: spec.max_increase ?? null,
      mde_pct: null,
      tooFewSamples: null
    }
  }
  const alphaPerTest = thresholds.alpha / Math.max(1, tested)
  if (metric.kind === 'scalar') {
    // Throughput-like scalars: a t-test on logarithms, of the pairs' ratios or of two independent samples.
    const { result, test, unit: scalarUnit, mde, count } =
      d !== null
        ? { result: pairedLogTTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: 'paired-t-log' as const, unit: 'pair' as const, mde: minimumDetectablePairedChange(d, { alpha: alphaPerTest, test: 'paired-t-log' }), count: `${bTrials.length} pairs` }
        : { result: welchLogTest(bTrials, cTrials, { confidence: thresholds.confidence }), test: 'welch-log' as const, unit: 'trial' as const, mde: minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: 'welch-log' }), count: `per-trial values ${bTrials.length} vs ${cTrials.length}` }
    return {
      ...common,
      ci_low_pct: result.ok ? 100 * (result.ratioCi.low - 1) : null,
      ci_high_pct: result.ok ? 100 * (result.ratioCi.high - 1) : null,
      p_value: result.ok ? result.p : null,
      test: result.ok ? test : 'none',
      unit: scalarUnit,
      mde_pct: mde.ok ? mde.changePct : null,
      tooFewSamples: null,
      ...(result.ok ? {} : { reason: `not tested: ${result.reason.replaceAll('_', ' ')} (${count})` })
    }
  }
  const interval = intervals.get(name)
  const intervalFields = { ci_low_pct: interval?.ok === true ? interval.lowPct : null, ci_high_pct: interval?.ok === true ? interval.highPct : null }
  if (d !== null) {
    const signedRank = wilcoxonSignedRank(d)
    const mde = minimumDetectablePairedChange(d, { alpha: alphaPerTest, test: 'signed-rank' })
    return {
      ...common,
      ...intervalFields,
      p_value: signedRank.ok ? signedRank.p : null,
      test: 'wilcoxon-signed-rank',
      unit: 'pair',
      mde_pct: mde.ok ? mde.changePct : null,
      tooFewSamples: tailCheck(metric, baseline, current, 'trial', thresholds.validity.min_tail_samples),
      ...(!signedRank.ok
        ? { reason: `every pair's ${metric.statistic} was the same on both sides` }
        : !mde.ok && mde.reason === 'never_significant'
          ? { reason: `with ${d.length} pairs the smallest attainable p is ${Number(mde.minimumP!.toPrecision(3))}, not below alpha: add trials` }
          : {})
    }
  }
  let p: number | null = null
  if (unit === 'trial') {
    p = mannWhitneyU(bTrials, cTrials, { method: 'auto' }).p
  } else {
    const a = pooledValues(baseline, metric.base)
    const b = pooledValues(current, metric.base)
    if (a.length > 0 && b.length > 0) p = mannWhitneyU(a, b, { method: 'asymptotic', continuity: true }).p
  }
  const mde = unit === 'trial' ? minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: 'mann-whitney' }) : null
  return {
    ...common,
    ...intervalFields,
    p_value: p,
    test: p === null ? 'none' : 'mann-whitney',
    unit,
    mde_pct: mde?.ok === true ? mde.changePct : null,
    tooFewSamples: tailCheck(metric, baseline, current, unit, thresholds.validity.min_tail_samples),
    ...(mde !== null && !mde.ok && mde.reason === 'never_significant'
      ? { reason: `with ${bTrials.length} vs ${cTrials.length} trials the smallest attainable p is ${mde.minimumP!.toFixed(3)}, not below alpha: add trials` }
      : {})
  }
}

/** Bootstrap intervals for every distribution metric, from each side's resamples. */
function bootstrapIntervals(baseline: ComparableResult, current: ComparableResult, thresholds: Thresholds, pairedRun: string | null, notes: string[]): Map<string, RelativeChangeResult> {
  const intervals = new Map<string, RelativeChangeResult>()
  const a = bootstrapSideOf(baseline, thresholds, 'baseline', pairedRun)
  const b = bootstrapSideOf(current, thresholds, 'current', pairedRun)
  // The trial is the unit of replication: with few trials the plain percentile interval is too narrow.
  const trials = Math.min(baseline.trials.length, current.trials.length)
  const confidence = trials >= MIN_TRIALS_FOR_TRIAL_LEVEL ? expandedConfidence(thresholds.confidence, trials) : thresholds.confidence
  for (const [base, wanted] of bootstrapPlan(thresholds)) {
    const sideA = a.get(base)!
    const sideB = b.get(base)!
    const stride = Math.max(sideA.stride, sideB.stride)
    if (stride > 1) notes.push(`${base} intervals resampled every ${stride}th value in arrival order (more than ${BOOTSTRAP_VALUE_LIMIT} a side)`)
    const results = relativeChangeIntervals(sideA.replicates, sideB.replicates, wanted.length, confidence)
    wanted.forEach((w, index) => intervals.set(w.name, results[index]!))
  }
  return intervals
}

/** What a status decision reads of a metric: everything evaluated but its parsed name (sweeps decide `capacity_at_slo` with these too). */
export type Decidable = Omit<Evaluated, 'parsed'>

/** Status under `detect`: beyond tolerance and significant; beyond tolerance alone is inconclusive (docs/file-formats.md, comparison). */
export function detectStatus(m: Decidable, pAdjusted: number | null, alpha: number): { status: MetricStatus; reason?: string } {
  if (m.test === 'threshold') {
    if (m.delta_abs === null || m.delta_abs === undefined || m.max_increase === null || m.max_increase === undefined) return { status: 'pass' }
    return m.delta_abs > m.max_increase ? { status: 'regressed' } : { status: 'pass' }
  }
  if (m.delta_pct === null) return { status: 'inconclusive', reason: m.reason ?? 'no value on one side' }
  const worse = m.direction === 'lower_is_better' ? m.delta_pct : -m.delta_pct
  const tolerance = m.tolerance_pct ?? 0
  const p = m.gate === 'off' ? m.p_value : pAdjusted
  const significant = p !== null && p < alpha
  if (m.tooFewSamples !== null) return { status: 'inconclusive', reason: `too few samples: ${m.tooFewSamples}` }
  if (worse > tolerance) return significant ? { status: 'regressed' } : { status: 'inconclusive', reason: m.reason ?? 'beyond the tolerance but not distinguishable from run-to-run noise at this sample size' }
  if (-worse > tolerance && significant) return { status: 'improved' }
  return { status: 'pass' }
}

/** Status under `non-inferiority`: pass only when the whole interval lies inside the tolerance. */
export function nonInferiorityStatus(m: Decidable, pAdjusted: number | null, alpha: number): { status: MetricStatus; reason?: string } {
  if (m.test === 'threshold') return detectStatus(m, pAdjusted, alpha)
  if (m.tooFewSamples !== null) return { status: 'inconclusive', reason: `too few samples: ${m.tooFewSamples}` }
  if (m.ci_low_pct === null || m.ci_high_pct === null) return { status: 'inconclusive', reason: m.reason ?? 'no confidence interval' }
  const tolerance = m.tolerance_pct ?? 0
  const [worstPlausible, bestPlausible] = m.direction === 'lower_is_better' ? [m.ci_high_pct, m.ci_low_pct] : [-m.ci_low_pct, -m.ci_high_pct]
  if (worstPlausible <= tolerance) return { status: -bestPlausible > tolerance ? 'improved' : 'pass' }
  if (bestPlausible > tolerance) return { status: 'regressed' }
  return { status: 'inconclusive', reason: `the interval reaches ${worstPlausible.toFixed(1)}% worse, beyond the ${tolerance}% tolerance: not shown to be non-inferior` }
}

export function decideVerdict(metrics: MetricComparison[], validity: ValidityCheck[], notes: string[]): Verdict {
  const failed = metrics.filter((m) => m.gate === 'fail' && m.status === 'regressed')
  const invalid = validity.filter(invalidates)
  const errorRegression = failed.some((m) => m.metric === 'error_rate')
  if (invalid.length > 0 && !errorRegression) {
    if (failed.length > 0) notes.push(`${failed.map((m) => m.metric).join(', ')} regressed, but the run did not measure what it set out to (${[...new Set(invalid.map((c) => c.check))].join(', ')}): the verdict is inconclusive rather than a failure that may come from the measurement`)
    return 'inconclusive'
  }
  if (failed.length > 0) return 'fail'
  if (metrics.some((m) => m.gate === 'fail' && m.status === 'inconclusive')) return 'inconclusive'
  return 'pass'
}

export interface CompareOptions {
  /** Past runs, to account for job-to-job variation (docs/method-history.md, job-variation.ts). */
  history?: JobHistory
}

/** Compares a current result with a baseline under a thresholds file (docs/file-formats.md, comparison). Pure and deterministic. */
export function compareResults(baselineResult: ResultLike, currentResult: ResultLike, thresholds: Thresholds, options: CompareOptions = {}): Comparison {
  const baseline = toComparable(baselineResult)
  const current = toComparable(currentResult)
  const notes: string[] = []
  const head = {
    schema: COMPARISON_SCHEMA,
    definitions: current.definitions,
    thresholds: { source: thresholds.source, alpha: thresholds.alpha, confidence: thresholds.confidence, decision: thresholds.decision, fail_on_inconclusive: thresholds.fail_on_inconclusive },
    baseline: sideInfo(baseline),
    current: sideInfo(current),
    changes: environmentChanges(baseline, current)
  } as const
  const comparability = comparabilityChecks(baseline, current, thresholds)
  if (comparability.some(invalidates)) {
    notes.push('the two results cannot be compared: no metric was tested')
    return { ...head, verdict: 'incomparable', metrics: [], validity: comparability, notes }
  }
  const validity = [...comparability, ...runValidityChecks(baseline, 'baseline', thresholds), ...runValidityChecks(current, 'current', thresholds)]
  // Sweep-only metrics (capacity_at_slo) are compare/sweep.ts's.
  const names = Object.keys(thresholds.metrics).filter((name) => parseMetricName(name) !== null)
  const tested = names.filter((name) => thresholds.metrics[name]!.gate !== 'off' && name !== 'error_rate').length
  const pairing = pairingOf(baseline, current)
  if (pairing.kind === 'unpaired') notes.push(pairing.note)
  const summary: PairingSummary | null = pairing.kind === 'paired' ? { run: pairing.run, pairs: pairing.pairs, tests: pairedTestsPossible(pairing.pairs, thresholds.alpha, tested) ? 'paired' : 'independent' } : null
  if (summary !== null) notes.push(pairingNote(summary, thresholds.alpha, tested))
  const intervals = bootstrapIntervals(baseline, current, thresholds, summary?.run ?? null, notes)
  const statistics = new RecordStatistics(names)
  const evaluated = names.map((name) => evaluate(name, thresholds.metrics[name]!, baseline, current, thresholds, intervals, tested, summary?.tests === 'paired', statistics))
  const gatedP = evaluated.map((m) => (m.gate === 'off' ? null : m.p_value))
  const adjusted = holm(gatedP)
  const decide = thresholds.decision === 'non-inferiority' ? nonInferiorityStatus : detectStatus
  const metrics: MetricComparison[] = evaluated.map((m, index) => {
    const { parsed: _parsed, tooFewSamples: _tooFew, ...rest } = m
    const decision = decide(m, adjusted[index] ?? null, thresholds.alpha)
    const reason = decision.reason ?? rest.reason
    const insufficient = m.tooFewSamples !== null && decision.status === 'inconclusive' ? { insufficient_data: true as const } : {}
    return { ...rest, p_adjusted: adjusted[index] ?? null, status: decision.status, ...(reason !== undefined ? { reason } : {}), ...insufficient }
  })
  const unreliable = new Set(evaluated.filter((m) => m.tooFewSamples !== null).map((m) => m.metric))
  const judged = options.history === undefined ? null : judgeAgainstHistory(metrics, options.history, current, { alpha: thresholds.alpha, decision: thresholds.decision, unreliable })
  if (evaluated.some((m) => m.unit === 'request' && m.test === 'mann-whitney')) {
    notes.push(`fewer than ${MIN_TRIALS_FOR_TRIAL_LEVEL} trials a side (${baseline.trials.length} vs ${current.trials.length}): latency statistics were tested request by request, which treats requests as independent; run-to-run variance could not be estimated, so p-values are optimistic`)
  }
  if (judged === null) return { ...head, ...(summary !== null ? { pairing: summary } : {}), verdict: decideVerdict(metrics, validity, notes), metrics, validity, notes }
  const history = { ...judged.summary, verdict_without_history: decideVerdict(metrics, validity, []) }
  return { ...head, ...(summary !== null ? { pairing: summary } : {}), history, verdict: decideVerdict(judged.metrics, validity, notes), metrics: judged.metrics, validity, notes }
}

function pairingNote(pairing: PairingSummary, alpha: number, tested: number): string {
  const what = `baseline and candidate are one \`ab\` run's ${pairing.pairs} pairs of back-to-back trials`
  if (pairing.tests === 'paired') return `${what}: each statistic was tested pair by pair (Wilcoxon signed-rank on the log ratios; throughput by the paired t-test on logarithms), and the intervals resample pairs`
  let needed = 1
  while (!pairedTestsPossible(needed, alpha, tested)) needed++
  return `${what}: the intervals resample pairs, but the tests treat the trials as independent, since the signed-rank test needs ${needed} pairs to reach p < ${alpha}/${Math.max(1, tested)}`
}

/** Exit status for a verdict (docs/file-formats.md, comparison). */
export function exitCodeFor(comparison: Comparison): number {
  switch (comparison.verdict) {
    case 'pass':
      return 0
    case 'fail':
      return 1
    case 'inconclusive':
      return comparison.thresholds.fail_on_inconclusive ? 1 : 3
    case 'incomparable':
      return 3
  }
}
