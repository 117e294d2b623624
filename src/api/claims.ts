// Claims of the proposal and the essay as data, each measured by `measure()`, and their verdicts.
export * as section1Claims from "../claims/section1";
export * as section2Claims from "../claims/section2";
export * as section3Claims from "../claims/section3";
export {
  type Claim,
  type Measurement,
  type Evidence,
  type Verdict,
  type Reading,
  type MeasureContext,
  type Part,
  VERDICTS,
  PARTS,
  PART_DOCS,
  type Variant,
  type VariantFamily,
  type FamilyParameter,
  type FamilyValues,
  type Mechanism,
  type InteractionPart,
  type TermsPart,
  type SchedulePart,
  type IntegratorPart,
  type RicciPart,
  type KernelPart,
  type Finding,
  type FindingKind,
  type Grid,
  type GridParameter,
  type Cell,
  type SizeTrend,
  type RepairSpec,
} from "../claims/machinery/types";
export { REPAIRS, repairByName, pinsInjection } from "../claims/machinery/repairs";
export { runsText, equivalenceRuns } from "../claims/machinery/runs-to-decide";
export {
  cellsOf,
  cellLabel,
  decidedBy,
  decidedByInWords,
  gridUnder,
  gridVerdict,
  ruleTally,
  type TalliedVerdict,
} from "../claims/machinery/grid";
export { streamKey } from "../claims/machinery/streams";
export { CLAIMS, claimById, registryProblems, measureContext } from "../claims/machinery/registry";
export {
  measureClaims,
  measureGrid,
  repairMechanism,
  type MeasuredClaim,
  type MeasureOptions,
  type GridMeasurement,
  type CellMeasurement,
} from "../claims/machinery/measure";
export {
  verdictRecord,
  gridRecord,
  type VerdictRecord,
  type CellRecord,
  type GridRecord,
  type RepairRecord,
} from "../claims/machinery/verdict-record";
export {
  verdictTable,
  showVerdicts,
  showNotebookVerdicts,
  claimMeasurements,
  verdictLabel,
  verdictText,
  partsText,
  gridText,
  decidedByText,
  repairsText,
  untestableText,
  stabilitySummary,
  stabilityText,
  overReplicates,
  runVerdictText,
  runHeadlineText,
  runGridText,
  labelCounts,
} from "../claims/machinery/display";
export { verdictMarkdown } from "../claims/machinery/verdict-markdown";
export { claims as section41Claims, SCALE_INVARIANT_SLOPE, scaleClass } from "../claims/section4-1";
export { claims as section4RestClaims } from "../claims/section4-rest";
export { claims as essayClaimList, essayClaims } from "../claims/essay";
// The essay experiments' designs (src/studies/ambient), and notebook 16's entries that run them at a claim's streams.
export { FINALITY_DESIGN, FINALITY_AGES } from "../studies/ambient/finality-design";
export { PERSISTENCE_DESIGN, DOUBLE_SPEND_DESIGN } from "../studies/ambient/persistence-design";
export { SCALE_DESIGN, SCALE_ATTACKERS, SYBIL_DESIGN } from "../studies/ambient/adversary-design";
export { BYZANTINE_DESIGN } from "../studies/ambient/byzantine-design";
export {
  claimFinalityCurve,
  claimPersistenceCell,
  claimDoubleSpend,
  claimScalePoints,
  claimSybilArms,
  claimByzantinePoints,
} from "../claims/machinery/essay-runs";
export {
  NOISE as ESSAY_TEMPERATURE,
  DECAY as ESSAY_DECAY,
  COUPLING as ESSAY_COUPLING,
  DEGREE as ESSAY_DEGREE,
} from "../studies/ambient/essay-design";
export {
  MODEL_CHOICE as ESSAY_MODEL_CHOICE,
  type AmbientChoice,
  ESSAY_MARGIN,
  networkFrom as essayNetwork,
} from "../studies/ambient/essay-design";
export {
  STABLE_AGREEMENT,
  stabilityOf,
  withStability,
  seedWithoutGrid,
  measureReplicates,
  type Stability,
  type StableRecord,
  type StableRepair,
  type ReplicatedRun,
} from "../claims/machinery/stability";
export { provenance, codeIdentity, type Provenance } from "../claims/machinery/provenance";
export {
  committedRunFile,
  readCommittedRun,
  readVerdictRun,
  writeVerdictRun,
  sameMeasurement,
  sameNumbers,
  type VerdictRun,
} from "../claims/machinery/committed";
export { sameCellsRetallied } from "../claims/machinery/retally";
export {
  fact,
  exactEstimate,
  beyond,
  rateBeyond,
  noViolation,
  difference,
  noFall,
  rates,
  ratesEqual,
  estimatesEqual,
  undecidable,
  everyCase,
  conjunction,
  gridReading,
  isDecided,
  verdictOf,
  rateEvidence,
  estimateEvidence,
  GRID_AGREEMENT,
  type Case,
  type TEstimate,
} from "../claims/machinery/decide";
