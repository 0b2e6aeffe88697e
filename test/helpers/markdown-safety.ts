/**
 * Checks that Markdown built from hostile text renders inertly, by rendering it the way GitHub
 * does (CommonMark + GFM tables, autolinks and strikethrough, through micromark) with raw HTML
 * let through, as GitHub lets some through: only our own structure may come out.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** Our report's own tags: anything else came from the text. */
const OUR_TAGS = new Set(['h3', 'p', 'strong', 'em', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'ul', 'li', 'br'])

/** Rows of each GFM table in the Markdown, split into cells on pipes not escaped by a backslash. */
function tableCellCounts(markdown: string): number[][] {
  const tables: number[][] = []
  let current: number[] | null = null
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      current = null
      continue
    }
    if (current === null) tables.push((current = []))
    current.push(line.split(/(?<!\\)\|/).length - 2)
  }
  return tables
}

/** Text outside `<code>` and `<pre>`: where GitHub turns @name and #1 into mentions and links. */
const outsideCode = (html: string): string => html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '')

/** Problems with a report built from `hostile` text; empty when it is inert. */
export function markdownProblems(markdown: string, marker: string): string[] {
  const problems: string[] = []
  const html = renderGfm(markdown)
  const tags = new Set(Array.from(html.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)/g), (match) => match[1]!.toLowerCase()))
  const foreign = [...tags].filter((tag) => !OUR_TAGS.has(tag))
  if (foreign.length > 0) problems.push(`tags from the text: ${foreign.join(', ')}`)
  const prose = outsideCode(html)
  if (/@[A-Za-z0-9]/.test(prose)) problems.push('a live mention')
  if (/#[0-9]/.test(prose)) problems.push('a live issue reference')
  const markers = markdown.match(/<!--/g)?.length ?? 0
  if (markers !== 1 || !markdown.startsWith(`${marker}\n`)) problems.push(`${markers} HTML comments; expected only our marker, first`)
  if ((html.match(/<details>/g)?.length ?? 0) !== (html.match(/<\/details>/g)?.length ?? 0)) problems.push('unbalanced details')
  if (markdown.includes('\u001b') || markdown.includes('\u202E')) problems.push('control characters')
  if (/^::/m.test(markdown)) problems.push('a line that is a workflow command')
  for (const table of tableCellCounts(markdown)) if (new Set(table).size !== 1) problems.push(`a table with rows of ${[...new Set(table)].join(', ')} cells`)
  return problems
}
