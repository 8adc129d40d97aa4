// Reductions of directed surface distances to the reported numbers. Each follows a named peer; the
// wording in conventions.ts says which.

/** Largest value; -Infinity for none (callers never pass an empty surface). */
export function maxOf(values: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

/**
 * The p-th percentile with linear interpolation between closest ranks, numpy's default
 * (np.percentile, method="linear") and torch.quantile's: rank (n − 1)·p/100. Sorts `values`.
 */
export function percentileLinear(values: Float64Array, p: number): number {
  values.sort();
  const rank = ((values.length - 1) * p) / 100;
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, values.length - 1);
  const t = rank - lo;
  // a + (b − a)·t, written so that equal neighbours (and infinite ones) give exactly that value.
  return t === 0 || values[lo] === values[hi] ? values[lo] : values[lo] + (values[hi] - values[lo]) * t;
}

/** Mean of both directions' distances pooled into one list (MONAI symmetric=True, MedPy 0.5.2). */
export function pooledMean(a: Float64Array, b: Float64Array): number {
  return (sum(a) + sum(b)) / (a.length + b.length);
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
