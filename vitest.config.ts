import { defineConfig } from 'vitest/config'

// Timing tests compare clocks across processes at millisecond precision, and the e2e tests drive
// a real inference engine on the CPU: each runs on its own, one file at a time, after the unit
// tests, so no other test competes with them for the CPU. `npm test` runs the e2e project on one
// CPU (scripts/one-cpu.mjs says why).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // The HTML report inlines uPlot's stylesheet as text (`?raw`); without this, Vitest hands every CSS import over empty.
    css: { include: [/uPlot\.min\.css/] },
    // Tests that spawn dist/ must run the current sources: the bundle is rebuilt first.
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.timing.test.ts', 'test/**/*.browser.test.ts', 'test/e2e-engine/**'] } },
      // A real headless Chromium opening the HTML report: seconds to start, so apart from the unit tests.
      { extends: true, test: { name: 'browser', include: ['test/**/*.browser.test.ts'], fileParallelism: false, testTimeout: 60_000, hookTimeout: 90_000 } },
      { extends: true, test: { name: 'timing', include: ['test/**/*.timing.test.ts'], exclude: ['test/e2e-engine/**'], fileParallelism: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e-engine/**/*.test.ts'], fileParallelism: false, testTimeout: 90_000, hookTimeout: 90_000 } }
    ]
  }
})
