import { describe, expect, test } from 'vitest'
import { workerCount } from '../../src/config/client-schema.js'
import { resolveWorkload } from '../../src/config/workload.js'
import { InputError } from '../../src/errors.js'

const BASE = { name: 'w', url: 'http://127.0.0.1:8000', load: { concurrency: 8 } }

describe('client.workers', () => {
  test('says how the client measures, not what it sends: the workload hash does not change', () => {
    const plain = resolveWorkload(BASE, 'w.yml', { env: {} })
    for (const workers of [0, 1, 4, 'auto'] as const) {
      const withWorkers = resolveWorkload({ ...BASE, client: { workers } }, 'w.yml', { env: {} })
      expect(withWorkers.workloadHash).toBe(plain.workloadHash)
      expect(withWorkers.spec.client).toEqual({ workers })
    }
    expect(resolveWorkload({ ...BASE, client: {} }, 'w.yml', { env: {} }).spec.client).toEqual({ workers: 'auto' })
  })

  test('a count that is not a whole number from 0 to 64, or "auto", is refused naming the field', () => {
    for (const workers of [-1, 1.5, 65, 'all', null]) {
      let error: unknown
      try {
        resolveWorkload({ ...BASE, client: { workers } }, 'w.yml', { env: {} })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toMatch(/w\.yml[\s\S]*client\.workers/)
    }
    expect(() => resolveWorkload({ ...BASE, client: { threads: 2 } }, 'w.yml', { env: {} })).toThrow(/client/)
  })

  test('auto: one worker below 128 streams, then one per 64 streams, leaving a core to the main thread', () => {
    expect(workerCount('auto', 8, 16)).toBe(1)
    expect(workerCount('auto', 127, 16)).toBe(1)
    expect(workerCount('auto', 512, 16)).toBe(8)
    expect(workerCount('auto', 4096, 16)).toBe(15)
    expect(workerCount('auto', 512, 2)).toBe(1)
    expect(workerCount('auto', 512, 1)).toBe(1)
    // An open loop without a cap counts as 256 streams.
    expect(workerCount('auto', null, 16)).toBe(4)
    expect(workerCount(3, 8, 2)).toBe(3)
    expect(workerCount(0, 512, 16)).toBe(0)
  })

  test('auto on at most 2 cores: the main thread for a run of up to 10,000 requests, a worker beyond', () => {
    expect(workerCount('auto', 256, 2, 1_050)).toBe(0)
    expect(workerCount('auto', 256, 2, 10_000)).toBe(0)
    expect(workerCount('auto', 256, 2, 10_001)).toBe(1)
    expect(workerCount('auto', 8, 1, 60_000)).toBe(1)
    // With a core to spare, the streams decide, whatever the length of the run.
    expect(workerCount('auto', 8, 4, 1_050)).toBe(1)
    expect(workerCount('auto', 256, 16, 1_050)).toBe(4)
    expect(workerCount(1, 8, 2, 100)).toBe(1)
  })
})
