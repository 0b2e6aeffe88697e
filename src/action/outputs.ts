import type { Verdict } from '../compare/types.js'
import type { ActionCore } from './deps.js'
import { OUTPUTS } from './names.js'

/** What one leg (one workload) leaves for the outputs. */
export interface LegOutcome {
  key: string
  resultPath: string
  /** The history extended by this run (perf-history.jsonl), null where none was written (modes run and ab). */
  historyPath?: string | null
  /** Null in modes run and baseline, and when the leg failed before comparing. */
  compared: { verdict: Verdict; comparisonPath: string; reportPath: string; htmlPath: string; regressions: string[] } | null
}

/** Worst first: a regression, then results that cannot be compared, then undecided. */
const SEVERITY: readonly Verdict[] = ['fail', 'incomparable', 'inconclusive', 'pass']

export function worstVerdict(verdicts: readonly Verdict[]): Verdict | null {
  return SEVERITY.find((verdict) => verdicts.includes(verdict)) ?? null
}

/**
 * Sets the step's outputs. One workload: as they always were. Several: `verdict` is the worst
 * verdict of those compared; the path outputs hold one line per workload in the order of the
 * workload input (an empty line where a workload has no such file); `regressions` lists
 * `<key>:<metric>` pairs. Modes run and baseline set only `result-path`.
 */
export function setOutputs(core: Pick<ActionCore, 'setOutput'>, outcomes: readonly LegOutcome[]): void {
  if (outcomes.length === 0) return
  const several = outcomes.length > 1
  core.setOutput(OUTPUTS.resultPath, outcomes.map((outcome) => outcome.resultPath).join('\n'))
  if (outcomes.some((outcome) => outcome.historyPath != null)) core.setOutput(OUTPUTS.historyPath, outcomes.map((outcome) => outcome.historyPath ?? '').join('\n'))
  const compared = outcomes.filter((outcome) => outcome.compared !== null)
  if (compared.length === 0) return
  core.setOutput(OUTPUTS.verdict, worstVerdict(compared.map((outcome) => outcome.compared!.verdict)) ?? '')
  core.setOutput(OUTPUTS.comparisonPath, outcomes.map((outcome) => outcome.compared?.comparisonPath ?? '').join('\n'))
  core.setOutput(OUTPUTS.reportMarkdownPath, outcomes.map((outcome) => outcome.compared?.reportPath ?? '').join('\n'))
  core.setOutput(OUTPUTS.reportHtmlPath, outcomes.map((outcome) => outcome.compared?.htmlPath ?? '').join('\n'))
  const regressions = outcomes.flatMap((outcome) => (outcome.compared?.regressions ?? []).map((metric) => (several ? `${outcome.key}:${metric}` : metric)))
  core.setOutput(OUTPUTS.regressions, regressions.join(','))
}
