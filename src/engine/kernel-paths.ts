/**
 * Each kernel path alone, on plain typed arrays: the JavaScript loops, the SIMD module, the ring and torus stencils,
 * the thread pool's cuts and the WebGPU step. `emtd bench` (src/bench) times them against each other; they are the
 * engine's working parts, not a public API (the fused kernels of engine/index.ts choose among them), and no entry
 * point exports them.
 */
export { langevinRows, laplacianRows, isingColourRows, isingThresholds, padSpins, refreshGhosts } from "./kernels/loops/row-loops";
export { ringHalfWidth, simdApplies, simdReady, simdNormalsSeconds } from "./kernels/simd/simd-module";
export { simdLaplacian2 } from "./kernels/simd/simd-rows";
export { pairNormalsSeconds, simdNoisyDescentChunked } from "./kernels/simd/simd-noisy-descent";
export { simdLangevin2, simdLangevinDraws } from "./kernels/simd/simd-langevin";
export { planCuts, rowCuts } from "./kernels/threads/pool";
export { ringLangevin2, ringLaplacian2, ringLaplacianApplies } from "./kernels/stencils/ring-stencil";
export { torusLangevin2, torusLaplacian2, torusStencilApplies } from "./kernels/stencils/torus-stencil";
export { openGpu, type Gpu } from "./webgpu/device";
export { gpuGraphOf, gpuLangevin, type GpuGraph } from "./kernels/configs/webgpu/gpu-langevin";
export { philox4x32, philoxNormals } from "./philox";
