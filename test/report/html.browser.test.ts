import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { compareCommand } from '../../src/commands/compare.js'
import { runCommand } from '../../src/commands/run.js'
import type { Comparison } from '../../src/compare/types.js'
import { SIDE_COLORS } from '../../src/report/html/charts.js'
import { VERDICT_HEAD } from '../../src/report/format.js'
import { parseSlowdown, startSimulator, type RunningSimulator } from '../../src/simulator/index.js'
import { quietIo } from '../helpers/quiet-io.js'

// The machine's Chromium (Debian's package; .ci/run installs it): no browser is downloaded.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const ARTIFACTS = resolve(process.env.VITEST_ARTIFACTS ?? 'test-artifacts')

/** The little of the DOM the pixel count uses (the project compiles without the DOM's types). */
interface Canvas {
  width: number
  height: number
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
}

/** Runs in the page: pixels of each canvas near each colour; a chart with no series drawn has none of its series' colours. */
function seriesPixels(colors: string[]): Array<{ counts: number[] }> {
  const rgb = colors.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)))
  const canvases = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<Canvas> } }).document.querySelectorAll('canvas')
  return [...canvases].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    const counts = rgb.map(() => 0)
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3]! < 200) continue
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(pixels[i]! - r!) + Math.abs(pixels[i + 1]! - g!) + Math.abs(pixels[i + 2]! - b!) < 60) counts[k]!++
      })
    }
    return { counts }
  })
}

// Two real runs against the simulator, one slowed by 30% per output token, compared as HTML and
// opened from a file:// URL in headless Chromium with every network request refused.
describe('the HTML report in a real browser', () => {
  let simulators: RunningSimulator[] = []
  let browser: Browser | null = null
  let dir: string
  let comparison: Comparison

  beforeAll(async () => {
    simulators = await Promise.all([startSimulator({ profile: 'fast', seed: 1 }), startSimulator({ profile: 'fast', seed: 2, slowdown: parseSlowdown(['tpot=1.3']) })])
    dir = mkdtempSync(join(tmpdir(), 'lpg-html-'))
    const workload = { name: 'html-report', url: simulators[0]!.url, seed: 3, trials: 3, requests: 40, warmup: 2, load: { concurrency: 4 }, prompts: { input_tokens: 32, output_tokens: 60 } }
    writeFileSync(join(dir, 'w.json'), JSON.stringify(workload))
    expect(await runCommand({ workload: join(dir, 'w.json'), out: join(dir, 'baseline.json'), quiet: true }, quietIo())).toBe(0)
    expect(await runCommand({ workload: join(dir, 'w.json'), url: simulators[1]!.url, out: join(dir, 'candidate.json'), quiet: true }, quietIo())).toBe(0)
    const files = { baseline: join(dir, 'baseline.json'), current: join(dir, 'candidate.json') }
    await compareCommand({ ...files, format: 'html', out: join(dir, 'report.html') }, quietIo())
    await compareCommand({ ...files, format: 'json', out: join(dir, 'comparison.json') }, quietIo())
    comparison = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as Comparison
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(simulators.map((simulator) => simulator.close()))
  })

  test('renders offline with no errors: the verdict, TTFT and TPOT, and at least three charts with data', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    const attempted: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.route('**/*', async (route) => {
      const url = route.request().url()
      if (url.startsWith('file:')) return route.continue()
      attempted.push(url)
      return route.abort('internetdisconnected')
    })
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load', timeout: 20_000 })
    await page.waitForFunction(() => typeof (globalThis as unknown as { llmPerfGateCharts?: unknown }).llmPerfGateCharts === 'function', undefined, { timeout: 10_000 })

    // uPlot's stylesheet is inlined and in effect (without it the legends sit on the plots).
    expect(await page.locator('.u-wrap').first().evaluate((node) => (globalThis as unknown as { getComputedStyle(n: unknown): { position: string } }).getComputedStyle(node).position)).toBe('relative')
    const heading = await page.locator('h1').innerText()
    expect(heading).toContain(VERDICT_HEAD[comparison.verdict].word)
    const text = await page.locator('body').innerText()
    expect(text).toContain('TTFT')
    expect(text).toContain('TPOT')

    const charts = await page.evaluate(() => (globalThis as unknown as { llmPerfGateCharts(): Array<{ title: string; points: number[] }> }).llmPerfGateCharts().map(({ title, points }) => ({ title, points })))
    const withData = charts.filter((chart) => chart.points.length === 2 && chart.points.every((n) => n > 0))
    expect(withData.length, JSON.stringify(charts)).toBeGreaterThanOrEqual(3)
    // Drawn, not only created: canvases carrying both sides' colours.
    const painted = (await page.evaluate(seriesPixels, [SIDE_COLORS.baseline, SIDE_COLORS.candidate])).filter(({ counts }) => counts.every((count) => count > 20))
    expect(painted.length).toBeGreaterThanOrEqual(3)

    mkdirSync(ARTIFACTS, { recursive: true })
    const screenshot = join(ARTIFACTS, 'html-report.png')
    await page.screenshot({ path: screenshot, fullPage: true })
    console.log(`HTML report screenshot: ${screenshot}`)

    expect(errors).toEqual([])
    expect(attempted).toEqual([])
    await page.close()
  }, 60_000)
})
