#!/usr/bin/env bash
# Installs the e2e engine (node-llama-cpp's CPU build for linux-x64, no downloads) and writes
# its two generated models into e2e/engine/models/. Safe to run again.
#
#   e2e/engine/setup.sh
set -euo pipefail
cd "$(dirname "$0")"

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 24 ]; then
  echo "e2e/engine/setup.sh: Node.js >= 24 is required (it runs .ts files directly); found $(node --version)" >&2
  exit 2
fi

# The package's postinstall would otherwise try to fetch llama.cpp sources; the prebuilt
# binary in @node-llama-cpp/linux-x64 is all that is used.
export NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
# --omit=optional skips node-llama-cpp's GPU and other-platform binaries (CUDA, Vulkan, arm):
# about 83 MB installed instead of 730 MB.
npm ci --omit=optional --no-audit --no-fund

node make-model.ts --preset small --out models/small.gguf
node make-model.ts --preset big --out models/big.gguf
