import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { INPUTS, OUTPUTS } from '../../src/action/names.js'

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

/** Rows of the Markdown table under a heading of docs/action.md, where the README sends readers: first cell (unquoted) -> the other cells. */
function docTable(heading: string): Map<string, string[]> {
  const doc = readFileSync('docs/action.md', 'utf8')
  const start = doc.indexOf(`## ${heading}\n`)
  expect(start).toBeGreaterThan(-1)
  const rows = new Map<string, string[]>()
  for (const line of doc.slice(start).split('\n').slice(1)) {
    if (line.trim() === '') {
      if (rows.size > 0) break
      continue
    }
    if (!line.startsWith('|')) break
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim())
    if (cells[0] === 'input' || cells[0] === 'output' || cells[0]!.startsWith('---')) continue
    rows.set(cells[0]!.replaceAll('`', ''), cells.slice(1))
  }
  return rows
}

describe('action.yml, the name constants and docs/action.md agree', () => {
  test('the inputs are the same three ways, each with a description and a default', () => {
    const names = Object.values(INPUTS).sort()
    expect(Object.keys(action.inputs).sort()).toEqual(names)
    const table = docTable('Inputs')
    expect([...table.keys()].sort()).toEqual(names)
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(10)
      expect(input.default).toBeDefined()
      const [description, defaultCell] = table.get(name)!
      expect(description).toBe(input.description)
      expect(defaultCell).toBe(`\`${input.default === '' ? "''" : input.default}\``)
    }
  })

  test('the outputs are the same three ways', () => {
    const names = Object.values(OUTPUTS).sort()
    expect(Object.keys(action.outputs).sort()).toEqual(names)
    const table = docTable('Outputs')
    expect([...table.keys()].sort()).toEqual(names)
    for (const [name, output] of Object.entries(action.outputs)) expect(table.get(name)![0]).toBe(output.description)
  })

  test('the action runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
