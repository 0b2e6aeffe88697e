import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../../bench/synthetic-results.js'
import { InputError } from '../../src/errors.js'
import { toComparable, type ComparableResult } from '../../src/result/columns.js'
import { bootstrapSideOf } from '../../src/compare/bootstrap-sides.js'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { readAhead, readComparableResults, type ResultToRead } from '../../src/compare/read-results.js'

// The bundled worker, as dist/cli.js and dist/index.js start it (CI checks that dist/ is fresh).
const WORKER = new URL('../../dist/read-result-worker.js', import.meta.url)

describe('readComparableResults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lpg-load-'))
  const file = (name: string): string => join(dir, name)
  const results = [1, 2].map((seed) => syntheticResult({ ...SERVING_LIKE, seed, trials: 3, requestsPerTrial: 40, slowdown: { ttft: 1, tpot: 1 } }))

  beforeAll(() => {
    results.forEach((result, index) => writeFileSync(file(`r${index}.json`), JSON.stringify(result)))
    const whole = readFileSync(file('r0.json'), 'utf8')
    writeFileSync(file('truncated.json'), whole.slice(0, whole.length - 100))
    const broken = JSON.parse(whole) as { trials: Array<{ requests: Array<Record<string, unknown>> }> }
    broken.trials[1]!.requests[7]!.itl_ms = [1, 'two']
    writeFileSync(file('bad-itl.json'), JSON.stringify(broken))
  })

  const plain = (result: ComparableResult): unknown => JSON.parse(JSON.stringify(result, (_key, value: unknown) => (ArrayBuffer.isView(value) ? [...(value as Float64Array)] : value)))

  it('gives on a worker thread what it gives on this one', async () => {
    const files = [0, 1].map((index) => ({ path: file(`r${index}.json`), role: `side ${index}` }))
    const parallel = await readComparableResults(files, { worker: WORKER })
    const here = await readComparableResults(files, { worker: null })
    expect(parallel.map(plain)).toEqual(here.map(plain))
    expect(here.map(plain)).toEqual(results.map((result) => plain(toComparable(result))))
    expect(parallel[1]!.trials[0]!.columns.itl_ms).toBeInstanceOf(Float64Array)
  })

  it('resamples each side where it was read, and the worker\'s resamples are the ones this thread would make', async () => {
    const thresholds = loadThresholds('pr')
    const files = (side: 'baseline' | 'current'): ResultToRead[] => [0, 1].map((index) => ({ path: file(`r${index}.json`), role: `side ${index}`, resample: { thresholds, side } }))
    const [, onWorker] = await readComparableResults(files('current'), { worker: WORKER })
    const [, here] = await readComparableResults(files('current'), { worker: null })
    const replicates = (result: ComparableResult): unknown => [...bootstrapSideOf(result, thresholds, 'current')].map(([metric, side]) => [metric, side.stride, side.replicates.ok ? side.replicates.replicates.map((array) => [...array]) : null])
    expect(replicates(onWorker!)).toEqual(replicates(here!))
    expect(replicates(here!)).toEqual(replicates(toComparable(results[1]!)))
    // The resamples came back with the result (transferred, not recomputed here).
    expect([...bootstrapSideOf(onWorker!, thresholds, 'current').values()][0]!.replicates).toMatchObject({ ok: true })
  })

  it("resamples one ab run's results with their paired trial draws on the worker, and compare gives what it gives in memory", async () => {
    const thresholds = loadThresholds('pr')
    const run = { run: 'ab-1' }
    const pair = (['baseline', 'candidate'] as const).map((side, index) => syntheticResult({ ...SERVING_LIKE, seed: 7 + index, trials: 8, requestsPerTrial: 40, sharedDrift: { seed: 7, sd: 0.1 }, pairing: { ...run, side }, slowdown: { ttft: 1, tpot: 1 } }))
    pair.forEach((result, index) => writeFileSync(file(`ab${index}.json`), JSON.stringify(result)))
    const roles = ['baseline', 'current'] as const
    const read = await readComparableResults(roles.map((side, index) => ({ path: file(`ab${index}.json`), role: side, resample: { thresholds, side } })), { worker: WORKER })
    for (const [index, side] of roles.entries()) {
      const fresh = bootstrapSideOf(toComparable(pair[index]!), thresholds, side, 'ab-1')
      expect(bootstrapSideOf(read[index]!, thresholds, side, 'ab-1')).toEqual(fresh)
      // Paired draws are not the independent ones.
      expect(bootstrapSideOf(toComparable(pair[index]!), thresholds, side)).not.toEqual(fresh)
    }
    expect(JSON.stringify(compareResults(read[0]!, read[1]!, thresholds))).toBe(JSON.stringify(compareResults(pair[0]!, pair[1]!, thresholds)))
  })

  it('takes over a read started ahead, before the thresholds were known, and resamples it on its worker', async () => {
    const thresholds = loadThresholds('pr')
    const ahead = readAhead({ path: file('r1.json'), role: 'current result' }, WORKER)
    expect(ahead).not.toBeNull()
    const [, current] = await readComparableResults([
      { path: file('r0.json'), role: 'baseline' },
      { path: file('r1.json'), role: 'current result', resample: { thresholds, side: 'current' }, ahead }
    ])
    expect(plain(current!)).toEqual(plain(toComparable(results[1]!)))
    const fresh = bootstrapSideOf(toComparable(results[1]!), thresholds, 'current')
    const adopted = bootstrapSideOf(current!, thresholds, 'current')
    expect([...adopted.keys()]).toEqual([...fresh.keys()])
    for (const [metric, side] of fresh) expect(adopted.get(metric)).toEqual(side)
  })

  it('reports a bad first file without waiting for the others, whose workers then do not hold the process', async () => {
    const calls: string[] = []
    const ahead = { resample: () => void calls.push('resample'), reply: () => (calls.push('reply'), new Promise<never>(() => {})) }
    const read = readComparableResults([{ path: file('truncated.json'), role: 'baseline' }, { path: file('r1.json'), role: 'current result', ahead }])
    await expect(read).rejects.toThrow(`baseline ${file('truncated.json')}: not valid JSON`)
    expect(calls).toEqual(['resample'])
  })

  it('names a path that cannot be opened before reading any file', async () => {
    const calls: string[] = []
    const ahead = { resample: () => void calls.push('resample'), reply: () => (calls.push('reply'), new Promise<never>(() => {})) }
    const read = readComparableResults([{ path: file('r0.json'), role: 'baseline' }, { path: file('missing.json'), role: 'current result', ahead }])
    await expect(read).rejects.toThrow(`current result ${file('missing.json')}: cannot read it (ENOENT)`)
    expect(calls).toEqual([])
  })

  it('reports a bad file read on the worker as the input error that names it', async () => {
    const read = readComparableResults([{ path: file('r0.json'), role: 'baseline' }, { path: file('bad-itl.json'), role: 'current result' }], { worker: WORKER })
    await expect(read).rejects.toThrow(InputError)
    await expect(read).rejects.toThrow(`current result ${file('bad-itl.json')} is not valid:\n  - trials[1].requests[7].itl_ms[1]: got "two"; expected a number of milliseconds from 0 to 1e10`)
  })

  it('with two bad files, names the first; a file that cannot be opened is named before any file is read', async () => {
    const both = readComparableResults([{ path: file('truncated.json'), role: 'baseline' }, { path: file('bad-itl.json'), role: 'current result' }], { worker: WORKER })
    await expect(both).rejects.toThrow(`baseline ${file('truncated.json')}: not valid JSON (the file looks truncated`)
    const missing = readComparableResults([{ path: file('truncated.json'), role: 'baseline' }, { path: file('missing.json'), role: 'current result' }], { worker: WORKER })
    await expect(missing).rejects.toThrow(`current result ${file('missing.json')}: cannot read it (ENOENT)`)
  })

  it('reads on this thread when the worker script is not there', async () => {
    const [result] = await readComparableResults([{ path: file('r0.json'), role: 'a' }], { worker: new URL('../result/no-such-worker.js', WORKER) })
    expect(result!.trials).toHaveLength(3)
  })
})
