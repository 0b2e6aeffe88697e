// A stand-in for nvidia-smi in tests: answers `--query-gpu=FIELDS --format=csv,...` with one CSV
// line per GPU, once, or every N ms with `-lms N` until it is killed, as the real one does.
// The GPUs come from the FAKE_NVIDIA_SMI environment variable (JSON):
//   {"gpus": [{"name": "NVIDIA H100 80GB HBM3", "utilization.gpu": 61, "clocks.sm": 1755, ...}],
//    "reject": ["clocks_event_reasons.active"], "log": "/tmp/printed.log"}
// A field the GPU does not list prints "[N/A]"; a field in `reject` is refused the way an
// older driver refuses a field it does not know. clocks_throttle_reasons.active and
// clocks_event_reasons.active are one field under two names, as on current drivers.
import { appendFileSync } from 'node:fs'

const config = JSON.parse(process.env.FAKE_NVIDIA_SMI ?? '{"gpus": []}')
const args = process.argv.slice(2)
const query = args.find((arg) => arg.startsWith('--query-gpu='))
if (query === undefined) {
  console.log('fake nvidia-smi: only --query-gpu is simulated')
  process.exit(0)
}
const fields = query.slice('--query-gpu='.length).split(',')
for (const field of fields) {
  if ((config.reject ?? []).includes(field)) {
    console.log(`Field "${field}" is not a valid field to query.`)
    process.exit(2)
  }
}
const ALIASES = { 'clocks_throttle_reasons.active': 'clocks_event_reasons.active' }
const value = (gpu, index, field) => {
  if (field === 'index') return String(index)
  const key = Object.hasOwn(gpu, field) ? field : ALIASES[field]
  return key !== undefined && Object.hasOwn(gpu, key) ? String(gpu[key]) : '[N/A]'
}
const print = () => {
  const lines = (config.gpus ?? []).map((gpu, index) => fields.map((field) => value(gpu, index, field)).join(', '))
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
  // Tests wait on this file to know how many rounds were printed.
  if (config.log !== undefined) appendFileSync(config.log, 'printed\n')
}
const loop = args.indexOf('-lms')
print()
if (loop >= 0) setInterval(print, Number(args[loop + 1]))
