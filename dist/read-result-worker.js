if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  readHere,
  replyBuffers,
  withResamples
} from "./chunks/chunk-CRVPYRSU.js";
import "./chunks/chunk-HZNHISRA.js";
import "./chunks/chunk-22MW3SDJ.js";
import "./chunks/chunk-NKIRXGVN.js";
import "./chunks/chunk-D55ENMMY.js";
import "./chunks/chunk-P72UHX6G.js";
import "./chunks/chunk-UGIYVO4E.js";
import "./chunks/chunk-USLMR57S.js";
import "./chunks/chunk-U45XKRZC.js";

// src/compare/read-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var failure = (error) => ({ ok: false, input: false, message: error.message, stack: error.stack ?? "" });
var read;
try {
  read = readHere(workerData);
} catch (error) {
  read = failure(error);
}
parentPort.once("message", ({ resample }) => {
  let reply;
  try {
    reply = withResamples(read, resample);
  } catch (error) {
    reply = failure(error);
  }
  parentPort.postMessage(reply, replyBuffers(reply));
});
