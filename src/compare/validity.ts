import type { Thresholds } from '../config/thresholds.js'
import type { ComparableResult } from '../result/columns.js'
import { mean } from '../stats/percentile.js'
import type { ValidityCheck } from './types.js'

const percent = (value: number, digits = 1): string => `${(100 * value).toFixed(digits)}%`

/** Leaf paths of a JSON value: `load.concurrency` → 16. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix === '' ? key : `${prefix}.${key}`, out)
  } else {
    out.set(prefix, JSON.stringify(value))
  }
  return out
}

/** The workload fields that differ, for a message that says why two hashes differ. */
export function workloadDifferences(baseline: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const ignored = new Set(['workload_hash', 'url', 'trials'])
  const a = flatten(baseline)
  const b = flatten(current)
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((key) => !ignored.has(key.split('.')[0]!)).sort()
  return keys.filter((key) => a.get(key) !== b.get(key)).map((key) => `${key}: ${a.get(key) ?? 'absent'} vs ${b.get(key) ?? 'absent'}`)
}

/** Sums of the successful requests' columns over every trial. */
function okTotals(result: ComparableResult): { ok: number; outputTokens: number; maxTokens: number; clientQueueMs: number; e2eMs: number } {
  const totals = { ok: 0, outputTokens: 0, maxTokens: 0, clientQueueMs: 0, e2eMs: 0 }
  for (const { columns } of result.trials) {
    totals.ok += columns.ok
    totals.outputTokens += columns.outputTokens
    totals.maxTokens += columns.maxTokens
    totals.clientQueueMs += columns.clientQueueMs
    for (let i = 0; i < columns.e2e_ms.length; i++) totals.e2eMs += columns.e2e_ms[i]!
  }
  return totals
}

function meanOutputTokens(result: ComparableResult): { output: number; asked: number } | null {
  const totals = okTotals(result)
  return totals.ok === 0 ? null : { output: totals.outputTokens / totals.ok, asked: totals.maxTokens / totals.ok }
}

/**
 * Why two results cannot be compared at all (docs/file-formats.md, comparison `incomparable`): different workload, metric
 * definitions or model, or output lengths that disagree. Every failing check is a reason.
 */
export function comparabilityChecks(baseline: ComparableResult, current: ComparableResult, thresholds: Thresholds): ValidityCheck[] {
  const checks: ValidityCheck[] = []
  const sameHash = baseline.workload.workload_hash === current.workload.workload_hash
  const differences = sameHash ? [] : workloadDifferences(baseline.workload, current.workload)
  checks.push({
    check: 'workload_hash',
    ok: sameHash,
    side: 'both',
    detail: sameHash ? `both ran ${baseline.workload.workload_hash}` : `the workloads differ (${differences.slice(0, 5).join('; ') || 'a field outside the written workload'}${differences.length > 5 ? `; ${differences.length - 5} more` : ''})`
  })
  checks.push({
    check: 'definitions',
    ok: baseline.definitions === current.definitions,
    side: 'both',
    detail: `metric definitions version ${baseline.definitions} vs ${current.definitions}`
  })
  const [modelA, modelB] = [baseline.environment.server.model, current.environment.server.model]
  checks.push({
    check: 'model',
    ok: modelA === null || modelB === null || modelA === modelB,
    side: 'both',
    detail: modelA === modelB ? `both served ${modelA ?? 'an unnamed model'}` : `the servers named different models: ${modelA ?? 'none'} vs ${modelB ?? 'none'}`
  })
  const [outA, outB] = [meanOutputTokens(baseline), meanOutputTokens(current)]
  if (outA !== null && outB !== null && outA.output > 0) {
    const mismatch = Math.abs(outB.output - outA.output) / outA.output
    checks.push({
      check: 'output_tokens',
      ok: mismatch <= thresholds.validity.max_output_tokens_mismatch,
      side: 'both',
      detail: `mean output tokens per request ${outA.output.toFixed(1)} vs ${outB.output.toFixed(1)} (${percent(mismatch)} apart; limit ${percent(thresholds.validity.max_output_tokens_mismatch)})`
    })
  }
  return checks
}

/** A failed check that makes the verdict inconclusive: every failed one but those marked `warn`. */
export const invalidates = (check: ValidityCheck): boolean => !check.ok && check.warn !== true

/** Whether one side's run measured what it set out to (docs/file-formats.md, comparison): a failed check makes the verdict inconclusive, except one marked `warn`. */
export function runValidityChecks(result: ComparableResult, side: 'baseline' | 'current', thresholds: Thresholds): ValidityCheck[] {
  const limits = thresholds.validity
  const checks: ValidityCheck[] = []
  const totals = okTotals(result)
  const empty = result.trials.filter((trial) => trial.columns.records === 0).length
  checks.push({
    check: 'complete',
    ok: result.interrupted !== true && result.trials.length > 0 && empty === 0,
    side,
    detail:
      result.interrupted === true
        ? `the run was interrupted after ${result.trials.length} trial(s)`
        : result.trials.length === 0 || empty > 0
          ? `${empty} of ${result.trials.length} trial(s) hold no request records: there is nothing to compare`
          : `${result.trials.length} trial(s) ran to the end`
  })
  const open = result.trials.filter((trial) => trial.summary.target_rate !== null && trial.summary.achieved_rate !== null)
  if (open.length > 0) {
    const ratios = open.map((trial) => trial.summary.achieved_rate! / trial.summary.target_rate!)
    const worst = Math.min(...ratios)
    checks.push({
      check: 'achieved_rate',
      ok: worst >= limits.min_achieved_rate_ratio,
      side,
      detail: `sends kept ${percent(worst)} of the scheduled rate in the worst trial (${open[ratios.indexOf(worst)]!.summary.achieved_rate!.toFixed(2)} of ${open[ratios.indexOf(worst)]!.summary.target_rate!.toFixed(2)} req/s; at least ${percent(limits.min_achieved_rate_ratio, 0)} needed)`
    })
  }
  const lag = result.summary.schedule_lag_ms.p99
  if (lag !== null && open.length > 0) {
    // An open loop's arrivals are what the server was meant to see: a late send changes them.
    checks.push({
      check: 'schedule_lag',
      ok: lag <= limits.max_schedule_lag_p99_ms,
      side,
      detail: `client schedule lag p99 ${lag.toFixed(2)} ms (at most ${limits.max_schedule_lag_p99_ms} ms)`
    })
  } else if (lag !== null) {
    // A closed loop measures each request from its write, so client lag only thins the load it
    // offers: by the share of time a slot stood empty between one request and the next.
    const meanLag = totals.clientQueueMs / Math.max(1, totals.ok)
    const meanE2e = totals.e2eMs / Math.max(1, totals.ok)
    const share = meanE2e + meanLag > 0 ? meanLag / (meanE2e + meanLag) : 0
    checks.push({
      check: 'schedule_lag',
      ok: share <= limits.max_closed_loop_lag_share,
      side,
      detail: `slots stood empty ${percent(share, 2)} of the time between requests (mean client lag ${meanLag.toFixed(2)} ms, p99 ${lag.toFixed(2)} ms; at most ${percent(limits.max_closed_loop_lag_share, 0)} of the offered load)`
    })
  }
  checks.push({
    check: 'error_rate',
    ok: result.summary.error_rate <= limits.max_error_rate,
    side,
    detail: `${percent(result.summary.error_rate, 2)} of requests failed (at most ${percent(limits.max_error_rate, 0)} for latencies to describe the whole load)`
  })
  const steals = result.trials.map((trial) => trial.host?.cpu_steal ?? null)
  const measured = steals.filter((steal): steal is number => steal !== null)
  if (measured.length > 0) {
    // Steal pauses the client (and a server on the same machine) for milliseconds at random, and
    // arrives in bursts: results measured under different steal can differ by tens of percent
    // with no change to the server. Reported, not decided on: trials interleaved with the
    // baseline (ab) share the host's noise, and the statistics already carry the spread.
    const worst = Math.max(...measured)
    checks.push({
      check: 'host_cpu_steal',
      ok: worst <= limits.max_host_cpu_steal,
      side,
      warn: true,
      detail: `the host gave ${percent(worst)} of this machine's CPU time to other guests in the worst trial (trial ${steals.indexOf(worst) + 1}; mean ${percent(mean(measured))}); above ${percent(limits.max_host_cpu_steal, 0)}, latencies carry pauses of the client and of a server on this machine`
    })
  }
  const ignoreEos = result.workload.sampling?.ignore_eos === true
  if (ignoreEos && totals.ok > 0) {
    const asked = totals.maxTokens
    const got = totals.outputTokens
    const shortfall = asked > 0 ? (asked - got) / asked : 0
    checks.push({
      check: 'output_length',
      ok: Math.abs(shortfall) <= limits.max_output_tokens_mismatch,
      side,
      detail: `outputs had ${percent(got / asked)} of the tokens the workload asked for (within ${percent(limits.max_output_tokens_mismatch)} needed)`
    })
  }
  return checks
}
