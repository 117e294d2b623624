// `emtd/engine`: backends, explicit random keys, memory budgets and typed errors, with the fused kernels, their
// registration, threads and the fast generator (src/engine/index.ts).
export * from "../engine";
export * from "../../engine/index";
