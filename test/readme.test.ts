import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { resolveWorkload } from '../src/config/workload.js'
import { loadThresholds, thresholdsSchema } from '../src/config/thresholds.js'

const DOCS = readdirSync('docs')
  .filter((file) => file.endsWith('.md'))
  .map((file) => join('docs', file))
const PAGES = ['README.md', ...DOCS]

/** The text outside fenced code blocks, where a `#` line is a comment and `[x](y)` is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, spaces to hyphens; repeats get -1, -2…. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const [, text] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const plain = text!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .toLowerCase()
    const base = plain.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count === 0 ? base : `${base}-${count}`)
  }
  return result
}

/** Every link target of a page's prose, inline code left out (a path in backticks is not a link). */
function links(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!)
}

/** The first fenced block of a language after a heading. */
function blockAfter(markdown: string, heading: string, language: string): string {
  const start = markdown.indexOf(`${heading}\n`)
  expect(start, `${heading} is missing`).toBeGreaterThan(-1)
  const block = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(markdown.slice(start))
  expect(block, `no ${language} block under ${heading}`).not.toBeNull()
  return block![1]!
}

describe('the README and docs/', () => {
  test('the README stays a front door: at most 300 lines', () => {
    const lines = readFileSync('README.md', 'utf8').split('\n')
    expect(lines.length - (lines.at(-1) === '' ? 1 : 0)).toBeLessThanOrEqual(300)
  })

  test('every relative link points to an existing file, and every #anchor to a heading there', () => {
    const broken: string[] = []
    for (const page of PAGES) {
      for (const target of links(readFileSync(page, 'utf8'))) {
        if (/^[a-z]+:/i.test(target)) continue // https:, mailto:
        const [path, anchor] = target.split('#') as [string, string | undefined]
        const file = path === '' ? page : resolve(dirname(page), decodeURI(path))
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no such file)`)
          continue
        }
        if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${page}: ${target} (no such heading)`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  test('the anchors are those GitHub makes', () => {
    const made = anchors('# Title\n## `ab`: two servers\n### `workload_hash`\n## The PR comment\'s table\n## Datasets (ShareGPT)\n## Notes\n## Notes\n```sh\n# a comment, not a heading\n```\n')
    expect([...made]).toEqual(['title', 'ab-two-servers', 'workload_hash', 'the-pr-comments-table', 'datasets-sharegpt', 'notes', 'notes-1'])
  })

  test('docs/README.md lists every page of docs/', () => {
    const listed = new Set(links(readFileSync('docs/README.md', 'utf8')).map((target) => target.split('#')[0]))
    const pages = DOCS.map((file) => file.slice('docs/'.length)).filter((file) => file !== 'README.md')
    expect(pages.filter((page) => !listed.has(page))).toEqual([])
  })

  test('no page cites the SPEC, which users do not have', () => {
    for (const page of PAGES) expect(readFileSync(page, 'utf8'), page).not.toMatch(/SPEC §/)
  })

  test("the README's and docs/file-formats.md's workload examples are valid workloads", () => {
    const env = { OPENAI_API_KEY: 'test-key' }
    for (const [page, heading] of [['README.md', '## Workload file'], ['docs/file-formats.md', '## Workload']] as const) {
      const workload = resolveWorkload(parse(blockAfter(readFileSync(page, 'utf8'), heading, 'yaml')), page, { env })
      expect(workload.spec.name).toBe('chat-short')
      expect(workload.spec.trials).toBe(5)
    }
  })

  test("docs/method.md's thresholds example is the shipped pr preset", () => {
    const shown = thresholdsSchema.parse(parse(blockAfter(readFileSync('docs/method.md', 'utf8'), '## Thresholds file', 'yaml')))
    const { source: _source, ...shipped } = loadThresholds('pr')
    expect(shown).toEqual(shipped)
  })
})

describe('docs/cli.md and the CLI agree', () => {
  const help = (args: string[]): string => {
    const run = spawnSync(process.execPath, ['dist/cli.js', ...args, '--help'], { encoding: 'utf8', timeout: 30_000 })
    expect(run.status).toBe(0)
    return run.stdout
  }
  const flagsOf = (text: string): Set<string> => new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map((match) => match[0]).filter((flag) => flag !== '--help'))
  const commands = [...help([]).matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]!).filter((name) => name !== 'help')
  const doc = readFileSync('docs/cli.md', 'utf8')
  const readme = readFileSync('README.md', 'utf8')

  test('every command has a section in docs/cli.md and a row in the README', () => {
    expect(commands).toEqual(expect.arrayContaining(['run', 'compare', 'gate', 'ab', 'sweep', 'history', 'import', 'simulate', 'demo']))
    for (const command of commands) {
      expect(doc, command).toContain(`## \`${command}\`\n`)
      expect(readme, command).toMatch(new RegExp(`^\\| \`${command} `, 'm'))
    }
  })

  test("each section's synopsis names exactly the command's flags", () => {
    for (const command of commands) {
      const subcommands = command === 'history' ? ['append', 'show', 'detect'] : [null]
      const options = new Set(subcommands.flatMap((sub) => [...flagsOf(help(sub === null ? [command] : [command, sub]).split('Options:')[1]!)]))
      const synopsis = flagsOf(blockAfter(doc, `## \`${command}\``, ''))
      expect([...synopsis].sort(), command).toEqual([...options].sort())
    }
  })
})
