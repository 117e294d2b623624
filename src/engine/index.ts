/**
 * `emtd/engine`: the fused tfjs kernels (registered by `ready()`), their plans and worker threads, and the fast seeded
 * generator they draw noise from. Users rarely need these: the ops in `emtd` pick the kernels themselves.
 */
export { registerFusedKernels, unregisterFusedKernels, FUSED_KERNEL_CONFIGS } from "./kernels/configs/register";
export { hasKernel } from "./kernels/configs/dispatch";
export { LAPLACIAN_PRODUCT, fusedLaplacianProduct } from "./kernels/configs/laplacian-kernel";
export { INTERACTION } from "./kernels/configs/interaction-kernel";
export { LANGEVIN_UPDATE, NOISY_DESCENT, langevinNoise } from "./kernels/configs/langevin-kernel";
export { ISING_SWEEP, isingUniforms } from "./kernels/configs/ising-kernel";
export { planFor, type GraphPlan } from "./kernels/loops/graph-plan";
export { configureThreads, threadCount, parallelThreshold } from "./kernels/threads/pool";
export { Xoshiro128, fillNormal, fillUniform, NOISE_BLOCK_ROWS } from "./fastrandom";
export { workerWatchdogMs } from "./kernels/threads/pool";
export { setRingChunkRows, RING_CHUNK_ROWS, setRingLaplacianMinRows, RING_LAPLACIAN_MIN_ROWS } from "./kernels/stencils/ring-stencil";
export { ringScratchBytes } from "./kernels/stencils/ring-stencil";
export { torusScratchBytes } from "./kernels/stencils/torus-stencil";
export type { GraphStructure, RingStructure } from "./edges";
export type { TorusStructure } from "./edges";
export { assembleWat } from "./kernels/simd/wat-assembler";
