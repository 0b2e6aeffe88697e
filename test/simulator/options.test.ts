import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { Random } from '../../src/random.js'
import { drawFaultPlan, NO_FAULTS } from '../../src/simulator/faults.js'
import { SIMULATOR_PROFILES, parseFaults, parseSlowdown, runSimulateCommand, startSimulator } from '../../src/simulator/index.js'
import { resolveProfile } from '../../src/simulator/profiles.js'

function inputErrorOf(action: () => unknown): InputError {
  try {
    action()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('--slowdown', () => {
  it('reads comma-separated and repeated flags, with ttft/tpot and their aliases', () => {
    expect(parseSlowdown([])).toEqual({ prefill: 1, decode: 1 })
    expect(parseSlowdown(['ttft=1.2,tpot=1.1'])).toEqual({ prefill: 1.2, decode: 1.1 })
    expect(parseSlowdown(['prefill=1.5', 'itl=2'])).toEqual({ prefill: 1.5, decode: 2 })
    expect(parseSlowdown(['DECODE=0.9'])).toEqual({ prefill: 1, decode: 0.9 })
  })

  it('rejects an unknown metric, naming the flag, the value and the valid metrics', () => {
    const error = inputErrorOf(() => parseSlowdown(['e2e=1.2']))
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/^--slowdown: unknown metric "e2e".*ttft, tpot/)
  })

  it.each(['ttft=0', 'tpot=-1', 'tpot=fast', 'ttft=', 'ttft'])('rejects %s', (value) => {
    expect(inputErrorOf(() => parseSlowdown([value])).message).toMatch(/^--slowdown: /)
  })

  it('rejects a non-positive factor given programmatically too', async () => {
    await expect(startSimulator({ slowdown: { decode: 0 } })).rejects.toThrow(/^--slowdown: factor 0 for decode/)
  })

  it('rejects the same cost set twice, also through an alias', () => {
    expect(inputErrorOf(() => parseSlowdown(['ttft=1.2', 'prefill=1.3'])).message).toMatch(/--slowdown: .*already set by "ttft=1.2"/)
  })
})

describe('--faults', () => {
  it('reads every fault by its flag name', () => {
    expect(parseFaults('http500=0.05,http429=0.02,reset=0.01,stall=0.01,malformed=0.01,no_done=0.05,comments=1')).toEqual({
      http500: 0.05,
      http429: 0.02,
      reset: 0.01,
      stall: 0.01,
      malformed: 0.01,
      noDone: 0.05,
      comments: 1
    })
    expect(parseFaults('')).toEqual(NO_FAULTS)
  })

  it('rejects an unknown fault and a probability outside [0, 1], naming the flag', () => {
    expect(inputErrorOf(() => parseFaults('timeout=0.1')).message).toMatch(/^--faults: unknown fault "timeout".*http500/)
    expect(inputErrorOf(() => parseFaults('reset=1.5')).message).toMatch(/^--faults: probability "1.5" for reset/)
    expect(inputErrorOf(() => parseFaults('reset=-0.1')).message).toMatch(/^--faults: /)
    expect(inputErrorOf(() => parseFaults('reset')).message).toMatch(/^--faults: "reset" is not NAME=PROBABILITY/)
  })

  it('places mid-stream faults after at least one token and before the last when there is room', () => {
    const always = { ...NO_FAULTS, reset: 1, malformed: 1 }
    for (let i = 0; i < 200; i += 1) {
      const plan = drawFaultPlan(always, 10, new Random(i, 'plan'))
      expect(plan.resetAfter).toBeGreaterThanOrEqual(1)
      expect(plan.resetAfter).toBeLessThanOrEqual(9)
      expect(plan.malformedAfter).toBeGreaterThanOrEqual(1)
    }
    expect(drawFaultPlan(always, 1, new Random(0, 'plan')).resetAfter).toBe(1)
  })

  it('fires each fault at about its probability', () => {
    const spec = { ...NO_FAULTS, http500: 0.2, noDone: 0.5 }
    const plans = Array.from({ length: 2000 }, (_, i) => drawFaultPlan(spec, 16, new Random(1, 'rate', i)))
    const rate500 = plans.filter((plan) => plan.status === 500).length / plans.length
    const rateNoDone = plans.filter((plan) => plan.noDone).length / plans.length
    expect(rate500).toBeGreaterThan(0.17)
    expect(rate500).toBeLessThan(0.23)
    expect(rateNoDone).toBeGreaterThan(0.46)
    expect(rateNoDone).toBeLessThan(0.54)
  })
})

describe('--profile', () => {
  it('offers default and fast, each with a description', () => {
    expect(Object.keys(SIMULATOR_PROFILES)).toEqual(expect.arrayContaining(['default', 'fast']))
    for (const profile of Object.values(SIMULATOR_PROFILES)) expect(profile.description.length).toBeGreaterThan(10)
  })

  it('rejects an unknown name, listing the valid ones', () => {
    expect(inputErrorOf(() => resolveProfile('h200')).message).toMatch(/^--profile: unknown profile "h200"; expected one of default, fast/)
  })

  it('rejects a profile whose KV cache cannot hold its longest request', () => {
    const broken = { ...(SIMULATOR_PROFILES.fast as (typeof SIMULATOR_PROFILES)[string]), kvCapacityTokens: 100 }
    expect(inputErrorOf(() => resolveProfile(broken)).message).toMatch(/kvCapacityTokens/)
  })
})

describe('the simulate command', () => {
  it('logs one line with the address, profile, model, slowdown and faults', async () => {
    const lines: string[] = []
    const simulator = await runSimulateCommand({ profile: 'fast', seed: '3', slowdown: ['tpot=1.1'], faults: 'reset=0.01' }, (line) => lines.push(line))
    try {
      expect(lines).toHaveLength(1)
      expect(lines[0]).toBe(
        `simulator listening on ${simulator.url} (profile fast, model llm-perf-gate/sim-7b, seed 3, slowdown decode x1.1, faults reset=0.01)`
      )
      expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    } finally {
      await simulator.close()
    }
  })

  it('rejects a bad --port or --seed before listening', async () => {
    await expect(runSimulateCommand({ port: 'eighty' }, () => {})).rejects.toThrow(/^--port: "eighty" is not an integer/)
    await expect(runSimulateCommand({ seed: '1.5' }, () => {})).rejects.toThrow(/^--seed: /)
    await expect(startSimulator({ port: 70000 })).rejects.toThrow(/^--port: 70000 is not a port/)
  })

  it('reports a port already in use as an input error naming --port', async () => {
    const first = await startSimulator({ profile: 'fast' })
    try {
      await expect(startSimulator({ profile: 'fast', port: first.port })).rejects.toThrow(/^--port: 127\.0\.0\.1:\d+ is already in use/)
    } finally {
      await first.close()
    }
  })
})
