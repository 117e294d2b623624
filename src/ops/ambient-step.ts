/**
 * The ambient model's Euler–Maruyama step on plain typed arrays as one op, every node and run of a network at once:
 *
 *   ψ'_ir = ψ_ir − h (d_i ψ_ir + c_i ψ_ir³ − p_i Σ_j J_ij w_j ψ_jr − s_i) + σ ξ_ir,
 *
 * with the normals ξ drawn by the ziggurat (engine/fastrandom) on Philox4x32-10 under one key per run (lane), counted
 * by step and node, so a run's numbers are the same whether it is stepped alone or beside K − 1 others
 * (test/unit/ops/ambient-step.test.ts, K = 1, 2, 3, 4, 7).
 * The front end {@link ambientStepper} validates the network and its constants and picks the engine's SIMD step
 * (engine/kernels/simd/simd-ambient: two runs per f64x2, an odd count's last run in scalar f64) where the module is
 * ready and has room, else the JavaScript loop here ({@link ambientStepperReference}). Both form the same numbers in
 * the same order, bit for bit (test/unit/ops/ambient-step.test.ts, test/unit/engine/simd-ambient.test.ts), so which
 * one ran changes nothing. Participation that varies in time replaces the constants between steps (`update`). Since
 * issue 72 this is the ambient model's one step: studies/ambient/simulate runs every claim's model on it.
 */
import {
  simdAmbientStepper,
  type AmbientConstants,
  type AmbientLattice,
  type AmbientStepper,
  type AmbientStream,
  AMBIENT_STREAM,
} from "../engine/kernels/simd/simd-ambient";
import { ArgumentError, check } from "../errors";
import { philoxInto } from "../engine/philox";
import { counterMissNormal, ZIGGURAT_FAST } from "../engine/fastrandom";

export type { AmbientConstants, AmbientLattice, AmbientStepper, AmbientStream };
export { AMBIENT_STREAM };

function checkLattice(where: string, lattice: AmbientLattice): void {
  const n = check.integer(where, "lattice.n", lattice.n, 0);
  check.integer(where, "lattice.runs", lattice.runs, 1);
  const blocks = check.integer(where, "lattice.blocks", lattice.blocks ?? 1, 1);
  if (n % blocks !== 0) throw new ArgumentError(where, "lattice.blocks", `a divisor of n (${n})`, blocks);
  const { start, col } = lattice;
  if (start.length !== n + 1 || start[0] !== 0 || start[n] !== col.length)
    throw new ArgumentError(where, "lattice.start", `${n + 1} row offsets from 0 to col.length (${col.length})`, start.length);
  for (let i = 0; i < n; i++)
    if (start[i + 1]! < start[i]!) throw new ArgumentError(where, "lattice.start", "non-decreasing row offsets", `row ${i}`);
  for (let q = 0; q < col.length; q++)
    if (!(col[q]! >= 0 && col[q]! < n)) throw new ArgumentError(where, "lattice.col", `nodes in [0, ${n - 1}]`, col[q]);
  checkConstants(where, "lattice", lattice, lattice);
}

function checkConstants(where: string, argument: string, lattice: AmbientLattice, constants: AmbientConstants): void {
  const { n, col } = lattice;
  if (!lattice.unit && constants.coupling.length !== col.length)
    throw new ArgumentError(where, `${argument}.coupling`, `${col.length} numbers (one per entry)`, constants.coupling.length);
  for (const name of ["pairing", "diagonal", "cubic", "pullConstant"] as const)
    if (constants[name].length !== n)
      throw new ArgumentError(where, `${argument}.${name}`, `${n} numbers (one per node)`, constants[name].length);
}

/**
 * The stepper with its arguments checked: one stream per run and block in `draw`, and `update` only where the lattice has
 * couplings of its own (a `unit` lattice reads none) and with the lattice's shapes.
 */
function checked(where: string, lattice: AmbientLattice, stepper: AmbientStepper): AmbientStepper {
  return {
    ...stepper,
    draw: (streams) => {
      const want = lattice.runs * (lattice.blocks ?? 1);
      if (streams.length !== want) throw new ArgumentError(where, "streams", `${want} streams (one per run and block)`, streams.length);
      stepper.draw(streams);
    },
    update: (constants, rows) => {
      if (lattice.unit) throw new ArgumentError(where, "lattice.unit", "false where the constants are updated", true);
      checkConstants(where, "constants", lattice, constants);
      for (const i of rows ?? [])
        if (!(Number.isInteger(i) && i >= 0 && i < lattice.n))
          throw new ArgumentError(where, "rows[]", `nodes in [0, ${lattice.n - 1}]`, i);
      stepper.update(constants, rows);
    },
  };
}

/**
 * The step of `lattice`: the SIMD module's where it is ready and has room, else the JavaScript loop (the same numbers).
 * `noisy`: whether steps draw noise (the noise buffer's room). The buffers start zeroed; the caller fills buffers[0].
 * Two nodes joined by J = 1 (d = 2, c = 1, p = 2, s = 0), one run, ψ = (1, 0), h = 0.1, no noise: ψ' = (0.7, 0.2)
 * (test/unit/ops/ambient-step.test.ts).
 */
export function ambientStepper(lattice: AmbientLattice, noisy: boolean): AmbientStepper {
  const where = "emtd/ops/ambientStepper";
  checkLattice(where, lattice);
  return checked(where, lattice, simdAmbientStepper(lattice, noisy) ?? stepperOf(lattice, noisy));
}

/** The JavaScript loop of {@link ambientStepper} alone (the reference the SIMD step is held to). */
export function ambientStepperReference(lattice: AmbientLattice, noisy: boolean): AmbientStepper {
  const where = "emtd/ops/ambientStepperReference";
  checkLattice(where, lattice);
  return checked(where, lattice, stepperOf(lattice, noisy));
}

function stepperOf(lattice: AmbientLattice, noisy: boolean): AmbientStepper {
  const { n, runs } = lattice;
  const entries = n * runs;
  const buffers = [new Float64Array(entries), new Float64Array(entries)] as const;
  const noise = new Float64Array(noisy ? entries : 0);
  const pulled = new Float64Array(runs); // Σ_j J_ij w_j ψ_j per run, for the node being stepped
  // Its own copy of the constants, so `update` never writes into the caller's arrays (the SIMD step copies them too).
  const own: AmbientLattice = {
    ...lattice,
    coupling: Float64Array.from(lattice.coupling),
    ...{ pairing: Float64Array.from(lattice.pairing), diagonal: Float64Array.from(lattice.diagonal) },
    ...{ cubic: Float64Array.from(lattice.cubic), pullConstant: Float64Array.from(lattice.pullConstant) },
  };
  return {
    buffers,
    noise,
    draw: (streams) => {
      const nodes = n / (lattice.blocks ?? 1);
      streams.forEach((stream, s) => laneNormals(stream, noise.subarray(nodes * runs * Math.floor(s / runs)), s % runs, nodes, runs));
    },
    update: (c, rows) => {
      if (rows === undefined) {
        own.coupling.set(c.coupling);
        for (const name of ["pairing", "diagonal", "cubic", "pullConstant"] as const) own[name].set(c[name]);
        return;
      }
      for (const i of rows) {
        for (let q = own.start[i]!; q < own.start[i + 1]!; q++) own.coupling[q] = c.coupling[q]!;
        for (const name of ["pairing", "diagonal", "cubic", "pullConstant"] as const) own[name][i] = c[name][i]!;
      }
    },
    step: (from, h, sigma) => eulerStep(own, buffers[from], buffers[1 - from]!, h, sigma, noise, pulled),
  };
}

/**
 * Fills run `lane`'s entries of `out` (node i at i·runs + lane) with standard normals from its own stream: node i's
 * at the stream's step t is the ziggurat's fast path (engine/fastrandom K8, W8) on word i mod 4 of Philox4x32-10
 * (engine/philox) at counter (⌊i/4⌋, t, 0, {@link AMBIENT_STREAM}) under the stream's key, and where that word misses
 * the fast path, the ziggurat finished from the node's own counter stream (engine/fastrandom counterMissNormal at
 * (i, t, 1 + ⌊p/4⌋, {@link AMBIENT_STREAM})). So a node's normal is a pure function of the key, the step and the node,
 * nothing carried between calls but the step: the same numbers in any lane, in the SIMD module's ambientLaneNormals
 * (kernels/simd/ambient-wat, bit for bit) and on any thread.
 */
function laneNormals(stream: AmbientStream, out: Float64Array, lane: number, n: number, runs: number): void {
  const { key0, key1, step } = stream;
  const { K8, W8 } = ZIGGURAT_FAST;
  const w = new Uint32Array(4);
  for (let i = 0; i < n; i++) {
    if ((i & 3) === 0) philoxInto(w, i >>> 2, step, 0, AMBIENT_STREAM, key0, key1);
    const r = w[i & 3]! | 0;
    const j = r & 255;
    const m = r >>> 8;
    out[lane + i * runs] = m < K8[j]! ? m * W8[j]! : counterMissNormal(key0, key1, i, step, AMBIENT_STREAM, r);
  }
  stream.step = (step + 1) >>> 0;
}

/**
 * One Euler–Maruyama step of every node and run, from `x` into `next`. `noise` holds the step's normals in the
 * order of the entries (node by node, run by run), as a draw per entry in that order would give them. One loop per
 * run count (1, 2, any), each in a function of its own with its arrays in parameters (in closure-captured variables,
 * or with the run count a variable, the same loop ran slower); every one forms the same numbers in the same order.
 */
function eulerStep(
  lattice: AmbientLattice,
  x: Float64Array,
  next: Float64Array,
  h: number,
  sigma: number,
  noise: Float64Array,
  pulled: Float64Array,
): void {
  if (lattice.runs === 1) stepOneRun(lattice, x, next, h, sigma, noise);
  else if (lattice.runs === 2) stepTwoRuns(lattice, x, next, h, sigma, noise);
  else stepRuns(lattice, x, next, h, sigma, noise, pulled);
}

/** {@link eulerStep} for one run (a large network): no per-run buffer. */
function stepOneRun(lattice: AmbientLattice, x: Float64Array, next: Float64Array, h: number, sigma: number, noise: Float64Array): void {
  const { n, start, col, coupling, unit, pairing: p, diagonal, cubic, pullConstant } = lattice;
  for (let i = 0; i < n; i++) {
    const a = start[i]!,
      b = start[i + 1]!,
      pairing = p[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    let sum = 0;
    if (unit) for (let q = a; q < b; q++) sum += x[col[q]!]!;
    else for (let q = a; q < b; q++) sum += coupling[q]! * x[col[q]!]!;
    const v = x[i]!;
    next[i] = v - h * (d * v + c3 * v * v * v - pairing * sum - p0) + (sigma > 0 ? sigma * noise[i]! : 0);
  }
}

/** {@link eulerStep} for two runs (the scale study's 10⁵ nodes): the two sums in locals. */
function stepTwoRuns(lattice: AmbientLattice, x: Float64Array, next: Float64Array, h: number, sigma: number, noise: Float64Array): void {
  const { n, start, col, coupling, unit, pairing: p, diagonal, cubic, pullConstant } = lattice;
  for (let i = 0; i < n; i++) {
    const a = start[i]!,
      b = start[i + 1]!,
      pairing = p[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    let sum0 = 0,
      sum1 = 0;
    if (unit)
      for (let q = a; q < b; q++) {
        const other = 2 * col[q]!;
        sum0 += x[other]!;
        sum1 += x[other + 1]!;
      }
    else
      for (let q = a; q < b; q++) {
        const other = 2 * col[q]!,
          c = coupling[q]!;
        sum0 += c * x[other]!;
        sum1 += c * x[other + 1]!;
      }
    const k = 2 * i,
      v0 = x[k]!,
      v1 = x[k + 1]!;
    next[k] = v0 - h * (d * v0 + c3 * v0 * v0 * v0 - pairing * sum0 - p0) + (sigma > 0 ? sigma * noise[k]! : 0);
    next[k + 1] = v1 - h * (d * v1 + c3 * v1 * v1 * v1 - pairing * sum1 - p0) + (sigma > 0 ? sigma * noise[k + 1]! : 0);
  }
}

/** {@link eulerStep} for any number of runs: Σ_j J_ij w_j ψ_j per run in `pulled`. */
function stepRuns(
  lattice: AmbientLattice,
  x: Float64Array,
  next: Float64Array,
  h: number,
  sigma: number,
  noise: Float64Array,
  pulled: Float64Array,
): void {
  const { n, runs, start, col, coupling, unit, pairing: p, diagonal, cubic, pullConstant } = lattice;
  for (let i = 0; i < n; i++) {
    const row = i * runs,
      a = start[i]!,
      b = start[i + 1]!,
      pairing = p[i]!,
      d = diagonal[i]!,
      c3 = cubic[i]!,
      p0 = pullConstant[i]!;
    for (let r = 0; r < runs; r++) pulled[r] = 0; // not fill(): a call per node costs more than the loop at few runs
    if (unit)
      for (let q = a; q < b; q++) {
        const other = col[q]! * runs;
        for (let r = 0; r < runs; r++) pulled[r]! += x[other + r]!;
      }
    else
      for (let q = a; q < b; q++) {
        const other = col[q]! * runs,
          c = coupling[q]!;
        for (let r = 0; r < runs; r++) pulled[r]! += c * x[other + r]!;
      }
    for (let r = 0; r < runs; r++) {
      const v = x[row + r]!;
      const gradient = d * v + c3 * v * v * v - pairing * pulled[r]! - p0;
      next[row + r] = v - h * gradient + (sigma > 0 ? sigma * noise[row + r]! : 0);
    }
  }
}
