if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  DEFAULT_ATTAINMENT,
  computeCapacity,
  describeLoadStep,
  formatSweepSummary,
  judgeStep,
  sloMetricsOf,
  sloThresholds,
  stepLine,
  trialSloOf
} from "./chunk-RHW5FIRQ.js";
import {
  assembleResult,
  createProgress,
  monotonicClock,
  openTarget,
  runTrialOn,
  serverLogPath,
  withServers
} from "./chunk-BD4WMCGU.js";
import {
  canonicalJson,
  computeWorkloadHash,
  normalisedWorkload,
  resolveWorkload
} from "./chunk-6ABQPTPV.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import {
  loadThresholds
} from "./chunk-4ATGSLI2.js";
import "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import {
  SWEEP_SCHEMA
} from "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import {
  DEFINITIONS_VERSION,
  readStructuredFile,
  writeJsonFile
} from "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/sweep/plan.ts
var DEFAULT_REFINE_STEPS = 3;
var DEFAULT_MAX_STEPS = 12;
var DEFAULT_MAX_LOAD = 256;
function parseLoadList(text, kind, flag) {
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.length === 0 || entries.every((entry) => entry === "")) throw new InputError(`${flag}: got an empty list; expected loads separated by commas, e.g. ${kind === "rate" ? "1,2,4,8" : "1,2,4,8,16"}`);
  const loads = entries.map((entry) => {
    const value = entry === "" ? Number.NaN : Number(entry);
    const ok = kind === "concurrency" ? Number.isInteger(value) && value >= 1 : Number.isFinite(value) && value > 0;
    if (!ok) throw new InputError(`${flag}: ${JSON.stringify(entry)} is not ${kind === "concurrency" ? "a concurrency (an integer >= 1)" : "a rate (requests/s > 0)"}; expected a list such as ${kind === "rate" ? "0.5,1,2,4" : "1,2,4,8"}`);
    return value;
  });
  return [...new Set(loads)].sort((a, b) => a - b);
}
function autoPlan(requests, options = {}) {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 2) throw new InputError(`--max-steps: got ${maxSteps}; expected an integer >= 2 (a sweep needs a load that holds and one that does not)`);
  return {
    load_kind: "concurrency",
    mode: "auto",
    auto: { start: 1, max_load: Math.max(1, Math.min(options.maxLoad ?? DEFAULT_MAX_LOAD, requests)), refine_steps: options.refineSteps ?? DEFAULT_REFINE_STEPS, max_steps: maxSteps }
  };
}
function autoStopNote(plan, ran) {
  if (plan.mode !== "auto") return null;
  const { max_load: maxLoad, max_steps: maxSteps } = plan.auto;
  if (ran.length >= maxSteps && nextLoad({ ...plan, auto: { ...plan.auto, max_steps: Infinity } }, ran) !== null) return `the automatic sweep stopped at its bound of ${maxSteps} steps (--max-steps)`;
  if (ran.length > 0 && ran.every((step) => step.holds) && ran.some((step) => step.load >= maxLoad)) return `the SLO held up to concurrency ${maxLoad}, where doubling stops (the requests per trial, at most ${DEFAULT_MAX_LOAD})`;
  return null;
}
function nextLoad(plan, ran) {
  if (plan.mode === "grid") {
    const load = plan.loads[ran.length];
    return load === void 0 ? null : { load, phase: "grid" };
  }
  const { start, max_load: maxLoad, refine_steps: refineSteps, max_steps: maxSteps } = plan.auto;
  if (ran.length >= maxSteps) return null;
  if (ran.length === 0) return { load: start, phase: "double" };
  const highestRun = Math.max(...ran.map((step) => step.load));
  const held = ran.filter((step) => step.holds).map((step) => step.load);
  const below = held.length === 0 ? null : Math.max(...held);
  const missedAbove = ran.filter((step) => !step.holds && (below === null || step.load > below)).map((step) => step.load);
  const double = () => highestRun >= maxLoad ? null : { load: Math.min(highestRun * 2, maxLoad), phase: "double" };
  if (missedAbove.length === 0) return double();
  if (missedAbove.length === 1) {
    const confirm = double();
    if (confirm !== null) return confirm;
  }
  if (below === null) return null;
  const above = Math.min(...missedAbove);
  const refined = ran.filter((step) => step.phase === "refine").length;
  if (refined >= refineSteps || above - below <= 1) return null;
  return { load: Math.floor((below + above) / 2), phase: "refine" };
}
var plannedSteps = (plan) => plan.mode === "grid" ? plan.loads.length : null;

// src/sweep/workload.ts
import { createHash } from "node:crypto";
var PLACEHOLDER_LOAD = { concurrency: 1 };
function resolveSweepWorkload(input, source, options = {}) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new InputError(`workload ${source}: expected a mapping of workload fields`);
  const raw = input;
  const base = resolveWorkload(raw.load === void 0 ? { ...raw, load: PLACEHOLDER_LOAD } : raw, source, options);
  return { base, raw, source, options };
}
function loadSweepWorkload(file, options = {}) {
  return resolveSweepWorkload(readStructuredFile(file, "workload"), file, options);
}
function stepLoad(written, kind, load) {
  const { concurrency: _concurrency, rate: _rate, ramp: _ramp, exact_rate: exactRate, ...kept } = written ?? {};
  return kind === "concurrency" ? { ...kept, concurrency: load } : { ...kept, rate: load, ...exactRate !== void 0 ? { exact_rate: exactRate } : {} };
}
function stepWorkload(sweep, kind, load) {
  return resolveWorkload({ ...sweep.raw, load: stepLoad(sweep.raw.load, kind, load) }, sweep.source, sweep.options);
}
var sha256 = (text) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
function sweepIdentity(sweep, plan) {
  const { base } = sweep;
  const { load: _load, ...spec } = base.spec;
  const workloadHash = computeWorkloadHash(spec, base.path, base.promptFileSha256 ?? null);
  const { load: _written, workload_hash_v1: _legacy, workload_hash: _hash, ...normalised } = normalisedWorkload(base);
  return { ...normalised, name: base.spec.name, workload_hash: workloadHash, sweep_hash: sha256(canonicalJson({ workload_hash: workloadHash, plan })) };
}

// src/sweep/run.ts
function capacityRule(sweep, maxErrorRate) {
  const slo = sweep.base.spec.slo;
  return { slo: sloThresholds(slo), attainment: slo.attainment ?? DEFAULT_ATTAINMENT, maxErrorRate };
}
function judgeStepResult(result, rule) {
  const trials = result.trials.map((trial) => trialSloOf(trial.requests, rule.slo, trial.summary.request_throughput));
  return { ...judgeStep(trials, rule), trials: trials.map((trial) => judgeStep([trial], rule)) };
}
function assembleSweep(sweep, plan, steps, rule, interrupted, createdAt) {
  const complete = steps.filter((step) => step.result.interrupted !== true).sort((a, b) => a.load - b.load);
  const capacity = computeCapacity({
    kind: plan.load_kind,
    steps: complete.map((step) => ({ load: step.load, trials: step.result.trials.map((trial) => trialSloOf(trial.requests, rule.slo, trial.summary.request_throughput)) })),
    rule
  });
  const notes = [];
  const stopped = autoStopNote(plan, steps.map((step) => ({ load: step.load, holds: step.slo.holds, phase: step.phase })));
  if (stopped !== null) notes.push(stopped);
  if (complete.length < steps.length) notes.push("the step that was running when the sweep was interrupted is kept, but left out of the capacity");
  return {
    schema: SWEEP_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: createdAt,
    workload: sweepIdentity(sweep, plan),
    plan,
    environment: steps[0]?.result.environment ?? null,
    ...interrupted ? { interrupted: true } : {},
    max_error_rate: rule.maxErrorRate,
    steps,
    capacity,
    notes
  };
}
async function runSweep(sweep, plan, options) {
  const clock = options.clock ?? monotonicClock;
  const rule = capacityRule(sweep, options.maxErrorRate);
  const createdAt = (/* @__PURE__ */ new Date()).toISOString();
  const steps = [];
  const ran = [];
  const aborted = () => options.signal?.aborted === true;
  let file = assembleSweep(sweep, plan, steps, rule, false, createdAt);
  for (let next = nextLoad(plan, ran); next !== null && !aborted(); next = nextLoad(plan, ran)) {
    const workload = stepWorkload(sweep, plan.load_kind, next.load);
    options.observer?.stepStarted?.({ index: steps.length, loadKind: plan.load_kind, load: next.load, phase: next.phase, planned: plannedSteps(plan), maxSteps: plan.mode === "auto" ? plan.auto.max_steps : null });
    const target = await openTarget(workload, workload.url, clock);
    const trials = [];
    try {
      for (let index = 0; index < workload.spec.trials && !aborted(); index++) {
        trials.push(await runTrialOn(target, workload, index, { clock, ...options.observer !== void 0 ? { observer: options.observer } : {}, ...options.signal !== void 0 ? { signal: options.signal } : {}, ...options.hostCounters !== void 0 ? { hostCounters: options.hostCounters } : {} }));
      }
    } finally {
      await target.close();
    }
    const result = assembleResult(workload, target.environment, trials, aborted());
    const step = { index: steps.length, load_kind: plan.load_kind, load: next.load, phase: next.phase, slo: judgeStepResult(result, rule), result };
    steps.push(step);
    ran.push({ load: step.load, holds: step.slo.holds, phase: step.phase });
    file = assembleSweep(sweep, plan, steps, rule, aborted(), createdAt);
    options.observer?.stepDone?.(step);
    options.onStep?.(file);
  }
  if (aborted() && file.interrupted !== true && nextLoad(plan, ran) !== null) {
    file = assembleSweep(sweep, plan, steps, rule, true, createdAt);
    if (steps.length > 0) options.onStep?.(file);
  }
  return file;
}

// src/commands/sweep.ts
function planFromOptions(options, sweep) {
  const lists = [options.concurrency !== void 0 ? "--concurrency" : null, options.rate !== void 0 ? "--rate" : null].filter((flag) => flag !== null);
  if (lists.length === 2) throw new InputError("--concurrency and --rate: give one; a sweep varies one kind of load (closed-loop streams or open-loop requests/s)");
  if (options.auto === true && lists.length > 0) throw new InputError(`--auto and ${lists[0]}: give one; --auto finds the loads itself, a list runs the loads given`);
  if (options.concurrency !== void 0) return { load_kind: "concurrency", mode: "grid", loads: parseLoadList(options.concurrency, "concurrency", "--concurrency") };
  if (options.rate !== void 0) return { load_kind: "rate", mode: "grid", loads: parseLoadList(options.rate, "rate", "--rate") };
  if (sloMetricsOf(sloThresholds(sweep.base.spec.slo)).length === 0) {
    throw new InputError(`workload ${sweep.source}: the automatic sweep doubles the load until the SLO breaks, but slo sets no ttft_ms, tpot_ms or e2e_ms; set one, or give --concurrency or --rate`);
  }
  return autoPlan(sweep.base.spec.requests, options.maxSteps !== void 0 ? { maxSteps: options.maxSteps } : {});
}
var defaultSweepPath = (sweep) => `${sweep.base.spec.name}.sweep.json`;
async function sweepAndWrite(sweep, plan, out, io, options) {
  let stepLabel = "";
  const perStep = sweep.base.spec.trials;
  const stepsBound = plan.mode === "grid" ? plan.loads.length : plan.auto.max_steps;
  const progress = createProgress({ stream: io.stderr, quiet: options.quiet, trials: stepsBound * perStep, prefix: () => stepLabel, ...io.signal !== void 0 ? { signal: io.signal } : {} });
  const observer = {
    ...progress,
    stepStarted(step) {
      const of = step.planned !== null ? `/${step.planned}` : ` (automatic: at most ${step.maxSteps})`;
      stepLabel = `step ${step.index + 1}${of}, ${describeLoadStep(step.loadKind, step.load)}: `;
    },
    stepDone(step) {
      if (!options.quiet) io.stderr.write(`${stepLine(step)}
`);
    }
  };
  try {
    return await withServers(
      [{ workload: sweep.base, logPath: serverLogPath(out), label: "server" }],
      io,
      () => runSweep(sweep, plan, { observer, maxErrorRate: options.maxErrorRate, onStep: (file) => writeJsonFile(out, file), ...io.signal !== void 0 ? { signal: io.signal } : {} })
    );
  } finally {
    progress.stop();
  }
}
async function sweepCommand(options, io) {
  const sweep = loadSweepWorkload(options.workload, {
    env: io.env,
    ...options.url !== void 0 ? { url: options.url } : {},
    ...options.model !== void 0 ? { model: options.model } : {},
    ...options.trials !== void 0 ? { trials: options.trials } : {}
  });
  const plan = planFromOptions(options, sweep);
  const thresholds = loadThresholds(options.thresholds);
  const out = options.out ?? defaultSweepPath(sweep);
  const file = await sweepAndWrite(sweep, plan, out, io, { quiet: options.quiet === true, maxErrorRate: thresholds.validity.max_error_rate });
  if (file.steps.length === 0) {
    io.stderr.write("interrupted before the first step finished: no sweep file was written\n");
    return 130;
  }
  io.stdout.write(formatSweepSummary(file));
  io.stderr.write(`sweep: ${out}${file.interrupted === true ? " (interrupted: it holds the steps that finished)" : ""}
`);
  return file.interrupted === true ? 130 : 0;
}
export {
  defaultSweepPath,
  planFromOptions,
  sweepAndWrite,
  sweepCommand
};
