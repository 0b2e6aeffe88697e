import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseJsonText, readJsonFile } from '../../src/config/validate.js'
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
