if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatConsoleSummary
} from "./chunk-I6IF7YTC.js";
import {
  Journal,
  keptJournalNote
} from "./chunk-3XY4V44M.js";
import {
  createProgress,
  runWorkload,
  serverLogPath,
  withServers
} from "./chunk-BD4WMCGU.js";
import {
  loadWorkload
} from "./chunk-6ABQPTPV.js";
import {
  loadThresholds
} from "./chunk-4ATGSLI2.js";
import {
  trialsOverErrorRate,
  writeJsonFile
} from "./chunk-D55ENMMY.js";

// src/commands/run.ts
var defaultResultPath = (workload) => `${workload.spec.name}.result.json`;
async function runAndWrite(workload, out, io, quiet) {
  const journal = new Journal(`${out}.journal.jsonl`);
  const kept = keptJournalNote(journal);
  if (kept !== null) io.stderr.write(kept);
  const progress = createProgress({ stream: io.stderr, quiet, ...io.signal !== void 0 ? { signal: io.signal } : {} });
  try {
    const result = await withServers(
      [{ workload, logPath: serverLogPath(out), label: "server" }],
      io,
      () => runWorkload(workload, { observer: progress, openJournal: () => journal, ...io.signal !== void 0 ? { signal: io.signal } : {} })
    );
    writeJsonFile(out, result);
    journal.close(true);
    return result;
  } catch (error) {
    if (journal.close(false)) io.stderr.write(`the requests measured before the failure are in ${journal.path}; \`llm-perf-gate import --from journal ${journal.path}\` turns them into a result file
`);
    throw error;
  } finally {
    progress.stop();
  }
}
async function runCommand(options, io) {
  const workload = loadWorkload(options.workload, {
    env: io.env,
    ...options.url !== void 0 ? { url: options.url } : {},
    ...options.model !== void 0 ? { model: options.model } : {},
    ...options.trials !== void 0 ? { trials: options.trials } : {}
  });
  const thresholds = loadThresholds(options.thresholds);
  const out = options.out ?? defaultResultPath(workload);
  const result = await runAndWrite(workload, out, io, options.quiet === true);
  io.stdout.write(formatConsoleSummary(result));
  io.stderr.write(`result: ${out}${result.interrupted === true ? " (interrupted: it holds the requests measured before the stop)" : ""}
`);
  if (result.interrupted === true) return 130;
  const maxErrorRate = thresholds.validity.max_error_rate;
  const over = trialsOverErrorRate(result.trials, maxErrorRate);
  if (over.length === 0) return 0;
  const percent = (rate) => `${(100 * rate).toFixed(1)}%`;
  const which = over.map((trial) => `trial ${trial.index + 1}: ${percent(trial.errorRate)}`).join(", ");
  io.stderr.write(`too many failed requests (${which}), above validity.max_error_rate ${percent(maxErrorRate)} of the thresholds ${thresholds.source}: the result is written, but its numbers do not measure the server; the errors are listed above (exit 3)
`);
  return 3;
}

export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
