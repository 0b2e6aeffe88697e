import { describe, expect, it } from 'vitest'
import { COMMENT_BODY_LIMIT, truncateCommentBody, type CommentParts } from '../../src/github/comment-body.js'
import { SECTION_PRIORITY } from '../../src/report/sections.js'
import { commentMarker } from '../../src/github/comment.js'

const marker = commentMarker('chat-short')
const verdict = '### ❌ llm-perf-gate: **fail**, 2 regressions in chat-short'

function table(rows: number): string {
  const lines = ['| metric | baseline | current | Δ |', '| --- | --- | --- | --- |']
  for (let index = 0; index < rows; index += 1) lines.push(`| ttft_ms.p${index} | 40.1 | 44.9 | +12.0% |`)
  return lines.join('\n')
}

function details(characters: number): string {
  return `<details><summary>Per-request details</summary>\n\n\`\`\`\n${'x'.repeat(characters)}\n\`\`\`\n</details>`
}

function report(gatedRows: number, detailCharacters: number, pictureCharacters = 1_000): CommentParts {
  return {
    marker,
    verdict,
    sections: [
      { title: 'gated metrics', text: table(gatedRows), priority: SECTION_PRIORITY.gatedMetrics, cut: 'lines', keepLines: 2 },
      { title: 'distribution picture', text: `\`\`\`\n${'▇'.repeat(pictureCharacters)}\n\`\`\``, priority: SECTION_PRIORITY.distribution },
      { title: 'per-request details', text: details(detailCharacters), priority: SECTION_PRIORITY.details }
    ]
  }
}

describe('truncateCommentBody', () => {
  it('leaves a report that fits untouched, with no note', () => {
    const { body, cuts } = truncateCommentBody(report(5, 100))
    expect(cuts).toEqual([])
    expect(body.startsWith(`${marker}\n${verdict}\n\n| metric |`)).toBe(true)
    expect(body).toContain('Per-request details')
    expect(body).not.toContain('[!NOTE]')
  })

  it('drops the collapsible details first and says so', () => {
    const { body, cuts } = truncateCommentBody(report(5, 100_000))
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
    expect(cuts).toEqual([{ title: 'per-request details', keptLines: 0, totalLines: 6 }])
    expect(body).not.toContain('Per-request details')
    expect(body).toContain(table(5))
    expect(body).toContain('▇▇▇')
    expect(body).toMatch(/shortened to fit GitHub's 65,536-character limit: dropped per-request details/)
  })

  it('always keeps the marker first and the verdict line', () => {
    const { body } = truncateCommentBody(report(5_000, 200_000, 200_000))
    expect(body.split('\n').slice(0, 2)).toEqual([marker, verdict])
  })

  it('cuts the gated rows last, keeping the table header and as many rows as fit', () => {
    const { body, cuts } = truncateCommentBody(report(5_000, 100_000, 100_000))
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
    expect(cuts.map((cut) => cut.title)).toEqual(['gated metrics', 'distribution picture', 'per-request details'])
    const gated = cuts.find((cut) => cut.title === 'gated metrics')
    expect(gated?.keptLines).toBeGreaterThan(1_000)
    expect(gated?.totalLines).toBe(5_002)
    expect(body).toContain('| metric | baseline | current | Δ |\n| --- | --- | --- | --- |\n| ttft_ms.p0 |')
    expect(body).toMatch(/more lines of gated metrics cut/)
    expect(body).toMatch(/shortened gated metrics to \d+ of 5002 lines/)
  })

  it('uses the room it has: the shortened table ends close to the limit', () => {
    const { body } = truncateCommentBody(report(5_000, 10))
    expect(body.length).toBeGreaterThan(COMMENT_BODY_LIMIT - 200)
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
  })

  it('appends a section\'s closing after a cut so its block still closes', () => {
    const text = `<details><summary>rows</summary>\n\n${table(3_000)}\n\n</details>`
    const { body } = truncateCommentBody({
      marker, verdict, sections: [{ title: 'rows', text, priority: 1, cut: 'lines', keepLines: 4, closing: '\n</details>' }]
    })
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
    expect(body.match(/<details>/g)).toHaveLength(1)
    expect(body.match(/<\/details>/g)).toHaveLength(1)
  })

  it('cuts later sections first among equal priorities', () => {
    const parts: CommentParts = {
      marker, verdict,
      sections: [
        { title: 'first', text: 'a'.repeat(40_000), priority: 1 },
        { title: 'second', text: 'b'.repeat(40_000), priority: 1 }
      ]
    }
    expect(truncateCommentBody(parts).cuts.map((cut) => cut.title)).toEqual(['second'])
  })

  it('ends the note with where to find the rest, when the renderer says', () => {
    const { body } = truncateCommentBody({ ...report(5, 100_000), whereToFindTheRest: 'See the run\'s summary.' })
    expect(body.endsWith('See the run\'s summary.')).toBe(true)
  })

  it('honours a smaller limit', () => {
    const { body } = truncateCommentBody(report(200, 10), 2_000)
    expect(body.length).toBeLessThanOrEqual(2_000)
    expect(body.startsWith(`${marker}\n${verdict}`)).toBe(true)
  })

  it('still fits, marker first, when the verdict line alone is over the limit', () => {
    const { body } = truncateCommentBody({ marker, verdict: '😀'.repeat(40_000), sections: [] })
    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_LIMIT)
    expect(body.startsWith(`${marker}\n😀`)).toBe(true)
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
