if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb
} from "./chunk-TJ3SCCRA.js";
import "./chunk-PSF5AMTM.js";
import "./chunk-TW4YRRR7.js";
import "./chunk-5YQW4SXK.js";
import "./chunk-CEF6MTP6.js";
import "./chunk-ZAE5UAFJ.js";
import "./chunk-LTWAFJPM.js";
import "./chunk-BWOARTIY.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb
};
