import { describe, expect, test } from 'vitest'
import { EntryScanner } from '../../src/workload/entry-scanner.js'
import { inputErrorOf } from '../helpers/input-error.js'

/** Feeds `text` in pieces cut at the given byte positions and returns each entry's text. */
function scan(text: string, cuts: number[] = []): string[] {
  const bytes = Buffer.from(text, 'utf8')
  const scanner = new EntryScanner('data.json')
  let from = 0
  for (const cut of [...cuts, bytes.length]) {
    scanner.feed(bytes.subarray(from, cut))
    from = cut
  }
  const offsets = scanner.finish()
  return offsets.starts.map((start, i) => bytes.subarray(start, offsets.ends[i]).toString('utf8'))
}


const TRICKY = [
  { id: 'a', conversations: [{ from: 'human', value: 'brackets ] } [ { inside "quotes" and \\ backslashes \\' }] },
  { id: 'b', conversations: [{ from: 'gpt', value: 'café 東京 🙂 and an escaped quote \\" at the end\\\\' }] },
  { id: 'c', nested: { deeper: [[{}], []] }, conversations: [] }
]

describe('finding the entries of a dataset file without parsing it', () => {
  test('a JSON array: each entry is exactly one object, whatever its strings hold', () => {
    const text = JSON.stringify(TRICKY, null, 2)
    expect(scan(text).map((entry) => JSON.parse(entry))).toEqual(TRICKY)
  })

  test('the same entries when the bytes arrive split at every position, multi-byte characters and escapes included', () => {
    const text = JSON.stringify(TRICKY)
    const whole = scan(text)
    const length = Buffer.byteLength(text)
    for (let cut = 1; cut < length; cut++) expect(scan(text, [cut])).toEqual(whole)
    // One byte at a time: every piece of state carries across reads.
    expect(scan(text, Array.from({ length: length - 1 }, (_, i) => i + 1))).toEqual(whole)
  })

  test('JSON lines: one entry per non-blank line, CRLF and blank lines allowed, and a last line without its newline', () => {
    const text = `${JSON.stringify(TRICKY[0])}\r\n\n   \n${JSON.stringify(TRICKY[1])}\n${JSON.stringify(TRICKY[2])}`
    expect(scan(text, [7, 40]).map((entry) => JSON.parse(entry))).toEqual(TRICKY)
  })

  test('a byte order mark and white space before the array are skipped', () => {
    expect(scan(`\uFEFF \n [ {"a": 1} , {"b": 2} ]\n`).map((entry) => JSON.parse(entry))).toEqual([{ a: 1 }, { b: 2 }])
  })

  test('errors name the file and say what is wrong', () => {
    expect(inputErrorOf(() => scan('[{"a": 1}, {"b": ')).message).toMatch(/data\.json: it ends inside entry 1 \(a truncated download\?\)/)
    expect(inputErrorOf(() => scan('[{"a": 1}] x')).message).toContain("there is more after the array's closing ]")
    expect(inputErrorOf(() => scan('[{"a": 1}, "text"]')).message).toContain('entry 1 (byte 11) is not an object')
    expect(inputErrorOf(() => scan('  ')).message).toContain('it is empty')
    expect(inputErrorOf(() => scan('[]')).message).toContain('it holds no entries')
    expect(inputErrorOf(() => scan('"just a string"')).message).toContain('it starts with "\\""')
  })

  test('entries are named by line in JSON lines and by position in an array', () => {
    const bytes = Buffer.from('{"a":1}\n\n{"b":2}\n')
    const scanner = new EntryScanner('data.jsonl')
    scanner.feed(bytes)
    expect(scanner.finish().describe(1)).toBe('line 3')
    const array = new EntryScanner('data.json')
    array.feed(Buffer.from('[{"a":1}, {"b":2}]'))
    expect(array.finish().describe(1)).toBe('entry 1 (byte 10)')
  })
})
