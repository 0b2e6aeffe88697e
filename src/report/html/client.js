// The HTML report's script, run in the reader's browser: draws every chart section of the page's
// embedded data (charts.ts PageData) with uPlot, which the page inlines before this script.
// Plain browser JavaScript, inlined as text at build time: it cannot import anything.
/* global uPlot, document, window */
;(function () {
  'use strict'
  const data = JSON.parse(document.getElementById('lpg-data').textContent)
  const root = document.getElementById('lpg-charts')
  // Each section's drawn charts: a selector replaces them.
  const drawn = new Map()

  // x = 1 / (1 - p): 1 → p0, 2 → p50, 10 → p90, 100 → p99, 1000 → p99.9.
  const percentileLabel = (x) => {
    const p = 100 * (1 - 1 / x)
    if (p <= 0) return 'p0'
    const digits = Math.max(0, Math.ceil(-Math.log10(100 - p) + 1e-9))
    return 'p' + Number(p.toFixed(Math.min(4, digits)))
  }
  const percentileSplits = (min, max) => {
    const splits = [1, 2]
    for (let x = 10; x <= max * 1.0001; x *= 10) splits.push(x)
    return splits.filter((x) => x >= min && x <= max * 1.0001)
  }

  function seriesOptions(series) {
    const color = data.colors[series.side]
    const options = { label: series.label, stroke: color, width: 1.5, spanGaps: true }
    if (series.style === 'points') {
      options.paths = () => null
      options.points = { show: true, size: 3, width: 0, fill: color, stroke: color }
    } else {
      options.points = { show: false }
      if (series.style === 'dashed') options.dash = [6, 4]
      if (series.style === 'step') options.paths = uPlot.paths.stepped({ align: 1 })
    }
    return options
  }

  function chartOptions(chart, width) {
    const x = chart.x
    const xAxis = { label: x.label }
    const scales = { x: { time: false } }
    if (x.kind === 'percentile') {
      scales.x.distr = 3
      scales.x.log = 10
      xAxis.splits = (u, axis, min, max) => percentileSplits(min, max)
      xAxis.values = (u, splits) => splits.map(percentileLabel)
      // uPlot's log axes label only powers of ten (the others come as null): label every split given.
      xAxis.filter = (u, splits) => splits
    }
    return {
      width,
      height: 260,
      scales,
      axes: [xAxis, { label: chart.y.label, size: 60 }],
      series: [{ label: x.label, value: x.kind === 'percentile' ? (u, v) => (v == null ? '' : percentileLabel(v)) : undefined }, ...chart.series.map(seriesOptions)],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } }
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function drawChart(chart, container) {
    const figure = element('figure', 'chart')
    figure.appendChild(element('figcaption', 'chart-title', chart.title))
    const target = element('div', 'chart-body')
    figure.appendChild(target)
    if (chart.note) figure.appendChild(element('p', 'chart-note', chart.note))
    container.appendChild(figure)
    const withData = chart.series.filter((s) => s.x.length > 0)
    if (withData.length === 0) {
      target.appendChild(element('p', 'empty', 'No data on either side.'))
      return null
    }
    // Each series has its own x values: uPlot draws series that share one x array, so join them (gaps where a series has no point).
    const aligned = uPlot.join(withData.map((s) => [s.x, s.y]))
    const plot = new uPlot(chartOptions({ ...chart, series: withData }, Math.max(320, target.clientWidth || 600)), aligned, target)
    return { title: chart.title, plot, points: withData.map((s) => s.x.length) }
  }

  function drawSection(section) {
    const block = element('section', 'chart-section')
    block.id = section.id
    block.appendChild(element('h2', null, section.title))
    if (section.note) block.appendChild(element('p', 'section-note', section.note))
    const grid = element('div', 'chart-grid')
    const show = (index) => {
      for (const entry of drawn.get(section.id) || []) entry.plot.destroy()
      grid.textContent = ''
      drawn.set(section.id, section.views[index].charts.map((chart) => drawChart(chart, grid)).filter(Boolean))
    }
    if (section.views.length > 1) {
      const picker = element('label', 'view-picker', (section.selector || 'view') + ' ')
      const select = element('select')
      section.views.forEach((view, index) => select.appendChild(Object.assign(element('option', null, view.label), { value: String(index) })))
      select.addEventListener('change', () => show(Number(select.value)))
      picker.appendChild(select)
      block.appendChild(picker)
    }
    block.appendChild(grid)
    root.appendChild(block)
    if (section.views.length > 0) show(0)
  }

  for (const section of data.sections) drawSection(section)

  window.addEventListener('resize', () => {
    for (const entry of [...drawn.values()].flat()) entry.plot.setSize({ width: Math.max(320, entry.plot.root.parentNode.clientWidth), height: 260 })
  })
  // For readers' consoles and the browser test: what each drawn chart holds.
  window.llmPerfGateCharts = () => [...drawn.values()].flat()
})()
