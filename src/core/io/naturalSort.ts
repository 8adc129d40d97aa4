// Natural order for slice file names: runs of digits compare as numbers, so slice2 < slice10.

const RUNS = /(\d+)|(\D+)/g;

function runsOf(s: string): string[] {
  return s.match(RUNS) ?? [];
}

export function naturalCompare(a: string, b: string): number {
  const ra = runsOf(a);
  const rb = runsOf(b);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    const xDigits = /^\d/.test(x);
    const yDigits = /^\d/.test(y);
    if (xDigits && yDigits) {
      // Compare by value without Number() overflow: strip leading zeros, then length, then text.
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
