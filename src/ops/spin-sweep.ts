/**
 * §3.3's sweep on ±1 spins (spin/update-kernels), the operator: {@link updateSweep} in JavaScript on any uniform
 * source, and {@link spinSweeps}, the same sweeps on one keyed stream computed in WebAssembly where the engine has
 * prepared it (engine/kernels/simd/spin-sweep, at `ready()`), the path the §4 claims' loops run millions of times.
 * Both draw the same numbers: test/unit/spin/spin-sweep.test.ts holds them equal, bit for bit.
 */
import { check, ArgumentError } from "../errors";
import { checkKey, uniformSource, type Key, type UniformSource } from "../engine/random";
import { spinSweepWasm, SWEEP_KERNEL, type SweepGraph } from "../engine/kernels/simd/spin-sweep";
import { sweepAccepts } from "./sweep-acceptance";

const WHERE = "emtd/spin/update-kernels";

/** The proposal kernel of §3.3's update (spin/update-kernels `ProposalKernel`, where each is described). */
export type SweepKernel = keyof typeof SWEEP_KERNEL;

/** The kernels, as the WebAssembly module numbers them (one list). */
const KERNELS = Object.keys(SWEEP_KERNEL) as SweepKernel[];

/**
 * One sweep of §3.3's update on ±1 spins in node order at temperature T: node i proposes a value by the kernel ("node0":
 * node 0's current value; "neighbour": the value of a uniformly drawn neighbour; either a no-op when they agree;
 * "symmetric": the other value), accepted by the
 * library's Metropolis rule on the energy change (`flipCost`). Returns the nodes changed and the sweep's energy
 * change.
 *
 * @example
 * ```ts
 * const g = problemCsr(twoCommunityProblem());
 * const spin = Int8Array.from([1, 1, 1, 1, 1, 1, 1, 1]); // a consensus: the copy kernel proposes nothing
 * updateSweep("neighbour", g, spin, 100, uniformSource(key(1))); // → { changes: 0, deltaH: 0 }
 * ```
 */
export function updateSweep(
  kernel: SweepKernel,
  g: SweepGraph,
  spin: Int8Array,
  temperature: number,
  u: () => number,
): { changes: number; deltaH: number } {
  check.nonNegative(WHERE, "temperature", temperature);
  let changes = 0;
  let deltaH = 0;
  const { n, start, neighbour, coupling, field } = g;
  for (let i = 0; i < n; i++) {
    const a = start[i]!,
      b = start[i + 1]!;
    if (kernel === "node0") {
      if (spin[0] === spin[i]) continue;
    } else if (kernel === "neighbour") {
      if (b === a) continue;
      const j = neighbour[a + Math.floor(u() * (b - a))]!;
      if (spin[j] === spin[i]) continue;
    }
    // flipCost(g, spin, i), inlined: the same sum in the same order.
    let local = field[i]!;
    for (let q = a; q < b; q++) local += coupling[q]! * spin[neighbour[q]!]!;
    const cost = 2 * spin[i]! * local;
    if (sweepAccepts(cost, temperature, u)) {
      spin[i] = -spin[i]! as 1 | -1;
      changes++;
      deltaH += cost;
    }
  }
  return { changes, deltaH };
}

/** One sweep of a ±1-spin state at a temperature ({@link updateSweep}'s contract). */
export type SpinSweep = (spin: Int8Array, temperature: number) => { changes: number; deltaH: number };

/**
 * {@link updateSweep}s of states on `g` drawing from one stream, `uniformSource(k)`, sweep after sweep: the same
 * numbers as `const u = uniformSource(k)` and `(spin, T) => updateSweep(kernel, g, spin, T, u)`, computed in
 * WebAssembly where the engine has prepared it (kernels/simd/spin-sweep, at `ready()`), else in JavaScript. `g`'s
 * arrays are read at the first sweep (and again only when another graph's sweeps came between): do not change them.
 *
 * @example
 * ```ts
 * const sweep = spinSweeps("neighbour", problemCsr(twoCommunityProblem()), key(1));
 * const spin = Int8Array.from([1, 1, 1, 1, -1, -1, -1, -1]); // the split state, a local minimum
 * [sweep(spin, 5), sweep(spin, 5)]; // → [{ changes: 0, deltaH: 0 }, { changes: 1, deltaH: 5 }] (the second sweep climbs out)
 * ```
 */
export function spinSweeps(kernel: SweepKernel, g: SweepGraph, k: Key): SpinSweep {
  const [k0, k1] = checkKey(WHERE, "key", k);
  if (!KERNELS.includes(kernel)) throw new ArgumentError(WHERE, "kernel", KERNELS.join(", "), kernel);
  const owner = {};
  let position = 0;
  let u: UniformSource | null = null; // the JavaScript sweep's stream, once it has taken over (it keeps it)
  return (spin, temperature) => {
    check.nonNegative(WHERE, "temperature", temperature);
    if (spin.length !== g.n) throw new ArgumentError(WHERE, "spin", `an Int8Array of the graph's ${g.n} nodes`, spin.length);
    if (u === null) {
      const swept = spinSweepWasm(owner, g, SWEEP_KERNEL[kernel], spin, temperature, k0, k1, position);
      if (swept !== null) {
        position = swept.position;
        return { changes: swept.changes, deltaH: swept.deltaH };
      }
      u = uniformSource(k, position);
    }
    return updateSweep(kernel, g, spin, temperature, u);
  };
}
