import { describe, expect, it } from 'vitest'
import { escapeHtml, escapeMarkdown, fencedCode, oneLine } from '../../src/report/escape.js'

/** Splits a Markdown table row into cells the way GFM does: on pipes not preceded by a backslash. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1)
}

describe('escapeMarkdown', () => {
  it('turns HTML into text', () => {
    const escaped = escapeMarkdown('<img src=x onerror=alert(1)>')
    expect(escaped).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escaped).not.toMatch(/[<>]/)
  })

  it('cannot close an HTML comment or open a details block', () => {
    expect(escapeMarkdown('--> <details open>')).not.toMatch(/[<>]/)
  })

  it('keeps a table row to its cells when the text has pipes', () => {
    const row = `| ${escapeMarkdown('model|with|pipes')} | 40.1 |`
    expect(cells(row)).toHaveLength(2)
  })

  it('keeps a table row on one line whatever line breaks the text has', () => {
    expect(escapeMarkdown('line one\nline two\r\nthree\rfour\u2028five\tsix')).toBe('line one line two three four five six')
  })

  it('escapes emphasis, code, links, strikethrough and math', () => {
    expect(escapeMarkdown('*bold* _it_ `code` [link](http) ~~del~~ $x$ \\')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http) \\~\\~del\\~\\~ \\$x\\$ \\\\'
    )
  })

  it('does not let text start a heading, list or quote', () => {
    expect(escapeMarkdown('# Title')).toBe('\\# Title')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('1. item')).toBe('1\\. item')
    expect(escapeMarkdown('> quote')).toBe('&gt; quote')
  })

  it('does not mention a user or a team', () => {
    const escaped = escapeMarkdown('served by @org/team and @alice')
    expect(escaped).not.toMatch(/@[A-Za-z0-9]/)
    expect(escaped.replace(/\u200B/g, '')).toBe('served by @org/team and @alice')
  })

  it('does not link issues or URLs', () => {
    const escaped = escapeMarkdown('see octo/repo#12 at https://evil.example and www.evil.example')
    expect(escaped).not.toMatch(/#[0-9]/)
    expect(escaped).not.toContain('://')
    expect(escaped).not.toMatch(/www\./)
  })

  it('removes control characters and bidirectional overrides', () => {
    expect(escapeMarkdown('a\u0000b\u001bc\u202Ed\u2066e')).toBe('abcde')
  })

  it('keeps ordinary model names readable', () => {
    expect(escapeMarkdown('Qwen/Qwen2.5-7B-Instruct')).toBe('Qwen/Qwen2.5-7B-Instruct')
  })

  it('escapes entities so that text showing an entity shows it literally', () => {
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;')
  })

  it('cuts long text to maxLength before escaping', () => {
    const escaped = escapeMarkdown('x'.repeat(10_000), { maxLength: 100 })
    expect(escaped).toHaveLength(100)
    expect(escaped.endsWith('…')).toBe(true)
  })
})

describe('escapeHtml', () => {
  it('keeps line breaks for a <pre> block but no markup', () => {
    expect(escapeHtml('Error: <b>boom</b>\n  at "x" \'y\'')).toBe('Error: &lt;b&gt;boom&lt;/b&gt;\n  at &quot;x&quot; &#39;y&#39;')
  })
})

describe('fencedCode', () => {
  it('uses a fence longer than any run of backticks, so the text cannot close it', () => {
    const block = fencedCode('model ```` x\n```\n@org/team <img>')
    expect(block.startsWith('`````\n')).toBe(true)
    expect(block.endsWith('\n`````')).toBe(true)
    expect(block.split('\n').slice(1, -1).every((line) => !/^`{5}/.test(line))).toBe(true)
  })

  it('breaks HTML comments, so the raw body never carries another comment marker', () => {
    expect(fencedCode('<!-- llm-perf-gate:other -->')).not.toContain('<!--')
  })

  it('keeps ordinary text and line breaks as they are', () => {
    expect(fencedCode('a\nb\n')).toBe('```\na\nb\n```')
  })
})

describe('oneLine', () => {
  it('removes line breaks, terminal escapes and bidirectional overrides', () => {
    expect(oneLine('name\n::error::pwned\u001b[31m\u202Etxt')).toBe('name ::error::pwned[31mtxt')
  })
})
