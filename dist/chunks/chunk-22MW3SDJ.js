if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/compare/read-ahead.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
function defaultReadWorker() {
  const candidates = [new URL("../result/read-result-worker.js", import.meta.url), new URL("../read-result-worker.js", import.meta.url)];
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate))) ?? null;
}
function startWorkerRead(file, worker) {
  const thread = new Worker(worker, { workerData: { path: file.path, role: file.role } });
  const failed = (message, stack = "") => ({ ok: false, input: false, message: `reading ${file.role} ${file.path} on a worker thread failed: ${message}`, stack });
  const reply = new Promise((resolve) => {
    thread.once("message", resolve);
    thread.once("error", (error) => resolve(failed(error.message, error.stack)));
    thread.once("exit", (code) => resolve(failed(`it exited with code ${code} before replying`)));
  });
  thread.unref();
  return {
    resample(resample) {
      thread.postMessage({ resample });
    },
    reply() {
      thread.ref();
      return reply;
    }
  };
}
function readAhead(file, worker = defaultReadWorker()) {
  return worker === null ? null : startWorkerRead(file, worker);
}

export {
  defaultReadWorker,
  startWorkerRead,
  readAhead
};
