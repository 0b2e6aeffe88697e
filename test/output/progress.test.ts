import { PassThrough } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { createProgress, formatSeconds } from '../../src/output/progress.js'
import type { RequestRecord, TrialResult } from '../../src/result/types.js'

/** A stream that says it is a terminal, and keeps what was written. */
function terminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; text(): string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 160 })
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')))
  return { stream, text: () => chunks.join('') }
}

const ok = { ok: true } as RequestRecord
const trialResult = { duration_s: 1, summary: { completed: 4, sent: 4, request_throughput: 4, output_throughput: 100 } } as TrialResult
// Lets the stream's 'data' events run.
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('the progress bar', () => {
  test('fills every token of its format, and shows the whole run\'s share and ETA across trials', async () => {
    const { stream, text } = terminal()
    let clock = 0
    const progress = createProgress({ stream, quiet: false, now: () => clock })
    progress.trialStarted!(0, 2, 4, 'http://x')
    for (let i = 0; i < 4; i++) {
      clock += 1000
      progress.requestDone!(ok)
    }
    progress.trialDone!(trialResult)
    progress.trialStarted!(1, 2, 4, 'http://x')
    clock += 1000
    progress.requestDone!(ok)
    progress.stop()
    await flush()
    const output = text()
    expect(output).not.toMatch(/\{[a-z_]+\}/)
    expect(output).toContain('trial 2/2')
    // After 5 of 8 requests in 5 s: 62% of the run, 3 s to go.
    expect(output).toContain('run 62% done, ETA 3 s')
  })

  test('Ctrl-C stops the bar at once: what is written next starts on a line of its own, and the bar does not come back', async () => {
    const { stream, text } = terminal()
    const controller = new AbortController()
    const progress = createProgress({ stream, quiet: false, now: () => 0, signal: controller.signal })
    progress.trialStarted!(0, 3, 10, 'http://x')
    progress.requestDone!(ok)
    controller.abort()
    await flush()
    expect(text().endsWith('\n')).toBe(true)
    const before = text().length
    progress.requestDone!(ok)
    progress.trialStarted!(1, 3, 10, 'http://x')
    progress.requestDone!(ok)
    await flush()
    expect(text().slice(before)).not.toContain('|')
    progress.stop()
  })

  test('elapsed times read as seconds, minutes, hours', () => {
    expect([formatSeconds(42.4), formatSeconds(185), formatSeconds(3720), formatSeconds(Number.NaN)]).toEqual(['42 s', '3 min 05 s', '1 h 02 min', '-'])
  })
})

test('a sweep\'s step label leads each trial\'s, and the ETA spans every step\'s trials', async () => {
  const { stream, text } = terminal()
  let clock = 0
  let step = 'step 1/2, concurrency 1: '
  const progress = createProgress({ stream, quiet: false, now: () => clock, trials: 4, prefix: () => step })
  for (const [index, label] of ['step 1/2, concurrency 1: ', 'step 2/2, concurrency 8: '].entries()) {
    step = label
    for (const trial of [0, 1]) {
      progress.trialStarted!(trial, 2, 4, 'http://x')
      for (let i = 0; i < 4 && !(index === 1 && trial === 1 && i === 2); i++) {
        clock += 1000
        progress.requestDone!(ok)
      }
      if (!(index === 1 && trial === 1)) progress.trialDone!(trialResult)
    }
  }
  progress.stop()
  await flush()
  expect(text()).toContain('step 1/2, concurrency 1: trial 2/2')
  expect(text()).toContain('step 2/2, concurrency 8: trial 2/2')
  // 14 of 16 requests in 14 s: 87% of the sweep, 2 s to go.
  expect(text()).toContain('run 87% done, ETA 2 s')
})
