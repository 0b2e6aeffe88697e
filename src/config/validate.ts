import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { z } from 'zod'
import { InputError, describeValue, formatPath } from '../errors.js'
import { forEachLine } from './lines.js'

/** Workload and thresholds files are a few kilobytes; anything this large is not one. */
export const MAX_STRUCTURED_FILE_BYTES = 4 * 1024 * 1024
/** Aliases one document may expand; a "billion laughs" file multiplies them. */
export const MAX_YAML_ALIASES = 100
/** Nesting of objects and arrays; a workload's deepest is extra_body's own, a few levels. */
export const MAX_NESTING_DEPTH = 64

/** The deepest nesting of arrays and objects in a parsed value, stopping once past `limit` (iterative: the value may be deep). */
export function nestingDepth(value: unknown, limit = MAX_NESTING_DEPTH): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > deepest) deepest = depth + 1
    if (deepest > limit) return deepest
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/** Reads a YAML or JSON file (JSON is YAML), naming the file and the line of a syntax error. */
export function readStructuredFile(file: string, what: string): unknown {
  let text: string
  try {
    const size = statSync(file).size
    if (size > MAX_STRUCTURED_FILE_BYTES) throw new InputError(`${what} ${file}: the file is ${size} bytes; expected a YAML or JSON document of at most ${MAX_STRUCTURED_FILE_BYTES / 1024 / 1024} MiB`)
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`${what} ${file}: cannot read it (${code ?? String(error)}); expected a readable YAML or JSON file`)
  }
  if (text.trim() === '') throw new InputError(`${what} ${file}: the file is empty; expected a YAML or JSON document`)
  // The YAML parser recurses per level: 100,000 brackets take it seconds to overflow its stack.
  if (flowDepth(text, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) throw tooDeep(file, what)
  let value: unknown
  try {
    value = parseYaml(text, { prettyErrors: true, uniqueKeys: true, maxAliasCount: MAX_YAML_ALIASES })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/call stack/i.test(message)) throw tooDeep(file, what)
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ''
      throw new InputError(`${what} ${file}: not valid YAML or JSON${where}: ${message.split('\n')[0]}`)
    }
    // The yaml library throws a ReferenceError for too many aliases (a "billion laughs" document).
    if (/alias/i.test(message)) throw new InputError(`${what} ${file}: its YAML aliases expand to more than ${MAX_YAML_ALIASES} copies; expected a plain document (write the values out)`)
    throw error
  }
  checkNesting(value, file, what)
  return value
}

// Python's json module writes these for float('inf') and float('nan') (vllm bench serve
// --burstiness inf, sglang --request-rate inf); they are not JSON. Matched outside strings only.
const PYTHON_NON_FINITE = /"(?:[^"\\]|\\.)*"|(-?)\b(Infinity|NaN)\b/g

/**
 * Where V8's JSON.parse stopped: its message gives the position, or for an unexpected token only
 * the surrounding text (10 characters either side), which is found in the input.
 */
function errorOffset(text: string, message: string): number | null {
  const position = /at position (\d+)/.exec(message)
  if (position !== null) return Number(position[1])
  const token = /^Unexpected token '([^']+)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message)
  if (token === null) return null
  const found = text.indexOf(token[3]!)
  if (found === -1) return null
  return token[2] !== undefined ? found + 10 : found + Math.max(0, token[3]!.indexOf(token[1]!))
}

/**
 * Parses JSON text as JSON, accepting the `Infinity`, `-Infinity` and `NaN` tokens Python writes:
 * infinities become the JavaScript infinities and NaN becomes null. `where` names the file (and
 * line) in the error. Standard JSON takes the fast path; the rewrite only runs when it fails.
 */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // fall through: Python's non-finite tokens, or a real syntax error reported below
  }
  const rewritten = text.replace(PYTHON_NON_FINITE, (match: string, sign: string | undefined, token: string | undefined) =>
    token === undefined ? match : token === 'NaN' ? 'null' : `${sign ?? ''}1e999`
  )
  try {
    return JSON.parse(rewritten)
  } catch (error) {
    const message = (error as Error).message
    const offset = errorOffset(rewritten, message)
    let at = ''
    if (offset !== null) {
      const before = rewritten.slice(0, offset)
      const line = before.split('\n').length
      at = line > 1 ? ` at line ${line}, column ${offset - before.lastIndexOf('\n')}` : ` at column ${offset + 1}`
    }
    throw new InputError(`${where}: not valid JSON${at}: ${message.replace(/\s*\(line \d+ column \d+\)$/, '').slice(0, 200)}`)
  }
}

// V8 cannot hold one string longer than about 2^29 characters.
const MAX_JSON_BYTES = 512 * 2 ** 20

/** Reads a .json file with the JSON parser (not the YAML one, which is slower by far and rejects Python's `Infinity`). */
export function readJsonFile(file: string, what: string): unknown {
  let text: string
  try {
    const size = statSync(file).size
    if (size > MAX_JSON_BYTES) throw new InputError(`${what} ${file}: ${(size / 2 ** 20).toFixed(0)} MiB is more than the ${MAX_JSON_BYTES / 2 ** 20} MiB one JSON document can be read as; split the run or save it without per-request texts`)
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`${what} ${file}: cannot read it (${code ?? String(error)}); expected a readable JSON file`)
  }
  if (text.trim() === '') throw new InputError(`${what} ${file}: the file is empty; expected a JSON document`)
  return parseJsonText(text, `${what} ${file}`)
}

/**
 * The deepest nesting of `[` and `{` outside quoted strings and comments, stopping once past
 * `limit`: a linear pre-check. It may over-count brackets inside plain YAML scalars, which no
 * workload holds 64 levels of.
 */
export function flowDepth(text: string, limit: number): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"' || c === "'") {
      // Skip the quoted string; a backslash escapes in double quotes, '' in single quotes.
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '[' || c === '{') {
      if (++depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1)
    }
  }
  return deepest
}

/** Refuses a value nested deeper than MAX_NESTING_DEPTH (code that walks it recursively would overflow the stack). */
export function checkNesting(value: unknown, file: string, what: string): void {
  if (nestingDepth(value) > MAX_NESTING_DEPTH) throw tooDeep(file, what)
}

const tooDeep = (file: string, what: string): InputError =>
  new InputError(`${what} ${file}: arrays and objects are nested more than ${MAX_NESTING_DEPTH} levels deep; expected a ${what} file, whose deepest fields are a few levels down`)

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = root
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

/** One line per problem: `field: got VALUE; MESSAGE`. Zod's messages already say what is expected. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''
      return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the documented fields`
    }
    const value = valueAt(input, issue.path)
    // A header value may be a literal credential: never echoed.
    const secret = issue.path[0] === 'headers' && issue.path.length > 1
    const got = value === undefined ? 'missing' : secret ? 'got a value (not shown)' : `got ${describeValue(value)}`
    return `${formatPath(issue.path)}: ${got}; ${issue.message}`
  })
}

/** Validates `input` against `schema`; on failure throws an InputError naming the file and every bad field. */
export function parseWithSchema<T extends z.ZodType>(schema: T, input: unknown, file: string, what: string): z.output<T> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const lines = describeIssues(parsed.error.issues, input)
  throw new InputError(`${what} ${file} is not valid:\n  - ${lines.join('\n  - ')}`)
}

/**
 * Reads a JSONL file (prompts, conversations: hashed whole), checks each line against `schema`
 * and hands it to `each` with its line number (from 1) and what an error on it should name; blank
 * lines are skipped. Returns the sha256 of the file's text. Every error names the file, the line
 * and what was expected.
 */
export function readJsonlFile<T extends z.ZodType>(file: string, what: string, schema: T, each: (value: z.output<T>, line: number, where: string) => void): string {
  const hash = createHash('sha256')
  let count = 0
  forEachLine(
    file,
    what,
    'expected a JSONL file',
    (line, number) => {
      if (line.trim() === '') return
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        throw new InputError(`${what} ${file}: line ${number} is not JSON; expected one JSON object per line`)
      }
      each(parseWithSchema(schema, value, `${file} line ${number}`, what), number, `${what} ${file}: line ${number}`)
      count++
    },
    (text) => hash.update(text)
  )
  if (count === 0) throw new InputError(`${what} ${file}: no JSON object in it; expected one per line`)
  return hash.digest('hex')
}
