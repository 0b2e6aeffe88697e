import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Workload } from '../config/workload.js'
import { createProgress } from '../output/progress.js'
import type { CommandIo } from '../process-io.js'
import { writeJsonFile } from '../result/io.js'
import { Journal, keptJournalNote } from '../result/journal.js'
import type { Pairing, ResultFile, TrialResult } from '../result/types.js'
import { assembleResult, journalRunHeader, openTarget, runTrialOn, type Target } from './run.js'

export interface AbRun {
  baseline: ResultFile
  candidate: ResultFile
}

/**
 * Trials alternate between the two servers in pairs whose order flips every pair: A B, B A, A B…
 * (ABBA). Slow drift of the machine (thermal, other tenants) then lands on both sides alike,
 * and so does any effect of running second (a warmer host, a server just woken), which plain
 * A B, A B… would put on the candidate every time. Both results name the run (`pairing`), so
 * compare can test trial `i` of one against trial `i` of the other, pair by pair.
 */
export async function runAb(workloads: { baseline: Workload; candidate: Workload }, outDir: string, io: CommandIo, quiet: boolean): Promise<AbRun> {
  mkdirSync(outDir, { recursive: true })
  const run = randomUUID()
  const sides: Array<{ name: Pairing['side']; workload: Workload; target: Target | null; trials: TrialResult[]; journal: Journal }> = (['baseline', 'candidate'] as const).map((name) => ({
    name,
    workload: workloads[name],
    target: null,
    trials: [],
    journal: new Journal(join(outDir, `${name}.result.json.journal.jsonl`))
  }))
  for (const side of sides) {
    const kept = keptJournalNote(side.journal)
    if (kept !== null) io.stderr.write(kept)
  }
  const trials = workloads.baseline.spec.trials
  const progress = createProgress({ stream: io.stderr, quiet, trials: 2 * trials, ...(io.signal !== undefined ? { signal: io.signal } : {}) })
  const options = io.signal !== undefined ? { signal: io.signal } : {}
  const stopped = (): boolean => io.signal?.aborted === true
  try {
    for (const side of sides) {
      side.target = await openTarget(side.workload, side.workload.url, undefined, io.signal)
      journalRunHeader(side.journal, side.workload, side.target, { run, side: side.name })
    }
    for (let index = 0; index < trials && !stopped(); index++) {
      for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
        if (stopped()) break
        progress.phase?.(`${side.name}: ${side.workload.url}`)
        side.trials.push(await runTrialOn(side.target!, side.workload, index, { ...options, observer: progress, journal: side.journal }))
      }
    }
  } catch (error) {
    // A journal without measured requests is removed; one with them stays for `import --from journal`.
    for (const side of sides) if (side.journal.close(false)) io.stderr.write(`the ${side.name} requests measured before the failure are in ${side.journal.path}\n`)
    throw error
  } finally {
    progress.stop()
    for (const side of sides) await side.target?.close()
  }
  const interrupted = stopped()
  const [baseline, candidate] = sides.map((side) => {
    const result = assembleResult(side.workload, side.target!.environment, side.trials, interrupted, undefined, { run, side: side.name })
    writeJsonFile(join(outDir, `${side.name}.result.json`), result)
    side.journal.close(true)
    return result
  }) as [ResultFile, ResultFile]
  return { baseline, candidate }
}
