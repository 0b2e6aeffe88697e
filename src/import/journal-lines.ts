import { readFileSync } from 'node:fs'
import { z } from 'zod'
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

export interface JournalLines {
  /** Each entry with its line number in the file (from 1). */
  entries: Array<{ line: number; entry: JournalEntry }>
  /** The last line, when it was cut off mid-write (a run killed while writing it) and left out. */
  cutLine: number | null
}

/**
 * Reads and checks every line of a journal. A line that is not JSON, or not a journal entry of
 * the expected shape, is an InputError naming the file, the line and the field; only the last
 * line may be cut off (the write a killed run did not finish), and it is then left out.
 */
export function readJournalLines(file: string): JournalLines {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`journal ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); expected the .journal.jsonl a run writes beside its result`)
  }
  const lines = text.split('\n')
  let last = lines.length - 1
  while (last >= 0 && lines[last]!.trim() === '') last--
  const entries: JournalLines['entries'] = []
  let cutLine: number | null = null
  for (let index = 0; index <= last; index++) {
    const line = lines[index]!
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      if (index === last) {
        cutLine = index + 1
        break
      }
      throw new InputError(`journal ${file}: line ${index + 1} is not JSON; expected one JSON object per line, as a run writes (was the file edited or two files joined?)`)
    }
    const parsed = entrySchema.safeParse(value)
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, value)
      throw new InputError(`journal ${file}: line ${index + 1} is not a valid journal entry:\n  - ${problems.join('\n  - ')}`)
    }
    entries.push({ line: index + 1, entry: parsed.data as JournalEntry })
  }
  return { entries, cutLine }
}
