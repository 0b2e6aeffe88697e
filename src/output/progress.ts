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
  /** Trials in the whole run, when more than one trial index runs (ab: two sides); default: the workload's trials. */
  trials?: number
  /** Aborted on Ctrl-C: the bar is stopped at once, so the messages that follow get lines of their own. */
  signal?: AbortSignal
  /** Put before each trial's label, read when the trial starts: a sweep's "step 3/8 (concurrency 4)". */
  prefix?: () => string
}

const format1 = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-')

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/**
 * Progress of a run: a bar on a TTY (this trial's requests, errors, rate, elapsed; the whole
 * run's share done and its ETA), periodic plain lines in CI logs, nothing with --quiet.
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
  // The whole run: trials finished so far, and when the first one started.
  let trialsInRun = options.trials ?? 0
  let trialsDone = 0
  let runStartedAt: number | null = null
  let stopped = false

  const stats = (): { rate: number; elapsedS: number; overallPct: number; overallEtaS: number } => {
    const elapsedS = (now() - startedAt) / 1000
    const rate = elapsedS > 0 ? done / elapsedS : 0
    // Trials of one run are alike: the share of the run done is the trials done plus this one's share.
    const share = trialsInRun > 0 ? (trialsDone + (total > 0 ? done / total : 0)) / trialsInRun : 0
    const runS = runStartedAt === null ? 0 : (now() - runStartedAt) / 1000
    return { rate, elapsedS, overallPct: 100 * share, overallEtaS: share > 0 ? (runS * (1 - share)) / share : Number.NaN }
  }
  const line = (text: string): void => {
    options.stream.write(`${text}\n`)
  }
  const overall = (): string => {
    const { overallPct, overallEtaS } = stats()
    return trialsInRun > 1 ? `, run ${Math.floor(overallPct)}% done, ETA ${formatSeconds(overallEtaS)}` : ''
  }
  const plain = (): string => {
    const { rate, elapsedS } = stats()
    return `${label}: ${done}/${total} done, ${errors} errors, ${format1(rate)} req/s, ${formatSeconds(elapsedS)} elapsed${overall()}`
  }
  const stopBar = (): void => {
    bar?.stop()
    bar = null
  }
  const onAbort = (): void => {
    stopped = true
    stopBar()
  }
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const advance = (count: number, failed: number): void => {
    done += count
    errors += failed
    if (bar !== null) {
      bar.update(done, { errors, rate: format1(stats().rate), overall: overall() })
    } else if (!tty && now() - lastLineAt >= intervalMs) {
      lastLineAt = now()
      line(plain())
    }
  }

  return {
    phase(text) {
      if (bar === null) line(text)
    },
    trialStarted(trial, trials, requests, url) {
      if (options.trials === undefined) trialsInRun = trials
      runStartedAt ??= now()
      label = `${options.prefix?.() ?? ''}trial ${trial + 1}/${trials}`
      total = requests
      done = 0
      errors = 0
      startedAt = now()
      lastLineAt = startedAt
      if (tty && !stopped) {
        // cli-progress fills {value}, {total}, {duration_formatted}; the rest are the payload below.
        bar = new cliProgress.SingleBar(
          { stream: options.stream, format: `${label} |{bar}| {value}/{total} done, {errors} errors, {rate} req/s, {duration_formatted} elapsed{overall}`, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic
        )
        bar.start(requests, 0, { errors: 0, rate: '0.0', overall: overall() })
      } else if (!tty) {
        line(`${label}: ${requests} requests against ${url}`)
      }
    },
    requestDone(record: RequestRecord) {
      advance(1, !record.ok && record.error?.kind !== 'cancelled' ? 1 : 0)
    },
    requestsDone: (count: number, failed: number) => advance(count, failed),
    trialDone(trial: TrialResult) {
      stopBar()
      trialsDone++
      const s = trial.summary
      line(`${label}: ${s.completed}/${s.sent} ok in ${trial.duration_s.toFixed(2)} s, ${format1(s.request_throughput)} req/s, ${format1(s.output_throughput)} tok/s${trial.interrupted === true ? ' (interrupted)' : ''}`)
    },
    stop() {
      options.signal?.removeEventListener('abort', onAbort)
      stopBar()
    }
  }
}
