import { describe, expect, test } from 'vitest'
import type { Comparison, EnvironmentChange } from '../../src/compare/types.js'
import { whatChangedMarkdown, whatChangedText } from '../../src/report/what-changed.js'

/** Only what the section reads of a comparison. */
const comparisonWith = (changes: EnvironmentChange[] | undefined): Comparison => ({ validity: [], ...(changes !== undefined ? { changes } : {}) }) as unknown as Comparison

describe('What changed', () => {
  test('server text is escaped: no HTML, no table break, no mention', () => {
    const section = whatChangedMarkdown(comparisonWith([
      { field: 'server.model', baseline: 'a', current: '<img src=x onerror=alert(1)>' },
      { field: 'server.version', baseline: '1 | 2', current: '@org/team' }
    ]))!
    expect(section).not.toContain('<img')
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(section).toContain('1 \\| 2')
    expect(section).not.toMatch(/(^|\s)@org\/team/)
    // Every row still has its three cells.
    for (const row of section.split('\n').slice(2)) expect(row.split(/(?<!\\)\|/).length).toBe(5)
  })

  test('a server setting is named by its key, a missing value reads none', () => {
    const lines = whatChangedText(comparisonWith([{ field: 'server.settings.tp_size', baseline: null, current: 2 }]))
    expect(lines).toEqual(['What changed:', '  server tp_size: none → 2'])
  })

  test('control characters from a server do not reach the terminal', () => {
    const [, line] = whatChangedText(comparisonWith([{ field: 'server.version', baseline: '1', current: '2\u001b[31mred' }]))
    expect(line).not.toContain('\u001b')
  })

  test('a long list is cut, and says where the rest is', () => {
    const changes = Array.from({ length: 40 }, (_, i) => ({ field: `server.settings.s${i}`, baseline: i, current: i + 1 }))
    const section = whatChangedMarkdown(comparisonWith(changes))!
    expect(section.split('\n').filter((line) => line.startsWith('| server s'))).toHaveLength(25)
    expect(section).toContain('15 more in the comparison JSON (`changes`)')
  })

  test('nothing changed says so; a comparison from before the field has no section', () => {
    expect(whatChangedMarkdown(comparisonWith([]))).toMatch(/^\*\*What changed\*\*: nothing/)
    expect(whatChangedMarkdown(comparisonWith(undefined))).toBeNull()
    expect(whatChangedText(comparisonWith(undefined))).toEqual([])
  })
})
