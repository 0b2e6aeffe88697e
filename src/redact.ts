/** Removes secrets from text that came from a server before it is kept or printed. */
export type Redactor = (text: string) => string

export const REDACTED = '[redacted]'

/** Values shorter than this would shred ordinary text ("1", "on") and are not credentials. */
const MIN_SECRET = 6
/** A cut-off secret is removed from a text's start or end when at least this much of it is left. */
const MIN_PIECE = 6

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** `Bearer sk-…`, `Basic dXNlcjpwYXNz`, `Token …`: the credential after the scheme. */
function credentialOf(value: string): string | null {
  const match = /^[A-Za-z][A-Za-z0-9._-]*\s+(\S.*)$/s.exec(value)
  return match === null ? null : match[1]!.trim()
}

/** `user:password` of a Basic credential, when it is base64 of text. */
function basicDecoded(value: string): string | null {
  if (!/^Basic\s/i.test(value)) return null
  const encoded = value.replace(/^Basic\s+/i, '').trim()
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  return decoded.includes('\uFFFD') ? null : decoded
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * How a server that echoes a header value would write it: as is, inside JSON (quotes and
 * backslashes escaped, `/` escaped by some encoders), in a URL (percent-encoded, either hex
 * case, or as a form with `+` for spaces), or in an HTML error page.
 */
function echoedForms(value: string): string[] {
  const forms = [value]
  const json = JSON.stringify(value).slice(1, -1)
  forms.push(json, json.replaceAll('/', '\\/'))
  const url = encodeURIComponent(value)
  forms.push(url, url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), url.replaceAll('%20', '+'))
  forms.push(value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char), value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`))
  return forms
}

/**
 * A pattern for `form` that also matches it broken by whitespace (a message wrapped over lines,
 * or our own collapsing of whitespace in error excerpts): `\s*` between characters, `\s+` where
 * the form itself has whitespace.
 */
function spacedPattern(form: string): string {
  let pattern = ''
  let previousWasSpace = true
  for (const char of form) {
    if (/\s/.test(char)) {
      if (!previousWasSpace) pattern += '\\s+'
      previousWasSpace = true
      continue
    }
    if (!previousWasSpace) pattern += '\\s*'
    pattern += escapeRegExp(char)
    previousWasSpace = false
  }
  return pattern
}

/**
 * Builds a redactor for the expanded header values (`Authorization: Bearer …`, `x-api-key: …`).
 * It replaces each value with "[redacted]" in the forms a server echo realistically takes: the
 * whole value and its credential alone (without `Bearer `), the `user:password` inside a Basic
 * credential, each of those JSON-escaped, URL-encoded or HTML-escaped, and each even when broken
 * by whitespace. A text that was cut off (a truncated body, a stream that ended mid-event) can
 * end with the first part of a credential, or start with its last part: at least six characters
 * of it there are redacted too.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const values = new Set<string>()
  for (const secret of secrets) {
    const value = secret.trim()
    if (value.length < MIN_SECRET) continue
    values.add(value)
    const credential = credentialOf(value)
    if (credential !== null && credential.length >= MIN_SECRET) values.add(credential)
    const decoded = basicDecoded(value)
    if (decoded !== null && decoded.length >= MIN_SECRET) values.add(decoded)
  }
  if (values.size === 0) return (text) => text

  const forms = [...new Set([...values].flatMap(echoedForms))].filter((form) => form.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
  const whole = new RegExp(forms.map(spacedPattern).join('|'), 'g')
  // Pieces only of credentials, never of `Bearer …`: a text that ends in "Bearer" leaks nothing.
  const pieces = [...new Set([...values].filter((value) => !values.has(credentialOf(value) ?? '')).flatMap(echoedForms))].filter((form) => form.length > MIN_PIECE)

  return (text) => {
    let out = text.replace(whole, REDACTED)
    if (out.length < MIN_PIECE) return out
    for (const form of pieces) {
      // Any cut-off piece at the end ends with six characters found somewhere in the form: a cheap test first.
      if (form.includes(out.slice(-MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.endsWith(form.slice(0, length))) {
            out = `${out.slice(0, out.length - length)}${REDACTED}`
            break
          }
        }
      }
      if (out.length >= MIN_PIECE && form.includes(out.slice(0, MIN_PIECE))) {
        for (let length = Math.min(form.length - 1, out.length); length >= MIN_PIECE; length--) {
          if (out.startsWith(form.slice(form.length - length))) {
            out = `${REDACTED}${out.slice(length)}`
            break
          }
        }
      }
    }
    return out
  }
}
