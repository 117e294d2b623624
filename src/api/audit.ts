// Audits of Lemma 1 (§3.2): exact transition matrices, Lyapunov, annealing.
export * as audit from "../spin/lemma/transition-matrices";
export {
  type GaussianFreeEnergy,
  modeVariance,
  langevinFreeEnergy,
  langevinEnergyPath,
  increaseFraction,
  normalSource,
} from "../studies/lemma-audit/lyapunov";
export {
  type DoubleWell,
  doubleWell,
  groundProbability,
  annealDoubleWell,
  groundStateRate,
  exactGroundProbability,
  exactSpinAnneal,
} from "../studies/lemma-audit/lemma-annealing";
export {
  lemmaSystem,
  lemmaKernels,
  oneWayMoves,
  lawFreeEnergyPath,
  lemmaWell,
  groundStateCurves,
  groundStateWell,
  LEMMA_EDGES,
  LEMMA_RING,
  type LemmaSystem,
  type LemmaKernel,
  type GroundStateCurves,
} from "../studies/lemma-audit/lemma-experiments";
export {
  type GroundStateRuns,
  type GroundStateCell,
  groundStateRuns,
  groundStateRunCount,
  groundStateCells,
  GROUND_STATE_GRID,
  LEDGER_DISTANCE,
  consensusLandscapeDepth,
} from "../studies/lemma-audit/ground-state";
