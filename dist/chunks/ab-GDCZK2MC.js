if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb,
  withAbServers
} from "./chunk-APZGHJ72.js";
import "./chunk-6CTNL5SW.js";
import "./chunk-5H37EJA6.js";
import "./chunk-35I4QLF5.js";
import "./chunk-JX7BC5Z2.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-5FY4FGUA.js";
import "./chunk-VC7MYOVJ.js";
import "./chunk-JM4ATGMF.js";
import "./chunk-DLTZ2DKJ.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb,
  withAbServers
};
