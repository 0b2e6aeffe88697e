if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  renderHtml
} from "./chunk-DOMUVXZO.js";
import {
  joinReport,
  renderMarkdown
} from "./chunk-NXO3WHA4.js";

// src/commands/report-files.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
function writeReportFiles(dir, input) {
  const paths = { markdown: join(dir, "report.md"), html: join(dir, "report.html") };
  writeFileSync(paths.markdown, joinReport(renderMarkdown(input)));
  writeFileSync(paths.html, renderHtml(input));
  return paths;
}

export {
  writeReportFiles
};
