if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  readComparableResult
} from "./chunk-HZNHISRA.js";
import {
  defaultReadWorker,
  startWorkerRead
} from "./chunk-22MW3SDJ.js";
import {
  adoptBootstrapSide,
  bootstrapSideBuffers,
  bootstrapSideOf,
  likelyPairedRun
} from "./chunk-NKIRXGVN.js";
import {
  checkReadable,
  columnBuffers
} from "./chunk-D55ENMMY.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";

// src/compare/read-results.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
function readHere(file) {
  try {
    return { ok: true, result: readComparableResult(file.path, file.role) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, input: true, message: error.message, stack: error.stack ?? "" };
    throw error;
  }
}
function withResamples(reply, resample) {
  if (!reply.ok || resample === void 0) return reply;
  return { ...reply, bootstrap: bootstrapSideOf(reply.result, resample.thresholds, resample.side, likelyPairedRun(reply.result)) };
}
function replyBuffers(reply) {
  return reply.ok ? [...columnBuffers(reply.result), ...reply.bootstrap === void 0 ? [] : bootstrapSideBuffers(reply.bootstrap)] : [];
}
async function readComparableResults(files, options = {}) {
  const worker = options.worker === void 0 ? defaultReadWorker() : options.worker;
  const parallel = worker !== null && existsSync(fileURLToPath(worker));
  const [first, ...rest] = files;
  if (first === void 0) return [];
  for (const file of files) checkReadable(file.path, file.role);
  const started = rest.map((file) => file.ahead ?? (parallel ? startWorkerRead(file, worker) : null));
  rest.forEach((file, index) => started[index]?.resample(file.resample));
  const head = withResamples(readHere(first), first.resample);
  if (!head.ok) throw replyError(head);
  const replies = await Promise.all(rest.map((file, index) => started[index]?.reply().then((reply) => adopt(file, reply)) ?? withResamples(readHere(file), file.resample)));
  return [head, ...replies].map((reply) => {
    if (reply.ok) return reply.result;
    throw replyError(reply);
  });
}
function replyError(reply) {
  if (reply.input) return new InputError(reply.message);
  const error = new Error(reply.message);
  error.stack = reply.stack;
  return error;
}
function adopt(file, reply) {
  if (reply.ok && reply.bootstrap !== void 0 && file.resample !== void 0) adoptBootstrapSide(reply.result, file.resample.thresholds, file.resample.side, likelyPairedRun(reply.result), reply.bootstrap);
  return reply;
}

export {
  readHere,
  withResamples,
  replyBuffers,
  readComparableResults
};
