/**
 * The experiments of the §3.2 audit (Lemma 1), each in one function that the claims (`claims/section3.ts`), the
 * figures of notebook 09 (`figures/nb09-lemma.ts`) and the notebook call, so a claim and its figure cannot drift
 * apart: the 81-state test system and its exact kernels, the exact free energy of the Langevin law on a ring, and
 * the exact ground-state probability of the annealed double well under the proposal's and Hajek's schedules.
 */
import * as audit from "../../spin/lemma/transition-matrices";
import { type GaussianFreeEnergy, langevinFreeEnergy } from "./lyapunov";
import { type DoubleWell, doubleWell, exactGroundProbability, groundProbability } from "./lemma-annealing";
import { geometric, logarithmic } from "../../dynamics/schedules";
import { ringLatticeEigenvalues } from "../../graph/spectrum";

/** The §3.2 test graph: a square with one diagonal. */
export const LEMMA_EDGES: readonly [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [0, 2],
];

/** The 81-state test system: 4 nodes with values {0, 1, 2}, H_int on {@link LEMMA_EDGES}, the laws at T = 1 and 2. */
export interface LemmaSystem {
  space: audit.StateSpace;
  energies: Float64Array;
  /** e^(−ℋ/T)/Z at T = 1. */
  piT: Float64Array;
  /** e^(−ℋ/2T)/Z: the law §3.3's ½ factor samples. */
  pi2T: Float64Array;
}

/**
 * The §3.2 test system (exact, no sampling).
 *
 * @example
 * ```ts
 * lemmaSystem().space.size; // → 81
 * ```
 */
export function lemmaSystem(): LemmaSystem {
  const space = audit.stateSpace(4, [0, 1, 2]);
  const energies = audit.energies(space, audit.interactionEnergy(LEMMA_EDGES));
  return { space, energies, piT: audit.boltzmann(energies, 1), pi2T: audit.boltzmann(energies, 2) };
}

/** One exact transition matrix of the audit and its violations of detailed balance and stationarity. */
export interface LemmaKernel {
  name: string;
  /** The 81 × 81 row-stochastic matrix. */
  P: Float64Array;
  /** max |π_a P_ab − π_b P_ba| against e^(−ℋ/T) and e^(−ℋ/2T). */
  violationT: number;
  violation2T: number;
  /** ‖πP − π‖₁ against e^(−ℋ/T) and e^(−ℋ/2T). */
  stationarityT: number;
  stationarity2T: number;
}

/**
 * The six kernels of the audit at T = 1: random scan and ordered sweep with the energy difference ΔH or with §3.3's
 * ½ difference, and the text's two updates (§3.3's code proposes node 0's value, the §3.1 gossip a neighbour's). Exact.
 *
 * @example
 * ```ts
 * const [scan] = lemmaKernels();
 * scan.violationT < 1e-12; // → true: random-scan Metropolis is reversible
 * ```
 */
export function lemmaKernels(system: LemmaSystem = lemmaSystem()): LemmaKernel[] {
  const { space, energies, piT, pi2T } = system;
  const global = { kind: "global" as const, energy: energies };
  const half = { kind: "local-half" as const, edges: LEMMA_EDGES as [number, number][] };
  const kernels = [
    { name: "random scan · ΔH", P: audit.randomScanTransitionMatrix(space, 1, global) },
    { name: "sweep · ΔH", P: audit.sweepTransitionMatrix(space, 1, global) },
    { name: "random scan · ½", P: audit.randomScanTransitionMatrix(space, 1, half) },
    { name: "sweep · ½", P: audit.sweepTransitionMatrix(space, 1, half) },
    { name: "§3.3 (copy node 0)", P: audit.sweepTransitionMatrix(space, 1, half, "copy-node-0") },
    { name: "§3.1 gossip (copy a neighbour)", P: audit.sweepTransitionMatrix(space, 1, half, audit.copyNeighbour(LEMMA_EDGES)) },
  ];
  return kernels.map((k) => ({
    ...k,
    violationT: audit.detailedBalanceViolation(k.P, piT),
    violation2T: audit.detailedBalanceViolation(k.P, pi2T),
    stationarityT: audit.stationarityError(k.P, piT),
    stationarity2T: audit.stationarityError(k.P, pi2T),
  }));
}

/**
 * Moves of node 1 under §3.3's single-site update whose reverse move is never proposed (the copy-node-0 proposal
 * is one-way), and all its moves. Exact.
 */
export function oneWayMoves(system: LemmaSystem = lemmaSystem()): { moves: number; oneWay: number } {
  const { space } = system;
  const site = audit.siteTransitionMatrix(space, 1, 1, { kind: "local-half", edges: LEMMA_EDGES as [number, number][] }, "copy-node-0");
  let moves = 0,
    oneWay = 0;
  for (let a = 0; a < space.size; a++)
    for (let b = 0; b < space.size; b++) {
      if (a === b || site[a * space.size + b]! === 0) continue;
      moves++;
      if (site[b * space.size + a]! === 0) oneWay++;
    }
  return { moves, oneWay };
}

/** The ring of the free-energy audit: 12 nodes, each joined to its 2 nearest on each side, T = 1, start N(0, ½). */
export const LEMMA_RING = { nodes: 12, neighbours: 2, temperature: 1, sigma0sq: 0.5 } as const;

/**
 * The exact free energy of the Langevin law on {@link LEMMA_RING} at each time: with every mode (`free` consensus mode,
 * the text's ℋ) or without the zero mode (the consensus mode confined).
 *
 * @example
 * ```ts
 * const [early, late] = lawFreeEnergyPath([1, 1e6]);
 * late.freeEnergy < early.freeEnergy; // → true
 * ```
 */
export function lawFreeEnergyPath(times: readonly number[], consensusMode: "free" | "confined" = "free"): GaussianFreeEnergy[] {
  const all = ringLatticeEigenvalues(LEMMA_RING.nodes, LEMMA_RING.neighbours);
  const lambdas = consensusMode === "free" ? all : Array.from(all).filter((l) => l > 1e-9);
  return times.map((t) => langevinFreeEnergy(lambdas, LEMMA_RING.temperature, LEMMA_RING.sigma0sq, t));
}

/** The double well of the annealing audit: a wide false well and a narrow true one (depth d* = 3). */
export function lemmaWell(): DoubleWell {
  return doubleWell({ wide: 4, barrier: 2, ground: 1.5 });
}

/**
 * The double well of the claim p3.2-ground-state and notebook 09 (the figure draws it too): `wide` false states at 0, a
 * barrier d* = `depth`, the one-state ground well at −0.75·d*. Defaults: the claim's headline cell, d* = 50 = T₀/2 and
 * 4 false states.
 *
 * @example
 * ```ts
 * groundStateWell().depth; // → 50
 * ```
 */
export function groundStateWell(depth = 50, wide = 4): DoubleWell {
  return doubleWell({ wide, barrier: depth, ground: 0.75 * depth });
}

/** Exact P(ground) of the annealed walker after each budget, per schedule. */
export interface GroundStateCurves {
  budgets: number[];
  /** The proposal's T = 100·0.95^t. */
  geometric: number[];
  /** Logarithmic T = c/ln(t + e) with c = d* and c = 2d* (Hajek 1988 needs c ≥ d*). */
  logarithmic: number[];
  logarithmic2: number[];
  /** The Boltzmann P(ground) at the last temperature of c = 2d* (what a chain in equilibrium would give). */
  boltzmann2: number[];
}

/**
 * The exact ground-state probability of the annealed double well after each budget of steps (no sampling).
 *
 * @example
 * ```ts
 * groundStateCurves([1000]).geometric[0]; // → 0.382
 * ```
 */
export function groundStateCurves(budgets: readonly number[], well: DoubleWell = lemmaWell()): GroundStateCurves {
  return {
    budgets: [...budgets],
    geometric: budgets.map((b) => exactGroundProbability(well, geometric({ initial: 100, rate: 0.95 }), b)),
    logarithmic: budgets.map((b) => exactGroundProbability(well, logarithmic({ c: well.depth }), b)),
    logarithmic2: budgets.map((b) => exactGroundProbability(well, logarithmic({ c: 2 * well.depth }), b)),
    boltzmann2: budgets.map((b) => groundProbability(well, (2 * well.depth) / Math.log(b + Math.E))),
  };
}
