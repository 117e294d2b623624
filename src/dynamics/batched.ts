/**
 * R independent chains in one tensor. The field of chain r is the column block r of X [N, R·d] (columns
 * r·d … r·d + d − 1), so the fused kernels (the interaction's L·X and the noisy-descent proposal) advance every
 * chain in one call: the cost of a step is a fixed number of tensor ops whatever R is, which is what makes many
 * small chains cheap (per-op overhead dominates small problems).
 *
 * The energy must be a sum over chains, H(X) = Σ_r H(X_r), with the per-chain values available
 * ({@link ChainEnergy}); {@link interactionChains} gives it for the interaction term, where
 * H_r = J Σ_i x_{r,i}·(L x_r)_i = ½ Σ over block r of X ⊙ ∇H.
 *
 * Here are the batched steps of ULA and MALA ({@link chainUlaSteps}, {@link chainMalaSteps}); dynamics/gradient's
 * `ula` and `mala` build the one face around them when their energy is a {@link ChainEnergy}, with `chains` = R and
 * per-chain info. MALA's accept/reject is the library's one rule (dynamics/acceptance) applied per chain. `run`
 * runs them (dynamics/chain-run: per-chain and pooled estimates).
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, split, uniform } from "../engine/random";
import { interactionEnergyAndGradient } from "../ops/interaction";
import { type DeviceChainMalaStep, readDeviceStep } from "../ops/mala-correction";
import { noisyDescent } from "../ops/noisy-descent";
import type { StepStats } from "../ops/langevin-update";
import { chainAsymmetry, fusedChainMalaStep, fusedUlaSteps, recogniseInteraction } from "../ops/term-steps";
import { pendingSteps } from "./fused-steps";
import { ArgumentError, check } from "../errors";
import type { Graph } from "../graph/graph";
import { metropolisAccepts, metropolisAcceptTensor, metropolisProbability, metropolisProbabilityTensor } from "./acceptance";
import { disposeState, type Sampler, type StepInfo } from "./types";

const WHERE = "emtd/dynamics/chains";

/** A sum of R per-chain energies over X [N, R·d]. */
export interface ChainEnergy {
  readonly chains: number;
  readonly name: string;
  /** Per-chain energies [R] and ∇ Σ_r H(X_r) [N, R·d]. Caller disposes both. */
  evaluate(x: tf.Tensor2D): { energies: tf.Tensor1D; gradient: tf.Tensor2D };
  /**
   * Per-chain energies [R] in float64 from X and the gradient `evaluate` gave at X (row-major [N, R·d] values), where
   * the energy can form them so: MALA's ratio reads them on large fields, where a float32 energy is coarse (at
   * H ≈ 10⁶ its spacing is 0.125; see dynamics/gradient's single-chain MALA).
   */
  preciseEnergies?(x: Float32Array, gradient: Float32Array): Float64Array;
}

/**
 * Whether `energy` is a {@link ChainEnergy} (per-chain energies of R chains side by side) rather than a one-field
 * term: how `ula` and `mala` choose their state.
 */
export function isChainEnergy(energy: object): energy is ChainEnergy {
  const e = energy as Partial<ChainEnergy>;
  return typeof e.evaluate === "function" && typeof e.chains === "number";
}

/**
 * Per-chain sums of an [N, R·d] tensor over nodes and channels: [R]. The node sum is a [1, N]·[N, R·d] product
 * (reducing a leading axis would make tfjs transpose the whole tensor first).
 */
function chainSums(x: tf.Tensor2D, chains: number): tf.Tensor1D {
  const [n, width] = x.shape;
  return tf.sum(tf.reshape(tf.matMul(tf.ones([1, n]), x), [chains, width / chains]), 1) as tf.Tensor1D;
}

/**
 * Per chain, a where accepted, b elsewhere ([N, R·d]), exactly. With every value finite, a·m + b·(1 − m) for a 0/1
 * column mask m is exact and a few broadcast products (tfjs's `where` with a broadcast mask costs ≈20× more here);
 * otherwise `where`, so that a rejected non-finite proposal cannot leak through 0·∞.
 */
function selectChains(accepted: ArrayLike<number>, a: tf.Tensor2D, b: tf.Tensor2D, finite: boolean): tf.Tensor2D {
  const [n, width] = a.shape;
  const R = accepted.length;
  const d = width / R;
  const m = new Float32Array(width);
  for (let r = 0; r < R; r++) m.fill(accepted[r]! ? 1 : 0, r * d, (r + 1) * d);
  return tf.tidy(() => {
    if (finite) {
      const mask = tf.tensor2d(m, [1, width]);
      return tf.add(tf.mul(a, mask), tf.mul(b, tf.sub(1, mask))) as tf.Tensor2D;
    }
    const mask = tf.cast(tf.tile(tf.tensor2d(m, [1, width]), [n, 1]), "bool");
    return tf.where(mask, a, b) as tf.Tensor2D;
  });
}

/**
 * The interaction H = J Σ_⟨ij⟩ ‖x_i − x_j‖² of R chains on `graph`: one fused L·X pass for all of them.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const energy = interactionChains(graph, 4); // 4 chains of d = 2 channels: X is [10, 4 · 2]
 * const x = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, 0, 0, 0, 1, 1, 0, i])); // chain r in columns 2r, 2r + 1
 * const { energies, gradient } = energy.evaluate(x); // energies [R], gradient [N, R·d]; caller disposes both
 * await energies.data(); // → [90, 0, 0, 90] (nine steps of 1 and the wrap-around 9²; constant chains cost 0)
 * tf.dispose([x, energies, gradient]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function interactionChains(graph: Graph, chains: number, options: { coupling?: number } = {}): ChainEnergy {
  const R = check.integer(WHERE, "chains", chains, 1, 1 << 16);
  const coupling = check.finite(WHERE, "coupling", options.coupling ?? 1);
  const checkField = (x: tf.Tensor2D) => {
    if (x.rank !== 2 || x.shape[0] !== graph.n || x.shape[1] % R !== 0) {
      throw new ArgumentError(WHERE, "x", `a tensor of shape [${graph.n}, ${R}·d]`, x.shape);
    }
  };
  const energy: ChainEnergy = {
    chains: R,
    name: `interaction(${graph.label}) × ${R} chains`,
    evaluate(x) {
      checkField(x);
      return tf.tidy(() => {
        const { energy, gradient } = interactionEnergyAndGradient(x, graph, coupling);
        energy.dispose();
        // H_r = ½ Σ_block x ⊙ ∇H (H is quadratic: x·∇H = 2H), as the kernel computes the total.
        return { energies: tf.mul(chainSums(tf.mul(x, gradient) as tf.Tensor2D, R), 0.5) as tf.Tensor1D, gradient };
      });
    },
    // ½ Σ over block r of x·∇H in float64: what the interaction kernel sums for one field (its float64 energy, with
    // ∇H rounded to float32 first), chain by chain.
    preciseEnergies(x, gradient) {
      const d = x.length / graph.n / R;
      const out = new Float64Array(R);
      for (let row = 0; row < x.length; row += R * d) {
        for (let r = 0; r < R; r++) {
          let sum = out[r]!;
          for (let a = row + r * d, end = a + d; a < end; a++) sum += x[a]! * gradient[a]!;
          out[r] = sum;
        }
      }
      return out.map((v) => v / 2);
    },
  };
  // The samplers' steps of it take ops/' fused kernels (ops/term-steps: the multi-step ULA and MALA on webgpu).
  return recogniseInteraction(energy, { graph, coupling, chains: R, checkField });
}

/** The float64 per-chain energies of a large MALA state, by its position tensor (set where they were formed). */
const preciseChainEnergies = new WeakMap<tf.Tensor, Float64Array>();

export interface ChainState {
  /** X [N, R·d]. */
  readonly position: tf.Tensor2D;
  /** H(X_r) per chain, [R]; null at the start and after a fused step (ULA's, MALA's on the device: in its info). */
  readonly energies: tf.Tensor1D | null;
  /** ∇ Σ_r H(X_r), [N, R·d]; null at the start and after a fused step (the next fused step needs none; another makes it). */
  readonly gradient: tf.Tensor2D | null;
}

/** A batched step's info: the pooled scalars of every step (energy Σ_r H_r) and the per-chain arrays, [R]. */
export interface ChainStepInfo extends StepInfo {
  /** H per chain after the step. */
  energies: Float64Array;
  /** 1 where the chain's proposal was accepted (all 1 for ULA). */
  accepted: Float64Array;
  /** min(1, α) per chain (1 for ULA); their mean is `acceptanceProbability`. */
  acceptanceProbabilities: Float64Array;
}

/**
 * A sampler of R chains side by side ([N, R·d]): the one face (dynamics/types) with a {@link ChainState}, `batched`
 * (the state keeps per-chain energies, so `run` reports per chain even for R = 1).
 */
export type ChainIntegrator = Sampler<ChainState, ChainStepInfo>;

/** A chain state with its energies and gradient (what MALA reads). */
type EvaluatedState = ChainState & { energies: tf.Tensor1D; gradient: tf.Tensor2D };

function evaluateState(energy: ChainEnergy, position: tf.Tensor2D): EvaluatedState {
  const { energies, gradient } = energy.evaluate(position);
  return { position, energies, gradient };
}

/** `state` with its energies and gradient, made where a fused step left them out (the state is consumed). */
function evaluated(energy: ChainEnergy, state: ChainState): EvaluatedState {
  if (state.energies !== null && state.gradient !== null) return state as EvaluatedState;
  state.energies?.dispose();
  state.gradient?.dispose();
  return evaluateState(energy, state.position);
}

/** The info of a batched step from its per-chain numbers (the pooled scalars as the run loop reads them). */
function chainInfo(energies: Float64Array, accepted: Float64Array, acceptanceProbabilities: Float64Array): ChainStepInfo {
  const R = energies.length;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return {
    energy: sum(energies),
    acceptance: sum(accepted) / R,
    // The mean over chains, as one chain's probability in `run` (a sum in chain order, then / R).
    acceptanceProbability: sum(acceptanceProbabilities) / R,
    energies,
    accepted,
    acceptanceProbabilities,
  };
}

/** The init and step of a batched sampler, for `gradientSampler` (dynamics/gradient) to build the face around. */
export interface ChainSteps {
  init(position: tf.Tensor2D): ChainState;
  /** `defer`: StepOverrides `deferRead` (left on the device by a step without accept/reject; ignored by MALA). */
  step(state: ChainState, parameters: { h: number; temperature: number; defer: boolean }, key: Key): [ChainState, ChainStepInfo];
  /** Several steps in one call (fused ULA), or null where the energy has no multi-step kernel. */
  steps?(
    state: ChainState,
    parameters: ReadonlyArray<{ h: number; temperature: number }>,
    keys: readonly Key[],
  ): [ChainState, ChainStepInfo[]] | null;
}

/**
 * Unadjusted Langevin for R chains: X' = X − h∇H + √(2hT) ξ in one fused noisy-descent call. `ula(energy, …)` with
 * a {@link ChainEnergy} is the sampler.
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const chains = ula(interactionChains(graph, 16), { step: 0.01, temperature: 1 });
 * const x0 = tf.zeros([graph.n, 16 * 2]) as tf.Tensor2D; // 16 chains of d = 2 channels side by side
 * let state = chains.init(x0); // copies x0
 * x0.dispose();
 * let info;
 * [state, info] = chains.step(state, key(1)); // consumes the old state
 * state.position.shape; // → [10, 32]
 * info.energies[0]; // → 0.928 (chain 0's H after one step from consensus; ULA accepts every step)
 * disposeState(state);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function chainUlaSteps(energy: ChainEnergy): ChainSteps {
  const R = energy.chains;
  return {
    // Nothing evaluated at the start: the fused steps need neither H nor ∇H (nor a pass over a field in blocks); the
    // first step of another path evaluates ∇H where it needs it, the same numbers.
    init: (position) => ({ position, energies: null, gradient: null }),
    steps: (state, parameters, keys) => fusedChainUla(energy, state, parameters, keys, true),
    step(state, { h, temperature, defer }, key) {
      // ops/' multi-step kernel, one step (the interaction on webgpu: the chains' H in the same pass).
      const steps = fusedChainUla(energy, state, [{ h, temperature }], [key], defer);
      if (steps !== null) return [steps[0], steps[1][0]!];
      const fresh = state.gradient === null ? energy.evaluate(state.position) : null;
      const y = noisyDescent(state.position, state.gradient ?? fresh!.gradient, h, temperature, key);
      if (fresh !== null) tf.dispose([fresh.energies, fresh.gradient]);
      disposeState(state);
      const next = evaluateState(energy, y);
      const ones = new Float64Array(R).fill(1);
      if (!defer) return [next, chainInfo(Float64Array.from(next.energies.dataSync()), ones, ones.slice())];
      // The energies stay on the device (a handle of their own: the next step frees the state's); the run loop
      // reads them later and completes the info, pooled as chainInfo pools them.
      const info = chainInfo(new Float64Array(R).fill(Number.NaN), ones, ones.slice());
      info.pending = {
        values: next.energies.clone(),
        complete(values) {
          info.energies.set(values);
          info.energy = chainInfo(info.energies, ones, ones).energy;
        },
      };
      return [next, info];
    },
  };
}

/** Chain r's H from a step's per-column energies: the sum over its d columns. */
function chainEnergies(stats: StepStats, R: number): Float64Array {
  const d = stats.columnEnergies.length / R;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) for (let c = r * d; c < (r + 1) * d; c++) out[r]! += stats.columnEnergies[c]!;
  return out;
}

/**
 * ULA steps of every chain through ops/' multi-step kernel for the energy (ops/term-steps), or null where it has none; each
 * step's per-chain energies and mean fields completed from one read of the steps' sums (dynamics/fused-steps).
 */
function fusedChainUla(
  energy: ChainEnergy,
  state: ChainState,
  parameters: ReadonlyArray<{ h: number; temperature: number }>,
  keys: readonly Key[],
  defer: boolean,
): [ChainState, ChainStepInfo[]] | null {
  const fused = fusedUlaSteps(
    energy,
    state.position,
    parameters.map(({ h, temperature }, k) => ({ step: h, temperature, key: keys[k]! })),
  );
  if (!fused) return null;
  const columns = state.position.shape[1];
  disposeState(state);
  const R = energy.chains;
  const ones = new Float64Array(R).fill(1);
  // The mean fields too are formed by the step (NaN until read): dynamics/diagnosed takes them from here.
  const infos = parameters.map(() => ({
    ...chainInfo(new Float64Array(R).fill(Number.NaN), ones, ones.slice()),
    columnMeans: new Float64Array(columns).fill(Number.NaN),
  }));
  pendingSteps(
    fused,
    infos,
    (stats) =>
      stats.forEach((s, k) => {
        const info = infos[k]!;
        info.energies.set(chainEnergies(s, R));
        info.energy = chainInfo(info.energies, ones, ones).energy;
        info.columnMeans = s.columnMeans;
      }),
    defer,
  );
  return [{ position: fused.position, energies: null, gradient: null }, infos];
}

/**
 * {@link chainMalaSteps}' step where ops/ forms the asymmetry in float64 (large fields; ops/term-steps
 * `chainAsymmetry`), with the cost of each chain from float64 quantities: the per-chain energies in float64
 * (`preciseEnergies`: for the interaction ½ Σ x·∇H, the sum its kernel forms for one field) and the proposal
 * asymmetry in one float64 pass of the per-entry difference, from one read of X, Y and their gradients. In float32 (the path below that size) both
 * are differences of sums of ≈ 10⁶ terms whose rounding is of the order of the difference: the fault single-chain
 * MALA had (CHANGELOG). The decisions are the library's scalar rule on the same uniforms.
 */
function preciseStep(
  energy: Required<ChainEnergy>,
  asymmetryOf: (x: Float32Array, y: Float32Array, gx: Float32Array, gy: Float32Array, h: number) => Float64Array,
  tensors: { x: tf.Tensor2D; gx: tf.Tensor2D; ex: tf.Tensor1D; y: tf.Tensor2D; gy: tf.Tensor2D; ey: tf.Tensor1D },
  h: number,
  temperature: number,
  acceptKey: Key,
): [ChainState, ChainStepInfo] {
  const { x, gx, y, gy } = tensors;
  const R = energy.chains;
  const [xv, yv, gxv, gyv] = [x, y, gx, gy].map((v) => v.dataSync() as Float32Array) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const energyX = preciseChainEnergies.get(x) ?? energy.preciseEnergies(xv, gxv);
  const energyY = energy.preciseEnergies(yv, gyv);
  const asymmetry = asymmetryOf(xv, yv, gxv, gyv, h);
  const u = uniform(acceptKey, [R]);
  const uniforms = u.dataSync();
  u.dispose();
  const decision = decide(energyX, energyY, asymmetry, uniforms, h, temperature);
  const next = decided(tensors, decision, energyY.every(Number.isFinite));
  preciseChainEnergies.set(next.position, decision.energies);
  return [next, chainInfo(decision.energies, decision.accepted, decision.probabilities)];
}

/** Per chain, the library's scalar rule on Δ_r = ΔH_r + asymmetry_r/(4h) (−T log α; NaN rejects) and the kept H. */
function decide(
  energyX: ArrayLike<number>,
  energyY: ArrayLike<number>,
  asymmetry: ArrayLike<number>,
  uniforms: ArrayLike<number>,
  h: number,
  temperature: number,
): { accepted: Float64Array; probabilities: Float64Array; energies: Float64Array } {
  const R = energyX.length;
  const [accepted, probabilities, energies] = [new Float64Array(R), new Float64Array(R), new Float64Array(R)];
  for (let r = 0; r < R; r++) {
    const cost = energyY[r]! - energyX[r]! + asymmetry[r]! / (4 * h);
    accepted[r] = metropolisAccepts(cost, temperature, uniforms[r]!) ? 1 : 0;
    probabilities[r] = metropolisProbability(cost, temperature);
    energies[r] = accepted[r] ? energyY[r]! : energyX[r]!;
  }
  return { accepted, probabilities, energies };
}

/**
 * The chains' next state: Y and ∇H(Y) where accepted, X and ∇H(X) elsewhere, with the kept energies; consumes the
 * step's six tensors. `finite`: every H(Y) finite (then Y and ∇H(Y) are, H being a sum of their products), so the
 * exact arithmetic select applies.
 */
function decided(
  tensors: { x: tf.Tensor2D; gx: tf.Tensor2D; ex: tf.Tensor1D; y: tf.Tensor2D; gy: tf.Tensor2D; ey: tf.Tensor1D },
  decision: { accepted: Float64Array; energies: Float64Array },
  finite: boolean,
): ChainState {
  const { x, gx, ex, y, gy, ey } = tensors;
  const next: ChainState = {
    position: selectChains(decision.accepted, y, x, finite),
    gradient: selectChains(decision.accepted, gy, gx, finite),
    energies: tf.tensor1d(Float32Array.from(decision.energies)),
  };
  tf.dispose([x, gx, ex, y, gy, ey]);
  return next;
}

/**
 * {@link chainMalaSteps}' step on a large field where the backend sums the asymmetry per chain itself
 * (`EmtdChainMalaCorrections`, on webgpu): the fields stay on the device, and one read of [4R] numbers (H(X), H(Y),
 * the asymmetry, the uniforms) feeds the library's scalar rule. Float32 energies and sums (WGSL has no float64: the
 * kernel's comment states its bound), where the CPU path forms them in float64.
 */
function deviceStep(
  R: number,
  asymmetryOf: (x: tf.Tensor2D, y: tf.Tensor2D, gx: tf.Tensor2D, gy: tf.Tensor2D, h: number) => tf.Tensor1D,
  tensors: { x: tf.Tensor2D; gx: tf.Tensor2D; ex: tf.Tensor1D; y: tf.Tensor2D; gy: tf.Tensor2D; ey: tf.Tensor1D },
  h: number,
  temperature: number,
  acceptKey: Key,
): [ChainState, ChainStepInfo] {
  const { x, gx, ex, y, gy, ey } = tensors;
  const stats = tf.tidy(() => {
    const asymmetry = asymmetryOf(x, y, gx, gy, h);
    return tf.concat([ex, ey, asymmetry, uniform(acceptKey, [R])]);
  });
  const values = stats.dataSync();
  stats.dispose();
  const at = (k: number) => values.subarray(k * R, (k + 1) * R);
  const decision = decide(at(0), at(1), at(2), at(3), h, temperature);
  return [
    decided(tensors, decision, at(1).every(Number.isFinite)),
    chainInfo(decision.energies, decision.accepted, decision.probabilities),
  ];
}

/**
 * A MALA step of every chain taken whole by ops/ (ops/term-steps `fusedChainMalaStep`): its one read of the decisions and sums, and
 * the kept state (no energies or gradient: the next device step needs none; a host step evaluates them).
 */
function fusedChainResult(device: DeviceChainMalaStep, state: ChainState): [ChainState, ChainStepInfo] {
  const stats = readDeviceStep(device);
  disposeState(state);
  // The mean fields of the kept state, formed on the device (dynamics/diagnosed takes them from here).
  const info = { ...chainInfo(stats.energies, stats.accepted, stats.probabilities), columnMeans: stats.columnMeans };
  return [{ position: device.position, energies: null, gradient: null }, info];
}

/**
 * Metropolis-adjusted Langevin for R chains: the fused proposal for all chains at once, then per chain the cost
 * Δ_r = ΔH_r + (‖x − y + h∇H(y)‖²_r − ‖y − x + h∇H(x)‖²_r)/(4h) and the shared rule u_r < min(1, e^{−Δ_r/T}).
 * One synchronous read per step ([4R] numbers); where the energy has a fused MALA step (the interaction on webgpu),
 * the proposal, the costs and each chain's decision are formed on the device and the step reads 4R + 10·R·d numbers. `mala(energy, …)` with a {@link ChainEnergy} is the sampler (target
 * acceptance 0.574).
 *
 * @example
 * ```ts
 * const graph = ringGraph(10, 2);
 * const chains = mala(interactionChains(graph, 64), { step: 0.02, temperature: 1 });
 * const x0 = tf.zeros([graph.n, 64 * 2]) as tf.Tensor2D; // 64 chains of d = 2 channels
 * let state = chains.init(x0); // copies x0
 * x0.dispose();
 * let info;
 * [state, info] = chains.step(state, key(1)); // consumes the old state
 * info.accepted.reduce((a, b) => a + b, 0); // → 59 (of 64 chains accepted their proposal)
 * chains.targetAcceptance; // → 0.574
 * disposeState(state);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function chainMalaSteps(energy: ChainEnergy): ChainSteps {
  const R = energy.chains;
  return {
    // Nothing evaluated at the start: the device step needs neither H nor ∇H; the host's first step evaluates them
    // (`evaluated`), the same numbers as evaluating them here.
    init: (position) => ({ position, energies: null, gradient: null }),
    step(state, { h, temperature }, key) {
      // ops/' fused MALA step where it has one for the energy (the interaction on webgpu): the whole step there.
      const fused = fusedChainMalaStep(energy, state.position, h, temperature, key);
      if (fused !== null) return fusedChainResult(fused, state);
      const [noiseKey, acceptKey] = split(key, 2) as [Key, Key];
      const { position: x, gradient: gx, energies: ex } = evaluated(energy, state);
      const y = noisyDescent(x, gx, h, temperature, noiseKey);
      const { energies: ey, gradient: gy } = energy.evaluate(y);
      // Where ops/ forms the asymmetry itself (webgpu's per-chain kernel; a float64 pass on large fields elsewhere).
      const asymmetry = chainAsymmetry(x, R, energy.preciseEnergies !== undefined);
      if (asymmetry?.kind === "tensor") return deviceStep(R, asymmetry.asymmetry, { x, gx, ex, y, gy, ey }, h, temperature, acceptKey);
      if (asymmetry?.kind === "float64") {
        return preciseStep(energy as Required<ChainEnergy>, asymmetry.asymmetry, { x, gx, ex, y, gy, ey }, h, temperature, acceptKey);
      }
      const stats = tf.tidy(() => {
        // ‖y − x + h∇H(x)‖² and ‖x − y + h∇H(y)‖² = ‖(y − x) − h∇H(y)‖², sharing y − x.
        const step = tf.sub(y, x);
        const forward = chainSums(tf.square(tf.add(step, tf.mul(gx, h))) as tf.Tensor2D, R);
        const back = chainSums(tf.square(tf.sub(step, tf.mul(gy, h))) as tf.Tensor2D, R);
        const cost = tf.add(tf.sub(ey, ex), tf.div(tf.sub(back, forward), 4 * h));
        const accept = metropolisAcceptTensor(cost, temperature, uniform(acceptKey, [R]));
        const probability = metropolisProbabilityTensor(cost, temperature);
        return tf.concat([ex, ey, tf.cast(accept, "float32"), probability]);
      });
      const values = stats.dataSync();
      stats.dispose();
      const accepted = Float64Array.from(values.subarray(2 * R, 3 * R));
      const energies = new Float64Array(R);
      for (let r = 0; r < R; r++) energies[r] = accepted[r] ? values[R + r]! : values[r]!;
      const next = decided({ x, gx, ex, y, gy, ey }, { accepted, energies }, values.subarray(R, 2 * R).every(Number.isFinite));
      return [next, chainInfo(energies, accepted, Float64Array.from(values.subarray(3 * R, 4 * R)))];
    },
  };
}
