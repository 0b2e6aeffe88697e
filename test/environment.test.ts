import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureServer } from '../src/environment.js'
import { startSimulator, type RunningSimulator } from '../src/simulator/index.js'

describe('captureServer', () => {
  let simulator: RunningSimulator
  const agent = new Agent()
  beforeAll(async () => {
    simulator = await startSimulator({ profile: 'fast', seed: 1 })
  })
  afterAll(async () => {
    await simulator?.close()
    await agent.close()
  })

  it('names the simulator as the engine, not TGI, though it answers /info for every API', async () => {
    const server = await captureServer(agent, simulator.url, {}, null)
    expect(server.engine).toBe('llm-perf-gate-simulator')
    expect(server.models).toEqual([server.model])
  })
})
