import { expect, test } from 'vitest'
import { modelStepMs } from '../../src/simulator/engine.js'
import { SIMULATOR_PROFILES } from '../../src/simulator/index.js'
import { parseSlowdown } from '../../src/simulator/slowdown.js'

test('the linear profile\'s decode step is 4 ms + 0.5 ms per stream, times --slowdown tpot', () => {
  const linear = SIMULATOR_PROFILES.linear!
  for (const streams of [1, 4, 7, 16]) {
    expect(modelStepMs(linear, parseSlowdown([]), streams, 0)).toBeCloseTo(4 + 0.5 * streams, 12)
    expect(modelStepMs(linear, parseSlowdown(['tpot=1.3']), streams, 0)).toBeCloseTo(1.3 * (4 + 0.5 * streams), 12)
  }
  // A 16-token prompt admitted in a step adds 16 µs: the law holds to well under 1%.
  expect(modelStepMs(linear, parseSlowdown([]), 7, 16) - modelStepMs(linear, parseSlowdown([]), 7, 0)).toBeCloseTo(0.016, 12)
})
