import { readFileSync } from 'node:fs'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { z } from 'zod'
import { InputError, describeValue, formatPath } from '../errors.js'

/** Reads a YAML or JSON file (JSON is YAML), naming the file and the line of a syntax error. */
export function readStructuredFile(file: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`${what} ${file}: cannot read it (${code ?? String(error)}); expected a readable YAML or JSON file`)
  }
  if (text.trim() === '') throw new InputError(`${what} ${file}: the file is empty; expected a YAML or JSON document`)
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true })
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ''
      throw new InputError(`${what} ${file}: not valid YAML or JSON${where}: ${error.message.split('\n')[0]}`)
    }
    throw error
  }
}

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
    const got = value === undefined ? 'missing' : `got ${describeValue(value)}`
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
