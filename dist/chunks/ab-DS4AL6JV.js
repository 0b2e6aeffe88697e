if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  runAb
} from "./chunk-QH4RAPGP.js";
import {
  writeReportFiles
} from "./chunk-24W46Z7Z.js";
import "./chunk-3XY4V44M.js";
import {
  compareAndReport
} from "./chunk-CLZCBBBT.js";
import "./chunk-BHHNFLZV.js";
import "./chunk-CRVPYRSU.js";
import "./chunk-HZNHISRA.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-DOMUVXZO.js";
import "./chunk-JFXT5PYH.js";
import {
  serverLogPath,
  serverWithCommand,
  withServers
} from "./chunk-BD4WMCGU.js";
import {
  loadWorkload
} from "./chunk-6ABQPTPV.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import "./chunk-4ATGSLI2.js";
import "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import "./chunk-D55ENMMY.js";
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
