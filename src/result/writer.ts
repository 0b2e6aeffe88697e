/**
 * Writes a result file as a stream of small writes instead of one `JSON.stringify` of the whole
 * document: a run's records come from where it kept them (trial-records.ts, spool.ts) a batch at a
 * time, and no string ever holds the document, whose size V8 would cap at 2^29 characters
 * (about 512 MB of result, some 30 million output tokens). The bytes are those of
 * `JSON.stringify(result)` and a newline, key for key (test/result/writer.test.ts).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { storeOf } from './trial-records.js'
import type { ResultFile } from './types.js'

const CHUNK = 1 << 20

/** Buffers writes to a file descriptor in chunks of a megabyte; counts the bytes, so records can be found again in the file. */
class ChunkedWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK)
  private used = 0
  /** Bytes written so far, buffered ones included: where the next write lands in the file. */
  position = 0

  constructor(private readonly fd: number) {}

  write(text: string | Uint8Array): void {
    const length = typeof text === 'string' ? Buffer.byteLength(text) : text.length
    if (this.used + length > CHUNK) this.flush()
    if (length > CHUNK) {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text
      writeAll(this.fd, bytes)
    } else if (typeof text === 'string') this.buffer.write(text, this.used)
    else this.buffer.set(text, this.used)
    if (length <= CHUNK) this.used += length
    this.position += length
  }

  flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used))
    this.used = 0
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written)
}

/**
 * A plain object as JSON.stringify writes it, `"key":value` in key order, members it leaves out
 * (undefined) skipped; a member `streamed` claims is written by `stream` instead, its value never read here.
 */
function writeObject(out: ChunkedWriter, value: object, streamed: (key: string) => boolean, stream: (key: string) => void): void {
  out.write('{')
  let first = true
  for (const key of Object.keys(value)) {
    const prefix = `${first ? '' : ','}${JSON.stringify(key)}:`
    if (streamed(key)) {
      out.write(prefix)
      stream(key)
    } else {
      const text = JSON.stringify((value as Record<string, unknown>)[key])
      if (text === undefined) continue
      out.write(prefix)
      out.write(text)
    }
    first = false
  }
  out.write('}')
}

/** An array as JSON.stringify writes it, each element by `element`. */
function writeArray<T>(out: ChunkedWriter, values: readonly T[], element: (value: T) => void): void {
  out.write('[')
  values.forEach((value, index) => {
    if (index > 0) out.write(',')
    element(value)
  })
  out.write(']')
}

const isPlainObject = (value: unknown): value is object => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Writes `result` to `path` (via a temporary file and a rename, as writeJsonFile does), records streamed from wherever the run keeps them. */
export function writeResultFile(path: string, result: ResultFile): void {
  mkdirSync(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  const fd = openSync(temporary, 'w')
  const moved: Array<() => void> = []
  const out = new ChunkedWriter(fd)
  const trialRecords = (trial: object): void => {
    const store = storeOf(trial)
    if (store === undefined) {
      writeArray(out, (trial as { requests: unknown[] }).requests, (record) => out.write(JSON.stringify(record) ?? 'null'))
      return
    }
    const offsets = new Float64Array(store.size)
    let k = 0
    out.write('[')
    store.forEachJson((json) => {
      if (k > 0) out.write(',')
      offsets[k++] = out.position
      out.write(json)
    })
    out.write(']')
    moved.push(() => store.relocated(path, offsets))
  }
  const streamsRequests = (trial: object) => (key: string): boolean => key === 'requests' && (storeOf(trial) !== undefined || Array.isArray((trial as { requests?: unknown }).requests))
  try {
    writeObject(
      out,
      result,
      (key) => key === 'trials' && Array.isArray(result.trials),
      () => writeArray(out, result.trials as unknown[], (trial) => (isPlainObject(trial) ? writeObject(out, trial, streamsRequests(trial), () => trialRecords(trial)) : out.write(JSON.stringify(trial) ?? 'null')))
    )
    out.write('\n')
    out.flush()
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw error
  }
  closeSync(fd)
  renameSync(temporary, path)
  // The journal the records were read from is removed once the result is written: from now on they are read from the result.
  for (const move of moved) move()
}
