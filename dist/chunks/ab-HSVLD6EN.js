if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb
} from "./chunk-EXEHJMVN.js";
import "./chunk-3DBPLMJJ.js";
import "./chunk-33CUMQ2G.js";
import "./chunk-7QWV7SCB.js";
import "./chunk-JX7BC5Z2.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-4QNWI4UG.js";
import "./chunk-HRC6SKLB.js";
import "./chunk-PIOHK7ZN.js";
import "./chunk-DLTZ2DKJ.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb
};
