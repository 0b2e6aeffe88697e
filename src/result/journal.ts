import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
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
 * the process dies. The journal is removed once the result file is written. A journal already
 * at `path` is what a run that died left: it is moved aside (`kept`), never overwritten.
 */
export class Journal {
  private fd: number | null
  private requests = 0
  /** Where an earlier journal found at `path` was moved; null when there was none. */
  readonly kept: string | null

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.kept = moveAside(path)
    // 'wx': should another process create the file in between, fail rather than truncate it.
    this.fd = openSync(path, 'wx')
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

/** Moves an existing file at `path` to a name of its own beside it (`….journal.<its mtime>.jsonl`); returns that name, or null. */
function moveAside(path: string): string | null {
  if (!existsSync(path)) return null
  const stamp = statSync(path).mtime.toISOString().replace(/[:.]/g, '-')
  const stem = path.endsWith('.jsonl') ? path.slice(0, -'.jsonl'.length) : path
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${stamp}${n > 1 ? `-${n}` : ''}.jsonl`
    if (existsSync(candidate)) continue
    renameSync(path, candidate)
    return candidate
  }
}

/** The line a command prints when it moved an earlier journal aside; null when it did not. */
export function keptJournalNote(journal: Journal): string | null {
  if (journal.kept === null) return null
  return `a journal from an earlier run was at ${journal.path} (a run that did not finish?): it is kept as ${journal.kept}; \`llm-perf-gate import --from journal ${journal.kept}\` turns it into a result file\n`
}
