import { defineConfig } from 'vitest/config'

// Timing tests compare clocks across processes at millisecond precision: they run on their
// own, one file at a time, after the rest, so no other test competes with them for the CPU.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.timing.test.ts', 'test/e2e-engine/**'] } },
      { extends: true, test: { name: 'timing', include: ['test/**/*.timing.test.ts'], fileParallelism: false } }
    ]
  }
})
