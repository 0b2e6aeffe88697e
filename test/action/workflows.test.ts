import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, { steps: Step[] }> }

const read = (file: string): Workflow => parse(readFileSync(join('examples', file), 'utf8')) as Workflow
const steps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps)
const ours = (workflow: Workflow): Step[] => steps(workflow).filter((step) => step.uses?.startsWith('llm-perf-gate/llm-perf-gate@'))
const inputs = Object.keys((parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs)

describe('the example workflows', () => {
  test.each(readdirSync('examples').filter((file) => file.startsWith('workflow-')))('%s gives llm-perf-gate only inputs it has', (file) => {
    const used = ours(read(file))
    expect(used.length).toBeGreaterThan(0)
    for (const step of used) for (const name of Object.keys(step.with ?? {})) expect(inputs).toContain(name)
  })

  describe('the fork-safe pattern', () => {
    const measure = read('workflow-fork-measure.yml')
    const comment = read('workflow-fork-comment.yml')

    test('the fork\'s run has a read-only token and hands over only its current result and PR number', () => {
      expect(Object.values(measure.permissions ?? {})).not.toContain('write')
      const upload = steps(measure).find((step) => step.uses?.startsWith('actions/upload-artifact@') && step.with?.name === 'llm-perf-gate-pr')!
      expect(upload.with!.path!.trim().split('\n').map((line) => line.trim())).toEqual(['llm-perf-gate/current.result.json', 'llm-perf-gate/pr-number'])
    })

    test('the trusted job never checks out or runs the pull request\'s code, and fetches the baseline itself', () => {
      expect(Object.keys(comment.on)).toEqual(['workflow_run'])
      for (const step of steps(comment)) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.ref).toBeUndefined()
        if (step.run !== undefined) expect(step.run).not.toMatch(/pr-result\/(?!pr-number)|\$\{\{\s*github\.event\.workflow_run\.(head_branch|head_commit)/)
      }
      const [gate] = ours(comment)
      expect(gate!.with).toMatchObject({ mode: 'compare', baseline: 'artifact', 'result-path': 'pr-result/current.result.json' })
      // The same key as the baseline the base branch's runs upload: the comment and the artifact are named by the workflow.
      const refresh = ours(measure).find((step) => step.with?.mode === 'baseline')!
      expect(gate!.with!.key).toBe(refresh.with!.key)
    })
  })

  test('each matrix leg names its artifacts and comments by its GPU and model', () => {
    const matrix = read('workflow-matrix.yml')
    for (const step of ours(matrix)) expect(step.with!.key).toBe('${{ matrix.gpu }}-${{ matrix.model }}')
  })
})
