/**
 * `emtd/engine`: the engine's face. The fused tfjs kernels (registered by `ready()`), their names, their
 * plans and worker threads, and the fast seeded generator they draw noise from. Users rarely need these: the ops in
 * `emtd` pick the kernels themselves.
 *
 * Outside src/engine/ this module is the one door to the kernels (test/unit/house/layers.test.ts: only src/ops/ reaches into
 * engine/kernels/ itself, for the fused-op front ends, and runs the kernels: `runKernel` is not exported here). The
 * library's floors above use the kernel names and the few decisions below (`fusedConsensusError`: field/ stands
 * below ops/); the benchmarks also time each kernel path alone, through engine/kernel-paths.ts.
 */
export { registerFusedKernels, unregisterFusedKernels, FUSED_KERNEL_CONFIGS } from "./kernels/configs/register";
export { LARGE_FIELD_ENTRIES } from "./kernels/configs/dispatch";
export { preciseValue } from "./kernels/configs/precise-values";
export { LAPLACIAN_PRODUCT, fusedLaplacianProduct } from "./kernels/configs/laplacian-kernel";
export { INTERACTION } from "./kernels/configs/interaction-kernel";
export { LANGEVIN_UPDATE, NOISY_DESCENT, langevinNoise } from "./kernels/configs/langevin-kernel";
export { ISING_SWEEP, isingUniforms } from "./kernels/configs/ising-kernel";
export { CONSENSUS_ERROR, fusedConsensusError } from "./kernels/configs/consensus-kernel";
export { CHAIN_MALA_CORRECTIONS, MALA_CORRECTION, chainMalaCorrections } from "./kernels/configs/mala-kernel";
export { valueAndGradient } from "./kernels/configs/backprop";
export { planFor, type GraphPlan } from "./kernels/loops/graph-plan";
export { releaseWirePlan } from "./kernels/configs/webgpu/graph-wire";
export { configureThreads, threadCount, parallelThreshold, workerWatchdogMs } from "./kernels/threads/pool";
export { PhiloxStream, fillNormal, fillUniform, NOISE_BLOCK_ROWS } from "./fastrandom";
export { setRingChunkRows, RING_CHUNK_ROWS, setRingLaplacianMinRows, RING_LAPLACIAN_MIN_ROWS } from "./kernels/stencils/ring-stencil";
export { ringScratchBytes } from "./kernels/stencils/ring-stencil";
export { torusScratchBytes } from "./kernels/stencils/torus-stencil";
export type { GraphStructure, RingStructure } from "./edges";
export type { TorusStructure } from "./edges";
export { assembleWat } from "./kernels/simd/wat-assembler";
export type { CopyNetwork } from "./kernels/simd/simd-copy-lanes";
