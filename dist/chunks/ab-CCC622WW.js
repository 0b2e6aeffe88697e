if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAb
} from "./chunk-X3F42OYG.js";
import {
  writeReportFiles
} from "./chunk-23WN6AWC.js";
import "./chunk-3XY4V44M.js";
import {
  compareAndReport
} from "./chunk-42K52K6A.js";
import "./chunk-ANMBZCB2.js";
import "./chunk-OHIGETZY.js";
import "./chunk-Y4HD6UBR.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-Q7OYWNWB.js";
import "./chunk-JFXT5PYH.js";
import {
  serverLogPath,
  serverWithCommand,
  withServers
} from "./chunk-GGB622YC.js";
import {
  loadWorkload
} from "./chunk-6HSAMYL6.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import "./chunk-27W7ZZF7.js";
import "./chunk-NAH47UK3.js";
import "./chunk-B3JSOQDH.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-ORTODJRY.js";
import "./chunk-EK2CCZQT.js";
import "./chunk-37CGDGXD.js";
import "./chunk-2EOQF7XQ.js";
import "./chunk-P72UHX6G.js";
import "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/commands/ab.ts
import { join } from "node:path";
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
  abCommand,
  withAbServers
};
