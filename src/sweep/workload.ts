/**
 * The workload of a sweep and of each of its steps. A step is the workload with its `load`
 * replaced, resolved like any workload file, so its result carries the ordinary workload hash of
 * that load and every check for results applies to it. The sweep's identity is the workload
 * minus its load plus the plan (docs/sweeps.md): `workload_hash` hashes everything sent but the
 * load, `sweep_hash` adds the plan.
 */
import { createHash } from 'node:crypto'
import { canonicalJson, computeWorkloadHash, normalisedWorkload, resolveWorkload, type LoadWorkloadOptions, type Workload, type WorkloadSpec } from '../config/workload.js'
import { readStructuredFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { LoadKind, SweepPlan } from '../result/sweep-types.js'

export interface SweepWorkload {
  /** The workload as written (its own load, or a placeholder where it has none). */
  base: Workload
  /** The file's content, to resolve each step from. */
  raw: Record<string, unknown>
  source: string
  options: LoadWorkloadOptions
}

// A sweep sets the load of every step: a workload written for sweeps may leave `load` out.
const PLACEHOLDER_LOAD = { concurrency: 1 }

/** Resolves a workload read from `source` for a sweep. */
export function resolveSweepWorkload(input: unknown, source: string, options: LoadWorkloadOptions = {}): SweepWorkload {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InputError(`workload ${source}: expected a mapping of workload fields`)
  const raw = input as Record<string, unknown>
  const base = resolveWorkload(raw.load === undefined ? { ...raw, load: PLACEHOLDER_LOAD } : raw, source, options)
  return { base, raw, source, options }
}

export function loadSweepWorkload(file: string, options: LoadWorkloadOptions = {}): SweepWorkload {
  return resolveSweepWorkload(readStructuredFile(file, 'workload'), file, options)
}

/** The workload's load with the step's load in place: a closed loop of `load` streams, or an open loop at `load` requests/s. */
export function stepLoad(written: unknown, kind: LoadKind, load: number): Record<string, unknown> {
  const { concurrency: _concurrency, rate: _rate, ramp: _ramp, exact_rate: exactRate, ...kept } = (written ?? {}) as Record<string, unknown>
  // exact_rate belongs to an open loop's one rate; a ramp or a cap would change what a step of that load means.
  return kind === 'concurrency' ? { ...kept, concurrency: load } : { ...kept, rate: load, ...(exactRate !== undefined ? { exact_rate: exactRate } : {}) }
}

/** The workload of one step, resolved (and validated) as a workload file with that load would be. */
export function stepWorkload(sweep: SweepWorkload, kind: LoadKind, load: number): Workload {
  return resolveWorkload({ ...sweep.raw, load: stepLoad(sweep.raw.load, kind, load) }, sweep.source, sweep.options)
}

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`

/** The sweep file's `workload`: normalised, without its load, with the hashes that name the sweep. */
export function sweepIdentity(sweep: SweepWorkload, plan: SweepPlan): { name: string; workload_hash: string; sweep_hash: string; [key: string]: unknown } {
  const { base } = sweep
  const { load: _load, ...spec } = base.spec
  const workloadHash = computeWorkloadHash(spec as WorkloadSpec, base.path, base.promptFileSha256 ?? null)
  const { load: _written, workload_hash_v1: _legacy, workload_hash: _hash, ...normalised } = normalisedWorkload(base)
  return { ...normalised, name: base.spec.name, workload_hash: workloadHash, sweep_hash: sha256(canonicalJson({ workload_hash: workloadHash, plan })) }
}
