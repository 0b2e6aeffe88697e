if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  defaultResultPath,
  runAndWrite,
  runCommand
} from "./chunk-M23IQ5WX.js";
import "./chunk-TKLYASLD.js";
import "./chunk-LFMXBSNO.js";
import "./chunk-VRYI2ZBN.js";
import "./chunk-CDN3U2K3.js";
import "./chunk-SSFQAG3F.js";
import "./chunk-2UXX3SB2.js";
import "./chunk-USR4SPVJ.js";
import "./chunk-XEZUBJ5O.js";
export {
  defaultResultPath,
  runAndWrite,
  runCommand
};
