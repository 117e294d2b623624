/**
 * Hamiltonian terms: pure functions of the field Ψ ([N, C] float32) returning a scalar tensor. A term may also
 * carry an analytic gradient (used instead of autodiff when present) and per-node local energies e_i (needed by
 * Metropolis, which changes a set of mutually non-adjacent nodes S at once and uses
 * ΔH = Σ_{i∈S} e_i(Ψ') − e_i(Ψ); e_i holds i's own terms plus every pair term touching i, counted in full).
 *
 * A term is energy only: how a sampler steps it is the sampler's and ops/' business (ops/term-steps fuses the steps
 * of the energies it recognises, the interaction today), so a user's term needs nothing but these.
 *
 * Terms compose with {@link sum} and {@link scale}; the gradient of any composition is analytic where every part
 * is, autodiff (`tf.grad`) for the rest, so a user writes a new term in tfjs ops and gets its gradient for free.
 */
import * as tf from "@tensorflow/tfjs";
import { ArgumentError, check } from "../errors";
import { valueAndGradient } from "../ops/autodiff";
import { recogniseSum } from "../ops/term-steps";

export interface Term {
  /** A readable name, used in traces and `toString()`. */
  readonly name: string;
  /** H(Ψ), a scalar. Caller disposes. */
  energy(psi: tf.Tensor2D): tf.Scalar;
  /** ∇H(Ψ), [N, C]. Optional: autodiff is used when absent. Caller disposes. */
  gradient?(psi: tf.Tensor2D): tf.Tensor2D;
  /** H and ∇H sharing work. Optional. Caller disposes both. */
  energyAndGradient?(psi: tf.Tensor2D): EnergyAndGradient;
  /** Per-node local energies e_i, [N]. Optional: Metropolis requires it. Caller disposes. */
  localEnergy?(psi: tf.Tensor2D): tf.Tensor1D;
  toString(): string;
}

export interface EnergyAndGradient {
  energy: tf.Scalar;
  gradient: tf.Tensor2D;
}

export interface TermDefinition {
  name: string;
  /** H(Ψ): must return a scalar (shape []); any tensor type is accepted and its shape checked at run time. */
  energy(psi: tf.Tensor2D): tf.Tensor;
  gradient?(psi: tf.Tensor2D): tf.Tensor2D;
  energyAndGradient?(psi: tf.Tensor2D): EnergyAndGradient;
  localEnergy?(psi: tf.Tensor2D): tf.Tensor1D;
}

/**
 * Define a term from tfjs ops. Only `energy` (Ψ [N, C] → scalar, in units of the coupling) is required: its gradient
 * comes from autodiff. Wrap `energy` in `tf.tidy` so its intermediates are freed; the term's methods return tensors
 * the caller disposes.
 *
 * @example
 * ```ts
 * // A quartic confinement Σ_i ‖ψ_i‖⁴, differentiated automatically.
 * const energy = (psi: tf.Tensor2D) => tf.tidy(() => tf.sum(tf.square(tf.sum(tf.square(psi), 1))) as tf.Scalar);
 * const quartic = defineTerm({ name: "quartic", energy });
 * const psi = tf.tensor2d([[1, 0], [0, 2]]);
 * energyValue(quartic, psi); // → 17
 * const g = gradient(quartic, psi); // 4‖ψ_i‖² ψ_i
 * await g.array(); // → [[4, 0], [0, 32]]
 * tf.dispose([psi, g]);
 * ```
 */
export function defineTerm(definition: TermDefinition): Term {
  if (typeof definition.energy !== "function") {
    throw new ArgumentError("emtd/hamiltonian", "energy", "a function (psi: Tensor2D) => Scalar", typeof definition.energy);
  }
  const { name } = definition;
  const { energy, gradient, energyAndGradient: both, localEnergy } = definition;
  // User-written ops run inside tidy, so their intermediates are freed (and freed on a throw too).
  // Only the keys of a Term: anything else the definition carries is not the energy's.
  const term: Term = {
    name,
    energy: (psi) => tf.tidy(() => checkScalarEnergy(name, energy(psi))),
    toString: () => name,
  };
  if (gradient) term.gradient = (psi) => tf.tidy(() => gradient(psi));
  if (both) term.energyAndGradient = (psi) => tf.tidy(() => ({ ...both(psi) })) as EnergyAndGradient;
  if (localEnergy) term.localEnergy = (psi) => tf.tidy(() => localEnergy(psi));
  return term;
}

/**
 * Throws a typed error naming the shape when an energy is not a scalar (a vector would be read as its first entry).
 * Returns `value` itself when it is a scalar (the caller disposes it); a non-scalar tensor is disposed before the throw.
 *
 * @example
 * ```ts
 * const energy = tf.scalar(-1.5);
 * checkScalarEnergy("myTerm", energy).rank; // → 0 (the same tensor: the caller disposes it)
 * energy.dispose();
 * try {
 *   checkScalarEnergy("myTerm", tf.ones([3]));
 * } catch (e) {
 *   console.log(e.message);
 *   // → emtd/hamiltonian/myTerm: energy(psi) must be a scalar tensor (shape []): reduce it, e.g. with tf.sum(…) (got [3])
 * }
 * ```
 */
export function checkScalarEnergy(name: string, value: tf.Tensor): tf.Scalar {
  if (!(value instanceof tf.Tensor) || value.rank !== 0) {
    const shape = value instanceof tf.Tensor ? value.shape : typeof value;
    if (value instanceof tf.Tensor) value.dispose();
    throw new ArgumentError(
      `emtd/hamiltonian/${name || "term"}`,
      "energy(psi)",
      "a scalar tensor (shape []): reduce it, e.g. with tf.sum(…)",
      shape,
    );
  }
  return value as tf.Scalar;
}

/**
 * H(Ψ) (scalar) and ∇H(Ψ) ([N, C], float32) at Ψ [N, C]: the term's own fused path, else its analytic gradient, else
 * autodiff (an energy independent of Ψ gets gradient zero). The caller disposes both tensors.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * const { energy, gradient } = energyAndGradient(interaction(graph), psi);
 * [await energy.data(), await gradient.data()]; // → [[12], [−8, 0, 0, 8]]
 * tf.dispose([psi, energy, gradient]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function energyAndGradient(term: Term, psi: tf.Tensor2D): EnergyAndGradient {
  if (term.energyAndGradient) return term.energyAndGradient(psi);
  if (term.gradient) return { energy: term.energy(psi), gradient: term.gradient(psi) };
  return autodiff(term, psi);
}

/** Terms whose energy has been seen to be a scalar (checked once, off the gradient tape). */
const scalarChecked = new WeakSet<Term>();

/** tf.valueAndGrad, except that an energy independent of Ψ (tfjs refuses those) has gradient zero. */
function autodiff(term: Term, psi: tf.Tensor2D): EnergyAndGradient {
  // A throw inside tf.valueAndGrad leaks the tensors the tape kept for the backward pass, so the shape of the
  // energy is checked once per term by a plain evaluation first.
  if (!scalarChecked.has(term)) {
    checkScalarEnergy(term.name, term.energy(psi)).dispose();
    scalarChecked.add(term);
  }
  try {
    // tidy frees the tape's tensors when the energy throws (e.g. a non-scalar energy).
    return tf.tidy(() => {
      // tf.valueAndGrad, with the edge-norm chains of pair terms differentiated in one pass (engine/kernels/configs/backprop).
      const { value, grad } = valueAndGradient((x: tf.Tensor) => checkScalarEnergy(term.name, term.energy(x as tf.Tensor2D)), psi);
      return { energy: value as tf.Scalar, gradient: grad as tf.Tensor2D };
    }) as EnergyAndGradient;
  } catch (error) {
    if (!/Cannot compute gradient of y=f\(x\)/.test((error as Error).message)) throw error;
    return { energy: checkScalarEnergy(term.name, term.energy(psi)), gradient: tf.zerosLike(psi) };
  }
}

/**
 * ∇H(Ψ), [N, C] float32, at Ψ [N, C] (analytic where the term has it, else autodiff). Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * const g = gradient(interaction(graph), psi); // 2 Σ_j J_ij (ψ_i − ψ_j) = 2(Lψ)_i
 * await g.data(); // → [−8, 0, 0, 8]
 * tf.dispose([psi, g]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function gradient(term: Term, psi: tf.Tensor2D): tf.Tensor2D {
  if (term.gradient) return term.gradient(psi);
  const { energy, gradient: g } = energyAndGradient(term, psi);
  energy.dispose();
  return g;
}

/**
 * ∇H(Ψ) [N, C] by autodiff (`tf.valueAndGrad`) alone, ignoring any analytic gradient: the reference that analytic
 * gradients are tested against. Caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * const g = autodiffGradient(interaction(graph), psi);
 * await g.data(); // → [−8, 0, 0, 8]: as the analytic gradient
 * tf.dispose([psi, g]);
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function autodiffGradient(term: Term, psi: tf.Tensor2D): tf.Tensor2D {
  const { energy, gradient: g } = autodiff(term, psi);
  energy.dispose();
  return g;
}

/**
 * The term w·H: energy, gradient and local energies all scaled by w (finite). Its methods return tensors the caller
 * disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(scale(0.5, interaction(graph)), psi); // → 6
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function scale(weight: number, term: Term): Term {
  check.finite("emtd/hamiltonian/scale", "weight", weight);
  const name = `${weight}·${term.name}`;
  const out: Term = {
    name,
    energy: (psi) => tf.tidy(() => tf.mul(term.energy(psi), weight) as tf.Scalar),
    energyAndGradient: (psi) =>
      tf.tidy(() => {
        const inner = energyAndGradient(term, psi);
        return { energy: tf.mul(inner.energy, weight) as tf.Scalar, gradient: tf.mul(inner.gradient, weight) as tf.Tensor2D };
      }),
    toString: () => name,
  };
  if (term.localEnergy) {
    const local = term.localEnergy.bind(term);
    out.localEnergy = (psi) => tf.tidy(() => tf.mul(local(psi), weight) as tf.Tensor1D);
  }
  return out;
}

/**
 * The term H₁ + H₂ + …; analytic gradients are summed, the rest are differentiated together in one autodiff pass;
 * local energies exist when every part has them. A sampler's step keeps the fused kernel of a part that has one (the
 * interaction's Langevin step on a large field: ops/term-steps), the other parts' gradient beside it. Its methods
 * return tensors the caller disposes.
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const H = sum(interaction(graph), anchor(4, { nodes: [0], value: 1 }));
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(H, psi); // → 13 (12 from the edges, 1 from the anchor)
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function sum(...terms: Term[]): Term {
  if (terms.length === 0) throw new ArgumentError("emtd/hamiltonian/sum", "terms", "at least one term", 0);
  const name = terms.map((t) => t.name).join(" + ");
  const analytic = terms.filter((t) => t.gradient || t.energyAndGradient);
  const automatic = terms.filter((t) => !(t.gradient || t.energyAndGradient));
  const out: Term = {
    name,
    energy: (psi) => tf.tidy(() => tf.addN(terms.map((t) => t.energy(psi))) as tf.Scalar),
    energyAndGradient: (psi) =>
      tf.tidy(() => {
        const parts = analytic.map((t) => energyAndGradient(t, psi));
        if (automatic.length > 0) {
          const rest = defineTerm({ name: "", energy: (x) => tf.addN(automatic.map((t) => t.energy(x))) as tf.Scalar });
          parts.push(energyAndGradient(rest, psi));
        }
        return {
          energy: tf.addN(parts.map((p) => p.energy)) as tf.Scalar,
          gradient: tf.addN(parts.map((p) => p.gradient)) as tf.Tensor2D,
        };
      }),
    toString: () => name,
  };
  if (terms.every((t) => t.localEnergy)) {
    out.localEnergy = (psi) => tf.tidy(() => tf.addN(terms.map((t) => t.localEnergy!(psi))) as tf.Tensor1D);
  }
  // Where every part's gradient is its own method (none fuses energy and gradient), ∇H alone is their sum in the same
  // order: the gradient energyAndGradient gives, without forming H (a sampler that needs ∇H only skips that work).
  if (terms.every((t) => t.gradient && !t.energyAndGradient)) {
    out.gradient = (psi) => tf.tidy(() => tf.addN(terms.map((t) => t.gradient!(psi))) as tf.Tensor2D);
  }
  // ops/ steps a part it recognises by that part's fused kernel and the others by this sum's rule (the sum of the
  // other parts, made once per part when first asked for): a user's term added to the interaction keeps its kernel.
  const others: Term[] = [];
  const without = (index: number): Term => {
    const rest = terms.filter((_, j) => j !== index);
    return (others[index] ??= rest.length === 1 ? rest[0]! : sum(...rest));
  };
  return recogniseSum(out, {
    parts: terms,
    partEnergy: (index, psi) => checkScalarEnergy(terms[index]!.name, terms[index]!.energy(psi)),
    without: (index, psi) => energyAndGradient(without(index), psi),
  });
}

/**
 * H(Ψ) as a JavaScript number (a synchronous read; the scalar tensor is disposed here).
 *
 * @example
 * ```ts
 * const graph = ringGraph(4, 2);
 * const psi = tf.tensor2d([[0], [1], [2], [3]]);
 * energyValue(interaction(graph), psi); // → 12 (edge differences 1, 1, 1, 3)
 * psi.dispose();
 * releaseGraph(graph); // the graph's cached tensors
 * ```
 */
export function energyValue(term: Term, psi: tf.Tensor2D): number {
  const e = checkScalarEnergy(term.name, term.energy(psi));
  const value = e.dataSync()[0]!;
  e.dispose();
  return value;
}
