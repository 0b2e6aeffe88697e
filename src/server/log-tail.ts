import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

export interface TailOptions {
  /** At most this many lines, the last ones. */
  lines?: number
  /** Each line cut to this many characters. */
  lineLength?: number
  /** Scrubs credentials (src/redact.ts). */
  redact?: (text: string) => string
}

const TAIL_BYTES = 64 * 1024
// Colour codes and other control characters a server writes for a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;?]*[A-Za-z]|[\u0000-\u0008\u000b-\u001f\u007f]/g

/**
 * The last lines of a server's log, for an error message: bounded (a crash can print megabytes
 * of stack), without terminal control codes, and redacted. Empty when the file cannot be read.
 */
export function logTail(path: string, options: TailOptions = {}): string[] {
  const maxLines = options.lines ?? 20
  const lineLength = options.lineLength ?? 300
  let text: string
  let descriptor: number | undefined
  try {
    descriptor = openSync(path, 'r')
    const size = fstatSync(descriptor).size
    const length = Math.min(size, TAIL_BYTES)
    const buffer = Buffer.alloc(length)
    readSync(descriptor, buffer, 0, length, size - length)
    text = buffer.toString('utf8')
    // The first line may be cut by the window: drop it unless the window holds the whole file.
    if (length < size) text = text.slice(text.indexOf('\n') + 1)
  } catch {
    return []
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
  const redact = options.redact ?? ((line: string) => line)
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(CONTROL, '').trimEnd())
    .filter((line) => line !== '')
    .slice(-maxLines)
    .map(redact)
    .map((line) => (line.length > lineLength ? `${line.slice(0, lineLength - 1)}…` : line))
}

/** The tail as an indented block for an error message, or a note that the log is empty. */
export function quoteLogTail(path: string, options: TailOptions = {}): string {
  const lines = logTail(path, options)
  return lines.length === 0 ? `(its log ${path} is empty)` : `the last lines of its log ${path}:\n${lines.map((line) => `    ${line}`).join('\n')}`
}
