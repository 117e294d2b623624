/**
 * Claims of the proposal's §1 (the state tensor, the Hamiltonian, the free-energy objective), each measured by the
 * library functions notebooks 01 and 02 call, at a smaller size so that every `measure()` takes a few seconds.
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { key, normal, split } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { edgeDifferences } from "../ops/incidence";
import { laplacianProduct } from "../ops/laplacian";
import { releaseGraph } from "../ops/tensors";
import { laplacianEigenvalues } from "../graph/spectrum";
import { fieldLayout, initialField, merkle, tensorProduct } from "../field/field";
import { autodiffGradient, defineTerm, energyValue, gradient, sum } from "../hamiltonian/term";
import { interaction, interactionReference } from "../hamiltonian/interaction";
import { entropicPenalty, localShannonEntropy } from "../hamiltonian/entropy";
import { computationalCost, massDensity } from "../hamiltonian/cost";
import { gradientFlow, mala, ula } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { equipartitionEnergy, gaussianThermodynamics, ulaStationaryEnergy } from "../analysis/exact";
import { evidence, num, pm, zScore } from "./evidence";
import type { LegacyClaim, LegacyMeasurement } from "./types";

const maxAbs = (t: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);
const meanOf = (t: tf.Tensor): number => tf.tidy(() => tf.mean(t).dataSync()[0]!);

/** §1.1: Ψ as χ ⊗ φ with a complex phase; implementable, but the product form has a zero-trust ground state. */
export const stateTensor: LegacyClaim = {
  id: "p1.1-state-tensor",
  source: "proposal",
  section: "1.1",
  quote: "𝒯_ij = χ(D_ij) ⊗ φ_ij … φ_ij ∈ ℂ is the Trust Phase, a complex amplitude representing signal integrity.",
  short: "state = Merkle root ⊗ complex trust phase",
  notebook: "notebooks/01-state-tensor-and-hamiltonian.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    const [kGraph, kField] = split(key(11), 2) as [ReturnType<typeof key>, ReturnType<typeof key>];
    const graph = graphFromSpec("ws:100:4:0.1", kGraph);
    const layout = fieldLayout(graph.n, 2, { phase: true });
    const psi = initialField(layout, kField, { merkle: "normal", phase: "random" });
    // ‖T_i − T_j‖² from the two real channels against complex arithmetic done by hand.
    const x = psi.arraySync() as number[][];
    let byHand = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      const a = x[graph.src[e]!]!,
        b = x[graph.dst[e]!]!;
      for (let c = 0; c < layout.merkleDim; c++) {
        const re = a[c]! * a[2]! - b[c]! * b[2]!,
          im = a[c]! * a[3]! - b[c]! * b[3]!;
        byHand += re * re + im * im;
      }
    }
    const product = defineTerm({
      name: "Σ‖χ_i⊗φ_i − χ_j⊗φ_j‖²",
      energy: (p) => tf.tidy(() => tf.sum(tf.square(edgeDifferences(tensorProduct(p, layout), graph)))),
    });
    const fromChannels = energyValue(product, psi);
    const hermitianError = Math.abs(fromChannels - byHand) / byHand;
    const noTrust = tf.tidy(() => tf.concat([merkle(psi, layout), tf.zeros([graph.n, 2])], 1) as tf.Tensor2D);
    const zeroTrustEnergy = energyValue(product, noTrust);
    const ledgerDisagreement = energyValue(interaction(graph, { columns: [0, layout.merkleDim] }), noTrust);
    tf.dispose([psi, noTrust]);
    releaseGraph(graph);
    const implementable = hermitianError < 1e-5;
    const degenerate = zeroTrustEnergy === 0 && ledgerDisagreement > 1;
    return {
      verdict: implementable && degenerate ? "partly" : implementable ? "holds" : "fails",
      headline: `all φ = 0: H = ${num(zeroTrustEnergy)} with Σ‖χ_i − χ_j‖² = ${num(ledgerDisagreement)}`,
      evidence: [
        evidence("relative error, real channels vs complex arithmetic", hermitianError, { reference: 0 }),
        evidence("product-form energy with every φ_i = 0", zeroTrustEnergy),
        evidence("ledger disagreement Σ‖χ_i − χ_j‖² in that state", ledgerDisagreement),
      ],
      reason:
        "The field is implementable (the phase as two real channels reproduces the Hermitian norm and is differentiable), " +
        "but in the product form χ⊗φ setting every trust amplitude to zero gives zero interaction energy whatever the ledgers hold: disagreement can be 'resolved' by distrust.",
    };
  },
};

/** §1.2 interaction term: Σ J‖T_i − T_j‖² = tr(ΨᵀLΨ), the only term with a force. */
export const interactionEnergy: LegacyClaim = {
  id: "p1.2-interaction-energy",
  source: "proposal",
  section: "1.2",
  quote: "To govern the evolution of the system, we define a Hamiltonian ℋ that penalizes entropy (disagreement) and latency.",
  short: "interaction energy penalises disagreement",
  notebook: "notebooks/01-state-tensor-and-hamiltonian.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    const [kGraph, kField] = split(key(12), 2) as [ReturnType<typeof key>, ReturnType<typeof key>];
    const graph = graphFromSpec("ws:200:4:0.1", kGraph);
    const psi = normal(kField, [graph.n, 2]) as tf.Tensor2D;
    const agreed = tf.tidy(() => tf.mul(tf.ones([graph.n, 2]), 3) as tf.Tensor2D);
    const H = interaction(graph),
      Href = interactionReference(graph);
    const energyGap = Math.abs(energyValue(H, psi) - energyValue(Href, psi)) / energyValue(Href, psi);
    const gA = gradient(H, psi),
      gB = autodiffGradient(Href, psi);
    const gradientGap = tf.tidy(() => maxAbs(tf.sub(gA, gB)) / maxAbs(gB));
    const atConsensus = energyValue(H, agreed);
    const atDisagreement = energyValue(H, psi);
    tf.dispose([gA, gB, psi, agreed]);
    releaseGraph(graph);
    const correct = energyGap < 1e-5 && gradientGap < 1e-4;
    const penalises = atConsensus === 0 && atDisagreement > 0;
    return {
      verdict: correct && penalises ? "holds" : "fails",
      headline: `H = 0 at consensus, ${num(atDisagreement)} on a random field; ∇ exact to ${num(gradientGap, 2)}`,
      evidence: [
        evidence("H_int sparse vs edge sum (relative)", energyGap, { reference: 0 }),
        evidence("∇H_int analytic vs autodiff (max relative)", gradientGap, { reference: 0 }),
        evidence("H_int at consensus (all ψ_i = 3)", atConsensus, { reference: 0 }),
        evidence("H_int on a standard-normal field", atDisagreement),
      ],
      reason:
        "Σ J‖ψ_i − ψ_j‖² = tr(ΨᵀLΨ) is zero exactly at consensus and positive otherwise; its gradient 2LΨ is the diffusion that does all the work in later notebooks. (Latency, also named, appears in no term.)",
    };
  },
};

/** §1.2 entropic penalty: λ Σ ∇²S_i is a sum of a graph Laplacian, identically zero. */
export const entropicPenaltyClaim: LegacyClaim = {
  id: "p1.2-entropic-penalty",
  source: "proposal",
  section: "1.2",
  quote: "λ ∑_i ∇²𝒮_i (Entropic Penalty) … 𝒮_i is the local Shannon entropy of node i.",
  short: "entropic penalty λΣ∇²S_i penalises entropy",
  notebook: "notebooks/01-state-tensor-and-hamiltonian.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    let worstRelative = 0,
      worstGradient = 0,
      largestTerms = 0;
    for (const [g, spec] of ["ring:200:6", "ws:200:4:0.1", "er:200:0.05", "ba:200:3", "torus:14"].entries()) {
      const G = graphFromSpec(spec, key(100 + g));
      const penalty = entropicPenalty(G, { lambda: 1 });
      const field = normal(key(7 + g), [G.n, 2]) as tf.Tensor2D;
      const [absolute, summands] = tf.tidy(() => {
        const s = tf.reshape(localShannonEntropy(field, G), [G.n, 1]) as tf.Tensor2D;
        const lap = tf.neg(laplacianProduct(s, G));
        const degree = tf.tensor2d(Array.from(G.degree), [G.n, 1]);
        return [tf.sum(tf.abs(lap)).dataSync()[0]!, tf.sum(tf.mul(tf.mul(degree, 2), tf.abs(s))).dataSync()[0]!];
      });
      const grad = autodiffGradient(penalty, field);
      worstGradient = Math.max(worstGradient, maxAbs(grad));
      worstRelative = Math.max(worstRelative, Math.abs(energyValue(penalty, field)) / summands);
      largestTerms = Math.max(largestTerms, absolute);
      tf.dispose([grad, field]);
      releaseGraph(G);
    }
    const vanishes = worstRelative < 1e-5 && worstGradient < 1e-4;
    return {
      verdict: vanishes ? "fails" : "holds",
      headline: `|Σ∇²S_i| ≤ ${num(worstRelative, 2)} of its summands; max |gradient| ${num(worstGradient, 2)}`,
      evidence: [
        evidence("largest |Σ_i ∇²S_i| / Σ_i 2deg_i|S_i| over 5 graph families", worstRelative, { reference: 0 }),
        evidence("largest |∂penalty/∂Ψ|", worstGradient, { reference: 0 }),
        evidence("largest Σ_i |∇²S_i| (the individual terms)", largestTerms),
      ],
      reason:
        "Σ_i (L s)_i = 0 for every s (each column of a graph Laplacian sums to zero), so the penalty is zero up to float32 rounding on every graph and exerts no force: it penalises nothing.",
    };
  },
};

/** §1.2 computational cost: μ∫ρ is a constant (ρ = 1) or a mass term that erases the agreed value (ρ = ‖ψ‖²). */
export const computationalCostClaim: LegacyClaim = {
  id: "p1.2-computational-cost",
  source: "proposal",
  section: "1.2",
  quote: "μ ∫ ρ(x) dx (Computational Cost) … λ, μ are Lagrange multipliers governing the trade-off between consistency and cost.",
  short: "cost term trades consistency against cost",
  notebook: "notebooks/01-state-tensor-and-hamiltonian.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    const [kGraph, kField, kRun] = split(key(13), 3) as [ReturnType<typeof key>, ReturnType<typeof key>, ReturnType<typeof key>];
    const graph = graphFromSpec("ws:100:4:0.1", kGraph);
    const start = tf.tidy(() => tf.add(normal(kField, [graph.n, 2]), 3) as tf.Tensor2D);
    const constant = computationalCost({ mu: 0.5 });
    // ρ = 1: the energy at two unrelated fields differs by exactly 0, so the term has no force. (Compared by value:
    // autodiff of a term that does not depend on Ψ leaves tensors behind in tfjs.)
    const moved = tf.tidy(() => tf.add(tf.mul(start, -2), 7) as tf.Tensor2D);
    const constantGradient = Math.abs(energyValue(constant, moved) - energyValue(constant, start));
    moved.dispose();
    const finalMean = (H: Parameters<typeof gradientFlow>[0]): number => {
      const r = run(gradientFlow(H, { step: 0.05 }), start, { steps: 400, recordEvery: 400 }, kRun);
      const m = meanOf(r.final);
      r.final.dispose();
      return m;
    };
    const initialMean = meanOf(start);
    const withoutCost = finalMean(interaction(graph));
    const withMass = finalMean(sum(interaction(graph), computationalCost({ mu: 0.05, density: massDensity })));
    start.dispose();
    releaseGraph(graph);
    const constantInert = constantGradient === 0;
    const massErases = Math.abs(withMass) < 0.5 * Math.abs(withoutCost);
    return {
      verdict: constantInert && massErases ? "fails" : "partly",
      headline: `ρ = 1: energy change ${num(constantGradient)} between fields; ρ = ‖ψ‖²: agreed value ${num(withoutCost)} → ${num(withMass)}`,
      evidence: [
        evidence("change of μΣρ_i (ρ = 1) between two unrelated fields", constantGradient, { reference: 0 }),
        evidence("mean of χ at the start", initialMean),
        evidence("agreed value after gradient flow on H_int", withoutCost),
        evidence("agreed value with the mass term 0.05Σ‖ψ_i‖²", withMass),
      ],
      reason:
        "With ρ = 1 the term is the constant μN and cannot change any dynamics; read as a mass term ρ = ‖ψ‖² it drags the agreed value toward 0, erasing ledger content. " +
        "Neither reading prices computation against consistency.",
    };
  },
};

/** §1.3: "stochastic gradient descent equivalent to Langevin Dynamics" — ULA is biased, MALA is exact. */
export const langevinEquivalence: LegacyClaim = {
  id: "p1.3-langevin",
  source: "proposal",
  section: "1.3",
  quote: "The system seeks to minimize the Helmholtz Free Energy via a stochastic gradient descent process equivalent to Langevin Dynamics",
  short: "noisy gradient descent samples the Boltzmann law",
  notebook: "notebooks/02-free-energy-and-langevin.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    const [kGraph, kMala, kUla] = split(key(3), 3) as [ReturnType<typeof key>, ReturnType<typeof key>, ReturnType<typeof key>];
    const graph = graphFromSpec("ws:20:4:0.1", kGraph);
    const d = 2,
      T = 1;
    const H = interaction(graph);
    const eigenvalues = laplacianEigenvalues(graph);
    const lambdaMax = eigenvalues[graph.n - 1]!;
    const exact = equipartitionEnergy(graph.n, d, T);
    const zero = tf.zeros([graph.n, d]) as tf.Tensor2D;
    const m = run(mala(H, { step: 0.05, temperature: T }), zero, { steps: 8000, burnIn: 1500, adapt: true, recordEvery: 50 }, kMala);
    m.final.dispose();
    const h = 0.7 / lambdaMax;
    const u = run(ula(H, { step: h, temperature: T }), zero, { steps: 6000, burnIn: 1000, recordEvery: 50 }, kUla);
    u.final.dispose();
    zero.dispose();
    releaseGraph(graph);
    const ulaExact = ulaStationaryEnergy(eigenvalues, d, T, h);
    const zMala = zScore(m.meanEnergy, m.energyMcse, exact);
    const zUlaExact = zScore(u.meanEnergy, u.energyMcse, ulaExact);
    const zUlaEquipartition = zScore(u.meanEnergy, u.energyMcse, exact);
    const malaExact = Math.abs(zMala) < 3;
    const ulaBiased = Math.abs(zUlaExact) < 3 && Math.abs(zUlaEquipartition) > 5;
    return {
      verdict: malaExact && ulaBiased ? "partly" : malaExact && !ulaBiased ? "holds" : "fails",
      headline: `MALA ⟨H⟩ ${pm(m.meanEnergy, m.energyMcse)} (exact ${num(exact)}); plain SGD-Langevin ${pm(u.meanEnergy, u.energyMcse)}`,
      evidence: [
        evidence("MALA ⟨H⟩", m.meanEnergy, { uncertainty: m.energyMcse, reference: exact }),
        evidence("ULA ⟨H⟩ at h = 0.7/λ_max", u.meanEnergy, { uncertainty: u.energyMcse, reference: ulaExact }),
        evidence("ULA z against equipartition", zUlaEquipartition, { reference: 0 }),
      ],
      reason:
        "Metropolis-adjusted Langevin samples the Boltzmann law exactly; the unadjusted noisy gradient descent samples a different Gaussian whose ⟨H⟩ is (dT/2)Σ1/(1−hλ_m), " +
        "so 'equivalent' holds only for the adjusted version or as h → 0.",
    };
  },
};

/** §1.3: argmin over Ψ of F = ⟨H⟩ − TS. F is a functional of a law; the Boltzmann law minimises it, no state does. */
export const freeEnergyMinimum: LegacyClaim = {
  id: "p1.3-free-energy-argmin",
  source: "proposal",
  section: "1.3",
  quote: "arg min_Ψ 𝓕 = ⟨ℋ⟩ − T_net S_shannon",
  short: "consensus state = argmin of the free energy",
  notebook: "notebooks/02-free-energy-and-langevin.ipynb",
  async measure(): Promise<LegacyMeasurement> {
    await ready();
    const graph = graphFromSpec("ws:20:4:0.1", split(key(3), 3)[0]!);
    const d = 2,
      T = 1;
    const eigenvalues = laplacianEigenvalues(graph);
    const lambdaMax = eigenvalues[graph.n - 1]!;
    const boltzmann = gaussianThermodynamics(eigenvalues, d, T);
    // F of ULA's Gaussian stationary law (per-mode variance T/(2λ(1 − hλ))): a law other than Boltzmann.
    const fOf = (h: number): number => {
      let f = 0;
      for (const l of eigenvalues) {
        if (l < 1e-9) continue;
        const v = T / (2 * l * (1 - h * l));
        f += d * (l * v - T * 0.5 * Math.log(2 * Math.PI * Math.E * v));
      }
      return f;
    };
    const hs = [0.1, 0.3, 0.5, 0.7, 0.85].map((x) => x / lambdaMax);
    const excess = Math.min(...hs.map((h) => fOf(h) - boltzmann.freeEnergy));
    // At T > 0 the law's mean energy stays (N−1)dT/2: no single consensus state (H = 0) is reached.
    const meanEnergy = boltzmann.meanEnergy;
    const lawMinimises = excess > 0;
    const noStateMinimum = meanEnergy > 0;
    return {
      verdict: lawMinimises && noStateMinimum ? "partly" : lawMinimises ? "holds" : "fails",
      headline: `Boltzmann law minimises F (other laws ≥ ${num(excess)} above); ⟨H⟩ = ${num(meanEnergy)} ≠ 0`,
      evidence: [
        evidence("F of the Boltzmann law (exact)", boltzmann.freeEnergy),
        evidence("smallest excess F of a ULA stationary law over Boltzmann", excess, { reference: 0 }),
        evidence("⟨H⟩ of the minimising law", meanEnergy, { reference: 0 }),
      ],
      reason:
        "𝓕 is a functional of a probability law: by the Gibbs variational principle the Boltzmann law minimises it, and Langevin dynamics sample that law. " +
        "No single Ψ is its argmin, and at T > 0 the sampled states keep ⟨H⟩ = (N−1)dT/2 > 0 instead of settling on consensus.",
    };
  },
};

export const claims: LegacyClaim[] = [
  stateTensor,
  interactionEnergy,
  entropicPenaltyClaim,
  computationalCostClaim,
  langevinEquivalence,
  freeEnergyMinimum,
];
