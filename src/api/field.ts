// The state field Ψ.
export { type FieldLayout, fieldLayout, merkle, trustPhase, tensorProduct, initialField, consensusError } from "../field/field";
