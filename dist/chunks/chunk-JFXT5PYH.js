if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);

// src/result/sniff.ts
import { closeSync, openSync, readSync } from "node:fs";
var HEAD_BYTES = 4096;
var SCHEMA = /^\s*\{\s*"schema"\s*:\s*"([^"\\]{1,100})"/;
function sniffSchema(path) {
  let descriptor;
  try {
    descriptor = openSync(path, "r");
    const head = Buffer.alloc(HEAD_BYTES);
    const read = readSync(descriptor, head, 0, HEAD_BYTES, 0);
    return SCHEMA.exec(head.subarray(0, read).toString("utf8"))?.[1] ?? null;
  } catch {
    return null;
  } finally {
    if (descriptor !== void 0) closeSync(descriptor);
  }
}

export {
  sniffSchema
};
