import type { ActionCore } from '../../src/action/deps.js'

/** A typed stand-in for `@actions/core` that records what the action did. */
export interface FakeCore extends ActionCore {
  inputs: Record<string, string>
  outputs: Record<string, string>
  failed: string | null
  infos: string[]
  warnings: string[]
  errors: Array<{ message: string; title?: string | undefined; file?: string | undefined }>
  groups: string[]
  summaryText: string
  summaryWrites: number
}

export function createFakeCore(inputs: Record<string, string>): FakeCore {
  const core: FakeCore = {
    inputs,
    outputs: {},
    failed: null,
    infos: [],
    warnings: [],
    errors: [],
    groups: [],
    summaryText: '',
    summaryWrites: 0,
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      core.outputs[name] = value
    },
    setFailed: (message) => {
      core.failed = message
    },
    setSecret: () => {},
    info: (message) => {
      core.infos.push(message)
    },
    warning: (message) => {
      core.warnings.push(message)
    },
    error: (message, properties) => {
      core.errors.push({ message, title: properties?.title, file: properties?.file })
    },
    group: async (name, fn) => {
      core.groups.push(name)
      return fn()
    },
    summary: {
      addRaw: (text: string) => {
        core.summaryText += text
        return core.summary
      },
      write: async () => {
        core.summaryWrites++
        return core.summary
      }
    }
  }
  return core
}
