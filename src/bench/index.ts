/**
 * `emtd/bench`: the benchmarks behind `emtd bench` and their baselines (SciPy sparse, a C loop). They measure; the
 * tests never time anything.
 */
export { benchLangevin, type LangevinBenchOptions, langevinStepBytes, STEP_BYTES_MODEL } from "./bench-langevin";
export { benchIsing, type IsingBenchOptions, BETA_CRITICAL } from "./bench-ising";
export { scalingRows, scalingCsv, SCALING_SIZES, type ScalingRow } from "./scaling";
export { benchAll, summariseRounds, BENCH_RATIOS, type BenchAllOptions, type RoundTimes } from "./all";
export { scipyLangevin, scipyLangevinCsr, cLangevin, cIsing, copyBandwidth } from "./baselines";
export { benchChains, type ChainsBenchOptions } from "./bench-chains";
export { benchThreads, threadLadder, type ThreadsBenchOptions } from "./threads";
export { benchGpu, type GpuBenchOptions } from "./gpu";
