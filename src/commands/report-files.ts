import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderHtml, type HtmlReportInput } from '../report/html/page.js'
import { joinReport, renderMarkdown } from '../report/markdown.js'

/** report.md and report.html side by side in `dir` (gate, ab); returns their paths. */
export function writeReportFiles(dir: string, input: HtmlReportInput): { markdown: string; html: string } {
  const paths = { markdown: join(dir, 'report.md'), html: join(dir, 'report.html') }
  writeFileSync(paths.markdown, joinReport(renderMarkdown(input)))
  writeFileSync(paths.html, renderHtml(input))
  return paths
}
