import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { expandWorkloads, gpuSlug, planLegs } from '../../src/action/legs.js'
import { readSettings } from '../../src/action/settings.js'
import { InputError } from '../../src/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'lpg-legs-'))
mkdirSync(join(dir, 'perf'))
const workload = (file: string, name: string): string => {
  const path = join(dir, 'perf', file)
  // A header secret that is not set: naming a leg must not need it (a compare job has no server secrets).
  writeFileSync(path, JSON.stringify({ name, url: 'http://127.0.0.1:8000', load: { concurrency: 2 }, headers: { Authorization: 'Bearer ${NOT_SET_HERE}' } }))
  return path
}
const chat = workload('chat.yml', 'chat-short')
const long = workload('long.yml', 'long-context')
const settings = (inputs: Record<string, string>) => readSettings((name) => ({ baseline: 'artifact', ...inputs })[name] ?? '')

describe('the workload input', () => {
  test('takes a newline- or comma-separated list and glob patterns, in order, each file once', () => {
    expect(settings({ workload: `${chat}\n ${long} ,` }).workloads).toEqual([chat, long])
    expect(expandWorkloads([long, join(dir, 'perf', '*.yml')])).toEqual([long, chat])
  })

  test('a pattern that matches nothing is an error naming it', () => {
    expect(() => expandWorkloads([join(dir, 'nothing', '*.yml')])).toThrow(new InputError(`input workload: the pattern ${JSON.stringify(join(dir, 'nothing', '*.yml'))} matches no file; expected workload files (YAML or JSON)`))
  })
})

describe('legs and their keys', () => {
  test('one workload: the key is its name, and its files are where result-path says, as before', () => {
    const [leg] = planLegs(settings({ workload: chat }), null)
    expect(leg).toMatchObject({ key: 'chat-short', legacyKey: null, settings: { workload: chat, resultPath: join('llm-perf-gate', 'current.result.json'), outputDirectory: 'llm-perf-gate' } })
  })

  test('the runner\'s GPU model joins the default key, so matrix legs on different GPUs never share a baseline or comment', () => {
    expect(gpuSlug('NVIDIA H100 80GB HBM3')).toBe('nvidia-h100-80gb-hbm3')
    const [leg] = planLegs(settings({ workload: chat }), 'NVIDIA H100 80GB HBM3')
    expect(leg).toMatchObject({ key: 'chat-short-nvidia-h100-80gb-hbm3', legacyKey: 'chat-short' })
  })

  test('the key input replaces it; with several workloads each key adds the workload\'s name', () => {
    expect(planLegs(settings({ workload: chat, key: 'h100-tp2' }), 'NVIDIA H100')[0]).toMatchObject({ key: 'h100-tp2', legacyKey: null })
    expect(planLegs(settings({ workload: `${chat},${long}`, key: 'h100' }), null).map((leg) => leg.key)).toEqual(['h100-chat-short', 'h100-long-context'])
  })

  test('several workloads: each leg\'s files go into a folder named by its key beside result-path', () => {
    const legs = planLegs(settings({ workload: join(dir, 'perf', '*.yml'), 'result-path': 'out/current.result.json' }), 'A100')
    expect(legs.map((leg) => [leg.key, leg.settings.workload, leg.settings.resultPath, leg.settings.outputDirectory])).toEqual([
      ['chat-short-a100', chat, join('out', 'chat-short-a100', 'current.result.json'), join('out', 'chat-short-a100')],
      ['long-context-a100', long, join('out', 'long-context-a100', 'current.result.json'), join('out', 'long-context-a100')]
    ])
  })

  test('a key never names a folder outside result-path\'s', () => {
    const legs = planLegs(settings({ workload: `${chat},${long}`, key: '..' }), null)
    expect(legs.map((leg) => leg.settings.outputDirectory)).toEqual([join('llm-perf-gate', '%2E.-chat-short'), join('llm-perf-gate', '%2E.-long-context')])
  })

  test('two workloads with the same name would share a comment: an error naming both', () => {
    const twin = workload('twin.yml', 'chat-short')
    expect(() => planLegs(settings({ workload: `${chat}\n${twin}` }), null)).toThrow(`input workload: ${chat} and ${twin} have the same key "chat-short"`)
  })

  test('mode compare needs the key or the workload file, unless it neither comments nor looks up an artifact', () => {
    expect(() => settings({ mode: 'compare', 'result-path': 'r.json' })).toThrow(/^inputs key and workload: mode compare needs one of them/)
    expect(planLegs(settings({ mode: 'compare', 'result-path': 'r.json', key: 'chat-short-h100' }), 'L4')[0]).toMatchObject({ key: 'chat-short-h100', settings: { resultPath: 'r.json' } })
    expect(() => readSettings((name) => ({ mode: 'compare', 'result-path': 'r.json', baseline: 'b.json', comment: 'false' })[name] ?? '')).not.toThrow()
  })
})
