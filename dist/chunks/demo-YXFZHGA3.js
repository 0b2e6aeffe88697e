if (Number(process.versions.node.split('.')[0]) < 24) { process.stderr.write('llm-perf-gate needs Node.js 24 or newer; this is ' + process.version + '.\nRun it under Node 24 without installing Node: npx -y -p node@24 -c "llm-perf-gate ' + process.argv.slice(2).join(' ') + '"\nor install Node 24 (nvm install 24). docs/install.md has both.\n'); process.exit(2) }
import { createRequire as __lpgCreateRequire } from 'node:module'; const require = __lpgCreateRequire(import.meta.url);
import {
  parseSlowdown,
  startSimulator
} from "./chunk-3VJAYKFB.js";
import {
  runAb
} from "./chunk-QH4RAPGP.js";
import {
  runAndWrite
} from "./chunk-GT45ZQYO.js";
import {
  formatConsoleSummary
} from "./chunk-I6IF7YTC.js";
import "./chunk-3XY4V44M.js";
import {
  compareAndReport
} from "./chunk-CLZCBBBT.js";
import "./chunk-BHHNFLZV.js";
import "./chunk-CRVPYRSU.js";
import "./chunk-HZNHISRA.js";
import "./chunk-22MW3SDJ.js";
import "./chunk-DOMUVXZO.js";
import "./chunk-JFXT5PYH.js";
import "./chunk-BD4WMCGU.js";
import {
  resolveWorkload
} from "./chunk-6ABQPTPV.js";
import "./chunk-BP5AAHQY.js";
import "./chunk-MSV6DFL6.js";
import "./chunk-VJKEQW57.js";
import "./chunk-4ATGSLI2.js";
import "./chunk-NXO3WHA4.js";
import "./chunk-MF6P33B3.js";
import "./chunk-IGTO2X5J.js";
import "./chunk-NKIRXGVN.js";
import "./chunk-V4FAYOQB.js";
import "./chunk-S2KP6JOK.js";
import "./chunk-D55ENMMY.js";
import "./chunk-P72UHX6G.js";
import {
  InputError
} from "./chunk-UGIYVO4E.js";
import "./chunk-USLMR57S.js";
import "./chunk-U45XKRZC.js";

// src/commands/demo.ts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";

// src/commands/real-engine.ts
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/url-process.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
async function startUrlProcess(command, args, options = {}) {
  const child = spawn(command, [...args], {
    ...options.cwd !== void 0 ? { cwd: options.cwd } : {},
    ...options.env !== void 0 ? { env: options.env } : {},
    stdio: ["ignore", "pipe", options.stderr ?? "pipe"]
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text) => {
    stderr = (stderr + text).slice(-16e3);
  });
  const exited = new Promise((resolve2) => child.once("exit", (code) => resolve2(code)));
  const timeoutMs = options.timeoutMs ?? 3e4;
  const url = await new Promise((resolve2, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${args[0] ?? command} printed no {"url"} line within ${timeoutMs} ms`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const announced = JSON.parse(line).url;
        if (typeof announced === "string") {
          clearTimeout(timer);
          resolve2(announced);
        }
      } catch {
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0] ?? command} exited with ${code} before listening${stderr !== "" ? `:
${stderr}` : ""}`));
    });
  });
  return {
    url,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    }
  };
}

// src/commands/real-engine.ts
function engineDirectory() {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, "..", "e2e", "engine"), resolve(here, "..", "..", "e2e", "engine")]) {
    if (existsSync(join(candidate, "server.ts"))) return candidate;
  }
  return resolve(here, "..", "e2e", "engine");
}
var ENGINE_SERVED_NAME = "llm-perf-gate/e2e-random";
function checkEngineInstalled(directory = engineDirectory()) {
  const missing = [join(directory, "node_modules", "node-llama-cpp", "package.json"), join(directory, "models", "small.gguf"), join(directory, "models", "big.gguf")].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new InputError(`the real engine is not installed (missing ${missing.join(", ")}); run \`npm run e2e:setup\` in a clone of the repository (it installs node-llama-cpp 3.21.1 and generates two models, about 10 s)`);
  }
}
async function startEngine(model, sequences = 4, directory = engineDirectory()) {
  checkEngineInstalled(directory);
  const server = await startUrlProcess(
    process.execPath,
    [join(directory, "server.ts"), "--model", join(directory, "models", `${model}.gguf`), "--port", "0", "--sequences", String(sequences), "--threads", "1", "--served-model-name", ENGINE_SERVED_NAME],
    { cwd: directory, env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: "true" } }
  );
  return {
    url: server.url,
    model,
    async stop() {
      await server.stop();
    }
  };
}

// src/commands/demo.ts
var DEMO_WORKLOAD = {
  name: "demo-chat",
  api: "openai-chat",
  seed: 7,
  trials: 5,
  requests: 40,
  warmup: 4,
  load: { concurrency: 8 },
  prompts: { input_tokens: { mean: 256, stddev: 64, min: 32, max: 512 }, output_tokens: 48 },
  slo: { ttft_ms: 250, tpot_ms: 20 }
};
var DEMO_SLOWDOWN = "tpot=1.2";
async function runAgainstSimulator(label, seed, slowdown, dir, io, quiet) {
  const simulator = await startSimulator({ seed, slowdown: parseSlowdown(slowdown === null ? [] : [slowdown]) });
  try {
    const workload = resolveWorkload({ ...DEMO_WORKLOAD, url: simulator.url }, `built-in demo workload (${label})`, { env: {} });
    io.stderr.write(`
${label}: simulator ${simulator.url}${slowdown !== null ? ` with --slowdown ${slowdown}` : ""}
`);
    const path = join2(dir, `${label}.result.json`);
    return { path, result: await runAndWrite(workload, path, io, quiet) };
  } finally {
    await simulator.close();
  }
}
var REAL_DEMO_WORKLOAD = {
  name: "demo-real-chat",
  api: "openai-chat",
  seed: 11,
  trials: 5,
  requests: 8,
  warmup: 2,
  load: { concurrency: 4 },
  prompts: { input_tokens: 24, output_tokens: 24 }
};
async function realDemo(io, quiet) {
  checkEngineInstalled();
  const dir = mkdtempSync(join2(tmpdir(), "llm-perf-gate-demo-real-"));
  const small = await startEngine("small");
  const big = await startEngine("big");
  try {
    io.stderr.write(`baseline: node-llama-cpp on CPU, small model at ${small.url}
candidate: the big model under the same name at ${big.url}
`);
    const load = (url) => resolveWorkload({ ...REAL_DEMO_WORKLOAD, url }, "built-in real-engine demo workload", { env: {} });
    const { baseline, candidate } = await runAb({ baseline: load(small.url), candidate: load(big.url) }, dir, io, quiet);
    io.stdout.write(`
Baseline (small model)
${formatConsoleSummary(baseline)}
Candidate (big model)
${formatConsoleSummary(candidate)}
`);
    const code = compareAndReport(baseline, candidate, { labels: { baseline: "small model", current: "big model" } }, io).exitCode;
    io.stdout.write(`
result files: ${join2(dir, "baseline.result.json")} ${join2(dir, "candidate.result.json")}
`);
    return code === 2 ? 2 : 0;
  } finally {
    await Promise.all([small.stop(), big.stop()]);
  }
}
async function demoCommand(options, io) {
  if (options.real === true) return realDemo(io, options.quiet === true);
  const dir = mkdtempSync(join2(tmpdir(), "llm-perf-gate-demo-"));
  const quiet = options.quiet === true;
  const baseline = await runAgainstSimulator("baseline", 1, null, dir, io, quiet);
  const candidate = await runAgainstSimulator("candidate", 2, DEMO_SLOWDOWN, dir, io, quiet);
  io.stdout.write(`
Baseline
${formatConsoleSummary(baseline.result)}
Candidate (decode slowed by 20%)
${formatConsoleSummary(candidate.result)}
`);
  const reproduce = `npx llm-perf-gate compare --baseline ${baseline.path} --current ${candidate.path} --format markdown`;
  const code = compareAndReport(baseline.result, candidate.result, { labels: { baseline: "demo baseline", current: "demo candidate (--slowdown tpot=1.2)" }, reproduce }, io).exitCode;
  io.stdout.write(`
result files: ${baseline.path} ${candidate.path}
the same comparison as Markdown (the PR comment): ${reproduce}
`);
  return code === 2 ? 2 : 0;
}
export {
  DEMO_SLOWDOWN,
  DEMO_WORKLOAD,
  REAL_DEMO_WORKLOAD,
  demoCommand
};
