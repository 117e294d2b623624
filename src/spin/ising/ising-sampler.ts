/**
 * Colour-parallel single-spin-flip Metropolis for the Ising model (Metropolis et al. 1953), on tensors.
 *
 * One sweep visits each colour class c of a proper colouring in turn and, for every spin i in c at once, proposes
 * s_i → −s_i, accepted with probability min(1, e^{−β ΔH_i}), ΔH_i = 2 s_i h_i, h_i = Σ_j J_ij s_j. Spins of one
 * class share no bond, so their ΔH_i are exact simultaneously: each class update is a product of independent
 * single-site Metropolis kernels, each of which satisfies detailed balance, and the sweep (their composition)
 * leaves the Boltzmann law invariant. On the even square lattice the classes are the checkerboard.
 *
 * The sampler has the one face of every sampler in `dynamics/` (dynamics/types, BlackJAX's lesson): `{ init, step }`,
 * with `step(state, key, overrides) → [state, info]` over R replicas (`chains` = R: the R columns of the [N, R] spin
 * tensor, the state's position, each an independent chain with its own temperature). `runIsing(sampler, start,
 * options, key)` (ising-run) runs it through its own front end of the one run loop (`runLoop`), which starts from a
 * lattice state ("cold", "hot" or spins) and returns the per-temperature estimators below. It takes one of two
 * paths, chosen once:
 * - "fused" (the default on the even periodic lattice, J = 1, no field): one call of the fused checkerboard kernel
 *   for all replicas (`isingSweepsReplicas`, ops/ising-sweep), which also counts H and M on its int8
 *   lattices, so a sweep with its observables costs no tensor op. Replica k of the step under key K draws exactly
 *   the random streams of `isingSweeps` under key fold(K, k). This is the code `emtd ising`, notebook 03 and
 *   `emtd bench ising` run.
 * - "tensor" (any graph, an external field, couplings J ≠ 1, odd lattices): colour masks over the [N, R] tensor;
 *   colour c of the step under key K draws uniform(split(K, colours)[c], [N, R]).
 * The two paths sample the same law with different random numbers (tested statistically against each other and
 * against exact results). One seed fixes the trajectory on a backend.
 *
 * Its run front end, which keeps the estimators, is ising-run.ts; the types the two share are ising-types.ts.
 */
import * as tf from "@tensorflow/tfjs";
import { checkKey, type Key, split, uniform } from "../../engine/random";
import { isingSweepSteps, isingSweepsReplicas, isingSweepsReplicasDeferred } from "../../ops/ising-sweep";
import { ArgumentError, check } from "../../errors";
import { metropolisAcceptTensor } from "../../dynamics/acceptance";
import { type IsingSystem } from "./ising-system";
import type { IsingSampler, IsingSamplerOptions, IsingState, IsingStepOverrides, SweepStatistics } from "./ising-types";
export type {
  Estimate,
  IsingCheckpoint,
  IsingRunOptions,
  IsingRunResult,
  IsingRunSettings,
  IsingSampler,
  IsingSamplerOptions,
  IsingState,
  IsingStepOverrides,
  IsingTemperatureResult,
  SweepStatistics,
} from "./ising-types";

const WHERE = "emtd/ising/sampler";

/**
 * A colour-parallel Metropolis sampler on `system` with `options.replicas` replicas (default 1) per entry of
 * `temperatures`. The reported energy is H = −Σ_⟨ij⟩ J_ij s_i s_j − Σ_i b_i s_i. Step it by hand, or run it with `runIsing` from
 * a lattice state for the estimators of ising-run.ts.
 *
 * @example
 * ```ts
 * const sampler = isingSampler(isingLattice(64), [2.0, 2.5]);
 * let state = sampler.init("cold", key(1));
 * let info;
 * for (let t = 0; t < 100; t++) [state, info] = sampler.step(state, fold(key(2), t));
 * info.energy; // H of each replica after the last sweep
 * disposeState(state);
 * const r = runIsing(sampler, "cold", { steps: 200, burnIn: 50 }, key(3)); // per-temperature estimators
 * r.results.map((t) => t.temperature); // → [2, 2.5]
 * sampler.dispose();
 * ```
 */
export function isingSampler(system: IsingSystem, temperatures: readonly number[], options: IsingSamplerOptions = {}): IsingSampler {
  if (temperatures.length === 0) throw new ArgumentError(WHERE, "temperatures", "at least one temperature", temperatures);
  const perTemperature = check.integer(WHERE, "replicas", options.replicas ?? 1, 1, 1 << 16);
  if (perTemperature > 1) temperatures = temperatures.flatMap((t) => Array<number>(perTemperature).fill(t));
  temperatures.forEach((t) => check.boltzmannTemperature(WHERE, "temperature", t));
  const n = system.n;
  const replicas = temperatures.length;
  const field = options.field ? Float32Array.from(options.field) : null;
  if (field && field.length !== n) throw new ArgumentError(WHERE, "field", `${n} numbers (one per node)`, field.length);
  if (field && !field.every(Number.isFinite)) throw new ArgumentError(WHERE, "field", "finite numbers", "a non-finite entry");
  const requested = check.oneOf(WHERE, "path", options.path ?? "auto", ["auto", "fused", "tensor"] as const);
  // The kernel's lattice: even L, periodic, J = 1 (the roll-based system has no graph object), no field.
  const latticeApplies = system.size !== null && system.size % 2 === 0 && system.graph === null && field === null;
  if (requested === "fused" && !latticeApplies) {
    throw new ArgumentError(
      WHERE,
      "path",
      '"fused" only on an even periodic lattice (isingLattice(L), L even) without a field',
      system.label,
    );
  }
  const path = requested === "tensor" || !latticeApplies ? "tensor" : "fused";
  const temperaturesOf = (overrides?: IsingStepOverrides): readonly number[] => {
    const t = overrides?.temperature;
    if (t === undefined) return temperatures;
    if (typeof t === "number") return Array<number>(replicas).fill(check.positive(WHERE, "temperature", t));
    if (t.length !== replicas) throw new ArgumentError(WHERE, "temperature", `a number or ${replicas} numbers (one per replica)`, t.length);
    return t.map((x) => check.positive(WHERE, "temperature", x));
  };
  const checkState = (state: IsingState) => {
    const s = state.position;
    if (s.rank !== 2 || s.shape[0] !== n || s.shape[1] !== replicas) {
      throw new ArgumentError(WHERE, "state.spins", `a tensor of shape [${n}, ${replicas}]`, s.shape);
    }
  };
  let constants: { masks: tf.Tensor2D[]; field: tf.Tensor2D | null } | null = null;
  const constantsOf = () => {
    // Kept so that they survive a caller's tidy; freed by dispose().
    constants ??= {
      masks: system.colours.map((members) => {
        const m = new Float32Array(n);
        for (const i of members) m[i] = 1;
        return tf.keep(tf.tensor2d(m, [n, 1]));
      }),
      field: field ? tf.keep(tf.tensor2d(field, [n, 1])) : null,
    };
    return constants;
  };

  const sweepInfo = (energies: Float64Array, magnetization: Float64Array, flips: Float64Array): SweepStatistics => ({
    energy: energies.reduce((a, b) => a + b, 0),
    energies,
    magnetization,
    flips,
    accepted: flips,
    acceptance: flips.reduce((a, b) => a + b, 0) / (n * replicas),
    acceptanceProbability: Number.NaN,
  });

  /**
   * The infos of `sweeps` sweeps whose numbers are still on the device (StepOverrides `deferRead`): NaN, each with its
   * `pending` read, which gives the sweep's complete info from `stats` read (`at(values, t, k, j)`: sweep t's j-th count
   * of replica k: flips, H, M), the one read the sweeps share.
   */
  const pendingInfos = (
    stats: tf.Tensor,
    sweeps: number,
    at: (values: ArrayLike<number>, t: number, k: number, j: number) => number,
  ): SweepStatistics[] => {
    const nan = () => new Float64Array(replicas).fill(Number.NaN);
    const read = (values: ArrayLike<number>, t: number): SweepStatistics => {
      const [flips, energies, magnetization] = [0, 1, 2].map((j) => Float64Array.from({ length: replicas }, (_, k) => at(values, t, k, j)));
      return sweepInfo(energies!, magnetization!, flips!);
    };
    return Array.from({ length: sweeps }, (_, t) => ({
      ...sweepInfo(nan(), nan(), nan()),
      pending: { values: stats, read: (values: Float32Array | Int32Array) => read(values, t) },
    }));
  };

  /**
   * Sweeps t = 0 … K − 1 of the lattices under keys[t] at temps[t] by the fused sweeps with per-sweep counts
   * (`EmtdIsingSteps`, webgpu), which consume `spins`; their counts read now unless `defer`. Null, `spins` left as they
   * are, where that kernel is not registered. One sweep of a call is one sweep of any other: K = 1 or 64, the same
   * numbers.
   */
  const deviceSweeps = (
    spins: tf.Tensor2D,
    keys: readonly Key[],
    temps: ReadonlyArray<readonly number[]>,
    defer: boolean,
  ): [tf.Tensor2D, SweepStatistics[]] | null => {
    const out = isingSweepSteps(
      spins,
      system.size!,
      keys.map((key, t) => ({ key, betas: temps[t]!.map((x) => 1 / x) })),
    );
    if (out === null) return null;
    spins.dispose();
    // counts int32 [K, R, 3]: sweep t's flips, H and M of replica k at 3(tR + k) … 3(tR + k) + 2.
    const infos = pendingInfos(out.counts, keys.length, (v, t, k, j) => v[3 * (t * replicas + k) + j]!);
    if (!defer) {
      const values = out.counts.dataSync() as Int32Array;
      out.counts.dispose();
      return [out.spins, infos.map((info) => info.pending!.read(values) as SweepStatistics)];
    }
    return [out.spins, infos];
  };

  const fusedStep = (spins: tf.Tensor2D, key: Key, temps: readonly number[], defer: boolean): [tf.Tensor2D, SweepStatistics] => {
    const onDevice = deviceSweeps(spins, [key], [temps], defer);
    if (onDevice !== null) return [onDevice[0], onDevice[1][0]!];
    const L = system.size!;
    // A reshape shares the tensor's data, so the kernel finds the int8 lattices it left behind last sweep.
    const lattices = tf.reshape(spins, [L, L, replicas]) as tf.Tensor3D;
    const betas = { betas: temps.map((t) => 1 / t) };
    const out = defer ? isingSweepsReplicasDeferred(lattices, betas, key) : isingSweepsReplicas(lattices, betas, key);
    tf.dispose([lattices, spins]);
    const next = tf.reshape(out.spins, [n, replicas]) as tf.Tensor2D;
    out.spins.dispose();
    // stats int32 [R·3]: flips, H and M of replica k at 3k … 3k + 2.
    if ("stats" in out) return [next, pendingInfos(out.stats, 1, (v, _t, k, j) => v[3 * k + j]!)[0]!];
    const flips = Float64Array.from(out.flips);
    return [next, sweepInfo(Float64Array.from(out.energy), Float64Array.from(out.magnetization), flips)];
  };

  const tensorStep = (spins: tf.Tensor2D, key: Key, temps: readonly number[], defer: boolean): [tf.Tensor2D, SweepStatistics] => {
    const { masks, field: b } = constantsOf();
    const local = (x: tf.Tensor2D) => (b ? tf.add(system.localField(x), b) : system.localField(x));
    const keys = split(key, masks.length);
    const out = tf.tidy(() => {
      const temperature = tf.tensor2d(temps as number[], [1, replicas]);
      let s: tf.Tensor2D = spins;
      let flips: tf.Tensor = tf.zeros([replicas]);
      masks.forEach((mask, c) => {
        const h = local(s);
        // The cost of s → −s is ΔH = 2 s h.
        const cost = tf.mul(tf.mul(s, h), 2);
        const accept = tf.mul(tf.cast(metropolisAcceptTensor(cost, temperature, uniform(keys[c]!, [n, replicas])), "float32"), mask);
        s = tf.mul(s, tf.sub(1, tf.mul(accept, 2))) as tf.Tensor2D;
        flips = tf.add(flips, tf.sum(accept, 0));
      });
      let energy = tf.mul(tf.sum(tf.mul(s, system.localField(s)), 0), -0.5);
      if (b) energy = tf.sub(energy, tf.sum(tf.mul(s, b), 0));
      return { s, stats: tf.stack([energy, tf.sum(s, 0), flips]) };
    });
    spins.dispose();
    // stats [3, R]: H, M and flips per replica.
    if (defer) return [out.s, pendingInfos(out.stats, 1, (v, _t, k, j) => v[[2, 0, 1][j]! * replicas + k]!)[0]!];
    const values = out.stats.dataSync() as Float32Array;
    out.stats.dispose();
    const flips = Float64Array.from(values.subarray(2 * replicas, 3 * replicas));
    return [
      out.s,
      sweepInfo(Float64Array.from(values.subarray(0, replicas)), Float64Array.from(values.subarray(replicas, 2 * replicas)), flips),
    ];
  };

  const sampler: IsingSampler = {
    name: "ising",
    chains: replicas,
    temperature: temperatures[0]!,
    stepSize: Number.NaN,
    targetAcceptance: null,
    system,
    temperatures,
    replicas: perTemperature,
    path,
    init(start: tf.Tensor2D | "cold" | "hot", key?: Key) {
      if (start instanceof tf.Tensor) {
        checkState({ position: start });
        return { position: start.clone() };
      }
      check.oneOf(WHERE, "start", start, ["cold", "hot"] as const);
      if (start === "cold") return { position: tf.ones([n, replicas]) };
      const drawn = checkKey(WHERE, "key", key);
      return {
        position: tf.tidy(() => tf.sub(tf.mul(tf.cast(tf.less(uniform(drawn, [n, replicas]), 0.5), "float32"), 2), 1) as tf.Tensor2D),
      };
    },
    step(state, key, overrides) {
      checkState(state);
      const temps = temperaturesOf(overrides);
      // deferRead: the counts stay on the device for the run loop to read with other sweeps' (dynamics/loop).
      const defer = overrides?.deferRead === true;
      const [spins, info] = (path === "fused" ? fusedStep : tensorStep)(state.position, key, temps, defer);
      return [{ position: spins }, info];
    },
    steps(state, keys, overrides) {
      // The fused sweeps with per-sweep counts (webgpu): the K sweeps between two read points in one call.
      if (path !== "fused") return null;
      checkState(state);
      const temps = keys.map((_, t) => temperaturesOf(overrides[t]));
      const taken = deviceSweeps(state.position, keys, temps, true);
      return taken === null ? null : [{ position: taken[0] }, taken[1]];
    },
    dispose() {
      if (constants) tf.dispose([...constants.masks, ...(constants.field ? [constants.field] : [])]);
      constants = null;
    },
  };
  return sampler;
}
