if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/result/packed-records.ts
var PACKED_FIELDS = 14;
var ID = 0;
var FLAGS = 1;
var SENT = 2;
var END = 3;
var TTFT = 4;
var TPOT = 5;
var E2E = 6;
var QUEUE = 7;
var INPUT = 8;
var OUTPUT = 9;
var MAX = 10;
var EVENTS = 11;
var COALESCED = 12;
var GAPS = 13;
var FLAG_OK = 1;
var FLAG_CANCELLED = 2;
var FLAG_DONE = 4;
var FLAG_INPUT_ESTIMATE = 8;
var SOURCE_SHIFT = 4;
var OUTPUT_SOURCES = ["usage", "details", "events", "imported"];
var orNaN = (value) => value === null ? Number.NaN : value;
function packRecord(record, values, at) {
  const source = OUTPUT_SOURCES.indexOf(record.output_tokens_source);
  if (source < 0) throw new Error(`packRecord: output_tokens_source ${JSON.stringify(record.output_tokens_source)} is not one the client writes`);
  values[at + ID] = record.id;
  values[at + FLAGS] = (record.ok ? FLAG_OK : 0) | (record.error?.kind === "cancelled" ? FLAG_CANCELLED : 0) | (record.done ? FLAG_DONE : 0) | (record.input_tokens_source === "estimate" ? FLAG_INPUT_ESTIMATE : 0) | source << SOURCE_SHIFT;
  values[at + SENT] = orNaN(record.sent_ms);
  values[at + END] = record.end_ms;
  values[at + TTFT] = orNaN(record.ttft_ms);
  values[at + TPOT] = orNaN(record.tpot_ms);
  values[at + E2E] = orNaN(record.e2e_ms);
  values[at + QUEUE] = orNaN(record.client_queue_ms);
  values[at + INPUT] = record.input_tokens;
  values[at + OUTPUT] = record.output_tokens;
  values[at + MAX] = record.max_tokens;
  values[at + EVENTS] = record.content_events;
  values[at + COALESCED] = record.coalesced_events;
  values[at + GAPS] = record.itl_ms.length;
}
var outputSourceOf = (flags) => OUTPUT_SOURCES[flags >> SOURCE_SHIFT & 3];
function packBatch(records, prefix) {
  const n = records.length;
  const row = new Float64Array(PACKED_FIELDS);
  const values = [];
  const gaps = [];
  const bytes = [];
  const chars = [];
  const errors = [];
  const lines = [];
  for (let k = 0; k < n; k++) {
    const record = records[k];
    packRecord(record, row, 0);
    for (const value of row) values.push(value);
    for (const gap of record.itl_ms) gaps.push(gap);
    if (record.error !== void 0) errors.push([k, record.error]);
    const json = JSON.stringify(record);
    bytes.push(Buffer.byteLength(json));
    chars.push(json.length);
    lines.push(`${prefix}${json}}
`);
  }
  return { lines: lines.join(""), prefix, bytes, chars, values, gaps, errors };
}

// src/result/spool.ts
import { closeSync, openSync, readSync } from "node:fs";
var MemorySpool = class {
  texts = [];
  where = "memory";
  add(json) {
    this.texts.push(json);
    return this.texts.length - 1;
  }
  forEach(offsets, _lengths, indices, each) {
    for (let k = 0; k < indices.length; k++) each(k, this.texts[offsets.get(indices[k])]);
  }
};
var BATCH = 8192;
var WINDOW = 1 << 20;
var GAP = 16 * 1024;
var FileSpool = class {
  /** With `fd`, records are read through it: they stay readable after the file is removed (a journal removed before the result was written). */
  constructor(path, fd = null) {
    this.path = path;
    this.fd = fd;
  }
  path;
  fd;
  users = 0;
  closing = null;
  /** A store keeps records here (trial-records.ts) until it is told they moved. */
  retain() {
    this.users++;
  }
  release() {
    if (this.users > 0) this.users--;
    if (this.users > 0 || this.closing === null) return;
    const close = this.closing;
    this.closing = null;
    close();
  }
  /** Runs `close` (of `fd`) once no store keeps records here: now, when none does. */
  closeWhenUnused(close) {
    if (this.users > 0) this.closing = close;
    else close();
  }
  get where() {
    return this.path;
  }
  forEach(locations, sizes, indices, each) {
    const fd = this.fd ?? openSync(this.path, "r");
    try {
      let window = Buffer.allocUnsafe(WINDOW);
      let gathered = Buffer.allocUnsafe(WINDOW);
      for (let from = 0; from < indices.length; from += BATCH) {
        const count = Math.min(BATCH, indices.length - from);
        const offsets = new Float64Array(count);
        const lengths = new Float64Array(count);
        const starts = new Float64Array(count + 1);
        for (let k = 0; k < count; k++) {
          offsets[k] = locations.get(indices[from + k]);
          lengths[k] = sizes.get(indices[from + k]);
          starts[k + 1] = starts[k] + lengths[k];
        }
        if (starts[count] > gathered.length) gathered = Buffer.allocUnsafe(starts[count]);
        const byOffset = Uint32Array.from({ length: count }, (_, k) => k).sort((a, b) => offsets[a] - offsets[b]);
        for (let first = 0; first < count; ) {
          const clusterStart = offsets[byOffset[first]];
          let clusterEnd = clusterStart + lengths[byOffset[first]];
          let last = first + 1;
          for (; last < count; last++) {
            const k = byOffset[last];
            if (offsets[k] - clusterEnd > GAP || offsets[k] + lengths[k] - clusterStart > WINDOW) break;
            clusterEnd = Math.max(clusterEnd, offsets[k] + lengths[k]);
          }
          if (clusterEnd - clusterStart > window.length) window = Buffer.allocUnsafe(clusterEnd - clusterStart);
          const read = readAt(fd, window, clusterStart, clusterEnd - clusterStart);
          if (read < clusterEnd - clusterStart) throw new Error(`the request records in ${this.path} end at byte ${clusterStart + read}, before byte ${clusterEnd} where a record ends: was the file changed while the run used it?`);
          for (let j = first; j < last; j++) {
            const k = byOffset[j];
            window.copy(gathered, starts[k], offsets[k] - clusterStart, offsets[k] - clusterStart + lengths[k]);
          }
          first = last;
        }
        for (let k = 0; k < count; k++) each(from + k, gathered.subarray(starts[k], starts[k + 1]));
      }
    } finally {
      if (this.fd === null) closeSync(fd);
    }
  }
};
function readAt(fd, buffer, position, length) {
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

export {
  MemorySpool,
  FileSpool,
  PACKED_FIELDS,
  ID,
  FLAGS,
  SENT,
  END,
  TTFT,
  TPOT,
  E2E,
  QUEUE,
  INPUT,
  OUTPUT,
  MAX,
  EVENTS,
  COALESCED,
  GAPS,
  FLAG_OK,
  FLAG_CANCELLED,
  FLAG_DONE,
  FLAG_INPUT_ESTIMATE,
  outputSourceOf,
  packBatch
};
