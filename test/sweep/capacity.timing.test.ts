/**
 * The acceptance of docs/sweeps.md against the live simulator, in the timing project (one file at a
 * time, after the unit tests): its figures rest on millisecond latencies that a busy machine
 * inflates. A pause of the machine only ever adds latency, so it can only lower a capacity found:
 * the bounds below are tight above and allow for pauses below. docs/sweeps.md gives the figures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sweepCommand } from '../../src/commands/sweep.js'
import { compareSweeps } from '../../src/compare/sweep.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { readSweepFile } from '../../src/result/sweep-io.js'
import type { SweepFile } from '../../src/result/sweep-types.js'
import { quietIo } from '../helpers/quiet-io.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-sweep-acceptance-'))
let normal: RunningSimulator
let slower: RunningSimulator

beforeAll(async () => {
  normal = await startSimulator({ profile: 'linear', seed: 1 })
  slower = await startSimulator({ profile: 'linear', seed: 2, slowdown: { decode: 1.3 } })
})
afterAll(async () => {
  await normal?.close()
  await slower?.close()
})

async function sweep(name: string, url: string, loads: string): Promise<SweepFile> {
  const workload = join(dir, `${name}.yml`)
  // Every sweep runs one workload: the name and the url are outside its hash.
  writeFileSync(workload, JSON.stringify({ name: 'acceptance', url, trials: 3, requests: 20, warmup: 2, prompts: { input_tokens: 16, output_tokens: 16 }, slo: { tpot_ms: 7.5 } }))
  const out = join(dir, `${name}.sweep.json`)
  expect(await sweepCommand({ workload, concurrency: loads, out, quiet: true }, quietIo())).toBe(0)
  return readSweepFile(out)
}

test('capacity near 7 streams for 4 ms + 0.5 ms per stream at an SLO of 7.5 ms, near 3.5 when 30% slower; the slower fails on capacity_at_slo, an A/A pair does not', async () => {
  const grid = '1,2,3,4,6,8,12,16'
  const a = await sweep('normal', normal.url, grid)
  const b = await sweep('slower', slower.url, grid)
  const again = await sweep('normal-again', normal.url, '2,4,6,8,12')
  // Above: the law's 7 and 3.54, and the little the noise of the server itself adds to a p99.
  // Below: a pause of 15 ms at the end of a request lifts its TPOT by 1 ms, more than the slower
  // server's margin at 2 and 3 streams; measured on 2 busy cores, the slower one came out at 1.7.
  expect(a.capacity.load!).toBeGreaterThan(4)
  expect(a.capacity.load!).toBeLessThan(7.6)
  expect(b.capacity.load!).toBeGreaterThan(1)
  expect(b.capacity.load!).toBeLessThan(3.8)
  expect(b.capacity.load!).toBeLessThan(a.capacity.load!)
  const regression = compareSweeps(a, b, loadThresholds('release')).metrics[0]!
  expect(regression).toMatchObject({ metric: 'capacity_at_slo', status: 'regressed' })
  for (const preset of ['release', 'nightly']) expect(compareSweeps(a, again, loadThresholds(preset)).metrics[0]!.status).not.toBe('regressed')
}, 240_000)
