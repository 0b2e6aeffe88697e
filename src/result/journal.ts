import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import type { Environment, RequestRecord } from './types.js'

/** One line of the journal: enough to rebuild the result of an interrupted run. */
export type JournalEntry =
  | { type: 'run'; workload: Record<string, unknown>; environment: Environment; created_at: string }
  | { type: 'trial'; index: number; started_at: string; url: string; target_rate: number | null }
  | { type: 'request'; trial: number; record: RequestRecord }
  | { type: 'trial_end'; index: number; interrupted: boolean }

/**
 * Appends each finished request to a JSONL file beside the result with a synchronous write: a
 * few microseconds per request, and whatever was measured is in the kernel's hands even if
 * the process dies. The journal is removed once the result file is written.
 */
export class Journal {
  private fd: number | null

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w')
  }

  append(entry: JournalEntry): void {
    if (this.fd === null) return
    writeSync(this.fd, `${JSON.stringify(entry)}\n`)
  }

  close(remove: boolean): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    if (remove) rmSync(this.path, { force: true })
  }
}

/** Reads a journal back, ignoring a last line cut off mid-write. */
export function readJournal(path: string): JournalEntry[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const entries: JournalEntry[] = []
  for (const line of lines) {
    if (line.trim() === '') continue
    try {
      entries.push(JSON.parse(line) as JournalEntry)
    } catch {
      break
    }
  }
  return entries
}
