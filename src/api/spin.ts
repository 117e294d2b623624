// Spin problems (src/spin): problems and their builders, exact enumeration, the Metropolis sweep, §3.3's update.
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
  groundStates,
  groundState,
  boltzmann,
  isLocalMinimum,
  barrierFrom,
  criticalDepth,
  metastableCount,
  type GroundState,
} from "../spin/exact-tables";
export { metropolisSweep } from "../spin/metropolis-sweep";
export {
  type ProposalKernel,
  updateSweep,
  runUpdateLoop,
  spinSweeps,
  runSweeps,
  type SpinSweep,
  isConsensus,
  isTrapped,
  copyAndAccept,
  type CopyRun,
  type NeighbourLists,
} from "../spin/update-kernels";
export { WS_DEPTH, WS_LANDSCAPE, wsLandscapeFor } from "../spin/ws-landscape";
