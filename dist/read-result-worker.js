if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  columnBuffers,
  readComparableResult
} from "./chunks/chunk-BQQOFM2N.js";
import "./chunks/chunk-X4C7OBSO.js";
import {
  InputError
} from "./chunks/chunk-XEZUBJ5O.js";

// src/result/read-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { path, role } = workerData;
var reply;
var transfer = [];
try {
  const result = readComparableResult(path, role);
  reply = { ok: true, result };
  transfer = columnBuffers(result);
} catch (error) {
  reply = { ok: false, input: error instanceof InputError, message: error.message, stack: error.stack ?? "" };
}
parentPort.postMessage(reply, transfer);
