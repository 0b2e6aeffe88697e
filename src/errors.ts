/**
 * A problem with what the user gave us (a file, a flag, an input, an environment variable).
 * The CLI prints its message without a stack trace and exits with `exitCode` (2: usage,
 * configuration or input error; docs/file-formats.md lists the exit statuses).
 */
export class InputError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 2) {
    super(message)
    this.name = 'InputError'
    this.exitCode = exitCode
  }
}

/** Renders a value for an error message: short, one line, never a credential-sized blob. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  let text: string
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** Renders a field path the way users write it in YAML: `load.ramp[1].rate`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(top level)' : out
}
