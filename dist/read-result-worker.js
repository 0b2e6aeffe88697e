if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  readHere,
  replyBuffers,
  withResamples
} from "./chunks/chunk-VS7GUOK5.js";
import "./chunks/chunk-UI6X6NEQ.js";
import "./chunks/chunk-3BKM635J.js";
import "./chunks/chunk-USR4SPVJ.js";
import "./chunks/chunk-XEZUBJ5O.js";

// src/result/read-worker.ts
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
