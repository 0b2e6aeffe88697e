import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { workloadServerArgs } from '../../src/environment.js'
import { openTarget } from '../../src/runner/run.js'
import { SIMULATOR_VERSION, startSimulator } from '../../src/simulator/index.js'

describe('the environment of a run', () => {
  test('openTarget records the simulator as itself, the GPUs from nvidia-smi and the runner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-env-'))
    writeFileSync(join(dir, 'nvidia-smi'), `#!/bin/sh\ncase "$1" in\n  --query-gpu=*) printf 'NVIDIA H100 80GB HBM3, 81559, 550.54.15\\n' ;;\n  --version) printf 'CUDA Version        : 12.4\\n' ;;\n  *) exit 2 ;;\nesac\n`)
    chmodSync(join(dir, 'nvidia-smi'), 0o755)
    const saved = { PATH: process.env.PATH, RUNNER_NAME: process.env.RUNNER_NAME }
    process.env.PATH = dir
    process.env.RUNNER_NAME = 'runner-under-test'
    const simulator = await startSimulator({ profile: 'fast' })
    try {
      const workload = resolveWorkload({ name: 'env', url: simulator.url, load: { concurrency: 1 } }, 'env.yml', { env: {} })
      const target = await openTarget(workload, workload.url)
      await target.close()
      expect(target.environment.server).toMatchObject({ engine: 'llm-perf-gate-simulator', version: SIMULATOR_VERSION })
      expect(target.environment.gpu).toEqual([{ name: 'NVIDIA H100 80GB HBM3', memory_total_mib: 81559, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' }])
      expect(target.environment.runner.name).toBe('runner-under-test')
    } finally {
      await simulator.close()
      process.env.PATH = saved.PATH
      if (saved.RUNNER_NAME === undefined) delete process.env.RUNNER_NAME
      else process.env.RUNNER_NAME = saved.RUNNER_NAME
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('server.args is read from a workload that states it, and ignored when malformed', () => {
    expect(workloadServerArgs({ server: { command: 'vllm serve m', args: ['--max-num-seqs', '64'] } })).toEqual(['--max-num-seqs', '64'])
    expect(workloadServerArgs({ server: { args: '--max-num-seqs 64' } })).toBeUndefined()
    expect(workloadServerArgs({ name: 'no-server' })).toBeUndefined()
  })
})
