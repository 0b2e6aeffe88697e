/**
 * Where a run keeps its request records while it goes on: their JSON text, on disk (the journal
 * each request is appended to, or the result file once it is written) or, for a run without a
 * journal, in memory as strings. On the heap a record is then two numbers, where its text starts
 * and how long it is (trial-records.ts), instead of an object with an array of gaps: a record
 * object of 16 tokens takes about 1 KB of heap and its text under 400 bytes of disk.
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** Calls `each` with every record's JSON text, in the order of `indices` (indices into `offsets` and `lengths`); bytes are valid only during the call. */
export type RecordVisitor = (position: number, json: string | Uint8Array) => void

/** Where the records are: record i at offsets.get(i), lengths.get(i) bytes long. */
export interface Locations {
  get(index: number): number
}

export interface RecordSpool {
  /** Reads the records at `offsets[i]` (`lengths[i]` bytes) for each i of `indices`, in that order. */
  forEach(offsets: Locations, lengths: Locations, indices: ArrayLike<number>, each: RecordVisitor): void
  /** Says where the records are, for error messages. */
  readonly where: string
}

/** Records' text on the heap, as strings or bytes; a record's "offset" is its index. */
export class MemorySpool implements RecordSpool {
  private readonly texts: Array<string | Uint8Array> = []
  readonly where = 'memory'
  add(json: string | Uint8Array): number {
    this.texts.push(json)
    return this.texts.length - 1
  }
  forEach(offsets: Locations, _lengths: Locations, indices: ArrayLike<number>, each: RecordVisitor): void {
    for (let k = 0; k < indices.length; k++) each(k, this.texts[offsets.get(indices[k]!)]!)
  }
}

/** Records read in batches of this many: their bytes are gathered in one buffer, about 400 bytes a record of 16 tokens. */
const BATCH = 8192
/** The most read at once; a record longer than this is read alone. */
const WINDOW = 1 << 20
/** Bytes between two records that are read rather than skipped with a read of their own. */
const GAP = 16 * 1024

/**
 * Records inside a file at known byte offsets. Records finish in an order close to their ids, so
 * each batch is read in file order (sorted by offset), records close together in one read, and
 * handed out in the order asked: the file is read about once, front to back.
 */
export class FileSpool implements RecordSpool {
  private users = 0
  private closing: (() => void) | null = null

  /** With `fd`, records are read through it: they stay readable after the file is removed (a journal removed before the result was written). */
  constructor(
    readonly path: string,
    private readonly fd: number | null = null
  ) {}

  /** A store keeps records here (trial-records.ts) until it is told they moved. */
  retain(): void {
    this.users++
  }

  release(): void {
    if (this.users > 0) this.users--
    if (this.users > 0 || this.closing === null) return
    const close = this.closing
    this.closing = null
    close()
  }

  /** Runs `close` (of `fd`) once no store keeps records here: now, when none does. */
  closeWhenUnused(close: () => void): void {
    if (this.users > 0) this.closing = close
    else close()
  }

  get where(): string {
    return this.path
  }

  forEach(locations: Locations, sizes: Locations, indices: ArrayLike<number>, each: RecordVisitor): void {
    const fd = this.fd ?? openSync(this.path, 'r')
    try {
      // Both buffers are reused from batch to batch: memory outside the heap is collected late.
      let window = Buffer.allocUnsafe(WINDOW)
      let gathered = Buffer.allocUnsafe(WINDOW)
      for (let from = 0; from < indices.length; from += BATCH) {
        const count = Math.min(BATCH, indices.length - from)
        const offsets = new Float64Array(count)
        const lengths = new Float64Array(count)
        // Where each record of the batch goes in the batch's buffer, in the order asked.
        const starts = new Float64Array(count + 1)
        for (let k = 0; k < count; k++) {
          offsets[k] = locations.get(indices[from + k]!)
          lengths[k] = sizes.get(indices[from + k]!)
          starts[k + 1] = starts[k]! + lengths[k]!
        }
        if (starts[count]! > gathered.length) gathered = Buffer.allocUnsafe(starts[count]!)
        const byOffset = Uint32Array.from({ length: count }, (_, k) => k).sort((a, b) => offsets[a]! - offsets[b]!)
        // Records close together in the file are read in one go, gaps and all; a lone record alone.
        for (let first = 0; first < count; ) {
          const clusterStart = offsets[byOffset[first]!]!
          let clusterEnd = clusterStart + lengths[byOffset[first]!]!
          let last = first + 1
          for (; last < count; last++) {
            const k = byOffset[last]!
            if (offsets[k]! - clusterEnd > GAP || offsets[k]! + lengths[k]! - clusterStart > WINDOW) break
            clusterEnd = Math.max(clusterEnd, offsets[k]! + lengths[k]!)
          }
          if (clusterEnd - clusterStart > window.length) window = Buffer.allocUnsafe(clusterEnd - clusterStart)
          const read = readAt(fd, window, clusterStart, clusterEnd - clusterStart)
          if (read < clusterEnd - clusterStart) throw new Error(`the request records in ${this.path} end at byte ${clusterStart + read}, before byte ${clusterEnd} where a record ends: was the file changed while the run used it?`)
          for (let j = first; j < last; j++) {
            const k = byOffset[j]!
            window.copy(gathered, starts[k]!, offsets[k]! - clusterStart, offsets[k]! - clusterStart + lengths[k]!)
          }
          first = last
        }
        for (let k = 0; k < count; k++) each(from + k, gathered.subarray(starts[k]!, starts[k + 1]!))
      }
    } finally {
      if (this.fd === null) closeSync(fd)
    }
  }
}

/** Reads `length` bytes from `position` into the start of `buffer`; fewer only at the end of the file. */
function readAt(fd: number, buffer: Buffer, position: number, length: number): number {
  let filled = 0
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled)
    if (read === 0) break
    filled += read
  }
  return filled
}
