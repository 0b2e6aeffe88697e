import { InputError } from '../errors.js'

/** An entry longer than this is refused: the scanner holds no entry in memory, but the draw parses the ones it takes. */
export const MAX_ENTRY_BYTES = 16 << 20

/** Where each entry of a dataset file lies, in bytes. */
export interface EntryOffsets {
  count: number
  starts: number[]
  ends: number[]
  totalBytes: number
  /** "entry 12 (byte 3456)" or "line 13": how an error names the entry. */
  describe(index: number): string
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c
const NEWLINE = 0x0a

const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

/**
 * Finds the entries of a top-level JSON array of objects, or of JSON lines, in a byte stream fed
 * chunk by chunk, without parsing them: only string, escape and nesting state is kept, so a
 * 670 MB ShareGPT file is indexed in one pass with constant memory (beyond two numbers per
 * entry). Written here because the JSON streaming libraries parse every value (stream-json read
 * a 127 MB ShareGPT-shaped array at 31 MB/s here) and are asynchronous, while a workload is
 * resolved synchronously; the entries themselves are then read by JSON.parse, which checks them.
 * UTF-8 continuation bytes are all >= 0x80, so no structural byte can hide inside a character.
 */
export class EntryScanner {
  private mode: 'start' | 'array' | 'lines' = 'start'
  private position = 0
  private depth = 0
  private inString = false
  private escaped = false
  private entryStart = -1
  private closed = false
  // JSON lines: where the current line's content starts and ends, and its number.
  private lineContentStart = -1
  private lineContentEnd = -1
  private line = 1
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  private readonly lines: number[] = []

  constructor(private readonly file: string) {}

  private fail(problem: string): never {
    throw new InputError(`dataset file ${this.file}: ${problem}; expected a JSON array of ShareGPT entries, or one entry per line (JSONL)`)
  }

  feed(bytes: Uint8Array): void {
    let i = 0
    if (this.mode === 'start') i = this.detect(bytes)
    if (this.mode === 'array') this.scanArray(bytes, i)
    else if (this.mode === 'lines') this.scanLines(bytes, i)
    this.position += bytes.length
  }

  /** Skips a BOM and white space; `[` starts an array, `{` the first of JSON lines. */
  private detect(bytes: Uint8Array): number {
    let i = 0
    if (this.position === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
    while (i < bytes.length && isSpace(bytes[i]!)) {
      if (bytes[i] === NEWLINE) this.line++
      i++
    }
    if (i === bytes.length) return i
    if (bytes[i] === OPEN_BRACKET) {
      this.mode = 'array'
      this.depth = 1
      return i + 1
    }
    if (bytes[i] === OPEN_BRACE) {
      this.mode = 'lines'
      return i
    }
    return this.fail(`it starts with ${JSON.stringify(String.fromCharCode(bytes[i]!))} at byte ${this.position + i}`)
  }

  private scanArray(bytes: Uint8Array, from: number): void {
    const n = bytes.length
    for (let i = from; i < n; i++) {
      const byte = bytes[i]!
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (byte === BACKSLASH) this.escaped = true
        else if (byte === QUOTE) this.inString = false
        continue
      }
      if (this.depth === 1) {
        if (isSpace(byte) || byte === COMMA) continue
        if (byte === CLOSE_BRACKET) {
          this.depth = 0
          this.closed = true
          continue
        }
        if (byte !== OPEN_BRACE) this.fail(`entry ${this.starts.length} (byte ${this.position + i}) is not an object`)
        this.entryStart = this.position + i
        this.depth = 2
        continue
      }
      if (this.depth === 0) {
        if (!isSpace(byte)) this.fail(`there is more after the array's closing ] (byte ${this.position + i})`)
        continue
      }
      if (byte === QUOTE) this.inString = true
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth++
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--
        if (this.depth === 1) {
          this.starts.push(this.entryStart)
          this.ends.push(this.position + i + 1)
          this.entryStart = -1
        }
      }
    }
    if (this.entryStart >= 0 && this.position + n - this.entryStart > MAX_ENTRY_BYTES) {
      this.fail(`entry ${this.starts.length} (byte ${this.entryStart}) is longer than ${MAX_ENTRY_BYTES >> 20} MiB`)
    }
  }

  private scanLines(bytes: Uint8Array, from: number): void {
    let i = from
    const n = bytes.length
    while (i < n) {
      const newline = bytes.indexOf(NEWLINE, i)
      const end = newline < 0 ? n : newline
      for (let j = i; j < end; j++) {
        if (isSpace(bytes[j]!)) continue
        if (this.lineContentStart < 0) this.lineContentStart = this.position + j
        this.lineContentEnd = this.position + j + 1
      }
      if (this.lineContentStart >= 0 && this.lineContentEnd - this.lineContentStart > MAX_ENTRY_BYTES) {
        this.fail(`line ${this.line} is longer than ${MAX_ENTRY_BYTES >> 20} MiB`)
      }
      if (newline < 0) break
      this.endLine()
      i = newline + 1
    }
  }

  private endLine(): void {
    if (this.lineContentStart >= 0) {
      this.starts.push(this.lineContentStart)
      this.ends.push(this.lineContentEnd)
      this.lines.push(this.line)
    }
    this.lineContentStart = -1
    this.lineContentEnd = -1
    this.line++
  }

  finish(): EntryOffsets {
    if (this.mode === 'lines') this.endLine()
    if (this.mode === 'start') this.fail('it is empty')
    if (this.mode === 'array' && !this.closed) this.fail(`it ends inside ${this.entryStart >= 0 ? `entry ${this.starts.length}` : 'the array'} (a truncated download?)`)
    if (this.starts.length === 0) this.fail('it holds no entries')
    const { starts, ends, lines } = this
    const mode = this.mode
    return {
      count: starts.length,
      starts,
      ends,
      totalBytes: this.position,
      describe: (index) => (mode === 'lines' ? `line ${lines[index]}` : `entry ${index} (byte ${starts[index]})`)
    }
  }
}
