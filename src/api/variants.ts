// A variant against the proposal: mechanisms, the variant check, exact references and their assumptions, the comparison.
export {
  compareVariant,
  comparisonText,
  changesOf,
  costText,
  keyNumber,
  keyQuantity,
  comparisonSummary,
  comparisonRows,
  flipsText,
  type ComparisonSummary,
  type ComparisonRow,
  type CompareOptions,
  type VariantComparison,
  type ClaimComparison,
  type Side,
  type StepCost,
  type Changes,
  type CellChange,
  type PartChange,
} from "../claims/machinery/compare";
export {
  PROPOSAL,
  mechanismOf,
  checkVariant,
  recordingMechanism,
  hamiltonianOf,
  interactionReferenceOf,
  kernelIn,
  KERNEL_GRID,
  variantShape,
} from "../claims/machinery/mechanism";
export {
  referenceOf,
  followsVariant,
  homogeneousDegree,
  REFERENCE_KINDS,
  cellReferenceOf,
  proposalEnergyParts,
  type CellScope,
  type ClaimReference,
  type ReferenceDeclaration,
  type ReferenceKind,
} from "../claims/machinery/references";
export { REFERENCES, CELL_SCOPES } from "../claims/machinery/registry";
export { nonNegativity, type NonNegativity } from "../claims/machinery/assumptions";
export { variantFamily, variantOf, familyDefaults, isVariantFamily } from "../claims/machinery/family";
export { explore, Explorer, type ExploreOptions } from "../explore/explorer";
export { exploreTable, type ExploreRow, type RowState } from "../explore/table";
