import { escapeMarkdown } from '../report/escape.js'
import type { CommentSection } from '../report/sections.js'

/**
 * GitHub rejects an issue comment body longer than this (HTTP 422, "body is too long").
 * GitHub counts characters; a JavaScript string's length counts UTF-16 code units, which is
 * never fewer, so measuring with `.length` errs on the safe side.
 */
export const COMMENT_BODY_LIMIT = 65_536

/**
 * The report as the renderer builds it. The body is: marker, verdict line, sections in order,
 * each separated by a blank line, then (only when something was cut) a note that says what.
 */
export interface CommentParts {
  /** The hidden marker (`commentMarker(workload)`); always kept, first, so the comment is found again. */
  marker: string
  /** The one line that says pass / fail / inconclusive; always kept. */
  verdict: string
  sections: readonly CommentSection[]
  /** Ends the note when something was cut: where the reader finds the rest. */
  whereToFindTheRest?: string
}

/** What was cut from one section: `keptLines: 0` means the whole section was dropped. */
export interface SectionCut {
  title: string
  keptLines: number
  totalLines: number
}

export interface TruncatedComment {
  body: string
  /** Empty when everything fitted. */
  cuts: SectionCut[]
}

interface SectionState {
  section: CommentSection
  lines: string[]
  /** How many lines are shown: lines.length when whole, 0 when dropped. */
  kept: number
}

const MAX_TITLES_IN_NOTE = 8

function renderSection(state: SectionState): string {
  const { section, lines, kept } = state
  if (kept >= lines.length) return section.text
  const closing = section.closing ? `\n${section.closing}` : ''
  return `${lines.slice(0, kept).join('\n')}${closing}\n\n_… ${lines.length - kept} more lines of ${escapeMarkdown(section.title)} cut._`
}

const DEFAULT_REST = 'The job summary and the report file have everything.'

function describeCuts(cuts: readonly SectionCut[], limit: number, rest = DEFAULT_REST): string {
  const phrases = cuts.map((cut) =>
    cut.keptLines === 0
      ? `dropped ${escapeMarkdown(cut.title)}`
      : `shortened ${escapeMarkdown(cut.title)} to ${cut.keptLines} of ${cut.totalLines} lines`
  )
  const shown = phrases.slice(0, MAX_TITLES_IN_NOTE)
  if (phrases.length > shown.length) shown.push(`and ${phrases.length - shown.length} more`)
  return `> [!NOTE]\n> This comment was shortened to fit GitHub's ${limit.toLocaleString('en-US')}-character limit: ${shown.join('; ')}. ${rest}`
}

function cutsOf(states: readonly SectionState[]): SectionCut[] {
  return states
    .filter((state) => state.kept < state.lines.length)
    .map((state) => ({ title: state.section.title, keptLines: state.kept, totalLines: state.lines.length }))
}

function render(parts: CommentParts, states: readonly SectionState[], limit: number): string {
  const blocks = [`${parts.marker}\n${parts.verdict}`]
  for (const state of states) if (state.kept > 0 && state.section.text !== '') blocks.push(renderSection(state))
  const cuts = cutsOf(states)
  if (cuts.length > 0) blocks.push(describeCuts(cuts, limit, parts.whereToFindTheRest))
  return blocks.join('\n\n')
}

/** Cuts a string to `length` UTF-16 units without splitting a surrogate pair. */
function sliceWhole(text: string, length: number): string {
  let end = Math.max(0, length)
  const last = text.charCodeAt(end - 1)
  if (end > 0 && end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1
  return text.slice(0, end)
}

/**
 * Builds the comment body from the report's parts and, if it would pass `limit`, cuts sections
 * in order of priority (lowest first): a `lines` section is first shortened to the most lines
 * that fit, otherwise dropped; then the next. Marker and verdict always stay, and the body ends
 * with a note naming what was cut. Only when marker, verdict and note alone pass the limit (a
 * verdict line megabytes long: a renderer bug) is the verdict itself cut short.
 */
export function truncateCommentBody(parts: CommentParts, limit = COMMENT_BODY_LIMIT): TruncatedComment {
  const states: SectionState[] = parts.sections.map((section) => {
    const lines = section.text.split('\n')
    return { section, lines, kept: lines.length }
  })
  let body = render(parts, states, limit)
  if (body.length <= limit) return { body, cuts: [] }

  const cutOrder = states
    .map((state, index) => ({ state, index }))
    .sort((a, b) => a.state.section.priority - b.state.section.priority || b.index - a.index)
    .map(({ state }) => state)

  for (const state of cutOrder) {
    const { section, lines } = state
    const minimum = (section.keepLines ?? 0) + 1
    if (section.cut === 'lines' && lines.length > minimum) {
      // Binary search for the most lines that fit, all else as it is now.
      let low = minimum
      let high = lines.length - 1
      let best = 0
      while (low <= high) {
        const middle = Math.floor((low + high) / 2)
        state.kept = middle
        if (render(parts, states, limit).length <= limit) {
          best = middle
          low = middle + 1
        } else {
          high = middle - 1
        }
      }
      state.kept = best
    } else {
      state.kept = 0
    }
    body = render(parts, states, limit)
    if (body.length <= limit) return { body, cuts: cutsOf(states) }
  }

  // Every section is gone and it still does not fit: keep the marker whole, cut the verdict.
  const cuts = cutsOf(states)
  const note = `\n\n${describeCuts([...cuts, { title: 'the verdict line', keptLines: 1, totalLines: 1 }], limit, parts.whereToFindTheRest)}`
  const room = limit - parts.marker.length - 1 - note.length
  body = `${parts.marker}\n${sliceWhole(parts.verdict, room - 1)}…${note}`
  return { body: sliceWhole(body, limit), cuts: [...cuts, { title: 'the verdict line', keptLines: 1, totalLines: 1 }] }
}
