#!/usr/bin/env node
// Runs a command with its whole process tree on one CPU (Linux `taskset`), and as itself elsewhere.
//
//   node scripts/one-cpu.mjs vitest run --project e2e
//
// Why: the e2e suite runs a CPU inference engine and our client side by side on a small VM, and
// each token wakes the other. On the 2-vCPU CI machines a wake-up that crosses vCPUs waits for the
// hypervisor. Ten A/A runs of the e2e test each way, alternating (docs/real-engine.md, "A real engine in the
// loop"): on one CPU, host steal was 0-2% and 10 of 10 passed; floating, steal was 4-25%, 7 of 10
// passed, and TPOT p50 differed by up to 14.9% between two servers of the same model. Sharing
// one CPU serialises the client with the engine, the same for both sides of a comparison.
//
// E2E_ONE_CPU=0 runs the command unpinned.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const [command, ...args] = process.argv.slice(2)
if (command === undefined) {
  process.stderr.write('usage: node scripts/one-cpu.mjs COMMAND [ARGS...]\n')
  process.exit(2)
}

/** The last CPU this process may run on, from /proc/self/status ("0-1", "0,2-3"); null if unknown. */
function lastAllowedCpu() {
  let status
  try {
    status = readFileSync('/proc/self/status', 'utf8')
  } catch {
    return null
  }
  const list = /^Cpus_allowed_list:\s*([\d,-]+)$/m.exec(status)?.[1]
  // The largest number in the list is the last CPU, whether it ends a range or stands alone.
  const last = list === undefined ? Number.NaN : Math.max(...list.split(/[,-]/).map(Number))
  return Number.isInteger(last) ? last : null
}

const wanted = process.env.E2E_ONE_CPU !== '0'
const cpu = wanted && process.platform === 'linux' ? lastAllowedCpu() : null
const taskset = cpu !== null && spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0
if (taskset) {
  process.stderr.write(`one-cpu: running on CPU ${cpu} (engine and client together; E2E_ONE_CPU=0 to run unpinned)\n`)
} else if (wanted) {
  process.stderr.write('one-cpu: taskset or /proc is not available here; running unpinned\n')
}

const child = taskset ? spawn('taskset', ['-c', String(cpu), command, ...args], { stdio: 'inherit' }) : spawn(command, args, { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('error', (error) => {
  process.stderr.write(`one-cpu: cannot start ${command}: ${error.message}\n`)
  process.exit(2)
})
child.on('exit', (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
  else process.exit(code ?? 1)
})
