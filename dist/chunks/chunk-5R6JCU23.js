if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  formatConsoleSummary
} from "./chunk-VMASGEU5.js";
import {
  createProgress,
  runWorkload,
  serverLogPath,
  withServers
} from "./chunk-5H37EJA6.js";
import {
  Journal,
  loadWorkload
} from "./chunk-5FY4FGUA.js";
import {
  writeJsonFile
} from "./chunk-DLTZ2DKJ.js";

// src/commands/run.ts
var defaultResultPath = (workload) => `${workload.spec.name}.result.json`;
async function runAndWrite(workload, out, io, quiet) {
  const journal = new Journal(`${out}.journal.jsonl`);
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
  const out = options.out ?? defaultResultPath(workload);
  const result = await runAndWrite(workload, out, io, options.quiet === true);
  io.stdout.write(formatConsoleSummary(result));
  io.stderr.write(`result: ${out}${result.interrupted === true ? " (interrupted: it holds the requests measured before the stop)" : ""}
`);
  return result.interrupted === true ? 130 : 0;
}

export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
