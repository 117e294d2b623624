// Spin problems (src/spin): problems and their builders, exact enumeration, the Metropolis sweep.
export {
  type SpinProblem,
  spinsOf,
  randomSpins,
  TRAP_ENUMERATION_LIMIT,
  twoCommunityProblem,
  randomFieldRing,
  spinGlass,
  injectedConsensusProblem,
  problemCsr,
  flipCost,
  stateIndex,
  type ProblemCsr,
  SPLIT_STATE,
} from "../spin/problem";
export {
  energyTable,
  spinEnergies,
  groundStates,
  groundState,
  boltzmannLaw,
  boltzmann,
  isLocalMinimum,
  barrierFrom,
  criticalDepth,
  metastableCount,
  type GroundState,
} from "../spin/exact-tables";
export { metropolisSweep } from "../spin/metropolis-sweep";
