import type { Clock } from '../clock.js'
import type { WorkloadSpec } from '../config/workload.js'
import { RequestAbort } from './errors.js'
import type { RequestRecord } from '../result/types.js'
import type { InFlightRequest, StartedRequest } from './stream-request.js'

/**
 * Enforces the workload's timeouts for every request in flight with one periodic check,
 * instead of a timer per request reset on every event: per-event timer churn would cost more
 * CPU than reading the event. The check period bounds how late a timeout fires.
 */
export class Watchdog {
  private readonly requests = new Set<InFlightRequest>()
  private timer: NodeJS.Timeout | null = null
  private readonly connectMs: number
  private readonly firstTokenMs: number
  private readonly idleMs: number
  private readonly requestMs: number
  readonly periodMs: number

  constructor(
    timeouts: WorkloadSpec['timeouts'],
    private readonly clock: Clock
  ) {
    this.connectMs = timeouts.connect_s * 1000
    this.firstTokenMs = timeouts.first_token_s * 1000
    this.idleMs = timeouts.idle_s * 1000
    this.requestMs = timeouts.request_s * 1000
    const shortest = Math.min(this.connectMs, this.firstTokenMs, this.idleMs, this.requestMs)
    this.periodMs = Math.min(250, Math.max(5, shortest / 20))
  }

  add(request: InFlightRequest): void {
    this.requests.add(request)
    if (this.timer === null) this.timer = setInterval(() => this.check(), this.periodMs)
  }

  remove(request: InFlightRequest): void {
    this.requests.delete(request)
    if (this.requests.size === 0 && this.timer !== null) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  /** A started request's record, with the request under these deadlines until it has finished. */
  async watch(started: StartedRequest): Promise<RequestRecord> {
    this.add(started.inFlight)
    try {
      return await started.completion
    } finally {
      this.remove(started.inFlight)
    }
  }

  /** Aborts every request in flight with `reason` (an interrupted run). */
  abortAll(reason: RequestAbort): void {
    for (const request of this.requests) request.abort(reason)
  }

  check(now = this.clock()): void {
    for (const request of this.requests) {
      const phase = this.expired(request, now)
      if (phase !== null) {
        request.abort(new RequestAbort(phase.phase, phase.message))
        this.requests.delete(request)
      }
    }
    if (this.requests.size === 0 && this.timer !== null) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  private expired(request: InFlightRequest, now: number): { phase: 'connect' | 'first_token' | 'idle' | 'request'; message: string } | null {
    if (Number.isNaN(request.sentAt)) {
      return now - request.dispatchedAt > this.connectMs ? { phase: 'connect', message: `not written within connect_s (${this.connectMs / 1000} s)` } : null
    }
    if (now - request.sentAt > this.requestMs) return { phase: 'request', message: `not finished within request_s (${this.requestMs / 1000} s)` }
    if (Number.isNaN(request.firstContentAt)) {
      return now - request.sentAt > this.firstTokenMs ? { phase: 'first_token', message: `no generated content within first_token_s (${this.firstTokenMs / 1000} s)` } : null
    }
    return now - request.lastEventAt > this.idleMs ? { phase: 'idle', message: `no event for idle_s (${this.idleMs / 1000} s) after the first token` } : null
  }
}
