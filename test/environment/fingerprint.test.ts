import { describe, expect, test } from 'vitest'
import { environmentChanges, hardwareKey, type FingerprintSide } from '../../src/result/fingerprint.js'
import type { Environment, GpuInfo } from '../../src/result/types.js'

const h100 = (): GpuInfo => ({ name: 'NVIDIA H100 80GB HBM3', memory_total_mib: 81559, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' })
const a100 = (): GpuInfo => ({ name: 'NVIDIA A100-SXM4-80GB', memory_total_mib: 81920, driver_version: '550.54.15', cuda_version: '12.4', vendor: 'nvidia' })

function side(overrides: { server?: Partial<Environment['server']>; gpu?: GpuInfo[]; runner?: Partial<Environment['runner']>; tool?: string } = {}): FingerprintSide {
  return {
    tool: { version: overrides.tool ?? '0.2.0' },
    environment: {
      server: { url: 'http://127.0.0.1:8000', model: 'Qwen/Qwen2.5-7B-Instruct', version: '0.10.1.1', engine: 'vllm', models: [], model_revision: null, settings: { max_model_len: 32768 }, ...overrides.server },
      gpu: overrides.gpu ?? [h100()],
      runner: { os: 'Linux', release: '6.8.0', arch: 'x64', cpu_model: 'AMD EPYC 9654', cpu_count: 64, node: 'v24.4.0', name: 'gpu-runner-1', labels: ['self-hosted', 'h100'], ...overrides.runner }
    }
  }
}

describe('hardwareKey', () => {
  test('names the GPU models and how many of each, whatever their order', () => {
    expect(hardwareKey(side({ gpu: [h100(), h100()] }).environment)).toBe('2× NVIDIA H100 80GB HBM3')
    expect(hardwareKey(side({ gpu: [h100(), a100()] }).environment)).toBe(hardwareKey(side({ gpu: [a100(), h100()] }).environment))
  })

  test('ignores driver and memory, which do not make runs incomparable by themselves', () => {
    expect(hardwareKey(side({ gpu: [{ ...h100(), driver_version: '570.1', memory_total_mib: 1 }] }).environment)).toBe(hardwareKey(side().environment))
  })

  test('is null when no GPU was reported, and for an old or odd result', () => {
    expect(hardwareKey(side({ gpu: [] }).environment)).toBeNull()
    expect(hardwareKey(undefined)).toBeNull()
    expect(hardwareKey({ gpu: 'not a list' } as unknown as Environment)).toBeNull()
  })
})

describe('environmentChanges', () => {
  test('two identical environments have no changes', () => {
    expect(environmentChanges(side(), side())).toEqual([])
  })

  test('lists every differing field, the model first', () => {
    const changes = environmentChanges(
      side(),
      side({ server: { model: 'meta-llama/Llama-3.1-8B-Instruct', version: '0.11.0', settings: { max_model_len: 131072 } }, gpu: [a100(), a100()], runner: { name: 'gpu-runner-2', labels: ['self-hosted', 'a100'] }, tool: '0.3.0' })
    )
    expect(changes.map((c) => c.field)).toEqual(['server.model', 'server.version', 'server.settings.max_model_len', 'gpu.name', 'gpu.count', 'gpu.memory_total_mib', 'runner.name', 'runner.labels', 'tool.version'])
    expect(changes[0]).toEqual({ field: 'server.model', baseline: 'Qwen/Qwen2.5-7B-Instruct', current: 'meta-llama/Llama-3.1-8B-Instruct' })
    expect(changes.find((c) => c.field === 'gpu.count')).toEqual({ field: 'gpu.count', baseline: 1, current: 2 })
    expect(changes.find((c) => c.field === 'runner.labels')).toEqual({ field: 'runner.labels', baseline: 'self-hosted + h100', current: 'self-hosted + a100' })
  })

  test('driver, CUDA, flags and model revision are changes too', () => {
    const changes = environmentChanges(
      side({ server: { args: ['--max-num-seqs', '64'], model_revision: 'abc' } }),
      side({ server: { args: ['--max-num-seqs', '128'], model_revision: 'def' }, gpu: [{ ...h100(), driver_version: '570.86.15', cuda_version: '12.8' }] })
    )
    expect(changes).toEqual([
      { field: 'server.model_revision', baseline: 'abc', current: 'def' },
      { field: 'server.args', baseline: '--max-num-seqs 64', current: '--max-num-seqs 128' },
      { field: 'gpu.driver_version', baseline: '550.54.15', current: '570.86.15' },
      { field: 'gpu.cuda_version', baseline: '12.4', current: '12.8' }
    ])
  })

  test('a field an older version did not record is not a change; a recorded null is', () => {
    const old = side()
    const server = old.environment!.server as unknown as Record<string, unknown>
    delete server.settings
    delete server.engine
    delete (old.environment!.gpu![0] as unknown as Record<string, unknown>).cuda_version
    delete (old.environment!.runner as unknown as Record<string, unknown>).name
    const current = side({ server: { engine: 'sglang', settings: { tp_size: 2 } }, gpu: [{ ...h100(), cuda_version: '12.8' }], runner: { name: null } })
    expect(environmentChanges(old, current)).toEqual([])
    expect(environmentChanges(side({ server: { engine: null } }), side())).toEqual([{ field: 'server.engine', baseline: null, current: 'vllm' }])
  })

  test('a GPU that appears is a change of name and count', () => {
    expect(environmentChanges(side({ gpu: [] }), side()).map((c) => [c.field, c.baseline, c.current])).toEqual([
      ['gpu.name', null, 'NVIDIA H100 80GB HBM3'],
      ['gpu.count', 0, 1],
      ['gpu.memory_total_mib', null, 81559],
      ['gpu.driver_version', null, '550.54.15'],
      ['gpu.cuda_version', null, '12.4']
    ])
  })
})
