import { describe, expect, test } from 'vitest'
import { normalisedWorkload, resolveWorkload, WORKLOAD_HASH_VERSION } from '../../src/config/workload.js'

// Hashes written by llm-perf-gate at commit 83f8fc0, before hash version 2 left the model out.
const WITHOUT_MODEL = { input: { name: 'w', load: { concurrency: 4 } }, hash: 'sha256:0ea15c9e6d213c8b8443a4aff33d59c13e3d01c2d946145babc1ba20eafedaf5' }
const WITH_MODEL = { input: { name: 'w', model: 'Qwen/Qwen2.5-7B-Instruct', load: { rate: 2 }, headers: { A: 'x' } }, hash: 'sha256:fa465a07aa68da64da2b2b879d60f7ac82682fbba31615dc5fd44d16856d9550' }

describe('workload hash versions', () => {
  test('results carry the hash version and the version-1 hash beside the current one', () => {
    const normalised = normalisedWorkload(resolveWorkload(WITH_MODEL.input, 'w.yml', { env: {} }))
    expect(WORKLOAD_HASH_VERSION).toBe(2)
    expect(normalised).toMatchObject({ hash_version: 2, workload_hash_v1: WITH_MODEL.hash, model: 'Qwen/Qwen2.5-7B-Instruct' })
    expect(normalised.workload_hash).not.toBe(WITH_MODEL.hash)
  })

  test('the version-1 hash is the one older versions wrote, so their baselines still match', () => {
    for (const { input, hash } of [WITHOUT_MODEL, WITH_MODEL]) expect(resolveWorkload(input, 'w.yml', { env: {} }).legacyWorkloadHash).toBe(hash)
  })

  test('a workload that names no model keeps its hash across the versions', () => {
    expect(resolveWorkload(WITHOUT_MODEL.input, 'w.yml', { env: {} }).workloadHash).toBe(WITHOUT_MODEL.hash)
  })
})
