import cliProgress from 'cli-progress'
import type { RequestRecord, TrialResult } from '../result/types.js'
import type { RunObserver } from '../runner/run.js'

export interface ProgressOptions {
  /** Where progress goes: stderr, so stdout stays clean for --format json and pipes. */
  stream: NodeJS.WritableStream & { isTTY?: boolean }
  quiet: boolean
  /** A plain line at most this often when not on a TTY. */
  intervalMs?: number
  now?: () => number
}

const format1 = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-')

/**
 * Progress of a run: a bar on a TTY (done, errors, rate, elapsed, ETA), periodic plain lines
 * in CI logs, nothing with --quiet.
 */
export function createProgress(options: ProgressOptions): RunObserver & { stop(): void } {
  if (options.quiet) return { stop() {} }
  const now = options.now ?? (() => performance.now())
  const tty = options.stream.isTTY === true
  const intervalMs = options.intervalMs ?? 10_000
  let bar: cliProgress.SingleBar | null = null
  let label = ''
  let total = 0
  let done = 0
  let errors = 0
  let startedAt = 0
  let lastLineAt = 0

  const stats = (): { rate: number; elapsedS: number; etaS: number } => {
    const elapsedS = (now() - startedAt) / 1000
    const rate = elapsedS > 0 ? done / elapsedS : 0
    return { rate, elapsedS, etaS: rate > 0 ? (total - done) / rate : Number.NaN }
  }
  const line = (text: string): void => {
    options.stream.write(`${text}\n`)
  }
  const plain = (): string => {
    const { rate, elapsedS, etaS } = stats()
    return `${label}: ${done}/${total} done, ${errors} errors, ${format1(rate)} req/s, ${format1(elapsedS)} s elapsed, ETA ${format1(etaS)} s`
  }

  return {
    phase(text) {
      if (bar === null) line(text)
    },
    trialStarted(trial, trials, requests, url) {
      label = `trial ${trial + 1}/${trials}`
      total = requests
      done = 0
      errors = 0
      startedAt = now()
      lastLineAt = startedAt
      if (tty) {
        bar = new cliProgress.SingleBar(
          { stream: options.stream, format: `${label} |{bar}| {value}/{total} done, {errors} errors, {rate} req/s, {elapsed}s elapsed, ETA {eta_formatted}`, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic
        )
        bar.start(requests, 0, { errors: 0, rate: '0.0' })
      } else {
        line(`${label}: ${requests} requests against ${url}`)
      }
    },
    requestDone(record: RequestRecord) {
      done++
      if (!record.ok && record.error?.kind !== 'cancelled') errors++
      if (bar !== null) {
        bar.update(done, { errors, rate: format1(stats().rate) })
      } else if (now() - lastLineAt >= intervalMs) {
        lastLineAt = now()
        line(plain())
      }
    },
    trialDone(trial: TrialResult) {
      if (bar !== null) {
        bar.stop()
        bar = null
      }
      const s = trial.summary
      line(`${label}: ${s.completed}/${s.sent} ok in ${trial.duration_s.toFixed(2)} s, ${format1(s.request_throughput)} req/s, ${format1(s.output_throughput)} tok/s${trial.interrupted === true ? ' (interrupted)' : ''}`)
    },
    stop() {
      bar?.stop()
      bar = null
    }
  }
}
