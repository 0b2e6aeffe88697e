import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVING_LIKE, syntheticResult } from '../bench/synthetic-results.js'

// The CLI outside a clone: `npm pack`, then `npm install -g` of the tarball into a prefix of its
// own, with no registry (the bin is one bundle and needs no dependency), then its bin as a user
// would run it, on the preset it ships. About 10 s.
describe('the packed tarball', () => {
  it('installs without the registry and its bin runs every part a command needs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpg-install-'))
    const npm = (...args: string[]): string => {
      const run = spawnSync('npm', args, { encoding: 'utf8', timeout: 60_000 })
      expect(run.status, `npm ${args.join(' ')}: ${run.stderr}`).toBe(0)
      return run.stdout
    }
    const tarball = npm('pack', '--pack-destination', dir, '--silent').trim().split('\n').at(-1)!
    expect(tarball).toMatch(/^llm-perf-gate-.*\.tgz$/)
    const prefix = join(dir, 'prefix')
    npm('install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, tarball))
    const bin = join(prefix, 'bin', 'llm-perf-gate')
    const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000, cwd: dir })

    const version = run('--version')
    expect(version.status, version.stderr).toBe(0)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    // compare reads on its worker thread and loads the shipped pr preset: both must be in the package.
    for (const [name, seed] of [['a.json', 1], ['b.json', 2]] as const) writeFileSync(join(dir, name), JSON.stringify(syntheticResult({ ...SERVING_LIKE, seed, trials: 5, requestsPerTrial: 60, slowdown: { ttft: 1, tpot: 1 } })))
    const compared = run('compare', '--baseline', 'a.json', '--current', 'b.json', '--thresholds', 'pr')
    expect([0, 1, 3], compared.stderr).toContain(compared.status)
    expect(compared.stdout).toContain('thresholds pr')
  }, 120_000)
})
