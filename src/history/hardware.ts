import type { Environment } from '../result/types.js'

/**
 * What "the same hardware" means for comparing runs across jobs: the GPU model and how many of
 * them. One function so the environment fingerprint (docs/fingerprint.md) can refine it in one place.
 * "none" for a run that saw no GPU (a CPU engine, a simulator).
 */
export function hardwareKey(environment: Pick<Environment, 'gpu'> | undefined): string {
  const gpus = environment?.gpu ?? []
  if (gpus.length === 0) return 'none'
  const counts = new Map<string, number>()
  for (const gpu of gpus) {
    const entry = gpu as { name: string; count?: number }
    counts.set(entry.name, (counts.get(entry.name) ?? 0) + (typeof entry.count === 'number' && entry.count > 0 ? entry.count : 1))
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => `${count}× ${name}`).join(' + ')
}
