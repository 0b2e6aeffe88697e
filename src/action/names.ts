/**
 * The action's input and output names (docs/action.md), in one place: action.yml, the tables of docs/action.md
 * and the code are checked against these by a test.
 */
export const INPUTS = {
  workload: 'workload',
  url: 'url',
  baselineUrl: 'baseline-url',
  candidateServer: 'candidate-server',
  thresholds: 'thresholds',
  baseline: 'baseline',
  mode: 'mode',
  trials: 'trials',
  githubToken: 'github-token',
  comment: 'comment',
  failOn: 'fail-on',
  resultPath: 'result-path',
  pullRequest: 'pull-request',
  key: 'key',
  history: 'history',
  historyLimit: 'history-limit',
  concurrency: 'concurrency',
  rates: 'rates'
} as const

export const OUTPUTS = {
  verdict: 'verdict',
  resultPath: 'result-path',
  comparisonPath: 'comparison-path',
  reportMarkdownPath: 'report-markdown-path',
  reportHtmlPath: 'report-html-path',
  regressions: 'regressions',
  historyPath: 'history-path'
} as const

export const MODES = ['gate', 'baseline', 'run', 'compare', 'ab', 'sweep'] as const
export const COMMENT_MODES = ['true', 'false', 'on-regression'] as const
export const FAIL_ON = ['regression', 'inconclusive', 'never'] as const
