import { describe, expect, test } from 'vitest'
import { InputError } from '../../src/errors.js'
import { autoPlan, autoStopNote, nextLoad, parseLoadList, type RanStep } from '../../src/sweep/plan.js'
import type { SweepPlan } from '../../src/result/sweep-types.js'

describe('load lists', () => {
  test('are read in increasing order, each load once', () => {
    expect(parseLoadList('8, 1,2,4,2', 'concurrency', '--concurrency')).toEqual([1, 2, 4, 8])
    expect(parseLoadList('0.5,2,1.5', 'rate', '--rate')).toEqual([0.5, 1.5, 2])
  })

  test('a bad entry is an input error naming the flag, the entry and what is expected', () => {
    expect(() => parseLoadList('1,2.5', 'concurrency', '--concurrency')).toThrow(InputError)
    expect(() => parseLoadList('1,2.5', 'concurrency', '--concurrency')).toThrow('--concurrency: "2.5" is not a concurrency (an integer >= 1)')
    expect(() => parseLoadList('1,,2', 'rate', 'input rates')).toThrow('input rates: "" is not a rate (requests/s > 0)')
    expect(() => parseLoadList('0', 'rate', '--rate')).toThrow('--rate: "0" is not a rate')
    expect(() => parseLoadList(' ', 'rate', '--rate')).toThrow('--rate: got an empty list')
  })
})

/** Runs the plan against a server whose SLO holds up to `capacity` streams; returns the loads in the order run. */
function drive(plan: SweepPlan, holds: (load: number) => boolean): RanStep[] {
  const ran: RanStep[] = []
  for (let next = nextLoad(plan, ran); next !== null; next = nextLoad(plan, ran)) {
    expect(ran.length).toBeLessThan(50)
    ran.push({ load: next.load, holds: holds(next.load), phase: next.phase })
  }
  return ran
}

describe('the automatic plan', () => {
  test('doubles from one stream until the SLO breaks, confirms the miss one doubling up, then bisects a few steps', () => {
    const ran = drive(autoPlan(200), (load) => load <= 7)
    expect(ran.map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 6, 7])
    expect(ran.map((step) => step.phase)).toEqual(['double', 'double', 'double', 'double', 'double', 'refine', 'refine'])
  })

  test('a lone miss below the limit (a pause of the client) does not end the doubling', () => {
    const ran = drive(autoPlan(200), (load) => load <= 7 && load !== 2)
    expect(ran.map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 6, 7])
    expect(drive(autoPlan(200), (load) => load <= 7 && load !== 1).map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 6, 7])
  })

  test('bisects at most refine_steps times, within the default bound of steps', () => {
    const ran = drive(autoPlan(1000), (load) => load <= 100)
    expect(ran.map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 96, 112, 104])
  })

  test('never runs more than max_steps, and says it stopped there', () => {
    const plan = autoPlan(1000, { maxSteps: 5 })
    const ran = drive(plan, (load) => load <= 100)
    expect(ran).toHaveLength(5)
    expect(autoStopNote(plan, ran)).toMatch(/stopped at its bound of 5 steps/)
    expect(autoStopNote(autoPlan(200), drive(autoPlan(200), (load) => load <= 7))).toBeNull()
  })

  test('stops doubling at the requests per trial, and says the SLO held there', () => {
    const plan = autoPlan(20)
    const ran = drive(plan, () => true)
    expect(ran.map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 20])
    expect(autoStopNote(plan, ran)).toMatch(/held up to concurrency 20/)
  })

  test('stops when one stream misses and two do too', () => {
    expect(drive(autoPlan(100), () => false).map((step) => step.load)).toEqual([1, 2])
  })

  test('a miss at the load ceiling is not confirmed: it bisects below it', () => {
    expect(drive(autoPlan(16), (load) => load <= 12).map((step) => step.load)).toEqual([1, 2, 4, 8, 16, 12, 14, 13])
  })

  test('fewer than two steps is refused', () => {
    expect(() => autoPlan(100, { maxSteps: 1 })).toThrow('--max-steps: got 1; expected an integer >= 2')
  })
})

test('a grid runs its list in order', () => {
  expect(drive({ load_kind: 'rate', mode: 'grid', loads: [1, 2, 4] }, () => false).map((step) => [step.load, step.phase])).toEqual([
    [1, 'grid'],
    [2, 'grid'],
    [4, 'grid']
  ])
})
