// `emtd/field`: the state field Ψ: its layout, the Merkle and trust-phase blocks, the initial field, consensus error.
export * from "../field";
