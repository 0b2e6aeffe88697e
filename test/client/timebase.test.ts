import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { build } from 'esbuild'
import { expect, test } from 'vitest'
import { anchorNow } from '../../src/client/timebase.js'

/**
 * A worker that answers each message with its clock on the main thread's timebase. (Its own
 * performance.now() may count from another origin: under this test runner it is tens of ms apart.)
 */
async function probeScript(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'lpg-timebase-')), 'probe.mjs')
  await build({
    stdin: {
      contents: `
        import { parentPort, workerData } from 'node:worker_threads'
        import { clockFrom } from './src/client/timebase.ts'
        const clock = clockFrom(workerData.anchor)
        parentPort.on('message', () => parentPort.postMessage({ common: clock() }))
      `,
      resolveDir: process.cwd(),
      sourcefile: 'probe.ts',
      loader: 'ts'
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning'
  })
  return outfile
}

test("a worker's clock reads the main thread's performance.now() to well under a millisecond, whatever the worker's own timeOrigin", async () => {
  const worker = new Worker(await probeScript(), { workerData: { anchor: anchorNow() } })
  try {
    const errors: number[] = []
    for (let i = 0; i < 200; i++) {
      const sent = performance.now()
      const reply = await new Promise<{ common: number }>((resolve) => {
        worker.once('message', resolve)
        worker.postMessage(null)
      })
      const received = performance.now()
      // The worker read its clock after `sent` and before `received`: a correct common clock falls inside, whatever the load.
      errors.push(Math.max(0, sent - reply.common, reply.common - received))
    }
    expect(Math.max(...errors)).toBeLessThan(0.05)
  } finally {
    await worker.terminate()
  }
})
