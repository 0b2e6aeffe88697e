import { describe, expect, it } from 'vitest'
import { IndexStream } from '../../src/stats/index-stream.js'

describe('IndexStream (xoshiro128**)', () => {
  it('matches the reference implementation', () => {
    // Known answers from edorfaus/xoshiro-6502, test-rom/testdata.asm, which its author generated
    // with Blackman and Vigna's C reference (xoshiro128starstar.c): from this state the ** outputs
    // are F1391922, 6FE53806, A5BE2840, F510EE70.
    const stream = IndexStream.fromState([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0])
    expect([stream.nextUint32(), stream.nextUint32(), stream.nextUint32(), stream.nextUint32()]).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70])
  })

  it('is a pure function of the seed and labels', () => {
    const draws = (stream: IndexStream): number[] => Array.from({ length: 5 }, () => stream.nextUint32())
    expect(draws(new IndexStream(7, 'bootstrap-blocks', 'baseline'))).toEqual(draws(new IndexStream(7, 'bootstrap-blocks', 'baseline')))
    expect(draws(new IndexStream(7, 'bootstrap-blocks', 'baseline'))).not.toEqual(draws(new IndexStream(7, 'bootstrap-blocks', 'current')))
    expect(draws(new IndexStream(7, 'x'))).not.toEqual(draws(new IndexStream(8, 'x')))
  })

  it('draws every index below n about equally often, and nothing outside', () => {
    const stream = new IndexStream(1, 'uniformity')
    const n = 7
    const counts = new Array<number>(n).fill(0)
    const draws = 70_000
    for (let i = 0; i < draws; i++) {
      const index = stream.below(n)
      expect(Number.isInteger(index) && index >= 0 && index < n).toBe(true)
      counts[index]!++
    }
    // Chi-square with 6 degrees of freedom: 22.46 is its 0.999 quantile.
    const expected = draws / n
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
    expect(chiSquare).toBeLessThan(22.46)
  })
})
