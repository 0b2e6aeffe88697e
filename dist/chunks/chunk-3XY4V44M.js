if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  FileSpool
} from "./chunk-USLMR57S.js";

// src/result/journal.ts
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
var Journal = class {
  constructor(path) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.kept = moveAside(path);
    this.fd = openSync(path, "wx+");
    this.spool = new FileSpool(path, this.fd);
  }
  path;
  fd;
  requests = 0;
  /** Bytes written so far: where the next line starts. */
  position = 0;
  /** Reads records back from this file by offset. */
  spool;
  /** Where an earlier journal found at `path` was moved; null when there was none. */
  kept;
  append(entry) {
    if (this.fd === null) return;
    if (entry.type === "request") this.requests++;
    this.write(`${JSON.stringify(entry)}
`);
  }
  /**
   * Appends one request line per record, given as its JSON text (`JSON.stringify(record)`), in one
   * write; each line is what `append` writes for it. Returns each record text's byte offset in the
   * file and its length in bytes, for reading it back (`spool`); null offsets once closed.
   */
  appendRecords(trial, jsons) {
    if (this.fd === null) return null;
    const prefix = journalRecordPrefix(trial);
    const prefixBytes = prefix.length;
    const offsets = new Float64Array(jsons.length);
    const lengths = new Float64Array(jsons.length);
    let at = this.position;
    for (let i = 0; i < jsons.length; i++) {
      const bytes = Buffer.byteLength(jsons[i]);
      offsets[i] = at + prefixBytes;
      lengths[i] = bytes;
      at += prefixBytes + bytes + 2;
    }
    this.requests += jsons.length;
    this.write(jsons.map((json) => `${prefix}${json}}
`).join(""));
    return { offsets, lengths };
  }
  /**
   * Appends journal lines made elsewhere (a client worker's batch, packed-records.ts, whose lines
   * are what `append` writes), holding `count` requests; returns the file offset they start at, or null once closed.
   */
  appendLines(lines, count) {
    if (this.fd === null) return null;
    const start = this.position;
    this.requests += count;
    this.write(lines);
    return start;
  }
  write(text) {
    const length = Buffer.byteLength(text);
    const written = writeSync(this.fd, text);
    if (written < length) {
      const bytes = Buffer.from(text);
      for (let at = written; at < length; ) at += writeSync(this.fd, bytes, at, length - at);
    }
    this.position += length;
  }
  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove) {
    const fd = this.fd;
    if (fd !== null) this.spool.closeWhenUnused(() => closeSync(fd));
    this.fd = null;
    const keep = !remove && this.requests > 0;
    if (!keep) rmSync(this.path, { force: true });
    return keep;
  }
};
var journalRecordPrefix = (trial) => `{"type":"request","trial":${trial},"record":`;
function moveAside(path) {
  if (!existsSync(path)) return null;
  const stamp = statSync(path).mtime.toISOString().replace(/[:.]/g, "-");
  const stem = path.endsWith(".jsonl") ? path.slice(0, -".jsonl".length) : path;
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${stamp}${n > 1 ? `-${n}` : ""}.jsonl`;
    if (existsSync(candidate)) continue;
    renameSync(path, candidate);
    return candidate;
  }
}
function keptJournalNote(journal) {
  if (journal.kept === null) return null;
  return `a journal from an earlier run was at ${journal.path} (a run that did not finish?): it is kept as ${journal.kept}; \`llm-perf-gate import --from journal ${journal.kept}\` turns it into a result file
`;
}

export {
  Journal,
  journalRecordPrefix,
  keptJournalNote
};
