/**
 * Compares two sweep files (docs/sweeps.md): gates `capacity_at_slo`, higher is better, tested across
 * trials (each trial index's own capacity, Welch's t-test on logarithms as for throughput, Holm
 * over the sweep comparison's gated metrics), under the thresholds' decision rule. The document is
 * a comparison (`comparison@1`) with a `sweep` part holding both sides' capacities and curves.
 */
import type { Thresholds } from '../config/thresholds.js'
import { environmentChanges } from '../result/fingerprint.js'
import { toComparable } from '../result/columns.js'
import type { ResultFile } from '../result/types.js'
import { minimumDetectableChange } from '../stats/detectable-effect.js'
import { holm } from '../stats/holm.js'
import { welchLogTest } from '../stats/welch.js'
import { describeLoadStep, quantileLabel } from './capacity.js'
import type { Capacity, LoadKind, SloMetric, SweepFile, SweepStep } from '../result/sweep-types.js'
import { decideVerdict, detectStatus, nonInferiorityStatus, type Decidable } from './compare.js'
import { COMPARISON_SCHEMA, type Comparison, type MetricComparison, type SideInfo, type ValidityCheck } from './types.js'
import { comparabilityChecks, runValidityChecks, workloadDifferences } from './validity.js'

export const CAPACITY_METRIC = 'capacity_at_slo'
/** Gates capacity_at_slo when the thresholds do not name it (the pr preset does not): a comparison of sweeps always gates its capacity. */
export const DEFAULT_CAPACITY_GATE = { tolerance_pct: 5, gate: 'fail' as const }

/** One load of a side's curve. */
export interface CurvePoint {
  load: number
  /** Each SLO metric's quantile at the attainment level. */
  quantiles: Partial<Record<SloMetric, number | null>>
  request_throughput: number
  output_throughput: number
  attained: number
  holds: boolean
  error_rate: number
}

export interface SweepSideSummary {
  capacity: Capacity
  /** In increasing load. */
  curve: CurvePoint[]
  /** The load whose step the distribution charts and the details show. */
  reference_load: number | null
}

export interface SweepComparison extends Comparison {
  sweep: { load_kind: LoadKind; baseline: SweepSideSummary; current: SweepSideSummary }
}

const byLoad = (sweep: SweepFile): SweepStep[] => [...sweep.steps].filter((step) => step.result.interrupted !== true).sort((a, b) => a.load - b.load)

export function curveOf(sweep: SweepFile): CurvePoint[] {
  return byLoad(sweep).map((step) => ({
    load: step.load,
    quantiles: step.slo.quantiles,
    request_throughput: step.result.summary.request_throughput,
    output_throughput: step.result.summary.output_throughput,
    attained: step.slo.attained,
    holds: step.slo.holds,
    error_rate: step.slo.error_rate
  }))
}

/** The step nearest below the capacity (the last that held), else the lowest: what a single-step view of the sweep shows. */
function ownReference(sweep: SweepFile): SweepStep | null {
  const steps = byLoad(sweep)
  const below = sweep.capacity.bracket.below
  return steps.find((step) => step.load === below) ?? steps[0] ?? null
}

/**
 * The two steps the distribution charts and the details compare: the baseline's last load that
 * held, and the candidate's step at that same load when it ran one (so the two are one load).
 */
export function referenceSteps(baseline: SweepFile, current: SweepFile): { baseline: SweepStep | null; current: SweepStep | null } {
  const a = ownReference(baseline)
  const same = a === null ? undefined : byLoad(current).find((step) => step.load === a.load)
  return { baseline: a, current: same ?? ownReference(current) }
}

function sideInfo(sweep: SweepFile, reference: SweepStep | null): SideInfo {
  const server = sweep.environment?.server
  const first = sweep.steps[0]?.result
  return {
    name: sweep.workload.name,
    workload_hash: sweep.workload.workload_hash,
    created_at: sweep.created_at,
    tool_version: sweep.tool.version,
    server: { url: server?.url ?? '', model: server?.model ?? null, version: server?.version ?? null, engine: server?.engine ?? null },
    gpu: (sweep.environment?.gpu ?? []).map((gpu) => gpu.name),
    trials: reference?.result.trials.length ?? first?.trials.length ?? 0,
    requests_per_trial: (reference?.result ?? first)?.trials[0]?.requests.length ?? 0,
    interrupted: sweep.interrupted === true
  }
}

const withoutSweepHash = (differences: string[]): string[] => differences.filter((line) => !line.startsWith('sweep_hash:'))

/** Whether the two sweeps can be compared at all: the same workload but its load, the same kind of load, attainment and definitions, and (from their steps) model and hardware. */
function sweepComparability(baseline: SweepFile, current: SweepFile, references: ReturnType<typeof referenceSteps>, thresholds: Thresholds): ValidityCheck[] {
  const same = baseline.workload.workload_hash === current.workload.workload_hash
  const differences = withoutSweepHash(workloadDifferences(baseline.workload, current.workload))
  const checks: ValidityCheck[] = [
    {
      check: 'workload_hash',
      ok: same,
      side: 'both',
      detail: same ? `both swept ${baseline.workload.workload_hash} (the workload without its load)` : `the workloads differ apart from their load (${differences.slice(0, 5).join('; ') || 'a field outside the written workload'})`
    },
    { check: 'definitions', ok: baseline.definitions === current.definitions, side: 'both', detail: `metric definitions version ${baseline.definitions} vs ${current.definitions}` },
    { check: 'load_kind', ok: baseline.plan.load_kind === current.plan.load_kind, side: 'both', detail: `loads in ${baseline.plan.load_kind} vs ${current.plan.load_kind}` },
    { check: 'attainment', ok: baseline.capacity.attainment === current.capacity.attainment, side: 'both', detail: `capacities at slo.attainment ${baseline.capacity.attainment} vs ${current.capacity.attainment}` }
  ]
  if (references.baseline !== null && references.current !== null) {
    // Model, hardware and output lengths as for results, read from the steps the report shows; the workload check is the sweep's own.
    const fromSteps = comparabilityChecks(toComparable(references.baseline.result), toComparable(references.current.result), thresholds)
    checks.push(...fromSteps.filter((check) => check.check !== 'workload_hash' && check.check !== 'definitions'))
  }
  return checks
}

/**
 * Whether each side measured what it set out to, at the steps the capacity was interpolated
 * between: an open loop that fell behind, a closed loop whose client lagged. Errors are left out:
 * in a sweep they are part of what the capacity finds, not a flaw of the measurement.
 */
function sweepValidity(sweep: SweepFile, side: 'baseline' | 'current', thresholds: Thresholds): ValidityCheck[] {
  const checks: ValidityCheck[] = [
    { check: 'complete', ok: sweep.interrupted !== true, side, detail: sweep.interrupted === true ? `the sweep was interrupted after ${sweep.steps.length} step(s)` : `${sweep.steps.length} step(s) ran to the end` }
  ]
  const { below, above } = sweep.capacity.bracket
  for (const load of [below, above]) {
    const step = byLoad(sweep).find((s) => s.load === load)
    if (step === undefined) continue
    for (const check of runValidityChecks(toComparable(step.result), side, thresholds)) {
      if (check.check === 'error_rate' || check.check === 'complete') continue
      checks.push({ ...check, detail: `at ${describeLoadStep(step.load_kind, step.load)}: ${check.detail}` })
    }
  }
  return checks
}

const relative = (baseline: number | null, current: number | null): number | null => (baseline === null || current === null || baseline === 0 ? null : (100 * (current - baseline)) / baseline)

const round = (value: number): string => String(Number(value.toPrecision(3)))

/** A side's capacity in words: "concurrency 6.8 (95% CI 6.1–7.4), limited by latency (TPOT p99)". */
export function describeCapacity(capacity: Capacity): string {
  if (capacity.load === null) return `none: ${capacity.note ?? 'even the lowest load misses the SLO'}`
  const interval = capacity.ci_low !== null && capacity.ci_high !== null ? ` (${Math.round(capacity.confidence * 100)}% CI ${round(capacity.ci_low)}–${round(capacity.ci_high)})` : ''
  const limit =
    capacity.beyond_tested === true
      ? ', at least: every load held'
      : capacity.limited_by === 'errors'
        ? ', limited by errors'
        : capacity.metric !== null
          ? `, limited by latency (${quantileLabel(capacity.metric, capacity.attainment)})`
          : ''
  const throughput = capacity.request_throughput !== null ? `, ${round(capacity.request_throughput)} req/s` : ''
  return `${describeLoadStep(capacity.load_kind, Number(capacity.load.toPrecision(3)))}${interval}${limit}${throughput}`
}

type CapacitySpec = { tolerance_pct?: number | undefined; gate: 'fail' | 'warn' | 'off' }

/** The capacity metric: the pooled capacities, and the test on each trial index's own capacity. */
function capacityMetric(baseline: SweepFile, current: SweepFile, spec: CapacitySpec, thresholds: Thresholds, tested: number): Decidable {
  const a = baseline.capacity
  const b = current.capacity
  const positive = (values: Array<number | null>): number[] => values.filter((value): value is number => value !== null && value > 0)
  const bTrials = positive(a.trials)
  const cTrials = positive(b.trials)
  const common = {
    metric: CAPACITY_METRIC,
    baseline: a.load,
    current: b.load,
    delta_pct: relative(a.load, b.load),
    tolerance_pct: spec.tolerance_pct ?? null,
    gate: spec.gate,
    direction: 'higher_is_better' as const,
    trials: { baseline: bTrials, current: cTrials },
    tooFewSamples: null
  }
  if (a.load === null || b.load === null) {
    // No capacity is below the lowest load run: a candidate missing the SLO at a load below the
    // baseline's capacity has lost capacity whatever a test would say; the other way round it gained.
    const lowest = (sweep: SweepFile): number | null => byLoad(sweep)[0]?.load ?? null
    const reason =
      a.load === null && b.load === null
        ? 'neither sweep met the SLO at its lowest load'
        : a.load === null
          ? `the baseline missed the SLO even at its lowest load (${lowest(baseline) ?? '?'}), the candidate holds it up to ${round(b.load!)}`
          : `the candidate missed the SLO even at its lowest load (${lowest(current) ?? '?'}), the baseline held it up to ${round(a.load)}`
    return { ...common, ci_low_pct: null, ci_high_pct: null, p_value: null, test: 'threshold', unit: 'trial', mde_pct: null, reason }
  }
  const alphaPerTest = thresholds.alpha / Math.max(1, tested)
  const result = welchLogTest(bTrials, cTrials, { confidence: thresholds.confidence })
  const mde = minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: 'welch-log' })
  const lowerBound = [a.beyond_tested === true ? 'the baseline' : null, b.beyond_tested === true ? 'the candidate' : null].filter((side) => side !== null)
  const reason = !result.ok
    ? `not tested: ${result.reason.replaceAll('_', ' ')} (per-trial capacities ${bTrials.length} vs ${cTrials.length})`
    : lowerBound.length > 0
      ? `${lowerBound.join(' and ')} held the SLO at every load run: ${lowerBound.length > 1 ? 'their capacities are' : 'its capacity is'} a lower bound`
      : undefined
  return {
    ...common,
    ci_low_pct: result.ok ? 100 * (result.ratioCi.low - 1) : null,
    ci_high_pct: result.ok ? 100 * (result.ratioCi.high - 1) : null,
    p_value: result.ok ? result.p : null,
    test: result.ok ? 'welch-log' : 'none',
    unit: 'trial',
    mde_pct: mde.ok ? mde.changePct : null,
    ...(reason !== undefined ? { reason } : {})
  }
}

/**
 * A capacity missing on one side is decided by the loads alone, as error_rate is by its limit: a
 * sweep that misses the SLO at a load the other held at has less capacity. When its lowest load
 * lies beyond the other's capacity, the loads say nothing.
 */
function thresholdStatus(baselineSweep: SweepFile, currentSweep: SweepFile): { status: MetricComparison['status']; reason?: string } {
  const [a, b] = [baselineSweep.capacity.load, currentSweep.capacity.load]
  const lowest = (sweep: SweepFile): number => byLoad(sweep)[0]?.load ?? Infinity
  if (a === null && b === null) return { status: 'inconclusive' }
  if (a !== null) return lowest(currentSweep) <= a ? { status: 'regressed' } : { status: 'inconclusive', reason: `the candidate's lowest load (${lowest(currentSweep)}) is above the baseline's capacity (${round(a)}): run it at lower loads` }
  return lowest(baselineSweep) <= b! ? { status: 'improved' } : { status: 'inconclusive', reason: `the baseline's lowest load (${lowest(baselineSweep)}) is above the candidate's capacity (${round(b!)}): run it at lower loads` }
}

/** Compares a current sweep with a baseline sweep under a thresholds file. Pure and deterministic. */
export function compareSweeps(baseline: SweepFile, current: SweepFile, thresholds: Thresholds): SweepComparison {
  const notes: string[] = []
  const references = referenceSteps(baseline, current)
  const spec: CapacitySpec = thresholds.metrics[CAPACITY_METRIC] ?? DEFAULT_CAPACITY_GATE
  if (thresholds.metrics[CAPACITY_METRIC] === undefined) notes.push(`the thresholds (${thresholds.source}) do not name capacity_at_slo: it was gated with tolerance ${DEFAULT_CAPACITY_GATE.tolerance_pct}%, gate ${DEFAULT_CAPACITY_GATE.gate}`)
  const sweepPart = {
    load_kind: current.plan.load_kind,
    baseline: { capacity: baseline.capacity, curve: curveOf(baseline), reference_load: references.baseline?.load ?? null },
    current: { capacity: current.capacity, curve: curveOf(current), reference_load: references.current?.load ?? null }
  }
  const changes = references.baseline !== null && references.current !== null ? environmentChanges(references.baseline.result, references.current.result) : []
  const head = {
    schema: COMPARISON_SCHEMA,
    definitions: current.definitions,
    thresholds: { source: thresholds.source, alpha: thresholds.alpha, confidence: thresholds.confidence, decision: thresholds.decision, fail_on_inconclusive: thresholds.fail_on_inconclusive },
    baseline: sideInfo(baseline, references.baseline),
    current: sideInfo(current, references.current),
    changes
  } as const
  const comparability = sweepComparability(baseline, current, references, thresholds)
  if (comparability.some((check) => !check.ok && check.warn !== true)) {
    notes.push('the two sweeps cannot be compared: no metric was tested')
    return { ...head, verdict: 'incomparable', metrics: [], validity: comparability, notes, sweep: sweepPart }
  }
  const validity = [...comparability, ...sweepValidity(baseline, 'baseline', thresholds), ...sweepValidity(current, 'current', thresholds)]
  const evaluated = [capacityMetric(baseline, current, spec, thresholds, spec.gate === 'off' ? 0 : 1)]
  const adjusted = holm(evaluated.map((m) => (m.gate === 'off' || m.test === 'threshold' ? null : m.p_value)))
  const decide = thresholds.decision === 'non-inferiority' ? nonInferiorityStatus : detectStatus
  const metrics: MetricComparison[] = evaluated.map((m, index) => {
    const { tooFewSamples: _tooFew, ...rest } = m
    const decision = m.test === 'threshold' ? thresholdStatus(baseline, current) : decide(m, adjusted[index] ?? null, thresholds.alpha)
    const reason = decision.reason ?? rest.reason
    return { ...rest, p_adjusted: adjusted[index] ?? null, status: decision.status, ...(reason !== undefined ? { reason } : {}) }
  })
  notes.push(`baseline capacity: ${describeCapacity(baseline.capacity)}`, `candidate capacity: ${describeCapacity(current.capacity)}`)
  if (references.baseline !== null && references.current !== null) {
    const [a, b] = [references.baseline, references.current]
    notes.push(`the distributions and details show one step of each sweep: ${a.load === b.load ? `both at ${describeLoadStep(a.load_kind, a.load)}` : `${describeLoadStep(a.load_kind, a.load)} (baseline) and ${describeLoadStep(b.load_kind, b.load)} (candidate)`}`)
  }
  return { ...head, verdict: decideVerdict(metrics, validity, notes), metrics, validity, notes, sweep: sweepPart }
}

/** The result of a step, for what reads one result per side (the HTML report's charts, `environmentLines`). */
export const referenceResults = (baseline: SweepFile, current: SweepFile): { baseline: ResultFile | null; current: ResultFile | null } => {
  const steps = referenceSteps(baseline, current)
  return { baseline: steps.baseline?.result ?? null, current: steps.current?.result ?? null }
}
