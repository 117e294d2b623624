/**
 * The gradient samplers' steps, each written once for a field with chains side by side: X [N, R·d], chain r in
 * columns r·d … r·d + d − 1, one field being R = 1 (hamiltonian/chain-energy `chainsOf`). An unadjusted step (ULA, gradient
 * flow, or a proposal of your own) moves every chain by its proposal and reports H per chain; MALA proposes for every
 * chain at once and accepts or rejects each by the library's one rule (dynamics/acceptance), on the host in float64,
 * with the chains' uniforms drawn in order from the accept key. How a step runs on a backend (the fused kernels of
 * the interaction, the float64 sums of large fields, the whole step on webgpu) is ops/' choice (ops/term-steps), not
 * a second step here. Every info is complete when the step returns; a deferred one says how to read its numbers.
 */
import * as tf from "@tensorflow/tfjs";
import { type Key, split, uniformSource } from "../engine/random";
import type { StepStats } from "../ops/langevin-update";
import { noisyDescent } from "../ops/noisy-descent";
import { fusedMalaStep, fusedUlaMove, fusedUlaSteps, malaAsymmetry, preciseEnergies, stepEnergies } from "../ops/term-steps";
import { selectChains } from "../ops/tensors";
import { metropolisAccepts, metropolisProbability } from "./acceptance";
import { type ChainEnergy, energiesAt, gradientAt } from "../hamiltonian/chain-energy";
import { chainInfo, type ChainStepInfo, disposeState, type SamplerState } from "./types";

/**
 * The state of a ULA step of a sum holding the interaction: with ∇ at X of the parts ops/' fused step does not take
 * (all but the interaction), formed with H in the step that made X and read by the next one (ops/term-steps
 * `fusedUlaMove`). Absent on every other state; freed with the state (disposeState frees every tensor of a state).
 */
type CarryingState = SamplerState & { readonly restGradient?: tf.Tensor2D };

/** One step's parameters after overrides: time step h, temperature T, and whether its read may wait (`deferRead`). */
export interface StepParameters {
  h: number;
  temperature: number;
  defer: boolean;
}

/** A sampler's init and step over chains, for `gradientSampler` (dynamics/gradient) to build the face around. */
export interface GradientSteps {
  init(position: tf.Tensor2D): SamplerState;
  step(state: SamplerState, parameters: StepParameters, key: Key): [SamplerState, ChainStepInfo];
  /** Several steps in one call (ops/' multi-step kernel), or null where it has none for the energy. */
  steps?(
    state: SamplerState,
    parameters: ReadonlyArray<{ h: number; temperature: number }>,
    keys: readonly Key[],
  ): [SamplerState, ChainStepInfo[]] | null;
}

/**
 * An unadjusted proposal: the next field from X [N, R·d], ∇H at X, h, T and the step's key. `at.gradient` evaluates
 * ∇H at another field (a predictor's; the caller disposes it). Returns a new tensor; consumes nothing.
 */
export type Proposal = (
  x: tf.Tensor2D,
  gradient: tf.Tensor2D,
  parameters: { h: number; temperature: number },
  at: { gradient(x: tf.Tensor2D): tf.Tensor2D },
  key: Key,
) => tf.Tensor2D;

/** H per chain of an evaluation at `x` as host numbers (float64 where ops/ has them; `withReads`: MALA's); consumes `energies`. */
function hostEnergies(
  energy: ChainEnergy,
  x: tf.Tensor2D,
  energies: tf.Tensor1D,
  gradient: tf.Tensor2D | null,
  withReads: boolean,
): Float64Array {
  const values = preciseEnergies(energy, x, energies, gradient, withReads) ?? Float64Array.from(energies.dataSync());
  energies.dispose();
  return values;
}

function evaluateState(energy: ChainEnergy, position: tf.Tensor2D, withReads: boolean): SamplerState {
  const { energies, gradient } = energy.evaluate(position);
  return { position, energies: hostEnergies(energy, position, energies, gradient, withReads), gradient };
}

/**
 * How a sampler's state starts: `evaluated`, H and ∇H at the start (one field: `run` checks that H is finite there);
 * `lazy`, neither (R chains: the fused and device steps need neither, nor a pass over a field the device takes in
 * blocks; the first step of another path evaluates them, the same numbers).
 */
export type Start = "evaluated" | "lazy";

const unread = (position: tf.Tensor2D): SamplerState => ({ position, energies: null, gradient: null });

const ones = (R: number) => new Float64Array(R).fill(1);

/**
 * An unadjusted step's state and info at the new field `position` from H per chain there (`energies`, consumed): read
 * now, or, where `defer` and ops/ holds no float64 value of it, left on the device with the info's `pending` read.
 */
function unadjusted(
  energy: ChainEnergy,
  position: tf.Tensor2D,
  energies: tf.Tensor1D,
  gradient: tf.Tensor2D | null,
  defer: boolean,
  restGradient?: tf.Tensor2D,
): [CarryingState, ChainStepInfo] {
  const R = energy.chains;
  // Only a sum's fused step carries ∇ of its other parts: every other state keeps the fields it had.
  const carried = restGradient ? { restGradient } : {};
  const precise = preciseEnergies(energy, position, energies, gradient, false);
  if (precise !== undefined || !defer) {
    const host = precise ?? Float64Array.from(energies.dataSync());
    energies.dispose();
    return [{ position, energies: host, gradient, ...carried }, chainInfo(host, ones(R), ones(R))];
  }
  const info: ChainStepInfo = {
    ...chainInfo(new Float64Array(R).fill(Number.NaN), ones(R), ones(R)),
    pending: { values: energies, read: (values) => chainInfo(Float64Array.from(values), ones(R), ones(R)) },
  };
  return [{ position, energies: null, gradient, ...carried }, info];
}

/**
 * Unadjusted steps taken by ops/' multi-step kernel for the energy (the interaction on webgpu), or null where it has
 * none: the field after them, each step's info complete from one read of the steps' sums (now, or by its `pending`
 * read, the steps' one tensor), with its consensus error and mean field. The state carries no gradient.
 */
function fusedSteps(
  energy: ChainEnergy,
  state: SamplerState,
  parameters: ReadonlyArray<{ h: number; temperature: number }>,
  keys: readonly Key[],
  defer: boolean,
): [SamplerState, ChainStepInfo[]] | null {
  const fused = fusedUlaSteps(
    energy,
    state.position,
    parameters.map(({ h, temperature }, k) => ({ step: h, temperature, key: keys[k]! })),
  );
  if (!fused) return null;
  const columns = state.position.shape[1];
  disposeState(state);
  const R = energy.chains;
  const complete = (stats: StepStats): ChainStepInfo => ({
    ...chainInfo(stepEnergies(stats, R), ones(R), ones(R)),
    consensusError: stats.consensusError,
    columnMeans: stats.columnMeans,
  });
  if (!defer) {
    const values = fused.sums.dataSync() as Float32Array;
    fused.sums.dispose();
    const infos = fused.read(values).map(complete);
    return [{ position: fused.position, energies: infos[infos.length - 1]!.energies.slice(), gradient: null }, infos];
  }
  // The steps share one read: its values parsed once, whichever step's `read` comes first.
  let parsed: { values: ArrayLike<number>; stats: StepStats[] } | null = null;
  const statsOf = (values: Float32Array | Int32Array) => {
    if (parsed?.values !== values) parsed = { values, stats: fused.read(values as Float32Array) };
    return parsed.stats;
  };
  const infos = parameters.map((_, k): ChainStepInfo => ({
    ...chainInfo(new Float64Array(R).fill(Number.NaN), ones(R), ones(R)),
    consensusError: Number.NaN,
    columnMeans: new Float64Array(columns).fill(Number.NaN),
    pending: { values: fused.sums, read: (values) => complete(statsOf(values)[k]!) },
  }));
  return [{ position: fused.position, energies: null, gradient: null }, infos];
}

/**
 * The steps of an unadjusted sampler with `propose`: every chain moves to its proposal (acceptance 1). `fused`: the
 * step is ULA's at temperature `fused.temperature(T)` (gradient flow: 0), so ops/' fused ULA kernels may take it
 * (`oneStep`: also its one-step large-field kernel).
 */
export function unadjustedSteps(
  energy: ChainEnergy,
  start: Start,
  propose: Proposal,
  fused?: { temperature(t: number): number; oneStep: boolean },
): GradientSteps {
  const withFused = (parameters: ReadonlyArray<{ h: number; temperature: number }>) =>
    parameters.map(({ h, temperature }) => ({ h, temperature: fused!.temperature(temperature) }));
  return {
    init: (position) => (start === "lazy" ? unread(position) : evaluateState(energy, position, false)),
    ...(fused ? { steps: (state, parameters, keys) => fusedSteps(energy, state, withFused(parameters), keys, true) } : {}),
    step(state, { h, temperature, defer }, key) {
      if (fused) {
        const steps = fusedSteps(energy, state, withFused([{ h, temperature }]), [key], defer);
        if (steps !== null) return [steps[0], steps[1][0]!];
      }
      const x = state.position;
      // ops/' one-step kernel (the interaction on a large field: the drift inside it, so no gradient is kept; a sum
      // holding it carries ∇ of its other parts from step to step instead).
      const one = fused?.oneStep
        ? fusedUlaMove(energy, x, h, fused.temperature(temperature), key, (state as CarryingState).restGradient)
        : null;
      let next = one?.position ?? null;
      if (next === null) {
        // A state from a fused step (or a checkpoint of one) carries no gradient: made here when needed.
        const g = state.gradient ?? gradientAt(energy, x);
        next = propose(x, g, { h, temperature }, { gradient: (at) => gradientAt(energy, at) }, key);
        if (g !== state.gradient) g.dispose();
      }
      disposeState(state);
      if (one?.sum) return unadjusted(energy, next, one.sum.energies, null, defer, one.sum.restGradient);
      if (one) return unadjusted(energy, next, energiesAt(energy, next), null, defer);
      const { energies, gradient } = energy.evaluate(next);
      return unadjusted(energy, next, energies, gradient, defer);
    },
  };
}

/** The ULA proposal X − h∇H + √(2hT) ξ (the fused noisy-descent kernel), ξ ~ N(0, 1) per entry from the step's key. */
export const ulaProposal: Proposal = (x, g, { h, temperature }, _at, key) => noisyDescent(x, g, h, temperature, key);

/** The gradient-flow step X − h∇H (explicit Euler; the key unused). */
export const flowProposal: Proposal = (x, g, { h }) => tf.tidy(() => tf.sub(x, tf.mul(g, h)) as tf.Tensor2D);

/** `state` with its energies and gradient, made where a step left them out (the state is consumed). */
function evaluated(energy: ChainEnergy, state: SamplerState): SamplerState & { energies: Float64Array; gradient: tf.Tensor2D } {
  // A ULA state of a sum stepped on by MALA: its carried gradient is of no use here.
  (state as CarryingState).restGradient?.dispose();
  if (state.energies === null) {
    state.gradient?.dispose();
    return evaluateState(energy, state.position, true) as SamplerState & { energies: Float64Array; gradient: tf.Tensor2D };
  }
  return { position: state.position, energies: state.energies, gradient: state.gradient ?? gradientAt(energy, state.position) };
}

/**
 * MALA's steps: the ULA proposal Y = X − h∇H(X) + √(2hT) ξ for every chain at once, then per chain the cost
 * Δ_r = ΔH_r + (‖x − y + h∇H(y)‖²_r − ‖y − x + h∇H(x)‖²_r)/(4h) = −T log α_r, and the shared rule u_r < min(1, e^{−Δ_r/T})
 * (NaN rejects) in float64 on the host, u_r the r-th uniform of the accept key. One read per step: H(Y) per chain and
 * the asymmetry's parts (ops/term-steps `malaAsymmetry`). Where ops/ takes the whole step on the device (the
 * interaction on webgpu), its one read of the decisions.
 */
export function malaSteps(energy: ChainEnergy, start: Start): GradientSteps {
  const R = energy.chains;
  return {
    init: (position) => (start === "lazy" ? unread(position) : evaluateState(energy, position, true)),
    step(state, { h, temperature }, key) {
      const device = fusedMalaStep(energy, state.position, h, temperature, key);
      if (device !== null) {
        const s = device.read();
        disposeState(state);
        const info: ChainStepInfo = {
          ...chainInfo(s.energies, s.accepted, s.probabilities),
          ...(s.consensusError === undefined ? {} : { consensusError: s.consensusError }),
          columnMeans: s.columnMeans,
        };
        return [{ position: device.position, energies: s.energies, gradient: null }, info];
      }
      const [noiseKey, acceptKey] = split(key, 2) as [Key, Key];
      const { position: x, gradient: gx, energies: energyX } = evaluated(energy, state);
      const y = noisyDescent(x, gx, h, temperature, noiseKey);
      const { energies: ey, gradient: gy } = energy.evaluate(y);
      // Both proposal densities are evaluated at the y actually produced (float32): the correction is exact for the
      // chain that runs.
      const asymmetry = malaAsymmetry(energy, { x, y, gx, gy }, h, R);
      let parts: Float64Array;
      let energyY: Float64Array;
      if (asymmetry.kind === "read") {
        const both = tf.concat([ey, asymmetry.parts]);
        const values = both.dataSync() as Float32Array;
        tf.dispose([both, asymmetry.parts]);
        parts = asymmetry.asymmetry(values.subarray(R));
        energyY = preciseEnergies(energy, y, ey, gy, true) ?? Float64Array.from(values.subarray(0, R));
        ey.dispose();
      } else {
        // One read of the four fields gives both, in float64.
        ({ asymmetry: parts, energiesY: energyY } = asymmetry.asymmetry());
        ey.dispose();
      }
      const u = uniformSource(acceptKey);
      const [accepted, probabilities, energies] = [new Float64Array(R), new Float64Array(R), new Float64Array(R)];
      for (let r = 0; r < R; r++) {
        const cost = energyY[r]! - energyX[r]! + parts[r]! / (4 * h);
        accepted[r] = metropolisAccepts(cost, temperature, u()) ? 1 : 0;
        probabilities[r] = metropolisProbability(cost, temperature);
        energies[r] = accepted[r] ? energyY[r]! : energyX[r]!;
      }
      // Every H(Y) finite: then Y and ∇H(Y) are (H a sum of their products), and the exact arithmetic select applies.
      const finite = energyY.every(Number.isFinite);
      const next: SamplerState = {
        position: selectChains(accepted, y, x, finite),
        energies,
        gradient: selectChains(accepted, gy, gx, finite),
      };
      tf.dispose([x, gx, y, gy]);
      return [next, chainInfo(energies, accepted, probabilities)];
    },
  };
}
