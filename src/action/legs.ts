import { globSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { workloadSchema } from '../config/workload.js'
import { parseWithSchema, readStructuredFile } from '../config/validate.js'
import { InputError } from '../errors.js'
import { encodeWorkloadName } from '../github/names.js'
import { INPUTS } from './names.js'
import type { ActionSettings } from './settings.js'

/** One workload the step gates: its own files, comment marker and baseline artifact. */
export interface Leg {
  /** The settings with this leg's workload file, result path and output folder. */
  settings: ActionSettings
  /** Names the baseline artifact (`llm-perf-gate-baseline-<key>`) and the comment marker (`<!-- llm-perf-gate:<key> -->`). */
  key: string
  /** The key versions before `key` used (the workload name alone), tried for the baseline when the default key gained the GPU model. */
  legacyKey: string | null
}

const GLOB_CHARACTERS = /[*?[\]{}]/

/** Files named by the workload input, patterns expanded (sorted), in the order given, each once. */
export function expandWorkloads(patterns: readonly string[], glob: (pattern: string) => string[] = (pattern) => globSync(pattern)): string[] {
  const files: string[] = []
  for (const pattern of patterns) {
    if (!GLOB_CHARACTERS.test(pattern)) {
      files.push(pattern)
      continue
    }
    const matched = glob(pattern).sort()
    if (matched.length === 0) throw new InputError(`input ${INPUTS.workload}: the pattern ${JSON.stringify(pattern)} matches no file; expected workload files (YAML or JSON)`)
    files.push(...matched)
  }
  return [...new Set(files)]
}

/** The workload's `name`, validated like any workload file but without its ${VAR}s expanded (a compare job has no server secrets). */
export function workloadNameOf(file: string): string {
  const raw = readStructuredFile(file, 'workload')
  // A workload for mode sweep may leave its load out (each step sets one); every other mode still needs it when it loads the workload.
  const loadless = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('load' in raw)
  return parseWithSchema(workloadSchema, loadless ? { ...raw, load: { concurrency: 1 } } : raw, file, 'workload').name
}

/** "NVIDIA H100 80GB HBM3" → "nvidia-h100-80gb-hbm3": readable in artifact names. */
export function gpuSlug(gpu: string): string {
  return gpu.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** A key as one folder name: encoded like artifact names, and never `.` or `..`. */
function folderOf(key: string): string {
  return encodeWorkloadName(key).replace(/^\./, '%2E')
}

/**
 * Turns the inputs into legs. The key is the `key` input, else the workload's name plus the
 * runner's GPU model where one is known (so legs of a matrix over GPUs never share a baseline
 * or a comment); with several workloads each key also names its workload. It comes from the
 * workflow and its workload files, never from a result file, which the measured code wrote.
 * With one workload the result path is `result-path`; with several each leg's files go into
 * a folder named by its key beside it (`llm-perf-gate/<key>/current.result.json`).
 */
export function planLegs(settings: ActionSettings, gpu: string | null, glob?: (pattern: string) => string[]): Leg[] {
  const files = expandWorkloads(settings.workloads, glob)
  const suffix = gpu === null || gpuSlug(gpu) === '' ? '' : `-${gpuSlug(gpu)}`
  if (files.length === 0) {
    // Mode compare without a workload file: settings.ts made sure the key is given where one is needed.
    return [{ settings, key: settings.key ?? '', legacyKey: null }]
  }
  const legs = files.map((file) => {
    const name = workloadNameOf(file)
    const key = settings.key === null ? `${name}${suffix}` : files.length === 1 ? settings.key : `${settings.key}-${name}`
    const resultPath = files.length === 1 ? settings.resultPath : join(dirname(settings.resultPath), folderOf(key), basename(settings.resultPath))
    return {
      settings: { ...settings, workload: file, resultPath, outputDirectory: dirname(resultPath) },
      key,
      legacyKey: settings.key === null && suffix !== '' ? name : null
    }
  })
  const seen = new Map<string, string>()
  for (const leg of legs) {
    const other = seen.get(leg.key)
    if (other !== undefined) throw new InputError(`input ${INPUTS.workload}: ${other} and ${leg.settings.workload} have the same key ${JSON.stringify(leg.key)} (their names); expected workloads with different names`)
    seen.set(leg.key, leg.settings.workload!)
  }
  return legs
}
