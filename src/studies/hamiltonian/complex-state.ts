/**
 * §1.1's state 𝒯 = χ ⊗ φ with a complex trust phase φ, stored as real channels: is it the complex product? One
 * function for the claim p1.1-state-tensor and notebook 01.
 */
import * as tf from "@tensorflow/tfjs";
import { uniformSource, type Key } from "../../engine/random";
import { graphFromSpec } from "../../graph/spec";
import { edgeDifferences } from "../../ops/incidence";
import { releaseGraph } from "../../ops/tensors";
import { fieldLayout, initialField, tensorProduct } from "../../field/field";
import { defineTerm, energyValue } from "../../hamiltonian/term";
import { interaction } from "../../hamiltonian/interaction";

/** What {@link complexStateCheck} finds. */
export interface ComplexStateCheck {
  /** |Σ‖𝒯_i − 𝒯_j‖² from the real channels − the same by complex arithmetic (float64)| / the latter. */
  hermitianError: number;
  /** The common phase θ applied. */
  theta: number;
  /** Relative change of Σ‖𝒯_i − 𝒯_j‖² under the common phase e^{iθ}. */
  phaseChange: number;
  /** Σ‖𝒯_i − 𝒯_j‖² with every φ_i = 0 (0 by the product's algebra). */
  zeroTrustEnergy: number;
  /** Σ‖χ_i − χ_j‖² in that state (the ledgers' disagreement the product then hides). */
  ledgerDisagreement: number;
}

/**
 * On the graph `spec` (drawn from `stream("graph")`), a field of d root coordinates χ_i ~ N(0, 1) and a phase
 * φ_i = e^{iθ_i} (`stream("field")`), and a common phase θ uniform (`stream("phase")`).
 *
 * @example
 * ```ts
 * const c = complexStateCheck((name) => streamKey("example", name, 0, 0), { d: 2 });
 * c.hermitianError < 1e-6; // → true (float32 rounding only)
 * c.phaseChange; // → 0
 * ```
 */
export function complexStateCheck(stream: (name: string) => Key, o: { d: number; spec?: string }): ComplexStateCheck {
  const d = o.d;
  const graph = graphFromSpec(o.spec ?? "ws:100:4:0.1", stream("graph"));
  const layout = fieldLayout(graph.n, d, { phase: true });
  const psi = initialField(layout, stream("field"), { merkle: "normal", phase: "random" });
  // ‖𝒯_i − 𝒯_j‖² by complex arithmetic done by hand (float64) from the stored channels.
  const x = psi.arraySync() as number[][];
  let byHand = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = x[graph.src[e]!]!,
      b = x[graph.dst[e]!]!;
    for (let c = 0; c < d; c++) {
      const re = a[c]! * a[d]! - b[c]! * b[d]!,
        im = a[c]! * a[d + 1]! - b[c]! * b[d + 1]!;
      byHand += re * re + im * im;
    }
  }
  const product = defineTerm({
    name: "Σ‖χ_i⊗φ_i − χ_j⊗φ_j‖²",
    energy: (p) => tf.tidy(() => tf.sum(tf.square(edgeDifferences(tensorProduct(p, layout), graph)))),
  });
  const fromChannels = energyValue(product, psi);
  const hermitianError = Math.abs(fromChannels - byHand) / byHand;
  // A common phase e^{iθ}: (Re, Im) → (Re cos θ − Im sin θ, Re sin θ + Im cos θ) at every node.
  const theta = 2 * Math.PI * uniformSource(stream("phase"))();
  const [rotated, noTrust] = tf.tidy(() => {
    const chi = tf.slice(psi, [0, 0], [-1, d]);
    const re = tf.slice(psi, [0, d], [-1, 1]),
      im = tf.slice(psi, [0, d + 1], [-1, 1]);
    const c = Math.cos(theta),
      s = Math.sin(theta);
    const r = tf.concat([chi, tf.sub(tf.mul(re, c), tf.mul(im, s)), tf.add(tf.mul(re, s), tf.mul(im, c))], 1) as tf.Tensor2D;
    return [r, tf.concat([chi, tf.zeros([graph.n, 2])], 1) as tf.Tensor2D];
  });
  const phaseChange = Math.abs(energyValue(product, rotated) - fromChannels) / fromChannels;
  const zeroTrustEnergy = energyValue(product, noTrust);
  const ledgerDisagreement = energyValue(interaction(graph, { columns: [0, d] }), noTrust);
  tf.dispose([psi, rotated, noTrust]);
  releaseGraph(graph);
  return { hermitianError, theta, phaseChange, zeroTrustEnergy, ledgerDisagreement };
}
