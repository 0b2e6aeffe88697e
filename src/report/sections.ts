/**
 * The report as sections that a length limit may cut (github/comment-body.ts cuts them for a
 * pull-request comment): what the renderer hands over, kept here so the report needs nothing above it.
 */

/**
 * Suggested priorities for the report's sections: higher survives longer. The gated metrics are
 * what the verdict rests on, so they go last; collapsible details go first.
 */
export const SECTION_PRIORITY = {
  gatedMetrics: 100,
  summary: 80,
  validity: 60,
  distribution: 40,
  details: 10
} as const

/** One part of the report, in the order it appears in the comment. */
export interface CommentSection {
  /** Names the section in the note that says what was cut ("per-request details"). Plain text. */
  title: string
  /** The section's Markdown, already escaped. */
  text: string
  /** Higher is cut later. See SECTION_PRIORITY. Among equal priorities, later sections are cut first. */
  priority: number
  /**
   * How the section may be shortened. `whole` (the default): kept or dropped as a unit, for
   * blocks that a cut would leave open (`<details>`, code fences, a picture). `lines`: may lose
   * lines from its end, for tables (one row per line) and lists.
   */
  cut?: 'whole' | 'lines'
  /** With `cut: 'lines'`: leading lines that are never kept alone, e.g. 2 for a table's header and delimiter rows. */
  keepLines?: number
  /** With `cut: 'lines'`: appended after a cut so that what the kept lines opened still closes (`</details>`). */
  closing?: string
}
