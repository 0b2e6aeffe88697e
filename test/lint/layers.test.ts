import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// `npm run lint` runs this configuration: the rule must fire on an import that points up the layers.
const eslint = new ESLint()
const layerErrors = async (file: string, text: string): Promise<string[]> => {
  const [result] = await eslint.lintText(text, { filePath: file })
  return result!.messages.filter((message) => message.ruleId === 'import-x/no-restricted-paths').map((message) => message.message)
}

describe('the layer rule in eslint.config.js', () => {
  it('rejects an import from a higher layer, type-only imports included', async () => {
    const errors = await layerErrors('src/stats/probe.ts', "import type { Comparison } from '../compare/types.js'\nexport type Probe = Comparison\n")
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('stats is below')
    expect(await layerErrors('src/result/probe.ts', "import { runAb } from '../runner/ab.js'\nexport const probe = runAb\n")).toHaveLength(1)
    expect(await layerErrors('src/report/probe.ts', "import { truncateCommentBody } from '../github/comment-body.js'\nexport const probe = truncateCommentBody\n")).toHaveLength(1)
  }, 60_000)

  it('accepts imports from lower layers and the same one', async () => {
    const text = "import { holm } from '../stats/holm.js'\nimport { parseMetricName } from '../metrics/metric-names.js'\nimport { compareResults } from './compare.js'\nexport const probe = [holm, parseMetricName, compareResults]\n"
    expect(await layerErrors('src/compare/probe.ts', text)).toEqual([])
  }, 60_000)
})
