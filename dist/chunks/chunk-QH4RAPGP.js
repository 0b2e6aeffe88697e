if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  Journal,
  keptJournalNote
} from "./chunk-3XY4V44M.js";
import {
  assembleResult,
  createProgress,
  journalRunHeader,
  openTarget,
  runTrialOn
} from "./chunk-BD4WMCGU.js";
import {
  writeJsonFile
} from "./chunk-D55ENMMY.js";

// src/runner/ab.ts
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
async function runAb(workloads, outDir, io, quiet) {
  mkdirSync(outDir, { recursive: true });
  const run = randomUUID();
  const sides = ["baseline", "candidate"].map((name) => ({
    name,
    workload: workloads[name],
    target: null,
    trials: [],
    journal: new Journal(join(outDir, `${name}.result.json.journal.jsonl`))
  }));
  for (const side of sides) {
    const kept = keptJournalNote(side.journal);
    if (kept !== null) io.stderr.write(kept);
  }
  const trials = workloads.baseline.spec.trials;
  const progress = createProgress({ stream: io.stderr, quiet, trials: 2 * trials, ...io.signal !== void 0 ? { signal: io.signal } : {} });
  const options = io.signal !== void 0 ? { signal: io.signal } : {};
  const stopped = () => io.signal?.aborted === true;
  try {
    for (const side of sides) {
      side.target = await openTarget(side.workload, side.workload.url, void 0, io.signal);
      journalRunHeader(side.journal, side.workload, side.target, { run, side: side.name });
    }
    for (let index = 0; index < trials && !stopped(); index++) {
      for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
        if (stopped()) break;
        progress.phase?.(`${side.name}: ${side.workload.url}`);
        side.trials.push(await runTrialOn(side.target, side.workload, index, { ...options, observer: progress, journal: side.journal }));
      }
    }
  } catch (error) {
    for (const side of sides) if (side.journal.close(false)) io.stderr.write(`the ${side.name} requests measured before the failure are in ${side.journal.path}
`);
    throw error;
  } finally {
    progress.stop();
    for (const side of sides) await side.target?.close();
  }
  const interrupted = stopped();
  const [baseline, candidate] = sides.map((side) => {
    const result = assembleResult(side.workload, side.target.environment, side.trials, interrupted, void 0, { run, side: side.name });
    writeJsonFile(join(outDir, `${side.name}.result.json`), result);
    side.journal.close(true);
    return result;
  });
  return { baseline, candidate };
}

export {
  runAb
};
