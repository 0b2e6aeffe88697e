if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  journalRecordPrefix
} from "./chunks/chunk-3XY4V44M.js";
import {
  Connections,
  SharedControl,
  Watchdog,
  blockOf,
  claimFrom,
  clockFrom,
  createRequestContext,
  runSendLoop
} from "./chunks/chunk-MSV6DFL6.js";
import "./chunks/chunk-VJKEQW57.js";
import {
  packBatch
} from "./chunks/chunk-USLMR57S.js";
import "./chunks/chunk-U45XKRZC.js";

// src/client/worker-main.ts
import { parentPort, workerData } from "node:worker_threads";
var port = parentPort;
var setup = workerData;
var clock = clockFrom(setup.anchor);
var connections = new Connections(setup.origin, { inFlight: setup.inFlight, connectTimeoutMs: setup.timeouts.connect_s * 1e3 });
var context = createRequestContext(connections, setup.api, setup.path, setup.headers, clock);
var watchdog = new Watchdog(setup.timeouts, clock);
var post = (message) => port.postMessage(message);
var FLUSH_MS = 50;
var FLUSH_RECORDS = 1024;
var phase = null;
async function runPhase(message) {
  const current = { id: message.id, abort: new AbortController(), blocks: new Map(message.blocks.map((block) => [blockOf(block.start), block])), waiting: /* @__PURE__ */ new Map() };
  phase = current;
  const control = new SharedControl(message.control);
  const source = {
    claim() {
      if (control.stopped || current.abort.signal.aborted) return null;
      const index = control.claim();
      if (index >= message.count) return null;
      const number = blockOf(index);
      for (const known of current.blocks.keys()) if (known < number) current.blocks.delete(known);
      const block = current.blocks.get(number);
      if (block !== void 0) return claimFrom(block, index);
      post({ type: "need", id: current.id, block: number });
      return new Promise((resolve) => {
        const waiters = current.waiting.get(number) ?? [];
        waiters.push((arrived) => resolve(arrived === null ? null : claimFrom(arrived, index)));
        current.waiting.set(number, waiters);
      });
    }
  };
  let pending = [];
  const prefix = message.trial === null ? null : journalRecordPrefix(message.trial);
  let timer = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0 || prefix === null) return;
    const batch = packBatch(pending, prefix);
    pending = [];
    post({ type: "records", id: current.id, batch });
  };
  const plan = message.plan;
  await runSendLoop({
    context,
    watchdog,
    source,
    plan: plan.kind === "closed" ? plan : { kind: "open", sendAtMs: plan.sendAtMs, slots: plan.capped ? control.slots() : null },
    clock,
    startMs: message.startMs,
    signal: current.abort.signal,
    onRecord(record) {
      if (prefix === null) return;
      pending.push(record);
      if (pending.length >= FLUSH_RECORDS) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    }
  });
  flush();
  phase = null;
  post({ type: "done", id: current.id });
}
port.on("message", (message) => {
  switch (message.type) {
    case "open":
      void connections.open(message.count, message.path).then(({ ok, firstError }) => post({ type: "opened", id: message.id, ok, firstError }));
      break;
    case "phase":
      void runPhase(message);
      break;
    case "block": {
      if (phase?.id !== message.id) break;
      phase.blocks.set(blockOf(message.block.start), message.block);
      const number = blockOf(message.block.start);
      for (const resolve of phase.waiting.get(number) ?? []) resolve(message.block);
      phase.waiting.delete(number);
      break;
    }
    case "abort":
      if (phase?.id !== message.id) break;
      phase.abort.abort();
      for (const waiters of phase.waiting.values()) for (const resolve of waiters) resolve(null);
      phase.waiting.clear();
      break;
  }
});
