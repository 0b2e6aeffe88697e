import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { loadWorkload } from '../src/config/workload.js'

const workloads = readdirSync('examples').filter((file) => file.endsWith('.yml') && !file.startsWith('workflow-'))

test.each(workloads)('examples/%s is a valid workload', (file) => {
  const workload = loadWorkload(join('examples', file), { env: { OPENAI_API_KEY: 'sk-example' } })
  expect(workload.spec.name).toBe(file.replace(/\.yml$/, ''))
})
