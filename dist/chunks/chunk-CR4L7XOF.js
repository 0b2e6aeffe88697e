if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  pooledItl
} from "./chunk-Q32M5JI3.js";

// src/result/columns.ts
function pick(records, ok, field) {
  const values = new Float64Array(ok);
  let kept = 0;
  for (const record of records) {
    const value = record[field];
    if (record.ok && value !== null) values[kept++] = value;
  }
  return kept === ok ? values : values.slice(0, kept);
}
function trialColumns(records) {
  let ok = 0;
  let outputTokens = 0;
  let maxTokens = 0;
  let clientQueueMs = 0;
  for (const record of records) {
    if (!record.ok) continue;
    ok++;
    outputTokens += record.output_tokens;
    maxTokens += record.max_tokens;
    clientQueueMs += record.client_queue_ms ?? 0;
  }
  return {
    records: records.length,
    ok,
    ttft_ms: pick(records, ok, "ttft_ms"),
    tpot_ms: pick(records, ok, "tpot_ms"),
    e2e_ms: pick(records, ok, "e2e_ms"),
    itl_ms: pooledItl(records),
    outputTokens,
    maxTokens,
    clientQueueMs
  };
}
var isComparable = (result) => result.trials.length === 0 || "columns" in result.trials[0];
var cache = /* @__PURE__ */ new WeakMap();
function toComparable(result) {
  if (isComparable(result)) return result;
  let comparable = cache.get(result);
  if (comparable === void 0) {
    comparable = { ...result, trials: result.trials.map(({ requests, ...trial }) => ({ ...trial, columns: trialColumns(requests) })) };
    cache.set(result, comparable);
  }
  return comparable;
}
function columnBuffers(result) {
  return result.trials.flatMap(({ columns }) => [columns.ttft_ms, columns.tpot_ms, columns.e2e_ms, columns.itl_ms].map((array) => array.buffer));
}
function pooledValues(result, metric) {
  const parts = result.trials.map((trial) => trial.columns[metric]);
  const pooled = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    pooled.set(part, offset);
    offset += part.length;
  }
  return pooled;
}

export {
  toComparable,
  columnBuffers,
  pooledValues
};
