/**
 * §3.3's copy-and-accept sweep on plain typed arrays (spin/update-kernels `copyAndAccept`) in the engine's SIMD module
 * (engine/kernels/simd/simd-copy): a sweeper where the module is ready, else null and the update keeps its JavaScript
 * loop. Both form the same numbers in the same order, so which one ran changes nothing.
 */
export { simdCopySweeper as copySweeper, type CopyNetwork, type CopySweeper } from "../engine/kernels/simd/simd-copy";
