/** The project's statistics (SPEC §5 percentiles, §7 comparison): pure functions, seeded where random. */
export { describe, mean, percentile, percentileOfSorted, percentiles, sampleVariance, sortedCopy } from './percentile.js'
export { mannWhitneyU, type MannWhitneyMethod, type MannWhitneyOptions, type MannWhitneyResult } from './mann-whitney.js'
export { hodgesLehmann, pairwiseDifferenceOrderStatistic, type HodgesLehmannOptions, type HodgesLehmannResult } from './hodges-lehmann.js'
export { welchLogTest, type WelchLogOptions, type WelchLogResult, type WelchLogTested, type WelchLogSkipped, type WelchLogUntestable } from './welch.js'
export { holm } from './holm.js'
export {
  bootstrapRelativeChange,
  bootstrapRelativeChanges,
  bootstrapSide,
  bootstrapTrialScalars,
  relativeChangeIntervals,
  type BootstrapOptions,
  type BootstrapStatistic,
  type RelativeChangeFailure,
  type RelativeChangeInterval,
  type RelativeChangeResult,
  type RelativeChangeUnavailable,
  type SideOptions,
  type SideReplicates,
  type TrialScalarOptions,
  type TrialScalarStatistic
} from './bootstrap.js'
export { defaultBlockLength } from './blocked-sample.js'
export {
  minimumDetectableChange,
  minimumDetectableChangeFromSpread,
  minimumDetectablePairedChange,
  minimumExactMannWhitneyP,
  type DetectableChangeOptions,
  type DetectableChangeResult
} from './detectable-effect.js'
export {
  logRatios,
  minimumExactSignedRankP,
  pairedLogTTest,
  signedRankCdf,
  wilcoxonSignedRank,
  type PairedLogTResult,
  type PairedUntestable,
  type SignedRankResult
} from './paired.js'
export { standardNormalCdf, standardNormalQuantile, studentTCdf, studentTQuantile } from './distributions.js'
