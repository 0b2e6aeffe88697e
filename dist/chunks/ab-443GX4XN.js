if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  abCommand,
  runAb
} from "./chunk-KYSJCTZO.js";
import "./chunk-TIOHTAQL.js";
import "./chunk-OHY6WWXS.js";
import "./chunk-EVRVH6OV.js";
import "./chunk-UI6X6NEQ.js";
import "./chunk-4XV5Q6IX.js";
import "./chunk-ZAE5UAFJ.js";
import "./chunk-5R4VNVJ3.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  abCommand,
  runAb
};
