/**
 * Tests only: one defect planted in a WebGPU program, to see the law tests fail on it (issue 43 item 5: a test that
 * cannot fail proves nothing). Set in the WebGPU worker by the library thread's `plantWebgpuDefect`
 * (engine/webgpu/tfjs-bridge.ts); every program built while one is planted carries it, under a shader key of its own
 * (tfjs caches pipelines by key), and a program built with none planted is the real one. Never set by a run.
 * - `drop-term`: the first pass of each barrier-free sum (reduce-program.ts) leaves out the last term of the axis;
 * - `sigma-channels`: the graph step's noise (graph-program.ts) is σ·1.025 on channels 2 and 3;
 * - `drop-neighbour`: the graph step's L x (graph-program.ts) leaves out one neighbour of each node: the ring's
 *   i − h, the torus's lower neighbour, a CSR row's last entry;
 * - `mala-sign`: MALA's per-entry asymmetry (reduce-program.ts) with the gradients' difference of the wrong sign,
 *   (2(x − y) − h(gy − gx))·h(gx + gy);
 * - `ising-beta`: the Ising colour pass (ising-stepper.ts) draws every replica at replica 0's β.
 */
export type PlantedDefect = "drop-term" | "sigma-channels" | "drop-neighbour" | "mala-sign" | "ising-beta";

let planted: PlantedDefect | null = null;

/** Plant `defect` in the programs built from now on (null: the real programs again). */
export function plantDefect(defect: PlantedDefect | null): void {
  planted = defect;
}

/** The defect planted now, or null (always null outside tests). */
export function plantedDefect(): PlantedDefect | null {
  return planted;
}
