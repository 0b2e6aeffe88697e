import { describe, expect, it } from 'vitest'
import { argsort } from '../../src/stats/argsort.js'

describe('argsort', () => {
  it('orders negatives, zeros, tiny and infinite values numerically', () => {
    const values = Float64Array.from([3, -1, 0, -2.5, Infinity, -Infinity, 1e-300, -1e-300, 2])
    expect(Array.from(argsort(values), (index) => values[index])).toEqual([-Infinity, -2.5, -1, -1e-300, 0, 1e-300, 2, 3, Infinity])
  })

  it('keeps equal values in their original order', () => {
    expect(Array.from(argsort(Float64Array.from([2, 1, 2, 1, 2])))).toEqual([1, 3, 0, 2, 4])
  })

  it('agrees with a comparator sort on values that differ only in their lowest bits', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => 1 + ((i * 7919) % 5000) * Number.EPSILON)
    const expected = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b)
    expect(Array.from(argsort(values))).toEqual(expected)
  })
})
