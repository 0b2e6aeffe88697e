import { availableParallelism } from 'node:os'
import { monotonicClock, type Clock } from '../clock.js'
import { normalisedWorkload, type Workload } from '../config/workload.js'
import { Connections } from '../client/connections.js'
import { ClientPool, defaultClientWorker } from '../client/pool.js'
import { workerCount } from '../config/client-schema.js'
import { createRequestContext, type RequestContext } from '../client/stream-request.js'
import { Watchdog } from '../client/watchdog.js'
import { captureEnvironment, publicUrl, workloadServerArgs } from '../environment.js'
import { InputError } from '../errors.js'
import type { Journal } from '../result/journal.js'
import { attachStore } from '../result/trial-records.js'
import { observeTrials, summarizeTrials, summarizeTrialRecords } from '../result/trial-summary.js'
import { summarizeTrial } from '../result/summary.js'
import { summarizeTurns } from '../result/turns.js'
import { DEFINITIONS_VERSION, RESULT_SCHEMA, type Environment, type Pairing, type RequestRecord, type ResultFile, type TrialResult } from '../result/types.js'
import { openTelemetry, type TelemetrySession } from '../telemetry/sampler.js'
import { TOOL_NAME, TOOL_VERSION } from '../version.js'
import { buildSendPlan } from '../workload/schedule.js'
import { phaseSends } from './phase.js'
import { preflight } from './preflight.js'
import { RecordSink } from '../result/record-sink.js'
import { busiestWorker, openConnections, runPhase, workerLoops } from './measure.js'
import { hostCounters, hostLoadBetween, roundHostLoad, type HostCounters } from './host-load.js'

/** What the runner tells the progress display. */
export interface RunObserver {
  phase?(label: string): void
  trialStarted?(trial: number, trials: number, requests: number, url: string): void
  requestDone?(record: RequestRecord): void
  /** Requests that finished, in a batch, and how many of them failed (cancelled ones are not failures); called instead of requestDone where given. */
  requestsDone?(done: number, failed: number): void
  trialDone?(trial: TrialResult): void
}

/** A server to run against: its pool, the request context and what it said about itself. */
export interface Target {
  origin: string
  connections: Connections
  context: RequestContext
  watchdog: Watchdog
  environment: Environment
  /** Watches the server and its GPUs during each trial's measured requests (docs/telemetry.md); null when the workload switches it off. */
  telemetry?: TelemetrySession | null
  /** The worker threads that send and read the trials' requests (client/pool.ts); null or absent: this thread does. */
  pool?: ClientPool | null
  close(): Promise<void>
}

export interface TargetOptions {
  /** The client worker script (client/pool.ts defaultClientWorker); null: no worker threads. */
  clientWorker?: URL | null
}

/** How many connections to open before measuring: the concurrency (and spares), or a guess for an uncapped open loop (more open on demand, outside TTFT). */
function connectionCount(workload: Workload): number {
  const { load, requests, warmup } = workload.spec
  return Math.max(1, Math.min(load.concurrency ?? 32, Math.max(requests, warmup)))
}

/** Opens connections, reads what the server says about itself and sends the preflight request; every wait obeys the workload's timeouts and `signal`. */
export async function openTarget(workload: Workload, origin: string, clock: Clock = monotonicClock, signal?: AbortSignal, options: TargetOptions = {}): Promise<Target> {
  const { spec } = workload
  const connections = new Connections(origin, { inFlight: spec.load.concurrency ?? null, connectTimeoutMs: spec.timeouts.connect_s * 1000 })
  const context = createRequestContext(connections, spec.api, workload.path, workload.headers, clock)
  const { redact } = context
  const opened = await connections.open(1, '/health', signal)
  if (opened.ok === 0) {
    await connections.close()
    if (signal?.aborted === true) throw interruptedBeforeStart()
    throw new InputError(`cannot reach the server at ${publicUrl(origin)} (${redact(opened.firstError ?? 'no answer')}); start it, or pass --url`)
  }
  const client = connections.acquire()
  // The whole capture ends within connect_s (each probe has its own shorter deadline too), or on Ctrl-C.
  const captureDeadline = AbortSignal.timeout(spec.timeouts.connect_s * 1000)
  const captureSignal = signal !== undefined ? AbortSignal.any([captureDeadline, signal]) : captureDeadline
  const environment = await captureEnvironment(client, origin, workload.headers, spec.model ?? null, { redact, args: workloadServerArgs(spec), signal: captureSignal })
  connections.release(client)
  const watchdog = new Watchdog(spec.timeouts, clock)
  try {
    const passed = await preflight({ context, watchdog, workload, clock, servedModels: environment.server.models ?? [], ...(signal !== undefined ? { signal } : {}) })
    if (passed === null) throw interruptedBeforeStart()
  } catch (error) {
    await connections.close()
    throw error
  }
  const telemetry = openTelemetry(spec.telemetry, origin, workload.headers)
  // Workers read on the monotonic clock of the process; a clock passed in (a test's) stays on this
  // thread. Conversations run on this thread too (runner/measure.ts): a turn waits for the answer
  // to the one before, which a worker's independent request loop does not model.
  const onThisThread = clock !== monotonicClock || spec.prompts.source === 'conversations'
  const workers = onThisThread ? 0 : workerCount(spec.client?.workers ?? 'auto', spec.load.concurrency ?? null, availableParallelism(), spec.trials * (spec.requests + spec.warmup))
  const script = workers > 0 ? (options.clientWorker === undefined ? defaultClientWorker() : options.clientWorker) : null
  const pool = script !== null ? ClientPool.start(workload, origin, workers, script) : null
  // The workers open their own; this thread's, opened for the capture and the preflight, would sit idle on the server.
  if (pool !== null) await connections.close()
  const close = async (): Promise<void> => {
    await Promise.all([telemetry?.close(), connections.close(), pool?.close()])
  }
  return { origin, connections, context, watchdog, environment, telemetry, pool, close }
}

const interruptedBeforeStart = (): InputError => new InputError('interrupted before the first measured request; nothing was measured', 130)

export interface TrialOptions {
  clock?: Clock
  observer?: RunObserver
  journal?: Journal | null
  signal?: AbortSignal
  /** Reads the machine's counters around the measured requests (runner/host-load.ts). */
  hostCounters?: () => HostCounters
}

/** Warmup (closed loop, not measured), then the trial's measured requests on their schedule. */
export async function runTrialOn(target: Target, workload: Workload, trialIndex: number, options: TrialOptions = {}): Promise<TrialResult> {
  const { spec } = workload
  const clock = options.clock ?? monotonicClock
  const signal = options.signal !== undefined ? { signal: options.signal } : {}
  // Connections a server closed while idle (uvicorn's keep-alive is 5 s) are reopened before measuring.
  await openConnections(target, connectionCount(workload), options.signal)
  if (spec.warmup > 0 && options.signal?.aborted !== true) {
    options.observer?.phase?.(`trial ${trialIndex + 1}: ${spec.warmup} warmup requests`)
    await runPhase(target, workload, { trialIndex, phase: 'warmup', count: spec.warmup, plan: { kind: 'closed', concurrency: Math.min(spec.warmup, spec.load.concurrency ?? 8) }, clock, ...signal })
  }
  const plan = buildSendPlan(spec.load, spec.requests, spec.seed, trialIndex)
  const targetRate = plan.kind === 'open' ? plan.scheduledRate : null
  const url = publicUrl(target.origin)
  // Here, not in the caller, so every command that journals (run, ab) leaves trials a journal import can rebuild.
  options.journal?.append({ type: 'trial', index: trialIndex, started_at: new Date().toISOString(), url, target_rate: targetRate })
  options.observer?.trialStarted?.(trialIndex, spec.trials, phaseSends(workload, trialIndex, 'measured', spec.requests), url)
  const counters = options.hostCounters ?? hostCounters
  const hostBefore = counters()
  const loopsBefore = workerLoops(target.pool)
  const sampling = target.telemetry?.startTrial()
  // Records go to the journal and the trial's columns as they finish; none is kept as an object (docs/scale.md).
  const sink = new RecordSink(trialIndex, options.journal ?? null, spec.slo, options.observer)
  const run = await runPhase(target, workload, { trialIndex, phase: 'measured', count: spec.requests, plan, clock, sink, ...signal })
  const measuredHost = hostLoadBetween(hostBefore, counters())
  // With worker threads, the event loop that matters is the busiest worker's: it stamps the reads.
  const host = roundHostLoad(loopsBefore !== null ? { ...measuredHost, event_loop_utilization: busiestWorker(target.pool!, loopsBefore) } : measuredHost)
  const telemetry = await sampling?.stop()
  // Conversations keep their records at hand (runner/measure.ts): their summary splits TTFT by turn
  // and counts conversation starts for the achieved rate (result/summary.ts); other runs summarize their columns.
  const { summary, durationS } = spec.prompts.source === 'conversations' ? summarizeTrial({ records: run.records, slo: spec.slo, targetRate }) : summarizeTrialRecords(sink.store, spec.slo, targetRate)
  const trial: TrialResult = {
    index: trialIndex,
    started_at: run.startedAt,
    duration_s: durationS,
    url,
    ...(run.interrupted ? { interrupted: true } : {}),
    host,
    ...(telemetry !== undefined ? { telemetry } : {}),
    requests: [],
    summary
  }
  attachStore(trial, sink.store)
  options.journal?.append({ type: 'trial_end', index: trialIndex, interrupted: run.interrupted, host })
  options.observer?.trialDone?.(trial)
  return trial
}

/** The journal's first line: what `import --from journal` needs to rebuild the result of a run that died. */
export function journalRunHeader(journal: Journal, workload: Workload, target: Target, pairing?: Pairing): void {
  journal.append({ type: 'run', workload: normalisedWorkload(workload), environment: target.environment, created_at: new Date().toISOString(), ...(pairing !== undefined ? { pairing } : {}) })
}

/** The run's summary from the trials' columns; a run of conversations also splits TTFT by turn (its records are few enough to read back). */
function runSummary(workload: Workload, trials: readonly TrialResult[]): ResultFile['summary'] {
  const summary = summarizeTrials(trials, workload.spec.slo)
  return workload.spec.prompts.source === 'conversations' ? { ...summary, ...summarizeTurns(trials.map((trial) => trial.requests)) } : summary
}

export function assembleResult(workload: Workload, environment: Environment, trials: TrialResult[], interrupted: boolean, createdAt = new Date().toISOString(), pairing?: Pairing): ResultFile {
  const result: ResultFile = {
    schema: RESULT_SCHEMA,
    definitions: DEFINITIONS_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    created_at: createdAt,
    workload: normalisedWorkload(workload),
    environment,
    ...(interrupted ? { interrupted: true } : {}),
    ...(pairing !== undefined ? { pairing } : {}),
    notes: observeTrials(trials, workload.spec),
    trials,
    summary: runSummary(workload, trials)
  }
  return result
}

export interface RunOptions extends TrialOptions, TargetOptions {
  /** Opens the journal once the server answered; the caller closes it after writing the result. */
  openJournal?: (() => Journal) | null
}

/** Runs every trial of the workload against its URL and returns the result (docs/file-formats.md). */
export async function runWorkload(workload: Workload, options: RunOptions = {}): Promise<ResultFile> {
  const target = await openTarget(workload, workload.url, options.clock, options.signal, options)
  const journal = options.openJournal?.() ?? null
  if (journal !== null) journalRunHeader(journal, workload, target)
  const trials: TrialResult[] = []
  try {
    for (let index = 0; index < workload.spec.trials && options.signal?.aborted !== true; index++) {
      trials.push(await runTrialOn(target, workload, index, { ...options, journal }))
    }
  } finally {
    await target.close()
  }
  return assembleResult(workload, target.environment, trials, options.signal?.aborted === true)
}
