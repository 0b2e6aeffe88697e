import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { abCommand } from '../../src/commands/ab.js'
import { runCommand } from '../../src/commands/run.js'
import { sweepCommand } from '../../src/commands/sweep.js'
import { InputError } from '../../src/errors.js'
import type { ResultFile } from '../../src/result/types.js'
import { portAnswers } from '../../src/server/node-deps.js'
import { linuxGroupMembers, processGroupAlive } from '../../src/server/process-group.js'
import { SIMULATOR_VERSION } from '../../src/simulator/index.js'
import { captureIo, freePort } from '../helpers/capture-io.js'

// The simulator as users start any server: a command line, here the committed bundle's `simulate`.
const REPO = process.cwd()
const simulate = (port: number): string => `"${process.execPath}" dist/cli.js simulate --profile fast --port ${port}`

function workloadFile(dir: string, port: number, server: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'w.json')
  writeFileSync(file, JSON.stringify({ name: 'served', url: `http://127.0.0.1:${port}`, trials: 2, requests: 12, warmup: 2, load: { concurrency: 4 }, prompts: { input_tokens: 16, output_tokens: 8 }, telemetry: { gpu: false }, server: { cwd: REPO, ...server }, ...extra }))
  return file
}

/** The pid the lifecycle announced ("started `…` (pid N)"). */
const announcedPid = (stderr: string): number => Number(/\(pid (\d+)\)/.exec(stderr)?.[1])

async function errorOf(run: Promise<unknown>): Promise<InputError> {
  try {
    await run
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('server.command', () => {
  test('a sweep starts its server once for every step and stops it at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const io = captureIo()
    const out = join(dir, 'served.sweep.json')
    const workload = workloadFile(dir, port, { command: simulate(port) }, { trials: 1, requests: 8, warmup: 0, slo: { tpot_ms: 1000 } })
    expect(await sweepCommand({ workload, concurrency: '1,2', out, quiet: true }, io)).toBe(0)
    const sweep = JSON.parse(readFileSync(out, 'utf8')) as { steps: Array<{ result: ResultFile }> }
    expect(sweep.steps.map((step) => step.result.environment.server.version)).toEqual([SIMULATOR_VERSION, SIMULATOR_VERSION])
    // One server: started once, its one pid gone afterwards, the port free.
    expect(io.err().match(/\(pid \d+\)/g)).toHaveLength(1)
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
    expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
    expect(readFileSync(`${out}.server.log`, 'utf8')).toContain('simulator listening on')
  })

  test('starts the server, the run measures it, and nothing is left running afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    // A shell that leaves a background child behind: stopping the process group must take it too.
    const command = `sleep 300 & echo $! > "${join(dir, 'sleep.pid')}"; exec ${simulate(port)}`
    const io = captureIo()
    const out = join(dir, 'served.result.json')
    expect(await runCommand({ workload: workloadFile(dir, port, { command }), out, quiet: true }, io)).toBe(0)

    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile
    expect(result.environment.server.version).toBe(SIMULATOR_VERSION)
    expect(result.trials.flatMap((trial) => trial.requests).every((request) => request.ok)).toBe(true)
    const pid = announcedPid(io.err())
    expect(pid).toBeGreaterThan(0)
    const sleepPid = Number(readFileSync(join(dir, 'sleep.pid'), 'utf8'))
    expect(processGroupAlive(pid)).toBe(false)
    expect(linuxGroupMembers(pid) ?? []).toEqual([])
    expect(existsSync(`/proc/${sleepPid}`) ? readFileSync(`/proc/${sleepPid}/stat`, 'utf8').split(') ')[1]![0] : 'gone').toMatch(/^(gone|Z)$/)
    expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
    // What the server wrote is in the log beside the result.
    expect(readFileSync(`${out}.server.log`, 'utf8')).toContain('simulator listening on')
    expect(io.err()).toMatch(/ready after \d/)
  })

  test('a list runs as argv, without a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const command = [process.execPath, 'dist/cli.js', 'simulate', '--profile', 'fast', '--port', String(port)]
    const io = captureIo()
    expect(await runCommand({ workload: workloadFile(dir, port, { command }, { trials: 1 }), out: join(dir, 'r.json'), quiet: true }, io)).toBe(0)
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
  })

  test('a port that already answers is refused before anything starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const stale = createServer((_req, res) => res.end('stale'))
    await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve))
    const port = (stale.address() as { port: number }).port
    try {
      const marker = join(dir, 'started')
      const error = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: `touch "${marker}"; exec ${simulate(port)}` }), out: join(dir, 'r.json'), quiet: true }, captureIo()))
      expect(error.exitCode).toBe(2)
      expect(error.message).toContain(`something already answers at 127.0.0.1:${port}`)
      expect(existsSync(marker)).toBe(false)
      expect(existsSync(join(dir, 'r.json'))).toBe(false)
    } finally {
      await new Promise<void>((resolve) => stale.close(() => resolve()))
    }
  })

  test('a server that dies at start is quoted from its log, redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const token = 'hf_secret_value_12345678'
    const script = "console.log('loading weights, token ' + process.env.HF_TOKEN); console.error('torch.OutOfMemoryError: CUDA out of memory'); process.exit(3)"
    const error = await errorOf(
      runCommand({ workload: workloadFile(dir, port, { command: [process.execPath, '-e', script], env: { HF_TOKEN: '${LPG_TEST_HF}' } }), out: join(dir, 'r.json'), quiet: true }, captureIo({ LPG_TEST_HF: token }))
    )
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain('exited with code 3 before it was ready')
    expect(error.message).toContain('torch.OutOfMemoryError: CUDA out of memory')
    expect(error.message).toContain('loading weights, token [redacted]')
    expect(error.message).not.toContain(token)
    expect(error.message).toContain(join(dir, 'r.json.server.log'))
  })

  test('a program that does not exist, and an unset ${VAR}, are named before anything runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const missing = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: ['/nonexistent/engine', 'serve'] }), out: join(dir, 'r.json'), quiet: true }, captureIo()))
    expect(missing.exitCode).toBe(2)
    expect(missing.message).toMatch(/`\/nonexistent\/engine serve` could not be started \(spawn \/nonexistent\/engine ENOENT\); check server.command and server.cwd/)
    const unset = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: simulate(port), env: { HF_TOKEN: '${LPG_TEST_UNSET_TOKEN}' } }), out: join(dir, 'r.json'), quiet: true }, captureIo()))
    expect(unset.message).toContain('server.env.HF_TOKEN uses ${LPG_TEST_UNSET_TOKEN}, but the environment variable LPG_TEST_UNSET_TOKEN is not set')
    expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
  })

  test('a server that never answers 200 on its health path is stopped after ready_timeout_s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const script = `require('http').createServer((q, s) => { s.statusCode = 503; s.end() }).listen(${port}, '127.0.0.1', () => console.log('loading the model'))`
    const io = captureIo()
    // Long enough for a Node process to start and answer 503 on a loaded 2-core machine (1.5 s was not, once, with the suite in parallel).
    const error = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: [process.execPath, '-e', script], ready_timeout_s: 4 }), out: join(dir, 'r.json'), quiet: true }, io))
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain('was not ready within 4.0 s')
    expect(error.message).toContain('last answered HTTP 503')
    expect(error.message).toContain('loading the model')
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
    expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
  })

  test('a server that ignores SIGTERM is killed after stop_timeout_s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const stubborn = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); require('http').createServer((q, s) => s.end('')).listen(${port}, '127.0.0.1')`
    const io = captureIo()
    // It answers every path with an empty 200, so the preflight request fails the run; the server is stopped on the way out.
    const error = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: [process.execPath, '-e', stubborn], stop_timeout_s: 0.5 }, { trials: 1, requests: 2, warmup: 0 }), out: join(dir, 'r.json'), quiet: true }, io))
    expect(error.message).toContain('preflight')
    expect(io.err()).toContain('sending SIGKILL')
    expect(readFileSync(join(dir, 'r.json.server.log'), 'utf8')).toContain('ignoring SIGTERM')
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
  })

  test('Ctrl-C during the run stops the process group, and the result keeps what was measured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const controller = new AbortController()
    const io = captureIo({}, controller.signal)
    io.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('trial 1/')) setImmediate(() => controller.abort())
    })
    const out = join(dir, 'r.json')
    const code = await runCommand({ workload: workloadFile(dir, port, { command: simulate(port) }, { requests: 2000, trials: 3 }), out }, io)
    expect(code).toBe(130)
    expect((JSON.parse(readFileSync(out, 'utf8')) as ResultFile).interrupted).toBe(true)
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
    expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
  })

  test('Ctrl-C while the server loads stops it and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-server-'))
    const port = await freePort()
    const controller = new AbortController()
    const io = captureIo({}, controller.signal)
    io.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('(pid ')) setImmediate(() => controller.abort())
    })
    const error = await errorOf(runCommand({ workload: workloadFile(dir, port, { command: [process.execPath, '-e', 'setInterval(() => {}, 1000)'] }), out: join(dir, 'r.json'), quiet: true }, io))
    expect(error.exitCode).toBe(130)
    expect(error.message).toContain('interrupted while waiting for it to become ready')
    expect(processGroupAlive(announcedPid(io.err()))).toBe(false)
  })
})

describe('ab with servers', () => {
  test('the workload’s server starts the baseline, --candidate-server the candidate, and both are stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-ab-servers-'))
    const [portA, portB] = [await freePort(), await freePort()]
    const workload = join(dir, 'w.json')
    writeFileSync(workload, JSON.stringify({ name: 'ab-served', trials: 2, requests: 8, warmup: 1, load: { concurrency: 2 }, prompts: { input_tokens: 16, output_tokens: 8 }, telemetry: { gpu: false }, server: { command: simulate(portA), cwd: REPO, args: ['--profile', 'fast'] } }))
    const io = captureIo()
    const code = await abCommand({ workload, baselineUrl: `http://127.0.0.1:${portA}`, candidateUrl: `http://127.0.0.1:${portB}`, candidateServer: `${simulate(portB)} --slowdown tpot=1.2`, out: dir, quiet: true }, io)
    expect([0, 1, 3]).toContain(code)
    const pids = [...io.err().matchAll(/\(pid (\d+)\)/g)].map((match) => Number(match[1]))
    expect(pids).toHaveLength(2)
    for (const pid of pids) expect(processGroupAlive(pid)).toBe(false)
    for (const port of [portA, portB]) expect(await portAnswers('127.0.0.1', port, 1000)).toBe(false)
    const [baseline, candidate] = ['baseline', 'candidate'].map((side) => JSON.parse(readFileSync(join(dir, `${side}.result.json`), 'utf8')) as ResultFile)
    // Each side says how its server was started; the candidate's flags are not the workload's.
    expect(baseline!.workload.server).toMatchObject({ command: simulate(portA), args: ['--profile', 'fast'] })
    expect((candidate!.workload.server as { command: string; args?: string[] }).command).toContain('--slowdown tpot=1.2')
    expect((candidate!.workload.server as { args?: string[] }).args).toBeUndefined()
    expect(baseline!.workload.workload_hash).toBe(candidate!.workload.workload_hash)
    expect(readFileSync(join(dir, 'candidate.result.json.server.log'), 'utf8')).toContain('slowdown decode x1.2')
    expect(existsSync(join(dir, 'baseline.result.json.server.log'))).toBe(true)
  })
})
