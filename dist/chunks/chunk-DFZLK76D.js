if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  assembleResult,
  createProgress,
  journalRunHeader,
  openTarget,
  runTrialOn
} from "./chunk-ZPJWPBCB.js";
import {
  compareAndReport
} from "./chunk-PX5YCBFQ.js";
import {
  Journal,
  loadWorkload
} from "./chunk-TPK3B5RH.js";
import {
  writeJsonFile
} from "./chunk-H7FTG7TM.js";

// src/commands/ab.ts
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// src/commands/report-comparison.ts
function reportComparison(baseline, candidate, options, io) {
  return compareAndReport(baseline, candidate, { thresholds: options.thresholds, format: "text", ...options.labels !== void 0 ? { labels: options.labels } : {}, ...options.reproduce !== void 0 ? { reproduce: options.reproduce } : {} }, io).exitCode;
}

// src/commands/ab.ts
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
  const trials = workloads.baseline.spec.trials;
  const progress = createProgress({ stream: io.stderr, quiet });
  const options = io.signal !== void 0 ? { signal: io.signal } : {};
  const stopped = () => io.signal?.aborted === true;
  try {
    for (const side of sides) {
      side.target = await openTarget(side.workload, side.workload.url);
      journalRunHeader(side.journal, side.workload, side.target, { run, side: side.name });
    }
    for (let index = 0; index < trials && !stopped(); index++) {
      for (const side of index % 2 === 0 ? sides : [...sides].reverse()) {
        if (stopped()) break;
        progress.phase?.(`${side.name}: ${side.workload.url}`);
        side.trials.push(await runTrialOn(side.target, side.workload, index, { ...options, observer: progress, journal: side.journal }));
      }
    }
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
async function abCommand(options, io) {
  const load = (url) => loadWorkload(options.workload, { env: io.env, url, ...options.trials !== void 0 ? { trials: options.trials } : {} });
  const outDir = options.out ?? ".";
  const { baseline, candidate } = await runAb({ baseline: load(options.baselineUrl), candidate: load(options.candidateUrl) }, outDir, io, options.quiet === true);
  io.stderr.write(`results: ${join(outDir, "baseline.result.json")}, ${join(outDir, "candidate.result.json")}
`);
  if (baseline.interrupted === true) return 130;
  return reportComparison(baseline, candidate, { thresholds: options.thresholds }, io);
}

export {
  reportComparison,
  runAb,
  abCommand
};
