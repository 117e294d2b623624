/**
 * tf.valueAndGrad with the engine's one-pass backward of the edge-norm chains of pair terms
 * (engine/kernels/configs/backprop): the autodiff every term without an analytic gradient takes (hamiltonian/term).
 */
export { valueAndGradient } from "../engine";
