import packageJson from '../package.json' with { type: 'json' }

export const TOOL_NAME = 'llm-perf-gate'
export const TOOL_VERSION: string = packageJson.version
