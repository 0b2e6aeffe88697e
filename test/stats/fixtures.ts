/** Reads a known-answer fixture made by scripts/stats-vectors/generate.py (see each file's header). */
import { readFileSync } from 'node:fs'

export interface FixtureHeader {
  generated_by: string
  numpy: string
  scipy: string
  calls: Record<string, string>
}

export function loadFixture<T>(name: string): T & { header: FixtureHeader } {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T & { header: FixtureHeader }
}

/** |actual - expected| <= tolerance × |expected| (or <= tolerance when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual)
  return Math.abs(actual - expected) / Math.abs(expected)
}
