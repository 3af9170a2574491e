/**
 * Logistic regression on pairs, for weights that rank: each row is the difference between the
 * features of a true partner and of another candidate of the same case, and the fit makes
 * P(partner ranked above other) = σ(β · difference) as likely as it can. No intercept (a pair has
 * no order of its own), a small L2 penalty, and no negative weight, so that every fitted factor
 * adds points and never takes them away. Pure: rows in, coefficients out.
 */

/** The coefficients, each 0 or more, fitted by Newton's method; a factor whose weight would go below 0 is left out and the rest refitted. */
export function fitPairwise(rows: Float64Array, features: number, penalty = 0.01): number[] {
  const count = rows.length / features;
  let active = Array.from({ length: features }, (_, i) => i);
  for (;;) {
    const beta = newton(rows, count, features, active, penalty);
    const negative = active.findIndex((_, a) => beta[a]! < 0);
    if (negative < 0) {
      const coefficients = new Array<number>(features).fill(0);
      active.forEach((feature, a) => (coefficients[feature] = beta[a]!));
      return coefficients;
    }
    let worst = negative;
    active.forEach((_, a) => {
      if (beta[a]! < beta[worst]!) worst = a;
    });
    active = active.filter((_, a) => a !== worst);
  }
}

function newton(rows: Float64Array, count: number, features: number, active: readonly number[], penalty: number): Float64Array {
  const d = active.length;
  const beta = new Float64Array(d);
  if (d === 0) return beta;
  const x = new Float64Array(d);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (let row = 0; row < count; row++) {
      let z = 0;
      for (let a = 0; a < d; a++) {
        x[a] = rows[row * features + active[a]!]!;
        z += beta[a]! * x[a]!;
      }
      const p = 1 / (1 + Math.exp(-z));
      const weight = p * (1 - p);
      for (let a = 0; a < d; a++) {
        gradient[a]! += (1 - p) * x[a]!;
        for (let b = 0; b < d; b++) hessian[a * d + b]! += weight * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < d; a++) {
      gradient[a]! -= penalty * count * beta[a]!;
      hessian[a * d + a]! += penalty * count;
    }
    const step = solve(hessian, gradient, d);
    let largest = 0;
    for (let a = 0; a < d; a++) {
      beta[a]! += step[a]!;
      largest = Math.max(largest, Math.abs(step[a]!));
    }
    if (largest < 1e-9) break;
  }
  return beta;
}

/** Solves the symmetric system a·x = b by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Array.from({ length: n }, (_, i) => [...a.subarray(i * n, i * n + n), b[i]!]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(m[row]![column]!) > Math.abs(m[pivot]![column]!)) pivot = row;
    [m[column], m[pivot]] = [m[pivot]!, m[column]!];
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = m[row]![column]! / m[column]![column]!;
      for (let k = column; k <= n; k++) m[row]![k]! -= factor * m[column]![k]!;
    }
  }
  return Float64Array.from(m, (row, i) => row[n]! / row[i]!);
}
