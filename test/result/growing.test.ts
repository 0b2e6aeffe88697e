import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CompactColumn } from '../../src/result/growing.js'

describe('a compact column', () => {
  test('reads back every value pushed, whole microseconds as ints until the first that is not', () => {
    const column = new CompactColumn(1000)
    const values = [0, 12.345, Number.NaN, 0.001, 2147483.647, 1e-3, 99999.999]
    for (const value of values) column.push(value)
    expect(column.ints).not.toBeNull()
    expect(Array.from({ length: values.length }, (_, i) => column.get(i))).toEqual(values)
    column.push(0.0001)
    column.push(2147483.648)
    expect(column.ints).toBeNull()
    expect(Array.from({ length: column.length }, (_, i) => column.get(i))).toEqual([...values, 0.0001, 2147483.648])
  })

  test('keeps any doubles exactly, through growth and overwrites', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000), fc.double({ noNaN: false })), { maxLength: 200 }), (values) => {
        const column = new CompactColumn(1000)
        for (const value of values) column.push(value)
        const read = Array.from({ length: values.length }, (_, i) => column.get(i))
        // -0 is the one value that comes back otherwise, as 0: JSON writes both as 0.
        expect(read).toEqual(values.map((value) => (Object.is(value, -0) ? 0 : value)))
        if (values.length > 0) {
          column.set(0, 1.5)
          expect(column.get(0)).toBe(1.5)
        }
        const copy = new Float64Array(values.length)
        column.copyTo(copy, 0)
        expect(Array.from(copy)).toEqual(read.map((value, i) => (i === 0 ? 1.5 : value)))
      }),
      // A value that is no multiple of the unit turns the column into doubles; a -0 after it once read back as -0.
      { examples: [[[5e-324, -0]]] }
    )
  })
})
