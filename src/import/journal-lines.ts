import { z } from 'zod'
import { forEachLine } from '../config/lines.js'
import { describeIssues } from '../config/validate.js'
import { InputError } from '../errors.js'
import type { JournalEntry } from '../result/journal.js'

const nullableNumber = z.number().nullable()
const count = z.number().int().min(0)

/** A request record as the client writes it: every field the summaries and `compare` read. */
const recordSchema = z.looseObject({
  id: count,
  scheduled_ms: z.number(),
  sent_ms: nullableNumber,
  client_queue_ms: nullableNumber,
  end_ms: z.number(),
  ttft_ms: nullableNumber,
  e2e_ms: nullableNumber,
  tpot_ms: nullableNumber,
  itl_ms: z.array(z.number()),
  itl_token_ms: z.array(z.number()).optional(),
  input_tokens: count,
  input_tokens_source: z.string(),
  output_tokens: count,
  output_tokens_source: z.string(),
  max_tokens: count,
  content_events: count,
  coalesced_events: count,
  done: z.boolean(),
  ok: z.boolean(),
  error: z
    .looseObject({
      kind: z.enum(['http', 'timeout', 'connection', 'protocol', 'server', 'cancelled', 'unknown']),
      status: z.number().int().optional(),
      timeout: z.enum(['connect', 'first_token', 'idle', 'request']).optional(),
      message: z.string()
    })
    .optional()
})

const optionalMs = z.number().positive().optional()

const entrySchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({
      type: z.literal('run'),
      workload: z.looseObject({
        name: z.string(),
        workload_hash: z.string().startsWith('sha256:'),
        trials: z.number().int().min(1).optional(),
        slo: z.looseObject({ ttft_ms: optionalMs, tpot_ms: optionalMs, e2e_ms: optionalMs }).optional()
      }),
      environment: z.looseObject({ server: z.looseObject({ url: z.string(), model: z.string().nullable() }), gpu: z.array(z.unknown()), runner: z.looseObject({}) }),
      created_at: z.string(),
      pairing: z.object({ run: z.string().min(1), side: z.enum(['baseline', 'candidate']) }).optional()
    }),
    z.looseObject({ type: z.literal('trial'), index: count, started_at: z.string(), url: z.string(), target_rate: z.number().positive().nullable().default(null) }),
    z.looseObject({ type: z.literal('request'), trial: count, record: recordSchema }),
    z.looseObject({
      type: z.literal('trial_end'),
      index: count,
      interrupted: z.boolean(),
      host: z.looseObject({ cpu_steal: nullableNumber, client_cpu: z.number(), event_loop_utilization: z.number() }).optional()
    })
  ],
  { error: 'expected a journal line of type run, trial, request or trial_end' }
)

/**
 * Reads and checks every line of a journal, one entry at a time in file order, a piece at a time
 * (config/lines.ts: a million requests make hundreds of MB). A line that is not
 * JSON, or not a journal entry of the expected shape, is an InputError naming the file, the line
 * and the field; only the last line may be cut off (the write a killed run did not finish), and it
 * is then left out and its number returned.
 */
export function forEachJournalEntry(file: string, each: (line: number, entry: JournalEntry) => void): { cutLine: number | null } {
  // A line that is not JSON is an error only if another line follows it.
  let unparsed: number | null = null
  forEachLine(file, 'journal', 'expected the .journal.jsonl a run writes beside its result', (text, number) => {
    if (text.trim() === '') return
    if (unparsed !== null) throw new InputError(`journal ${file}: line ${unparsed} is not JSON; expected one JSON object per line, as a run writes (was the file edited or two files joined?)`)
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      unparsed = number
      return
    }
    const parsed = entrySchema.safeParse(value)
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, value)
      throw new InputError(`journal ${file}: line ${number} is not a valid journal entry:\n  - ${problems.join('\n  - ')}`)
    }
    each(number, parsed.data as JournalEntry)
  })
  return { cutLine: unparsed }
}
