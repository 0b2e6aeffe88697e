import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { Journal, keptJournalNote } from '../../src/result/journal.js'

const EARLIER = '{"type":"run","note":"what a crashed run left"}\n{"type":"request","trial":0}\n'

describe('a journal never replaces one an earlier run left', () => {
  test('the earlier journal is moved aside, whole, under a name of its own, and the new one starts empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-journal-'))
    const path = join(dir, 'r.result.json.journal.jsonl')
    writeFileSync(path, EARLIER)
    const journal = new Journal(path)
    journal.close(false)
    expect(journal.kept).toMatch(/r\.result\.json\.journal\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.jsonl$/)
    expect(readFileSync(journal.kept!, 'utf8')).toBe(EARLIER)
    expect(keptJournalNote(journal)).toContain(`it is kept as ${journal.kept}; \`llm-perf-gate import --from journal ${journal.kept}\``)
  })

  test('two earlier journals from the same moment both survive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-journal-'))
    const path = join(dir, 'r.journal.jsonl')
    writeFileSync(path, 'first\n')
    new Journal(path).close(true)
    writeFileSync(path, 'second\n')
    const journal = new Journal(path)
    journal.close(true)
    expect(journal.kept).not.toBeNull()
    const contents = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).sort()
    expect(contents).toEqual(['first\n', 'second\n'])
  })

  test('with no earlier journal nothing is moved and nothing is said', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-journal-'))
    const journal = new Journal(join(dir, 'x.journal.jsonl'))
    journal.close(true)
    expect(journal.kept).toBeNull()
    expect(keptJournalNote(journal)).toBeNull()
    expect(existsSync(join(dir, 'x.journal.jsonl'))).toBe(false)
  })
})
