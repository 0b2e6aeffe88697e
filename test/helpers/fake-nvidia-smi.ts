import { vi } from 'vitest'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'

export interface FakeGpu {
  name?: string
  'utilization.gpu'?: number
  'memory.used'?: number
  'memory.total'?: number
  'power.draw'?: number
  'clocks.sm'?: number
  'temperature.gpu'?: number
  /** The clock event reasons' bitmask, e.g. "0x0000000000000020" for sw_thermal. */
  'clocks_event_reasons.active'?: string
  driver_version?: string
}

/**
 * The environment that puts test/helpers/fake-nvidia-smi.mjs first on PATH as `nvidia-smi`,
 * serving `gpus`; pass it to vi.stubEnv (the sampler spawns nvidia-smi with process.env).
 */
export function fakeNvidiaSmiEnv(gpus: FakeGpu[], options: { reject?: string[]; path?: string; log?: string } = {}): { PATH: string; FAKE_NVIDIA_SMI: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-fake-smi-'))
  const script = resolve('test/helpers/fake-nvidia-smi.mjs')
  writeFileSync(join(dir, 'nvidia-smi'), `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`)
  chmodSync(join(dir, 'nvidia-smi'), 0o755)
  return { PATH: `${dir}${delimiter}${options.path ?? process.env.PATH ?? ''}`, FAKE_NVIDIA_SMI: JSON.stringify({ gpus, reject: options.reject ?? [], ...(options.log !== undefined ? { log: options.log } : {}) }) }
}

/**
 * Puts the fake first on PATH for the rest of the test (vi.unstubAllEnvs takes it away); returns
 * how many rounds of lines it has printed so far, over every fake nvidia-smi started since.
 */
export function stubFakeNvidiaSmi(gpus: FakeGpu[], options: { reject?: string[] } = {}): () => number {
  const log = join(mkdtempSync(join(tmpdir(), 'lpg-fake-smi-log-')), 'printed.log')
  for (const [name, value] of Object.entries(fakeNvidiaSmiEnv(gpus, { ...options, log }))) vi.stubEnv(name, value)
  return () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0)
}
