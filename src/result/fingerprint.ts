/**
 * What two results' environments say about whether, and how, they differ. Pure: it reads result
 * files, which may come from older versions (fields absent) or from other tools (imported), so
 * every field is read defensively.
 */
import type { Environment, GpuInfo } from './types.js'

/** One field that differs between the baseline's environment and the current one (comparison JSON `changes`). */
export interface EnvironmentChange {
  /** A path in the result: `server.version`, `server.settings.max_model_len`, `gpu.name`, `runner.labels`, `tool.version`. */
  field: string
  baseline: string | number | boolean | null
  current: string | number | boolean | null
}

type Value = EnvironmentChange['baseline']

/** What the comparison reads of each side. */
export interface FingerprintSide {
  environment: Partial<Environment> | undefined
  tool?: { version?: string } | undefined
}

const gpusOf = (environment: Partial<Environment> | null | undefined): GpuInfo[] =>
  Array.isArray(environment?.gpu) ? environment.gpu.filter((gpu): gpu is GpuInfo => gpu !== null && typeof gpu === 'object' && typeof gpu.name === 'string') : []

/** Each distinct value in order of first appearance: one GPU model reads "NVIDIA H100" (a number stays a number), a mixed box "A + B". */
const distinct = (values: Array<string | number | null | undefined>): string | number | null => {
  const seen = [...new Map(values.filter((value): value is string | number => value !== null && value !== undefined).map((value) => [String(value), value])).values()]
  return seen.length === 0 ? null : seen.length === 1 ? seen[0]! : seen.join(' + ')
}

/**
 * The hardware a result ran on, for deciding whether two results may be compared and for grouping
 * a history by machine: the GPU models and how many of each, e.g. `2× NVIDIA H100 80GB HBM3`, or
 * null when the result reports no GPU (none present, or `nvidia-smi`/`rocm-smi` not reachable).
 * Memory, driver and CUDA versions are left out: they are listed under What changed, and do not
 * alone make two runs incomparable.
 */
export function hardwareKey(environment: Partial<Environment> | null | undefined): string | null {
  const counts = new Map<string, number>()
  for (const gpu of gpusOf(environment)) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1)
  if (counts.size === 0) return null
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, count]) => `${count}× ${name}`)
    .join(' + ')
}

/** A field's value on one side; undefined when that side's version of the tool did not record it (never listed as a change). */
type Reader = (side: FingerprintSide) => Value | undefined

const server = (side: FingerprintSide): Record<string, unknown> => (side.environment?.server ?? {}) as Record<string, unknown>
const runner = (side: FingerprintSide): Record<string, unknown> => (side.environment?.runner ?? {}) as Record<string, unknown>

const scalar = (value: unknown): Value | undefined =>
  value === undefined ? undefined : value === null ? null : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value)

const list = (value: unknown): Value | undefined => (Array.isArray(value) ? (value.length === 0 ? null : value.map(String).join(' ')) : scalar(value))

/** Every GPU entry recorded the field, or the value is "not recorded". */
const perGpu = (field: keyof GpuInfo): Reader => (side) => {
  const gpus = gpusOf(side.environment)
  if (gpus.some((gpu) => gpu[field] === undefined)) return undefined
  return distinct(gpus.map((gpu) => gpu[field] as string | number | null))
}

/** The model first: what a model-change pull request is about. Then the server, the hardware, the runner, the tool. */
const MODEL_FIELDS: Array<[string, Reader]> = [
  ['server.model', (side) => scalar(server(side).model) ?? null],
  ['server.model_revision', (side) => scalar(server(side).model_revision)]
]
const SERVER_FIELDS: Array<[string, Reader]> = [
  ['server.engine', (side) => scalar(server(side).engine)],
  ['server.version', (side) => scalar(server(side).version)],
  ['server.args', (side) => list(server(side).args)]
]
const HARDWARE_FIELDS: Array<[string, Reader]> = [
  ['gpu.name', (side) => distinct(gpusOf(side.environment).map((gpu) => gpu.name))],
  ['gpu.count', (side) => gpusOf(side.environment).length],
  ['gpu.memory_total_mib', perGpu('memory_total_mib')],
  ['gpu.driver_version', perGpu('driver_version')],
  ['gpu.cuda_version', perGpu('cuda_version')]
]
const RUNNER_FIELDS: Array<[string, Reader]> = [
  ['runner.name', (side) => scalar(runner(side).name)],
  ['runner.labels', (side) => (runner(side).labels === undefined ? undefined : Array.isArray(runner(side).labels) ? distinct((runner(side).labels as unknown[]).map(String)) : null)],
  ['runner.os', (side) => scalar(runner(side).os)],
  ['runner.release', (side) => scalar(runner(side).release)],
  ['runner.arch', (side) => scalar(runner(side).arch)],
  ['runner.cpu_model', (side) => scalar(runner(side).cpu_model)],
  ['runner.cpu_count', (side) => scalar(runner(side).cpu_count)],
  ['runner.node', (side) => scalar(runner(side).node)]
]
const RUN_FIELDS: Array<[string, Reader]> = [
  ['tool.version', (side) => scalar(side.tool?.version)],
  ['server.url', (side) => scalar(server(side).url)]
]

/** The server's reported settings, key by key; absent on a side that recorded none. */
function settingsFields(baseline: FingerprintSide, current: FingerprintSide): Array<[string, Reader]> {
  const settingsOf = (side: FingerprintSide): Record<string, unknown> | undefined => {
    const settings = server(side).settings
    return settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : undefined
  }
  const [a, b] = [settingsOf(baseline), settingsOf(current)]
  if (a === undefined || b === undefined) return []
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return keys.map((key) => [`server.settings.${key}`, (side) => scalar(settingsOf(side)?.[key]) ?? null])
}

/**
 * Every recorded field whose value differs between the two environments, model first. A field
 * one side's version of the tool did not record is left out rather than reported as changed.
 */
export function environmentChanges(baseline: FingerprintSide, current: FingerprintSide): EnvironmentChange[] {
  const fields = [...MODEL_FIELDS, ...SERVER_FIELDS, ...settingsFields(baseline, current), ...HARDWARE_FIELDS, ...RUNNER_FIELDS, ...RUN_FIELDS]
  const changes: EnvironmentChange[] = []
  for (const [field, read] of fields) {
    const [a, b] = [read(baseline), read(current)]
    if (a === undefined || b === undefined || a === b) continue
    changes.push({ field, baseline: a, current: b })
  }
  return changes
}
