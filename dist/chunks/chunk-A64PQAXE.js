if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  writeReportFiles
} from "./chunk-RMAXYQ5T.js";
import {
  Journal,
  assembleResult,
  createProgress,
  journalRunHeader,
  keptJournalNote,
  openTarget,
  runTrialOn,
  serverLogPath,
  serverWithCommand,
  withServers
} from "./chunk-EWXUZV45.js";
import {
  compareAndReport
} from "./chunk-VCBD6VS4.js";
import {
  loadWorkload
} from "./chunk-STS3J3OP.js";
import {
  writeJsonFile
} from "./chunk-3BKM635J.js";

// src/commands/ab.ts
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
function withAbServers(workloads, outDir, commands, io, body) {
  const declared = workloads.baseline.spec.server;
  workloads.baseline.spec.server = commands.baselineServer != null ? serverWithCommand(commands.baselineServer, declared) : declared;
  workloads.candidate.spec.server = commands.candidateServer != null ? serverWithCommand(commands.candidateServer, declared) : void 0;
  return withServers(
    ["baseline", "candidate"].map((side) => ({ workload: workloads[side], logPath: serverLogPath(join(outDir, `${side}.result.json`)), label: `${side} server` })),
    io,
    body
  );
}
async function abCommand(options, io) {
  const load = (url) => loadWorkload(options.workload, { env: io.env, url, ...options.trials !== void 0 ? { trials: options.trials } : {} });
  const outDir = options.out ?? ".";
  const workloads = { baseline: load(options.baselineUrl), candidate: load(options.candidateUrl) };
  const { baseline, candidate } = await withAbServers(workloads, outDir, { baselineServer: options.baselineServer, candidateServer: options.candidateServer }, io, () => runAb(workloads, outDir, io, options.quiet === true));
  const paths = { baseline: join(outDir, "baseline.result.json"), candidate: join(outDir, "candidate.result.json") };
  io.stderr.write(`results: ${paths.baseline}, ${paths.candidate}
`);
  if (baseline.interrupted === true) return 130;
  const labels = { baseline: options.baselineUrl, current: options.candidateUrl };
  const reproduce = `npx llm-perf-gate compare --baseline ${paths.baseline} --current ${paths.candidate}${options.thresholds !== void 0 ? ` --thresholds ${options.thresholds}` : ""}`;
  const { comparison, exitCode } = compareAndReport(baseline, candidate, { thresholds: options.thresholds, format: "text", labels, reproduce }, io);
  const reports = writeReportFiles(outDir, { comparison, baseline, current: candidate, labels, reproduce });
  io.stderr.write(`reports: ${reports.markdown}, ${reports.html}
`);
  return exitCode;
}

export {
  runAb,
  withAbServers,
  abCommand
};
