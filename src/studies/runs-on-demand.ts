/**
 * Runs measured on demand, in run order: a cell decided look by look (claims/machinery/sequential-cell) asks for the
 * first n runs of a plan at each look, and two tests on one arm ask for overlapping prefixes; each run is measured
 * once. `measure(from, count)` returns runs from … from + count − 1, each the same in any batch (keyed by its index).
 */
export function runsOnDemand<R>(measure: (from: number, count: number) => R[]): (n: number) => readonly R[] {
  const runs: R[] = [];
  return (n) => {
    if (n > runs.length) runs.push(...measure(runs.length, n - runs.length));
    return runs.slice(0, n);
  };
}
