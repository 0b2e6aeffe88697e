import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Environment, HostLoad, Pairing, RequestRecord, ResultFile } from './types.js'
import { FileSpool } from './spool.js'

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
 *
 * It is also where the run keeps its records until the result file is written (`spool`): each
 * record's text is found again by its byte offset (appendRecords), so the run holds no record
 * objects in memory (trial-records.ts).
 */
export class Journal {
  private fd: number | null
  private requests = 0
  /** Bytes written so far: where the next line starts. */
  private position = 0
  /** Reads records back from this file by offset. */
  readonly spool: FileSpool
  /** Where an earlier journal found at `path` was moved; null when there was none. */
  readonly kept: string | null

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.kept = moveAside(path)
    // 'wx+': should another process create the file in between, fail rather than truncate it; readable, for the spool.
    this.fd = openSync(path, 'wx+')
    this.spool = new FileSpool(path, this.fd)
  }

  append(entry: JournalEntry): void {
    if (this.fd === null) return
    if (entry.type === 'request') this.requests++
    this.write(`${JSON.stringify(entry)}\n`)
  }

  /**
   * Appends one request line per record, given as its JSON text (`JSON.stringify(record)`), in one
   * write; each line is what `append` writes for it. Returns each record text's byte offset in the
   * file and its length in bytes, for reading it back (`spool`); null offsets once closed.
   */
  appendRecords(trial: number, jsons: readonly string[]): { offsets: Float64Array; lengths: Float64Array } | null {
    if (this.fd === null) return null
    const prefix = journalRecordPrefix(trial)
    const prefixBytes = prefix.length
    const offsets = new Float64Array(jsons.length)
    const lengths = new Float64Array(jsons.length)
    let at = this.position
    for (let i = 0; i < jsons.length; i++) {
      const bytes = Buffer.byteLength(jsons[i]!)
      offsets[i] = at + prefixBytes
      lengths[i] = bytes
      at += prefixBytes + bytes + 2
    }
    this.requests += jsons.length
    this.write(jsons.map((json) => `${prefix}${json}}\n`).join(''))
    return { offsets, lengths }
  }

  /**
   * Appends journal lines made elsewhere (a client worker's batch, packed-records.ts, whose lines
   * are what `append` writes), holding `count` requests; returns the file offset they start at, or null once closed.
   */
  appendLines(lines: string, count: number): number | null {
    if (this.fd === null) return null
    const start = this.position
    this.requests += count
    this.write(lines)
    return start
  }

  private write(text: string): void {
    // A string is written without a Buffer of our own: no memory outside the heap to wait for collection.
    const length = Buffer.byteLength(text)
    const written = writeSync(this.fd!, text)
    if (written < length) {
      const bytes = Buffer.from(text)
      for (let at = written; at < length; ) at += writeSync(this.fd!, bytes, at, length - at)
    }
    this.position += length
  }

  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove: boolean): boolean {
    const fd = this.fd
    // The records a run still holds here stay readable, even once the file is removed, until they are written elsewhere.
    if (fd !== null) this.spool.closeWhenUnused(() => closeSync(fd))
    this.fd = null
    const keep = !remove && this.requests > 0
    if (!keep) rmSync(this.path, { force: true })
    return keep
  }
}

/** How a request line starts, before the record's JSON text; it ends with `}` and a newline. */
export const journalRecordPrefix = (trial: number): string => `{"type":"request","trial":${trial},"record":`

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
