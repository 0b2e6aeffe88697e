import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readJsonLines } from '../../src/import/jsonl.js'

const file = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'lpg-jsonl-')), 'x.jsonl')
  writeFileSync(path, text)
  return path
}

describe('readJsonLines', () => {
  test('reads lines longer than its 1 MiB chunks, with multi-byte characters across chunk edges, numbering every line', () => {
    // 3-byte characters: chunk edges fall inside some of them.
    const long = '€'.repeat(900_000)
    const path = file(`{"a": 1}\n\n{"text": "${long}", "rate": Infinity}\r\n{"b": NaN}`)
    const seen: Array<[unknown, number]> = []
    const count = readJsonLines(path, 'thing', (value, line) => seen.push([value, line]))
    expect(count).toBe(3)
    expect(seen.map(([, line]) => line)).toEqual([1, 3, 4])
    expect(seen[0]![0]).toEqual({ a: 1 })
    expect((seen[1]![0] as { text: string; rate: number }).text).toBe(long)
    expect((seen[1]![0] as { rate: number }).rate).toBe(Infinity)
    expect(seen[2]![0]).toEqual({ b: null })
  })

  test('a bad line is named by its number; an empty file is an error', () => {
    expect(() => readJsonLines(file('{"a": 1}\n{"a": \n'), 'thing', () => {})).toThrow(/thing .*x.jsonl line 2: not valid JSON/)
    expect(() => readJsonLines(file('\n\n'), 'thing', () => {})).toThrow(/thing .*x.jsonl: the file is empty; expected one JSON object per line/)
  })
})
