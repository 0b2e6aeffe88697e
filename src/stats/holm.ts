/**
 * Holm–Bonferroni step-down adjustment (docs/file-formats.md, comparison `p_adjusted`). It controls the family-wise error
 * rate under any dependence between the metrics' tests, which are far from independent (TTFT and
 * end-to-end latency move together), and is uniformly more powerful than plain Bonferroni.
 */

/**
 * Adjusted p-values in the order given. With the m non-null p-values sorted ascending as
 * p(1) <= … <= p(m), the i-th gets max over j <= i of min(1, (m - j + 1) p(j)): the running
 * maximum keeps the adjusted values in the same order as the raw ones. Nulls (metrics not tested)
 * stay null and do not count toward m. Equal p-values get equal adjusted values.
 */
export function holm(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const tested: number[] = []
  pValues.forEach((p, index) => {
    if (p === null) return
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value at index ${index} must be in [0, 1], got ${p}`)
    tested.push(index)
  })
  // Ties in p leave the running maximum unchanged whatever their order, so the sort need not be stable.
  tested.sort((a, b) => (pValues[a] as number) - (pValues[b] as number))
  const adjusted: Array<number | null> = pValues.map(() => null)
  const m = tested.length
  let runningMax = 0
  tested.forEach((index, position) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - position) * (pValues[index] as number)))
    adjusted[index] = runningMax
  })
  return adjusted
}
