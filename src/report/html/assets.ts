/**
 * What the HTML report inlines, as text: uPlot's script and stylesheet, and the page's own
 * script. `?raw` is Vite's text import (the tests), and scripts/bundle.mjs loads the same files
 * as text into dist/, so the bundle carries them and the page needs no network.
 *
 * uPlot: MIT, about 50 KB minified, draws on a canvas, and renders tens of thousands of points in
 * milliseconds (a trial's per-request points, a million-gap ITL distribution's quantiles).
 */
import pageScript from './client.js?raw'
import uplotScript from 'uplot/dist/uPlot.iife.min.js?raw'
import uplotStyle from 'uplot/dist/uPlot.min.css?raw'

export const ASSETS = { uplotScript, uplotStyle, pageScript } as const
