/**
 * `emtd/engine`: the fused tfjs kernels (registered by `ready()`), their plans and worker threads, and the fast seeded
 * generator they draw noise from. Users rarely need these: the ops in `emtd` pick the kernels themselves.
 */
export { registerFusedKernels, unregisterFusedKernels, FUSED_KERNEL_CONFIGS } from "./kernels/register";
export { hasKernel } from "./kernels/dispatch";
export { LAPLACIAN_PRODUCT, fusedLaplacianProduct } from "./kernels/laplacian";
export { INTERACTION } from "./kernels/interaction";
export { LANGEVIN_UPDATE, NOISY_DESCENT, langevinNoise } from "./kernels/langevin";
export { ISING_SWEEP, isingUniforms } from "./kernels/ising";
export { planFor, type GraphPlan } from "./kernels/plan";
export { configureThreads, threadCount, parallelThreshold } from "./kernels/pool";
export { Xoshiro128, fillNormal, fillUniform, NOISE_BLOCK_ROWS } from "./fastrandom";
export { workerWatchdogMs } from "./kernels/pool";
export { setRingChunkRows, RING_CHUNK_ROWS, setRingLaplacianMinRows, RING_LAPLACIAN_MIN_ROWS } from "./kernels/ring";
export { ringScratchBytes } from "./kernels/ring";
export { torusScratchBytes } from "./kernels/torus";
export type { GraphStructure, RingStructure } from "./edges";
export type { TorusStructure } from "./edges";
export { assembleWat } from "./kernels/wat";
