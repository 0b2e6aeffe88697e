import { describe, expect, it } from 'vitest'
import { holm } from '../../src/stats/holm.js'
import { loadFixture } from './fixtures.js'

interface HolmCase {
  name: string
  p: Array<number | null>
  working: string
  expected: Array<number | null>
}

const fixture = loadFixture<{ cases: HolmCase[] }>('holm.json')

describe('holm', () => {
  for (const c of fixture.cases) {
    it(`matches the hand arithmetic: ${c.name} (${c.working})`, () => {
      const adjusted = holm(c.p)
      expect(adjusted.length).toBe(c.expected.length)
      adjusted.forEach((value, index) => {
        const expected = c.expected[index]
        if (expected === null) expect(value).toBeNull()
        else expect(value).toBeCloseTo(expected, 12)
      })
    })
  }

  it('keeps adjusted p-values in the order of the raw ones and never below them', () => {
    const raw = [0.001, 0.2, 0.013, 0.04, 0.03, 0.9, 0.0125, null, 0.5]
    const adjusted = holm(raw)
    const tested = raw.map((p, index) => ({ p, adjusted: adjusted[index] })).filter((entry) => entry.p !== null) as Array<{ p: number; adjusted: number }>
    tested.sort((a, b) => a.p - b.p)
    for (let i = 0; i < tested.length; i++) {
      expect(tested[i].adjusted).toBeGreaterThanOrEqual(tested[i].p)
      expect(tested[i].adjusted).toBeLessThanOrEqual(1)
      if (i > 0) expect(tested[i].adjusted).toBeGreaterThanOrEqual(tested[i - 1].adjusted)
    }
  })

  it('does not depend on the order the metrics come in', () => {
    const raw = [0.04, 0.001, 0.03, 0.2]
    const reversed = [...raw].reverse()
    expect(holm(reversed)).toEqual([...holm(raw)].reverse())
  })

  it('rejects a p-value outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).toThrow(RangeError)
    expect(() => holm([Number.NaN])).toThrow(RangeError)
  })
})
