// `emtd/ops`: graph operators and fused-op front ends on tensors (each picks its kernel where registered, its
// reference elsewhere).
export * from "../ops";
