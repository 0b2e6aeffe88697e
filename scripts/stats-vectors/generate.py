#!/usr/bin/env python3
"""Known-answer vectors for src/stats, written to test/stats/fixtures/*.json.

Provenance only: CI never runs this. Rerun with the versions recorded in each fixture's header
(python3 scripts/stats-vectors/generate.py from the repository root) to regenerate them. Every
expected value comes from numpy/scipy or, where neither has the function (Holm), from
brute-force enumeration or arithmetic written out next to the value.
"""

import itertools
import json
import math
import platform
import re
from pathlib import Path

import numpy as np
import scipy
from scipy import optimize, stats

OUT = Path(__file__).resolve().parents[2] / "test" / "stats" / "fixtures"
RNG = np.random.default_rng(20240611)


def header(calls):
    return {
        "generated_by": "scripts/stats-vectors/generate.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "calls": calls,
    }


def write(name, document):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    text = json.dumps(document, indent=1, allow_nan=False)
    # One line per array of plain values, so the vectors stay readable and diffable.
    text = re.sub(r"\[([^\[\]{}]*)\]", lambda match: "[" + re.sub(r"\s*\n\s*", " ", match.group(1)).strip() + "]", text)
    path.write_text(text + "\n")
    print(f"wrote {path.relative_to(OUT.parents[2])}")


def nan_to_none(value):
    """JSON has no NaN; scipy returns it where its formula divides 0 by 0 (noted in the header)."""
    value = float(value)
    return None if math.isnan(value) else value


def floats(values):
    return [float(v) for v in values]


def untied(draw, digits=6):
    """Redraw until no value repeats after rounding, so 'untied' cases really are."""
    while True:
        values = np.round(draw(), digits)
        if len(np.unique(values)) == values.size:
            return values


# --- percentiles ---------------------------------------------------------------------------

def percentile_vectors():
    qs = [0, 1, 2.5, 10, 25, 33.3, 50, 66.7, 75, 90, 95, 97.5, 99, 99.9, 100]
    samples = {
        "single value": [42.0],
        "two values": [3.0, 1.0],
        "odd size": [7.0, 1.0, 3.0, 9.0, 5.0],
        "even size": [4.0, 1.0, 3.0, 2.0],
        "duplicates": [5.0, 5.0, 1.0, 5.0, 2.0, 2.0],
        "negative and positive": [-3.5, 10.25, 0.0, -7.125, 2.5, 8.0, -0.5],
        "latencies (lognormal, 257 values)": np.round(RNG.lognormal(np.log(40), 0.6, 257), 3).tolist(),
        "latencies (lognormal, 1000 values)": np.round(RNG.lognormal(np.log(800), 0.3, 1000), 4).tolist(),
    }
    cases = []
    for name, values in samples.items():
        array = np.array(values, dtype=np.float64)
        cases.append({
            "name": name,
            "values": floats(array),
            "percentiles": qs,
            "expected": floats(np.percentile(array, qs)),
            "mean": float(np.mean(array)),
            "stddev": float(np.std(array, ddof=1)) if array.size >= 2 else None,
        })
    write("percentile.json", {
        "header": header({
            "expected": "numpy.percentile(values, percentiles)  # method='linear', the default",
            "mean": "numpy.mean(values)",
            "stddev": "numpy.std(values, ddof=1), null below 2 values",
        }),
        "cases": cases,
    })


# --- Mann-Whitney U ------------------------------------------------------------------------

def permutation_p(x, y):
    """The exact conditional distribution with ties: every split of the pooled values, enumerated."""
    res = stats.mannwhitneyu(x, y, alternative="two-sided",
                             method=stats.PermutationMethod(n_resamples=np.inf))
    return float(res.pvalue)


def mann_whitney_vectors():
    samples = [
        ("5 vs 5, completely separated (p = 2/252)", [1, 2, 3, 4, 5], [6, 7, 8, 9, 10]),
        ("scipy docstring example (males vs females)", [19, 22, 16, 29, 24], [20, 11, 17, 12]),
        ("1 vs 1", [2.0], [1.0]),
        ("n1 = 1 in the middle", [3.5], [1, 2, 4, 5, 6]),
        ("3 vs 3 untied", *[untied(lambda: RNG.normal(0, 1, k)) for k in (3, 3)]),
        ("4 vs 7 untied", *[untied(lambda: RNG.normal(0, 1, k)) for k in (4, 7)]),
        ("8 vs 8 untied, shifted", untied(lambda: RNG.normal(0, 1, 8)), untied(lambda: RNG.normal(1.2, 1, 8))),
        ("12 vs 30 untied", untied(lambda: RNG.lognormal(0, 0.5, 12)), untied(lambda: RNG.lognormal(0.2, 0.5, 30))),
        ("20 vs 20 untied", untied(lambda: RNG.normal(0, 1, 20)), untied(lambda: RNG.normal(0.5, 1, 20))),
        ("2 vs 40 untied (very unequal)", untied(lambda: RNG.normal(0, 1, 2)), untied(lambda: RNG.normal(0, 1, 40))),
        ("1 vs 60 untied", [10.0], untied(lambda: RNG.normal(0, 1, 60))),
        ("45 vs 55 untied", untied(lambda: RNG.normal(0, 1, 45)), untied(lambda: RNG.normal(0.3, 1, 55))),
        ("50 vs 50 untied, far apart (tiny p)", untied(lambda: RNG.normal(0, 1, 50)), untied(lambda: RNG.normal(4, 1, 50))),
        ("100 vs 100 untied", untied(lambda: RNG.normal(0, 1, 100)), untied(lambda: RNG.normal(0.2, 1, 100))),
        ("3 vs 2000 untied (very unequal)", untied(lambda: RNG.normal(1, 1, 3)), untied(lambda: RNG.normal(0, 1, 2000))),
        ("6 vs 5 with ties", [1, 2, 2, 3, 5, 5], [2, 3, 3, 4, 6]),
        ("7 vs 8 with heavy ties", RNG.integers(0, 3, 7), RNG.integers(0, 4, 8)),
        ("9 vs 9 with ties", RNG.integers(0, 6, 9), RNG.integers(1, 7, 9)),
        ("15 vs 20 with ties", RNG.integers(0, 5, 15), RNG.integers(0, 5, 20)),
        ("30 vs 25 with ties", RNG.integers(0, 10, 30), RNG.integers(2, 12, 25)),
        ("200 vs 300 with heavy ties", RNG.integers(0, 6, 200), RNG.integers(0, 6, 300)),
        ("all values equal", [5, 5, 5], [5, 5]),
        ("one sample constant, tied with the other", [1, 1, 1, 1], [1, 2, 3, 1, 4]),
        ("2000 vs 3000 latencies, 2% slower", np.round(RNG.lognormal(np.log(50), 0.4, 2000), 3),
         np.round(RNG.lognormal(np.log(51), 0.4, 3000), 3)),
    ]
    cases = []
    for name, x, y in samples:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        pooled = np.concatenate([x, y])
        ties = bool(len(np.unique(pooled)) < pooled.size)
        case = {
            "name": name,
            "x": floats(x),
            "y": floats(y),
            "ties": ties,
            "u": float(stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic").statistic),
            "p_asymptotic": float(stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True).pvalue),
            "p_asymptotic_no_continuity": nan_to_none(stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=False).pvalue),
        }
        if not ties and x.size * y.size <= 10_000:
            case["p_exact"] = float(stats.mannwhitneyu(x, y, alternative="two-sided", method="exact").pvalue)
        if ties and math.comb(x.size + y.size, x.size) <= 100_000:
            case["p_permutation"] = permutation_p(x, y)
        cases.append(case)
    write("mann-whitney.json", {
        "header": header({
            "u": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic').statistic",
            "p_exact": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='exact').pvalue  # untied, n1*n2 <= 10000 only",
            "p_asymptotic": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True).pvalue",
            "p_asymptotic_no_continuity": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=False).pvalue  # null where scipy gives NaN (all values equal: 0/0)",
            "p_permutation": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method=scipy.stats.PermutationMethod(n_resamples=numpy.inf)).pvalue  # tied, C(n1+n2, n1) <= 100000 only: every split enumerated",
        }),
        "cases": cases,
    })


# --- Welch's t-test on logarithms ----------------------------------------------------------

def welch_vectors():
    samples = [
        ("3 vs 3 throughput, 5% higher", RNG.lognormal(np.log(1000), 0.02, 3), RNG.lognormal(np.log(1050), 0.02, 3)),
        ("2 vs 2", [980.0, 1010.0], [1100.0, 1080.0]),
        ("5 vs 8, unequal spread", RNG.lognormal(np.log(200), 0.01, 5), RNG.lognormal(np.log(195), 0.08, 8)),
        ("10 vs 10, no change", RNG.lognormal(np.log(50), 0.05, 10), RNG.lognormal(np.log(50), 0.05, 10)),
        ("3 vs 20", RNG.lognormal(np.log(3.2), 0.1, 3), RNG.lognormal(np.log(3.0), 0.1, 20)),
        ("30 vs 30, 1% lower", RNG.lognormal(np.log(7000), 0.02, 30), RNG.lognormal(np.log(6930), 0.02, 30)),
        ("baseline constant, candidate varies", [100.0, 100.0, 100.0], [90.0, 95.0, 93.0]),
        ("large spread (tiny df)", [1.0, 100.0, 10.0], [1000.0, 1001.0, 999.0]),
    ]
    confidences = [0.9, 0.95, 0.99]
    cases = []
    for name, x, y in samples:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        res = stats.ttest_ind(np.log(y), np.log(x), equal_var=False)
        intervals = []
        for confidence in confidences:
            ci = res.confidence_interval(confidence_level=confidence)
            intervals.append({"confidence": confidence, "low": float(np.exp(ci.low)), "high": float(np.exp(ci.high))})
        cases.append({
            "name": name, "x": floats(x), "y": floats(y),
            "t": float(res.statistic), "df": float(res.df), "p": float(res.pvalue),
            "ratio": float(np.exp(np.mean(np.log(y)) - np.mean(np.log(x)))),
            "ratio_ci": intervals,
        })
    quantiles = []
    for df in [1, 1.5, 2, 3.7, 10, 57.3, 1000, 1e6]:
        for probability in [1e-10, 0.001, 0.025, 0.1, 0.5, 0.8, 0.9, 0.975, 0.995, 0.999999]:
            quantiles.append({"probability": probability, "df": df, "t": float(stats.t.ppf(probability, df))})
    write("welch-log.json", {
        "header": header({
            "t, df, p": "r = scipy.stats.ttest_ind(numpy.log(y), numpy.log(x), equal_var=False); r.statistic, r.df, r.pvalue",
            "ratio": "numpy.exp(numpy.mean(numpy.log(y)) - numpy.mean(numpy.log(x)))",
            "ratio_ci": "ci = r.confidence_interval(confidence_level=c); numpy.exp(ci.low), numpy.exp(ci.high)",
            "t_quantiles": "scipy.stats.t.ppf(probability, df)",
        }),
        "cases": cases,
        "t_quantiles": quantiles,
    })


# --- Holm ----------------------------------------------------------------------------------

def holm_vectors():
    # m counts only the non-null p-values; sorted ascending p(1..m), adjusted(i) = max over
    # j <= i of min(1, (m - j + 1) p(j)).
    cases = [
        {"name": "four p-values, running maximum lifts the last",
         "p": [0.01, 0.04, 0.03, 0.005],
         "working": "sorted 0.005, 0.01, 0.03, 0.04; 4*0.005 = 0.02; 3*0.01 = 0.03; 2*0.03 = 0.06; 1*0.04 = 0.04 -> max(0.06, 0.04) = 0.06",
         "expected": [0.03, 0.06, 0.06, 0.02]},
        {"name": "nulls stay null and do not count",
         "p": [None, 0.2, 0.01, None, 0.5],
         "working": "m = 3; sorted 0.01, 0.2, 0.5; 3*0.01 = 0.03; 2*0.2 = 0.4; 1*0.5 = 0.5",
         "expected": [None, 0.4, 0.03, None, 0.5]},
        {"name": "capped at 1",
         "p": [0.4, 0.5, 0.45],
         "working": "sorted 0.4, 0.45, 0.5; 3*0.4 = 1.2 -> 1; 2*0.45 = 0.9 -> max(1, 0.9) = 1; 1*0.5 -> 1",
         "expected": [1.0, 1.0, 1.0]},
        {"name": "tied p-values get the same adjustment",
         "p": [0.02, 0.02, 0.5],
         "working": "sorted 0.02, 0.02, 0.5; 3*0.02 = 0.06; 2*0.02 = 0.04 -> max(0.06, 0.04) = 0.06; 1*0.5 = 0.5",
         "expected": [0.06, 0.06, 0.5]},
        {"name": "a single p-value is unchanged", "p": [0.03], "working": "m = 1; 1*0.03 = 0.03", "expected": [0.03]},
        {"name": "all null", "p": [None, None], "working": "m = 0: nothing to adjust", "expected": [None, None]},
        {"name": "empty", "p": [], "working": "nothing", "expected": []},
        {"name": "zero stays zero, one stays one", "p": [1.0, 0.0], "working": "sorted 0, 1; 2*0 = 0; 1*1 = 1", "expected": [1.0, 0.0]},
    ]
    for case in cases:  # check the written-out arithmetic
        tested = sorted((p, i) for i, p in enumerate(case["p"]) if p is not None)
        running, got = 0.0, [None] * len(case["p"])
        for position, (p, index) in enumerate(tested):
            running = max(running, min(1.0, (len(tested) - position) * p))
            got[index] = running
        assert all((a is None and b is None) or abs(a - b) < 1e-12 for a, b in zip(got, case["expected"])), case["name"]
    write("holm.json", {"header": header({"expected": "hand arithmetic, shown in each case's 'working'"}), "cases": cases})


# --- Minimum detectable change -------------------------------------------------------------

def detectable_vectors():
    cases = []
    for n1, n2 in [(3, 3), (4, 4), (5, 5), (3, 10), (10, 10), (30, 30)]:
        df = n1 + n2 - 2
        scale = math.sqrt(1 / n1 + 1 / n2)
        critical = stats.t.ppf(0.975, df)

        def power(shift):
            noncentrality = shift / scale
            return stats.nct.sf(critical, df, noncentrality) + stats.nct.cdf(-critical, df, noncentrality)

        exact = optimize.brentq(lambda shift: power(shift) - 0.8, 1e-6, 8 * scale, xtol=1e-12)
        cases.append({"n1": n1, "n2": n2, "alpha": 0.05, "power": 0.8, "standardized_shift": float(exact)})
    write("detectable-change.json", {
        "header": header({
            "standardized_shift": "the shift d (in units of the common standard deviation) solving "
                                  "scipy.stats.nct.sf(c, df, d/s) + scipy.stats.nct.cdf(-c, df, d/s) = power by "
                                  "scipy.optimize.brentq, with df = n1 + n2 - 2, s = sqrt(1/n1 + 1/n2), "
                                  "c = scipy.stats.t.ppf(1 - alpha/2, df): the exact power of the equal-variance t-test",
        }),
        "cases": cases,
    })


# --- Paired trials: Wilcoxon signed-rank and the paired t-test on logarithms ---------------

def enumerated_signed_rank_p(d):
    """Two-sided exact p by listing every sign pattern of the ranks: independent of any recursion."""
    ranks = stats.rankdata(np.abs(d))
    observed = float(np.sum(ranks[d > 0]))
    n = len(d)
    sums = [sum(r for r, s in zip(ranks, signs) if s) for signs in itertools.product([0, 1], repeat=n)]
    low = sum(1 for w in sums if w <= observed) / len(sums)
    high = sum(1 for w in sums if w >= observed) / len(sums)
    return min(1.0, 2 * min(low, high))


def paired_vectors():
    rng = np.random.default_rng(20261123)
    samples = [
        ("6 pairs, 4% slower", rng.lognormal(np.log(5.0), 0.05, 6), 1.04),
        ("8 pairs, no change, drift shared", None, 1.0),
        ("10 pairs, 2% faster", rng.lognormal(np.log(40.0), 0.03, 10), 0.98),
        ("12 pairs, every candidate slower", rng.lognormal(np.log(2.0), 0.02, 12), 1.10),
        ("20 pairs, no change", rng.lognormal(np.log(1200.0), 0.04, 20), 1.0),
        ("60 pairs, 1% slower (asymptotic)", rng.lognormal(np.log(7.0), 0.05, 60), 1.01),
    ]
    cases = []
    for name, x, factor in samples:
        if x is None:
            drift = np.exp(np.linspace(0, 0.2, 8))
            x = 5.0 * drift * rng.lognormal(0, 0.01, 8)
        x = np.round(np.asarray(x, dtype=np.float64), 6)
        while True:
            y = np.round(x * factor * rng.lognormal(0, 0.015, len(x)), 6)
            d = np.log(y) - np.log(x)
            if np.all(d != 0) and len(np.unique(np.round(np.abs(d), 12))) == len(d):
                break
        w = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="exact" if len(d) <= 50 else "asymptotic")
        plus = float(np.sum(stats.rankdata(np.abs(d))[d > 0]))
        case = {"name": name, "x": floats(x), "y": floats(y), "w_plus": plus, "signed_rank_p": float(w.pvalue),
                "method": "exact" if len(d) <= 50 else "asymptotic"}
        if len(d) <= 16:
            case["enumerated_p"] = enumerated_signed_rank_p(d)
        t = stats.ttest_rel(np.log(y), np.log(x))
        case["t"] = float(t.statistic)
        case["t_p"] = float(t.pvalue)
        ci = t.confidence_interval(confidence_level=0.95)
        case["ratio"] = float(np.exp(np.mean(d)))
        case["ratio_ci_95"] = [float(np.exp(ci.low)), float(np.exp(ci.high))]
        cases.append(case)
    # Ties and zeros: scipy's normal approximation with the tie correction, zeros dropped.
    tied = []
    for name, d in [("ties among |d|", [0.01, -0.01, 0.02, 0.02, 0.03, -0.005, 0.04, 0.04, 0.05, 0.06]),
                    ("a zero difference", [0.0, 0.01, 0.02, -0.015, 0.03, 0.025, 0.035, 0.05, -0.002, 0.045])]:
        d = np.asarray(d, dtype=np.float64)
        w = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="asymptotic")
        tied.append({"name": name, "d": floats(d), "p": float(w.pvalue)})
    write("paired.json", {
        "header": header({
            "signed_rank_p": "scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method=method).pvalue, d = log(y) - log(x)",
            "enumerated_p": "2 min(P(W+ <= w), P(W+ >= w)) over all 2^n sign patterns of the ranks of |d|",
            "t, t_p": "r = scipy.stats.ttest_rel(numpy.log(y), numpy.log(x)); r.statistic, r.pvalue",
            "ratio_ci_95": "ci = r.confidence_interval(confidence_level=0.95); numpy.exp(ci.low), numpy.exp(ci.high)",
            "tied.p": "scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='asymptotic').pvalue",
        }),
        "cases": cases,
        "tied": tied,
    })


if __name__ == "__main__":
    percentile_vectors()
    mann_whitney_vectors()
    welch_vectors()
    holm_vectors()
    detectable_vectors()
    paired_vectors()
