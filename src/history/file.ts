/**
 * The history file: JSON Lines, one HistoryRecord a line, appended to by `history append` and the
 * action. A line that does not read is reported by its number and skipped, never dropped
 * silently; the rest of the file still counts.
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { describeIssues } from '../config/validate.js'
import { InputError } from '../errors.js'
import { HISTORY_SCHEMA, type HistoryRecord } from './record.js'

/** The history's file name beside a result, in the baseline artifact and the action's output folder. */
export const HISTORY_FILE = 'perf-history.jsonl'

/** A history of 100 runs of 10 trials is about half a megabyte; a file past this is not one we wrote. */
export const HISTORY_FILE_LIMIT_BYTES = 64 * 2 ** 20
/** One run's line is a few kilobytes. */
export const HISTORY_LINE_LIMIT = 2 ** 20

const value = z.number().nullable()
const recordSchema = z.looseObject({
  schema: z.literal(HISTORY_SCHEMA, { error: `expected "${HISTORY_SCHEMA}"` }),
  id: z.string().min(1),
  workload: z.looseObject({ name: z.string(), workload_hash: z.string() }),
  hardware: z.string(),
  environment: z.record(z.string(), z.unknown()),
  commit: z.string().nullable(),
  ref: z.string().nullable(),
  created_at: z.string(),
  tool_version: z.string(),
  definitions: z.number(),
  trials: z.number().int().min(0),
  metrics: z.record(z.string(), z.looseObject({ run: value, trials: z.array(value) }))
})

/** A line that was skipped, and why. */
export interface HistoryProblem {
  /** 1-based, as editors count. */
  line: number
  message: string
}

export interface History {
  path: string
  /** In file order. */
  records: HistoryRecord[]
  problems: HistoryProblem[]
}

/** A history as compare takes it. */
export interface JobHistory {
  /** Every run the history holds (any workload): compare picks the comparable ones. */
  records: readonly HistoryRecord[]
  /** Names the history in the report (a file, an artifact). */
  source: string
}

/** Parses a history's text; `path` only names it in messages. */
export function parseHistory(text: string, path: string): History {
  const records: HistoryRecord[] = []
  const problems: HistoryProblem[] = []
  const seen = new Map<string, number>()
  const lines = text.split('\n')
  let lastLine = lines.length - 1
  while (lastLine > 0 && lines[lastLine]!.trim() === '') lastLine--
  lines.forEach((raw, index) => {
    const line = index + 1
    const textLine = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (textLine.trim() === '') return
    if (textLine.length > HISTORY_LINE_LIMIT) {
      problems.push({ line, message: `${textLine.length} characters long, beyond the ${HISTORY_LINE_LIMIT}-character limit of a history line` })
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(textLine)
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message})${index === lastLine ? '; the last line: the file may have been cut short' : ''}` })
      return
    }
    const checked = recordSchema.safeParse(parsed)
    if (!checked.success) {
      problems.push({ line, message: describeIssues(checked.error.issues, parsed).slice(0, 3).join('; ') })
      return
    }
    const record = checked.data as unknown as HistoryRecord
    const first = seen.get(record.id)
    if (first !== undefined) {
      problems.push({ line, message: `the same run as line ${first} (id ${record.id})` })
      return
    }
    seen.set(record.id, line)
    records.push(record)
  })
  return { path, records, problems }
}

/** Reads at most `limit` bytes; a larger file is an input error naming it. */
function readBounded(path: string, role: string): string {
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    throw new InputError(`${role} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected a history file written by \`llm-perf-gate history append\``)
  }
  if (size > HISTORY_FILE_LIMIT_BYTES) {
    throw new InputError(`${role} ${path}: ${size} bytes, beyond the ${HISTORY_FILE_LIMIT_BYTES}-byte limit of a history file; keep fewer runs (the action's history-limit input) or move old lines elsewhere`)
  }
  const descriptor = openSync(path, 'r')
  try {
    const bytes = Buffer.alloc(size)
    let filled = 0
    while (filled < size) {
      const read = readSync(descriptor, bytes, filled, size - filled, null)
      if (read === 0) break
      filled += read
    }
    return bytes.subarray(0, filled).toString('utf8')
  } finally {
    closeSync(descriptor)
  }
}

/** Reads a history file; with `missingIsEmpty`, a file that does not exist yet is an empty history. */
export function readHistory(path: string, options: { missingIsEmpty?: boolean; role?: string } = {}): History {
  if (options.missingIsEmpty === true && !existsSync(path)) return { path, records: [], problems: [] }
  return parseHistory(readBounded(path, options.role ?? 'history'), path)
}

/** One warning line per skipped line: `perf-history.jsonl line 7: not valid JSON (...); skipped`. */
export function describeProblems(history: History): string[] {
  return history.problems.map((problem) => `${history.path} line ${problem.line}: ${problem.message}; skipped`)
}

export function serializeRecord(record: HistoryRecord): string {
  return JSON.stringify(record)
}

export type AppendOutcome = { appended: true; runs: number } | { appended: false; reason: string }

/**
 * Appends a run unless the history already holds it (by id). A file whose last line lacks its
 * newline (a write cut short) gets one first, so the new line stays whole.
 */
export function appendRecord(path: string, record: HistoryRecord, history = readHistory(path, { missingIsEmpty: true })): AppendOutcome {
  const index = history.records.findIndex((existing) => existing.id === record.id)
  if (index >= 0) return { appended: false, reason: `${path} already holds this run (id ${record.id}); not appended again` }
  const needsNewline = existsSync(path) && statSync(path).size > 0 && !readFileSync(path).subarray(-1).equals(Buffer.from('\n'))
  appendFileSync(path, `${needsNewline ? '\n' : ''}${serializeRecord(record)}\n`)
  return { appended: true, runs: history.records.length + 1 }
}

/** The newest `limit` runs of each workload, in the order given (older runs of a workload are dropped first). */
export function capHistory(records: readonly HistoryRecord[], limit: number): HistoryRecord[] {
  const counts = new Map<string, number>()
  const keep = new Array<boolean>(records.length).fill(false)
  const order = records.map((record, index) => ({ record, index })).sort((a, b) => Date.parse(b.record.created_at) - Date.parse(a.record.created_at) || b.index - a.index)
  for (const { record, index } of order) {
    const count = counts.get(record.workload.name) ?? 0
    if (count < limit) keep[index] = true
    counts.set(record.workload.name, count + 1)
  }
  return records.filter((_, index) => keep[index])
}

/** Writes a whole history (the action's capped copy), replacing the file at once. */
export function writeHistory(path: string, records: readonly HistoryRecord[]): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, records.map((record) => `${serializeRecord(record)}\n`).join(''))
  renameSync(temporary, path)
}
