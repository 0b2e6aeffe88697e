if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  CHART_COLORS,
  COMPARISON_SCHEMA,
  comparabilityChecks,
  decideVerdict,
  detectStatus,
  environmentChanges,
  holm,
  minimumDetectableChange,
  nonInferiorityStatus,
  runValidityChecks,
  verdictLine,
  welchLogTest,
  workloadDifferences
} from "./chunk-NXO3WHA4.js";
import {
  SECTION_PRIORITY
} from "./chunk-MF6P33B3.js";
import {
  SLO_METRICS
} from "./chunk-IGTO2X5J.js";
import {
  studentTQuantile
} from "./chunk-NKIRXGVN.js";
import {
  VERDICT_HEAD,
  escapeMarkdown,
  formatDelta,
  formatInterval,
  formatNumber,
  formatP,
  formatTolerance,
  formatValue,
  label,
  markdownTable,
  oneLine,
  statusText
} from "./chunk-S2KP6JOK.js";
import {
  countsAsSent,
  meetsSlo,
  numpyLerp,
  quickselect,
  sampleVariance,
  toComparable
} from "./chunk-D55ENMMY.js";

// src/compare/capacity.ts
var DEFAULT_ATTAINMENT = 0.99;
var CAPACITY_CONFIDENCE = 0.95;
function sloThresholds(slo) {
  const thresholds = {};
  for (const metric of SLO_METRICS) if (slo[metric] !== void 0) thresholds[metric] = slo[metric];
  return thresholds;
}
var sloMetricsOf = (slo) => SLO_METRICS.filter((metric) => slo[metric] !== void 0);
function trialSloOf(records, slo, requestThroughput) {
  const counted = records.filter(countsAsSent);
  const ok = counted.filter((record) => record.ok);
  const values = {};
  for (const metric of sloMetricsOf(slo)) {
    const picked = ok.map((record) => record[metric]).filter((value) => value !== null);
    values[metric] = Float64Array.from(picked);
  }
  return { sent: counted.length, met: counted.filter((record) => meetsSlo(record, slo)).length, failed: counted.length - ok.length, values, requestThroughput };
}
function quantileInPlace(values, share) {
  const n = values.length;
  const position = (n - 1) * share;
  const lower = Math.min(n - 1, Math.floor(position));
  quickselect(values, lower);
  const low = values[lower];
  if (lower === n - 1) return low;
  let high = Infinity;
  for (let i = lower + 1; i < n; i++) if (values[i] < high) high = values[i];
  return numpyLerp(low, high, position - lower);
}
function judgeStep(trials, rule) {
  let sent = 0;
  let met = 0;
  let failed = 0;
  for (const trial of trials) {
    sent += trial.sent;
    met += trial.met;
    failed += trial.failed;
  }
  const quantiles = {};
  for (const metric of sloMetricsOf(rule.slo)) {
    let size = 0;
    for (const trial of trials) size += trial.values[metric]?.length ?? 0;
    if (size === 0) {
      quantiles[metric] = null;
      continue;
    }
    const pooled = new Float64Array(size);
    let offset = 0;
    for (const trial of trials) {
      const values = trial.values[metric];
      if (values === void 0) continue;
      pooled.set(values, offset);
      offset += values.length;
    }
    quantiles[metric] = quantileInPlace(pooled, rule.attainment);
  }
  const attained = sent > 0 ? met / sent : 0;
  const holds = sent > 0 && attained >= rule.attainment - 1e-12;
  const errorRate = sent > 0 ? failed / sent : 0;
  const latencyMisses = sent - failed - met;
  const limitedBy = holds ? null : errorRate > rule.maxErrorRate || failed > latencyMisses ? "errors" : "latency";
  return { sent, attained, holds, error_rate: errorRate, limited_by: limitedBy, quantiles };
}
function worstRatio(outcome, slo) {
  let ratio = -Infinity;
  let metric = null;
  for (const m of sloMetricsOf(slo)) {
    const quantile = outcome.quantiles[m];
    const r = quantile === null || quantile === void 0 ? Infinity : quantile / slo[m];
    if (r > ratio) {
      ratio = r;
      metric = m;
    }
  }
  return { ratio, metric };
}
function locate(loads, judge, slo) {
  const last = loads.length - 1;
  let above = null;
  for (let i = last; i >= 0; i--) {
    const outcome = judge(i);
    if (!outcome.holds) {
      above = outcome;
      continue;
    }
    if (above === null) return { load: loads[last], fraction: 0, below: loads[last], above: null, belowIndex: last, limitedBy: null, metric: null, beyond: true };
    const [below, next] = [loads[i], loads[i + 1]];
    if (above.limited_by === "errors") return { load: below, fraction: 0, below, above: next, belowIndex: i, limitedBy: "errors", metric: null, beyond: false };
    const low = worstRatio(outcome, slo).ratio;
    const high = worstRatio(above, slo);
    const fraction = high.ratio > low && high.ratio >= 1 && low <= 1 ? Math.min(1, Math.max(0, (1 - low) / (high.ratio - low))) : 0;
    return { load: below + fraction * (next - below), fraction, below, above: next, belowIndex: i, limitedBy: "latency", metric: high.metric, beyond: false };
  }
  const lowest = above;
  return { load: null, fraction: 0, below: null, above: loads[0], belowIndex: null, limitedBy: lowest.limited_by, metric: lowest.limited_by === "latency" ? worstRatio(lowest, slo).metric : null, beyond: false };
}
var describeLoadStep = (kind, load) => kind === "rate" ? `${Number(load.toPrecision(4))} req/s` : `concurrency ${Number(load.toPrecision(4))}`;
var percent = (share) => `${Number((100 * share).toFixed(2))}%`;
var METRIC_LABELS = { ttft_ms: "TTFT", tpot_ms: "TPOT", e2e_ms: "E2E latency" };
var quantileLabel = (metric, attainment) => `${METRIC_LABELS[metric]} p${Number((100 * attainment).toFixed(2))}`;
function computeCapacity({ kind, steps, rule }) {
  const loads = steps.map((step) => step.load);
  const base = { load_kind: kind, confidence: CAPACITY_CONFIDENCE, attainment: rule.attainment, slo: rule.slo };
  if (steps.length === 0) {
    return { ...base, load: null, ci_low: null, ci_high: null, request_throughput: null, limited_by: null, metric: null, bracket: { below: null, above: null }, trials: [], note: "no step finished: there is nothing to find a capacity in" };
  }
  if (sloMetricsOf(rule.slo).length === 0) {
    return { ...base, load: null, ci_low: null, ci_high: null, request_throughput: null, limited_by: null, metric: null, bracket: { below: null, above: null }, trials: [], note: "the workload sets no slo (ttft_ms, tpot_ms or e2e_ms): a sweep without one draws curves but has no capacity" };
  }
  const outcomes = steps.map((step) => judgeStep(step.trials, rule));
  const point = locate(loads, (i) => outcomes[i], rule.slo);
  const throughputOf = (step) => step.trials.reduce((sum, trial) => sum + trial.requestThroughput, 0) / Math.max(1, step.trials.length);
  let requestThroughput = null;
  if (point.belowIndex !== null) {
    const low = throughputOf(steps[point.belowIndex]);
    const high = point.beyond ? low : throughputOf(steps[point.belowIndex + 1]);
    requestThroughput = low + point.fraction * (high - low);
  }
  const trialCount = Math.max(...steps.map((step) => step.trials.length));
  const perTrial = Array.from({ length: trialCount }, (_, t) => {
    const present = steps.filter((step) => step.trials[t] !== void 0);
    if (present.length === 0) return null;
    return locate(present.map((step) => step.load), (i) => judgeStep([present[i].trials[t]], rule), rule.slo).load;
  });
  const interval = trialInterval(perTrial, point.load, loads[loads.length - 1]);
  const notes = [];
  if (point.load === null) {
    const outcome = outcomes[0];
    notes.push(`even the lowest load (${describeLoadStep(kind, loads[0])}) misses the SLO: ${percent(outcome.attained)} of its requests met it, ${percent(rule.attainment)} needed${outcome.limited_by === "errors" ? `; ${percent(outcome.error_rate)} failed` : ""}`);
  } else if (point.beyond) {
    notes.push(`every load held the SLO: the capacity is at least ${describeLoadStep(kind, point.load)}, the highest load run; add higher loads to find it`);
  } else if (point.limitedBy === "errors") {
    notes.push(`${describeLoadStep(kind, point.above)} failed ${percent(outcomes[point.belowIndex + 1].error_rate)} of its requests (max_error_rate ${percent(rule.maxErrorRate)}): limited by errors, so the capacity is the last load that held, not interpolated`);
  }
  const missedBelow = point.belowIndex === null ? [] : loads.filter((_load, i) => i < point.belowIndex && !outcomes[i].holds);
  if (missedBelow.length > 0) {
    notes.push(`${missedBelow.map((load) => describeLoadStep(kind, load)).join(", ")} missed the SLO below ${describeLoadStep(kind, point.below)}, the highest load that held: a pause of the client's machine, or a server that misbehaves at low load; look at ${missedBelow.length > 1 ? "those steps" : "that step"}`);
  }
  if (interval.note !== null) notes.push(interval.note);
  return {
    ...base,
    load: point.load,
    ci_low: interval.low,
    ci_high: interval.high,
    request_throughput: requestThroughput,
    limited_by: point.limitedBy,
    metric: point.metric,
    bracket: { below: point.below, above: point.above },
    ...point.beyond ? { beyond_tested: true } : {},
    trials: perTrial,
    ...notes.length > 0 ? { note: notes.join("; ") } : {}
  };
}
function trialInterval(trials, point, highestLoad) {
  if (point === null || point <= 0) return { low: null, high: null, note: null };
  const values = trials.filter((value) => value !== null && value > 0);
  const missing = trials.length - values.length;
  const missingNote = missing > 0 ? `${missing} of ${trials.length} trials had no capacity of their own (their lowest load missed the SLO) and are left out of the interval` : null;
  if (values.length < 2) return { low: null, high: null, note: missingNote ?? "one trial a step: no interval (the trials are the unit of replication)" };
  const logs = values.map(Math.log);
  const halfWidth = studentTQuantile((1 + CAPACITY_CONFIDENCE) / 2, logs.length - 1) * Math.sqrt(sampleVariance(logs) / logs.length);
  const notes = [missingNote, values.some((value) => value >= highestLoad) ? `a trial held the SLO at every load: its capacity is a lower bound` : null].filter((note) => note !== null);
  return { low: point * Math.exp(-halfWidth), high: point * Math.exp(halfWidth), note: notes.length === 0 ? null : `interval: ${notes.join("; ")}` };
}

// src/compare/sweep.ts
var CAPACITY_METRIC = "capacity_at_slo";
var DEFAULT_CAPACITY_GATE = { tolerance_pct: 5, gate: "fail" };
var byLoad = (sweep) => [...sweep.steps].filter((step) => step.result.interrupted !== true).sort((a, b) => a.load - b.load);
function curveOf(sweep) {
  return byLoad(sweep).map((step) => ({
    load: step.load,
    quantiles: step.slo.quantiles,
    request_throughput: step.result.summary.request_throughput,
    output_throughput: step.result.summary.output_throughput,
    attained: step.slo.attained,
    holds: step.slo.holds,
    error_rate: step.slo.error_rate
  }));
}
function ownReference(sweep) {
  const steps = byLoad(sweep);
  const below = sweep.capacity.bracket.below;
  return steps.find((step) => step.load === below) ?? steps[0] ?? null;
}
function referenceSteps(baseline, current) {
  const a = ownReference(baseline);
  const same = a === null ? void 0 : byLoad(current).find((step) => step.load === a.load);
  return { baseline: a, current: same ?? ownReference(current) };
}
function sideInfo(sweep, reference) {
  const server = sweep.environment?.server;
  const first = sweep.steps[0]?.result;
  return {
    name: sweep.workload.name,
    workload_hash: sweep.workload.workload_hash,
    created_at: sweep.created_at,
    tool_version: sweep.tool.version,
    server: { url: server?.url ?? "", model: server?.model ?? null, version: server?.version ?? null, engine: server?.engine ?? null },
    gpu: (sweep.environment?.gpu ?? []).map((gpu) => gpu.name),
    trials: reference?.result.trials.length ?? first?.trials.length ?? 0,
    requests_per_trial: (reference?.result ?? first)?.trials[0]?.requests.length ?? 0,
    interrupted: sweep.interrupted === true
  };
}
var withoutSweepHash = (differences) => differences.filter((line) => !line.startsWith("sweep_hash:"));
function sweepComparability(baseline, current, references, thresholds) {
  const same = baseline.workload.workload_hash === current.workload.workload_hash;
  const differences = withoutSweepHash(workloadDifferences(baseline.workload, current.workload));
  const checks = [
    {
      check: "workload_hash",
      ok: same,
      side: "both",
      detail: same ? `both swept ${baseline.workload.workload_hash} (the workload without its load)` : `the workloads differ apart from their load (${differences.slice(0, 5).join("; ") || "a field outside the written workload"})`
    },
    { check: "definitions", ok: baseline.definitions === current.definitions, side: "both", detail: `metric definitions version ${baseline.definitions} vs ${current.definitions}` },
    { check: "load_kind", ok: baseline.plan.load_kind === current.plan.load_kind, side: "both", detail: `loads in ${baseline.plan.load_kind} vs ${current.plan.load_kind}` },
    { check: "attainment", ok: baseline.capacity.attainment === current.capacity.attainment, side: "both", detail: `capacities at slo.attainment ${baseline.capacity.attainment} vs ${current.capacity.attainment}` }
  ];
  if (references.baseline !== null && references.current !== null) {
    const fromSteps = comparabilityChecks(toComparable(references.baseline.result), toComparable(references.current.result), thresholds);
    checks.push(...fromSteps.filter((check) => check.check !== "workload_hash" && check.check !== "definitions"));
  }
  return checks;
}
function sweepValidity(sweep, side, thresholds) {
  const checks = [
    { check: "complete", ok: sweep.interrupted !== true, side, detail: sweep.interrupted === true ? `the sweep was interrupted after ${sweep.steps.length} step(s)` : `${sweep.steps.length} step(s) ran to the end` }
  ];
  const { below, above } = sweep.capacity.bracket;
  for (const load of [below, above]) {
    const step = byLoad(sweep).find((s) => s.load === load);
    if (step === void 0) continue;
    for (const check of runValidityChecks(toComparable(step.result), side, thresholds)) {
      if (check.check === "error_rate" || check.check === "complete") continue;
      checks.push({ ...check, detail: `at ${describeLoadStep(step.load_kind, step.load)}: ${check.detail}` });
    }
  }
  return checks;
}
var relative = (baseline, current) => baseline === null || current === null || baseline === 0 ? null : 100 * (current - baseline) / baseline;
var round = (value) => String(Number(value.toPrecision(3)));
function describeCapacity(capacity) {
  if (capacity.load === null) return `none: ${capacity.note ?? "even the lowest load misses the SLO"}`;
  const interval = capacity.ci_low !== null && capacity.ci_high !== null ? ` (${Math.round(capacity.confidence * 100)}% CI ${round(capacity.ci_low)}\u2013${round(capacity.ci_high)})` : "";
  const limit = capacity.beyond_tested === true ? ", at least: every load held" : capacity.limited_by === "errors" ? ", limited by errors" : capacity.metric !== null ? `, limited by latency (${quantileLabel(capacity.metric, capacity.attainment)})` : "";
  const throughput = capacity.request_throughput !== null ? `, ${round(capacity.request_throughput)} req/s` : "";
  return `${describeLoadStep(capacity.load_kind, Number(capacity.load.toPrecision(3)))}${interval}${limit}${throughput}`;
}
function capacityMetric(baseline, current, spec, thresholds, tested) {
  const a = baseline.capacity;
  const b = current.capacity;
  const positive = (values) => values.filter((value) => value !== null && value > 0);
  const bTrials = positive(a.trials);
  const cTrials = positive(b.trials);
  const common = {
    metric: CAPACITY_METRIC,
    baseline: a.load,
    current: b.load,
    delta_pct: relative(a.load, b.load),
    tolerance_pct: spec.tolerance_pct ?? null,
    gate: spec.gate,
    direction: "higher_is_better",
    trials: { baseline: bTrials, current: cTrials },
    tooFewSamples: null
  };
  if (a.load === null || b.load === null) {
    const lowest = (sweep) => byLoad(sweep)[0]?.load ?? null;
    const reason2 = a.load === null && b.load === null ? "neither sweep met the SLO at its lowest load" : a.load === null ? `the baseline missed the SLO even at its lowest load (${lowest(baseline) ?? "?"}), the candidate holds it up to ${round(b.load)}` : `the candidate missed the SLO even at its lowest load (${lowest(current) ?? "?"}), the baseline held it up to ${round(a.load)}`;
    return { ...common, ci_low_pct: null, ci_high_pct: null, p_value: null, test: "threshold", unit: "trial", mde_pct: null, reason: reason2 };
  }
  const alphaPerTest = thresholds.alpha / Math.max(1, tested);
  const result = welchLogTest(bTrials, cTrials, { confidence: thresholds.confidence });
  const mde = minimumDetectableChange(bTrials, cTrials, { alpha: alphaPerTest, test: "welch-log" });
  const lowerBound = [a.beyond_tested === true ? "the baseline" : null, b.beyond_tested === true ? "the candidate" : null].filter((side) => side !== null);
  const reason = !result.ok ? `not tested: ${result.reason.replaceAll("_", " ")} (per-trial capacities ${bTrials.length} vs ${cTrials.length})` : lowerBound.length > 0 ? `${lowerBound.join(" and ")} held the SLO at every load run: ${lowerBound.length > 1 ? "their capacities are" : "its capacity is"} a lower bound` : void 0;
  return {
    ...common,
    ci_low_pct: result.ok ? 100 * (result.ratioCi.low - 1) : null,
    ci_high_pct: result.ok ? 100 * (result.ratioCi.high - 1) : null,
    p_value: result.ok ? result.p : null,
    test: result.ok ? "welch-log" : "none",
    unit: "trial",
    mde_pct: mde.ok ? mde.changePct : null,
    ...reason !== void 0 ? { reason } : {}
  };
}
function thresholdStatus(baselineSweep, currentSweep) {
  const [a, b] = [baselineSweep.capacity.load, currentSweep.capacity.load];
  const lowest = (sweep) => byLoad(sweep)[0]?.load ?? Infinity;
  if (a === null && b === null) return { status: "inconclusive" };
  if (a !== null) return lowest(currentSweep) <= a ? { status: "regressed" } : { status: "inconclusive", reason: `the candidate's lowest load (${lowest(currentSweep)}) is above the baseline's capacity (${round(a)}): run it at lower loads` };
  return lowest(baselineSweep) <= b ? { status: "improved" } : { status: "inconclusive", reason: `the baseline's lowest load (${lowest(baselineSweep)}) is above the candidate's capacity (${round(b)}): run it at lower loads` };
}
function compareSweeps(baseline, current, thresholds) {
  const notes = [];
  const references = referenceSteps(baseline, current);
  const spec = thresholds.metrics[CAPACITY_METRIC] ?? DEFAULT_CAPACITY_GATE;
  if (thresholds.metrics[CAPACITY_METRIC] === void 0) notes.push(`the thresholds (${thresholds.source}) do not name capacity_at_slo: it was gated with tolerance ${DEFAULT_CAPACITY_GATE.tolerance_pct}%, gate ${DEFAULT_CAPACITY_GATE.gate}`);
  const sweepPart = {
    load_kind: current.plan.load_kind,
    baseline: { capacity: baseline.capacity, curve: curveOf(baseline), reference_load: references.baseline?.load ?? null },
    current: { capacity: current.capacity, curve: curveOf(current), reference_load: references.current?.load ?? null }
  };
  const changes = references.baseline !== null && references.current !== null ? environmentChanges(references.baseline.result, references.current.result) : [];
  const head = {
    schema: COMPARISON_SCHEMA,
    definitions: current.definitions,
    thresholds: { source: thresholds.source, alpha: thresholds.alpha, confidence: thresholds.confidence, decision: thresholds.decision, fail_on_inconclusive: thresholds.fail_on_inconclusive },
    baseline: sideInfo(baseline, references.baseline),
    current: sideInfo(current, references.current),
    changes
  };
  const comparability = sweepComparability(baseline, current, references, thresholds);
  if (comparability.some((check) => !check.ok && check.warn !== true)) {
    notes.push("the two sweeps cannot be compared: no metric was tested");
    return { ...head, verdict: "incomparable", metrics: [], validity: comparability, notes, sweep: sweepPart };
  }
  const validity = [...comparability, ...sweepValidity(baseline, "baseline", thresholds), ...sweepValidity(current, "current", thresholds)];
  const evaluated = [capacityMetric(baseline, current, spec, thresholds, spec.gate === "off" ? 0 : 1)];
  const adjusted = holm(evaluated.map((m) => m.gate === "off" || m.test === "threshold" ? null : m.p_value));
  const decide = thresholds.decision === "non-inferiority" ? nonInferiorityStatus : detectStatus;
  const metrics = evaluated.map((m, index) => {
    const { tooFewSamples: _tooFew, ...rest } = m;
    const decision = m.test === "threshold" ? thresholdStatus(baseline, current) : decide(m, adjusted[index] ?? null, thresholds.alpha);
    const reason = decision.reason ?? rest.reason;
    return { ...rest, p_adjusted: adjusted[index] ?? null, status: decision.status, ...reason !== void 0 ? { reason } : {} };
  });
  notes.push(`baseline capacity: ${describeCapacity(baseline.capacity)}`, `candidate capacity: ${describeCapacity(current.capacity)}`);
  if (references.baseline !== null && references.current !== null) {
    const [a, b] = [references.baseline, references.current];
    notes.push(`the distributions and details show one step of each sweep: ${a.load === b.load ? `both at ${describeLoadStep(a.load_kind, a.load)}` : `${describeLoadStep(a.load_kind, a.load)} (baseline) and ${describeLoadStep(b.load_kind, b.load)} (candidate)`}`);
  }
  return { ...head, verdict: decideVerdict(metrics, validity, notes), metrics, validity, notes, sweep: sweepPart };
}
var referenceResults = (baseline, current) => {
  const steps = referenceSteps(baseline, current);
  return { baseline: steps.baseline?.result ?? null, current: steps.current?.result ?? null };
};

// src/report/sweep-section.ts
var percent2 = (share) => `${Number((100 * share).toFixed(1))}%`;
var ms = (value) => value === null || value === void 0 ? "\u2014" : `${formatNumber(value)} ms`;
function curveMetric(sweeps) {
  for (const sweep of sweeps) if (sweep.capacity.metric !== null) return sweep.capacity.metric;
  return sloMetricsOf(sweeps[0]?.capacity.slo ?? {})[0] ?? null;
}
function stepLine(step, attainment) {
  const slo = step.result.workload.slo;
  const level = attainment ?? step.result.workload.slo?.attainment ?? 0.99;
  const quantiles = Object.keys(step.slo.quantiles).map((metric) => `${quantileLabel(metric, level)} ${ms(step.slo.quantiles[metric])}${slo?.[metric] !== void 0 ? ` (SLO ${slo[metric]} ms)` : ""}`);
  const verdict = step.slo.holds ? "holds" : `misses (${step.slo.limited_by})`;
  return [`step ${step.index + 1}, ${describeLoadStep(step.load_kind, step.load)}: ${verdict}`, `${percent2(step.slo.attained)} met the SLO (${percent2(level)} needed)`, ...quantiles, `${formatNumber(step.result.summary.request_throughput)} req/s`, `${percent2(step.slo.error_rate)} errors`].join(", ");
}
function formatSweepSummary(sweep) {
  const { capacity } = sweep;
  const metrics = sloMetricsOf(capacity.slo);
  const header = [capacity.load_kind === "rate" ? "req/s offered" : "concurrency", "met SLO", ...metrics.map((metric) => `${quantileLabel(metric, capacity.attainment)} (\u2264 ${capacity.slo[metric]})`), "req/s", "errors", ""];
  const rows = [...sweep.steps].sort((a, b) => a.load - b.load).map((step) => [String(step.load), percent2(step.slo.attained), ...metrics.map((metric) => ms(step.slo.quantiles[metric])), formatNumber(step.result.summary.request_throughput), percent2(step.slo.error_rate), step.result.interrupted === true ? "interrupted" : step.slo.holds ? "holds" : `misses (${step.slo.limited_by})`]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => column === row.length - 1 ? cell : cell.padStart(widths[column])).join("  ").trimEnd();
  const lines = [
    `Sweep of ${oneLine(sweep.workload.name)} (${sweep.plan.mode === "auto" ? "automatic" : "grid"}, ${sweep.steps.length} steps, ${sweep.steps[0]?.result.trials.length ?? 0} trials each), SLO met by ${percent2(capacity.attainment)} of requests:`,
    line(header),
    ...rows.map(line),
    `Capacity at SLO: ${oneLine(describeCapacity(capacity))}`
  ];
  if (capacity.note !== void 0 && capacity.load !== null) lines.push(`note: ${oneLine(capacity.note)}`);
  for (const note of sweep.notes) lines.push(`note: ${oneLine(note)}`);
  return `${lines.join("\n")}
`;
}
function alignCurves(sides) {
  const loads = [...new Set(sides.flatMap((side) => side.filter((p) => p.value !== null).map((p) => p.load)))].sort((a, b) => a - b);
  let filled = false;
  const values = sides.map((side) => {
    const points = side.filter((p) => p.value !== null).sort((a, b) => a.load - b.load);
    return loads.map((load) => {
      const exact = points.find((p) => p.load === load);
      if (exact !== void 0) return exact.value;
      filled = true;
      const after = points.findIndex((p) => p.load > load);
      if (after === -1) return points[points.length - 1]?.value ?? 0;
      if (after === 0) return points[0].value;
      const [a, b] = [points[after - 1], points[after]];
      return a.value + (load - a.load) / (b.load - a.load) * (b.value - a.value);
    });
  });
  return { loads, values, filled };
}
var round2 = (value) => String(Number(value.toPrecision(4)));
var SLO_COLOR = { hex: "#cf222e", name: "red" };
function curveChart(title, unit, kind, sides, pick, slo) {
  const aligned = alignCurves(sides.map((curve) => curve.map((p) => ({ load: p.load, value: pick(p) }))));
  if (aligned.loads.length < 2) return null;
  const all = [...aligned.values.flat(), ...slo !== null ? [slo] : []];
  const [low, high] = [Math.min(...all), Math.max(...all)];
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  const palette = [CHART_COLORS.baseline.hex, CHART_COLORS.candidate.hex, ...slo !== null ? [SLO_COLOR.hex] : []].join(", ");
  return [
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis "${kind === "rate" ? "requests/s offered" : "concurrency"}" [${aligned.loads.map(round2).join(", ")}]`,
    `    y-axis "${unit}" ${round2(Math.max(0, low - pad))} --> ${round2(high + pad)}`,
    ...aligned.values.map((values) => `    line [${values.map(round2).join(", ")}]`),
    ...slo !== null ? [`    line [${aligned.loads.map(() => round2(slo)).join(", ")}]`] : [],
    "```",
    `\u2014 baseline (${CHART_COLORS.baseline.name}) \u2014 candidate (${CHART_COLORS.candidate.name})${slo !== null ? ` \u2014 SLO (${SLO_COLOR.name})` : ""}${aligned.filled ? " \xB7 loads one side did not run are drawn between its neighbouring steps" : ""}`
  ].join("\n");
}
function charts(input) {
  const { sweep } = input.comparison;
  const metric = curveMetric([input.baseline, input.current]);
  const sides = [sweep.baseline.curve, sweep.current.curve];
  const attainment = input.current.capacity.attainment;
  const latency = metric === null ? null : curveChart(`${quantileLabel(metric, attainment)} (ms) against load`, "ms", sweep.load_kind, sides, (p) => p.quantiles[metric] ?? null, input.current.capacity.slo[metric] ?? null);
  const throughput = curveChart("Request throughput (req/s) against load", "req/s", sweep.load_kind, sides, (p) => p.request_throughput, null);
  return [latency, throughput].filter((chart) => chart !== null);
}
function gatedTable(comparison) {
  const rows = comparison.metrics.filter((m) => m.gate !== "off").map((m) => [label(m.metric), formatValue(m.metric, m.baseline), formatValue(m.metric, m.current), m.status === "regressed" ? `**${formatDelta(m)}**` : formatDelta(m), formatInterval(m), formatP(m.p_adjusted), formatTolerance(m), m.gate, statusText(m)]);
  return markdownTable([["metric", "baseline", "candidate", "\u0394", `${Math.round(comparison.thresholds.confidence * 100)}% CI`, "p (Holm)", "tolerance", "gate", "status"], ...rows], { align: ["l", "r", "r", "r", "r", "r", "r", "c", "l"] });
}
function stepsTable(input, escape) {
  const metric = curveMetric([input.baseline, input.current]);
  const attainment = input.current.capacity.attainment;
  const point = (curve, load) => curve.find((p) => p.load === load);
  const { baseline, current } = input.comparison.sweep;
  const loads = [...new Set([...baseline.curve, ...current.curve].map((p) => p.load))].sort((a, b) => a - b);
  const cell = (p) => p === void 0 ? ["\u2014", "\u2014", "\u2014"] : [metric === null ? "\u2014" : ms(p.quantiles[metric]), formatNumber(p.request_throughput), `${percent2(p.attained)}${p.holds ? " \u2705" : " \u274C"}`];
  const what = metric === null ? "latency" : quantileLabel(metric, attainment);
  const head = ["load", `baseline ${what}`, "req/s", "met SLO", `candidate ${what}`, "req/s", "met SLO"];
  return markdownTable([head.map(escape), ...loads.map((load) => [round2(load), ...cell(point(baseline.curve, load)), ...cell(point(current.curve, load))])], { align: ["r", "r", "r", "r", "r", "r", "r"] });
}
function reasonLines(comparison) {
  const lines = [];
  for (const m of comparison.metrics) if (m.gate !== "off" && m.reason !== void 0) lines.push(`${label(m.metric)}: ${m.reason}`);
  for (const check of comparison.validity) if (!check.ok) lines.push(`${check.check.replaceAll("_", " ")}${check.side !== void 0 && check.side !== "both" ? ` (${check.side})` : ""}: ${check.detail}`);
  lines.push(...comparison.notes);
  return lines;
}
function renderSweepMarkdown(input) {
  const { comparison } = input;
  const labels = input.labels ?? { baseline: "baseline", current: "candidate" };
  const code = (text) => `\`${escapeMarkdown(text, { maxLength: 80 }).replaceAll("`", "'")}\``;
  const context = `Sweep: candidate ${code(labels.current)} vs baseline ${code(labels.baseline)} \xB7 ${comparison.current.trials} vs ${comparison.baseline.trials} trials a step \xD7 ${comparison.current.requests_per_trial} requests \xB7 SLO met by ${percent2(input.current.capacity.attainment)} of requests \xB7 thresholds ${code(comparison.thresholds.source)} (${comparison.thresholds.decision})`;
  const sections = [{ title: "context", text: context, priority: SECTION_PRIORITY.summary }];
  const capacities = [`- **baseline** capacity: ${escapeMarkdown(describeCapacity(input.baseline.capacity), { maxLength: 400 })}`, `- **candidate** capacity: ${escapeMarkdown(describeCapacity(input.current.capacity), { maxLength: 400 })}`].join("\n");
  sections.push({ title: "capacity", text: capacities, priority: SECTION_PRIORITY.gatedMetrics });
  if (comparison.metrics.length > 0) sections.push({ title: "gated metrics", text: gatedTable(comparison), priority: SECTION_PRIORITY.gatedMetrics, cut: "lines", keepLines: 2 });
  const reasons = reasonLines(comparison).filter((line) => !line.startsWith("baseline capacity:") && !line.startsWith("candidate capacity:"));
  if (reasons.length > 0) sections.push({ title: "reasons and notes", text: reasons.map((line) => `- ${escapeMarkdown(line, { maxLength: 400 })}`).join("\n"), priority: SECTION_PRIORITY.validity, cut: "lines" });
  charts(input).forEach((chart, index) => sections.push({ title: `curve ${index + 1}`, text: chart, priority: SECTION_PRIORITY.distribution }));
  const details = ["<details><summary>Every step of both sweeps</summary>", "", stepsTable(input, (text) => escapeMarkdown(text)), "", ...input.reproduce !== void 0 ? ["Reproduce locally:", "", "```sh", input.reproduce, "```", ""] : [], "</details>"].join("\n");
  sections.push({ title: "details", text: details, priority: SECTION_PRIORITY.details });
  sections.push({
    title: "how to read this",
    text: "How to read this: the capacity is the highest load at which the SLO holds for the attainment share of requests, interpolated between the last step that held and the first that did not; \u274C = the candidate carries less load beyond the tolerance with statistical confidence (per-trial capacities); \u26A0\uFE0F = not shown either way (add trials). docs/sweeps.md explains the rule and its interval.",
    priority: SECTION_PRIORITY.summary - 5,
    cut: "lines"
  });
  return { verdict: verdictLine(comparison), sections };
}
function renderSweepText(input) {
  const { comparison } = input;
  const capacity = comparison.metrics.find((m) => m.metric === CAPACITY_METRIC);
  const head = VERDICT_HEAD[comparison.verdict];
  const lines = [`${head.symbol} ${head.word.toUpperCase()}: sweep of ${oneLine(comparison.current.name)}${capacity !== void 0 ? ` (capacity at SLO ${formatDelta(capacity)})` : ""}`];
  lines.push(`baseline capacity: ${oneLine(describeCapacity(input.baseline.capacity))}`, `candidate capacity: ${oneLine(describeCapacity(input.current.capacity))}`);
  if (capacity !== void 0) lines.push(`test: ${capacity.test} on per-trial capacities ${capacity.trials.baseline.map(round2).join(", ")} vs ${capacity.trials.current.map(round2).join(", ")}; ${Math.round(comparison.thresholds.confidence * 100)}% CI ${formatInterval(capacity)}, p (Holm) ${formatP(capacity.p_adjusted)}, tolerance ${formatTolerance(capacity)} \u2192 ${statusText(capacity)}`);
  lines.push("", ...stepsTable(input, (text) => text).split("\n"));
  const reasons = reasonLines(comparison).filter((line) => !line.startsWith("baseline capacity:") && !line.startsWith("candidate capacity:"));
  if (reasons.length > 0) lines.push("", ...reasons.map((line) => `- ${oneLine(line)}`));
  return `${lines.join("\n")}
`;
}
function sweepCurves(input) {
  const { sweep } = input.comparison;
  const metric = curveMetric([input.baseline, input.current]);
  const series = (pick) => {
    const points = (curve) => curve.flatMap((p) => pick(p) === null ? [] : [{ load: p.load, value: pick(p) }]);
    return { baseline: points(sweep.baseline.curve), candidate: points(sweep.current.curve) };
  };
  return {
    loadKind: sweep.load_kind,
    metrics: [
      ...metric !== null ? [{ metric: quantileLabel(metric, input.current.capacity.attainment), unit: "ms", ...series((p) => p.quantiles[metric] ?? null) }] : [],
      { metric: "request throughput", unit: "req/s", ...series((p) => p.request_throughput) },
      { metric: "output throughput", unit: "tok/s", ...series((p) => p.output_throughput) }
    ]
  };
}

export {
  DEFAULT_ATTAINMENT,
  sloThresholds,
  sloMetricsOf,
  trialSloOf,
  judgeStep,
  describeLoadStep,
  computeCapacity,
  compareSweeps,
  referenceResults,
  stepLine,
  formatSweepSummary,
  renderSweepMarkdown,
  renderSweepText,
  sweepCurves
};
