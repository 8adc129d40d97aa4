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
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  for (let i = 0; i < b.length; i++) sum += b[i];
  return sum / (a.length + b.length);
}

/** Area-weighted share of both surfaces within tolerance of the other (surface Dice at τ). */
export function surfaceDice(
  refToPred: Float64Array,
  refAreas: Float64Array,
  predToRef: Float64Array,
  predAreas: Float64Array,
  toleranceMm: number,
): number {
  let within = 0;
  let total = 0;
  for (let i = 0; i < refToPred.length; i++) {
    total += refAreas[i];
    if (refToPred[i] <= toleranceMm) within += refAreas[i];
  }
  for (let i = 0; i < predToRef.length; i++) {
    total += predAreas[i];
    if (predToRef[i] <= toleranceMm) within += predAreas[i];
  }
  return within / total;
}
