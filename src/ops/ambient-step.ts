/**
 * The ambient model's Euler–Maruyama step on plain typed arrays (studies/ambient/fast.ts) in the engine's SIMD module
 * (engine/kernels/simd/simd-ambient): a stepper where the module is ready, else null and the study keeps its
 * JavaScript loop. Both form the same numbers in the same order, so which one ran changes nothing.
 */
export { simdAmbientStepper as ambientStepper, type AmbientLattice, type AmbientStepper } from "../engine/kernels/simd/simd-ambient";
