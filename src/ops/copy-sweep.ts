/**
 * The copy model's sweep (§3.3's update on labels) in the engine's SIMD module (engine/kernels/simd/simd-copy): a
 * sweeper where the module is ready, else null and spin/update-kernels keeps its JavaScript loop. Both form the same
 * labels and draws in the same order, so which one ran changes nothing.
 */
export { copySweeper, type CopyNetwork, type CopySweeper } from "../engine";
