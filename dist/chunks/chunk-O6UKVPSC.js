if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/result/journal.ts
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
var Journal = class {
  constructor(path) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.kept = moveAside(path);
    this.fd = openSync(path, "wx");
  }
  path;
  fd;
  requests = 0;
  /** Where an earlier journal found at `path` was moved; null when there was none. */
  kept;
  append(entry) {
    if (this.fd === null) return;
    if (entry.type === "request") this.requests++;
    writeSync(this.fd, `${JSON.stringify(entry)}
`);
  }
  /** Closes it; removes it when asked or when it holds no measured request. Returns whether it is kept. */
  close(remove) {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const keep = !remove && this.requests > 0;
    if (!keep) rmSync(this.path, { force: true });
    return keep;
  }
};
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
  keptJournalNote
};
