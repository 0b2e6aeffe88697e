/**
 * Escaping for text we do not control (model names and versions reported by the server, error
 * messages, workload names) before it goes into a GitHub comment, the job summary or the report
 * file. GitHub sanitises HTML, but a raw `<details>` or `<img>` would still change the page, a
 * `|` would split a table cell, and `@org/team` would notify a whole team from a benchmark.
 */

// C0/C1 controls break tables and terminals; bidirectional overrides make text read differently
// from what it is (the "Trojan Source" trick). None of them belongs in a report.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

// A newline ends a table row, and in a paragraph it can start a list or a heading: one line only.
const LINE_BREAKS = /\r\n|[\n\r\t\u2028\u2029]/g

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

// Inline Markdown (emphasis, code, links, strikethrough, math) and the table-cell separator.
// A backslash escape is honoured by GitHub for every ASCII punctuation character.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~$]/g

/**
 * An invisible zero-width space. GitHub turns `@name`, `#123`, `owner/repo#123` and bare URLs
 * into links (and mentions notify people) after Markdown is rendered, so a backslash does not
 * stop them; a character between `@` and the name does.
 */
const ZWSP = '\u200B'

export interface EscapeOptions {
  /** Cut the text (before escaping) to this many characters, ending with `…`: an error message can be megabytes. */
  maxLength?: number
}

/**
 * Makes `text` safe and literal inside a Markdown paragraph or a table cell: one line, no HTML,
 * no Markdown syntax, no mentions, issue references or autolinks. The result renders as the
 * original characters (minus control characters), not as formatting.
 */
export function escapeMarkdown(text: string, options: EscapeOptions = {}): string {
  let plain = String(text).replace(LINE_BREAKS, ' ').replace(INVISIBLE_OR_CONTROL, '')
  if (options.maxLength !== undefined && plain.length > options.maxLength) {
    plain = `${Array.from(plain).slice(0, Math.max(0, options.maxLength - 1)).join('')}…`
  }
  let escaped = plain
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/#(?=[0-9])/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${ZWSP}.`)
  // Only at the start of a paragraph do these make a heading, list, thematic break or setext
  // underline; escaping them everywhere would litter the text with backslashes.
  escaped = escaped.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
  return escaped
}

/**
 * Escapes text for the inside of an HTML `<code>` or `<pre>` element or an attribute value,
 * where Markdown is not parsed but HTML is: for multi-line error output in a `<details>` block.
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(/[&<>"']/g, (char) => (char === "'" ? '&#39;' : (HTML_ENTITIES[char] ?? char)))
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
}

/**
 * Text that is not Markdown at all (a console summary, a log) as a fenced code block in
 * Markdown: the fence is longer than any run of backticks in the text, so no line of it can close
 * the block, and `<!--` is broken by a zero-width space, so the raw comment body never carries
 * another comment's hidden marker. Inside the block GitHub renders no HTML, links or mentions.
 */
export function fencedCode(text: string, info = ''): string {
  const plain = String(text).replace(/\r\n?/g, '\n').replace(INVISIBLE_OR_CONTROL, '').replace(/<!--/g, `<${ZWSP}!--`)
  const longestRun = Math.max(0, ...Array.from(plain.matchAll(/`+/g), (match) => match[0].length))
  const fence = '`'.repeat(Math.max(3, longestRun + 1))
  return `${fence}${info}\n${plain.replace(/\n$/, '')}\n${fence}`
}

/**
 * Makes text from a result file or a server one plain line for a terminal or a job log: no line
 * breaks (a line that starts with `::` is a workflow command to the Actions runner), no control
 * characters (terminal escape sequences) and no bidirectional overrides.
 */
export function oneLine(text: string): string {
  return String(text).replace(LINE_BREAKS, ' ').replace(INVISIBLE_OR_CONTROL, '')
}
