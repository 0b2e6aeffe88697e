import { spawnSync } from 'node:child_process'

/**
 * Several tests spawn the bundles in dist/ (the CLI, the action, the read worker), as users run
 * them: they are rebuilt from the sources first, once per test run, so a test never runs a
 * bundle older than the source it is meant to test (about 2 s).
 */
export default function bundleBeforeTests(): void {
  const build = spawnSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`rebuilding dist/ before the tests failed (node scripts/bundle.mjs exited ${build.status ?? build.signal})`)
}
