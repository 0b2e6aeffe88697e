import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { parseJsonText, readJsonFile, readJsonlFile } from '../../src/config/validate.js'
import { InputError } from '../../src/errors.js'

describe('JSON read as JSON, with the tokens Python writes', () => {
  test('Infinity, -Infinity and NaN outside strings become the infinities and null; inside strings they stay text', () => {
    const parsed = parseJsonText('{"a": Infinity, "b": -Infinity, "c": NaN, "d": "Infinity and NaN", "e": [1, Infinity]}', 'x')
    expect(parsed).toEqual({ a: Infinity, b: -Infinity, c: null, d: 'Infinity and NaN', e: [1, Infinity] })
  })

  test('an escaped quote inside a string does not end it', () => {
    expect(parseJsonText('{"a": "say \\"NaN\\"", "b": NaN}', 'x')).toEqual({ a: 'say "NaN"', b: null })
  })

  test.each([
    ['{\n  "a": 1,\n  "b": [0.1,,]\n}\n', /f: not valid JSON at line 3, column 13/],
    ['{"a": [1, 2', /f: not valid JSON at column 12/],
    ['{"a": 1}\n{"b": 2}', /f: not valid JSON at line 2, column 1/],
    ['{"a": Infinityx}', /f: not valid JSON/]
  ])('a syntax error names where it is: %j', (text, expected) => {
    expect(() => parseJsonText(text, 'f')).toThrow(InputError)
    expect(() => parseJsonText(text, 'f')).toThrow(expected)
  })

  test('readJsonFile names the file when it is missing or empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-json-'))
    expect(() => readJsonFile(join(dir, 'none.json'), 'thing')).toThrow(/thing .*none.json: cannot read it \(ENOENT\)/)
    writeFileSync(join(dir, 'empty.json'), '  \n')
    expect(() => readJsonFile(join(dir, 'empty.json'), 'thing')).toThrow(/thing .*empty.json: the file is empty/)
  })
})

describe('JSONL files read a piece at a time', () => {
  test('every line, numbered, and the sha256 of the whole text, with characters split across the 1 MiB pieces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-jsonl-'))
    const file = join(dir, 'p.jsonl')
    // Lines of multi-byte characters over several MiB: some piece ends inside a character.
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ prompt: `${i} ${'é😀'.repeat(300 + (i % 7))}` }))
    const text = `${lines.join('\n')}\n\n`
    writeFileSync(file, text)
    const seen: Array<[string, number]> = []
    const sha256 = readJsonlFile(file, 'prompts file', z.looseObject({ prompt: z.string() }), (value, line) => seen.push([value.prompt, line]))
    expect(sha256).toBe(createHash('sha256').update(text).digest('hex'))
    expect(seen).toEqual(lines.map((line, i) => [(JSON.parse(line) as { prompt: string }).prompt, i + 1]))
  })
})
