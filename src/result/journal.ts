import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Environment, HostLoad, Pairing, RequestRecord, ResultFile } from './types.js'

/** One line of the journal: enough to rebuild the result of an interrupted run. */
export type JournalEntry =
  | { type: 'run'; workload: ResultFile['workload']; environment: Environment; created_at: string; pairing?: Pairing }
  | { type: 'trial'; index: number; started_at: string; url: string; target_rate: number | null }
  | { type: 'request'; trial: number; record: RequestRecord }
  | { type: 'trial_end'; index: number; interrupted: boolean; host?: HostLoad }

/**
 * Appends each finished request to a JSONL file beside the result with a synchronous write: a
 * few microseconds per request, and whatever was measured is in the kernel's hands even if
 * the process dies. The journal is removed once the result file is written.
 */
export class Journal {
  private fd: number | null
  private requests = 0

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.fd = openSync(path, 'w')
  }

  append(entry: JournalEntry): void {
    if (this.fd === null) return
    if (entry.type === 'request') this.requests++
    writeSync(this.fd, `${JSON.stringify(entry)}\n`)
  }

  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove: boolean): boolean {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    const keep = !remove && this.requests > 0
    if (!keep) rmSync(this.path, { force: true })
    return keep
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
