import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { compareResults } from '../../src/compare/compare.js'
import { loadThresholds } from '../../src/config/thresholds.js'
import { importSglang } from '../../src/import/sglang.js'

const rateRange = 'test/import/fixtures/sglang/rate-range.jsonl'
const nested = 'test/import/fixtures/sglang/details-nested.jsonl'
const in512 = 'test/import/fixtures/sglang/in512.jsonl'

interface Details {
  input_lens: number[]
  output_lens: number[]
  ttfts: number[]
  itls: number[][]
  errors: string[]
}
const runs = (file: string): Array<{ duration: number; details: Details }> =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line.replaceAll('Infinity', '1e999')) as { duration: number; details: Details })

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

describe('import --from sglang', () => {
  test('lines of one command become trials; TTFT and TPOT medians are within 0.5% of the per-request arrays', () => {
    const lines = runs(nested)
    const ttfts: number[] = []
    const tpots: number[] = []
    let failed = 0
    for (const { details } of lines) {
      details.ttfts.forEach((ttft, i) => {
        if (details.errors[i] !== '') {
          failed++
          return
        }
        ttfts.push(ttft * 1000)
        tpots.push((details.itls[i]!.reduce((a, b) => a + b, 0) * 1000) / (details.output_lens[i]! - 1))
      })
    }
    const result = importSglang([nested])
    expect(result.trials).toHaveLength(3)
    expect(result.summary).toMatchObject({ sent: lines.length * 30, failed })
    expect(Math.abs(result.summary.ttft_ms.p50! / median(ttfts) - 1)).toBeLessThan(0.005)
    expect(Math.abs(result.summary.tpot_ms.p50! / median(tpots) - 1)).toBeLessThan(0.005)
  })

  test('no send times: each trial uses the duration SGLang measured, and the notes say what is missing', () => {
    const lines = runs(nested)
    const result = importSglang([nested])
    expect(result.trials.map((trial) => trial.duration_s)).toEqual(lines.map((line) => line.duration))
    expect(result.trials[0]!.summary.achieved_rate).toBeNull()
    expect(result.notes!.join('\n')).toMatch(/SGLang saves no send times, per-request latencies or date/)
  })

  test('a rate range (one line per rate) is several workloads: the error lists them; --benchmark picks one, Infinity included', () => {
    expect(readFileSync(rateRange, 'utf8')).toContain('"request_rate": Infinity')
    expect(() => importSglang([rateRange])).toThrow(/3 different workloads.*\n {2}- run 1 .*: rate 2, .*\n {2}- run 2 .*: rate 4, .*\n {2}- run 3 .*: rate Infinity, max concurrency 16/s)
    const burst = importSglang([rateRange], undefined, 3)
    expect(burst.workload).toMatchObject({ request_rate: 'inf', max_concurrency: 16, dataset_name: 'random', random_input_len: 1024 })
    expect(burst.trials).toHaveLength(1)
  })

  test('the top-level arrays of bench_serving.py and the details object of sglang.benchmark read alike', () => {
    const flat = importSglang([rateRange], undefined, 1).trials[0]!.requests
    expect(flat).toHaveLength(30)
    expect(flat[4]).toMatchObject({ ok: false, error: { message: 'Internal Server Error' } })
  })

  test('different input lengths are different workloads', () => {
    const a = importSglang([nested])
    const b = importSglang([in512])
    expect(a.workload.workload_hash).not.toBe(b.workload.workload_hash)
    expect(compareResults(a, b, loadThresholds('pr')).verdict).toBe('incomparable')
  })

  test('a line saved without --output-details says how to save it, naming the line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lpg-sglang-')), 'summary.jsonl')
    writeFileSync(file, `${JSON.stringify({ backend: 'sglang', duration: 3, completed: 10 })}\n`)
    expect(() => importSglang([file])).toThrow(/sglang result .*summary.jsonl line 1 is not valid:[\s\S]*- ttfts: missing; expected per-request TTFTs in seconds: run python -m sglang.bench_serving with --output-file and --output-details/)
  })
})
