// `emtd/claims`: the claims of the proposal and the essay as data, their measurement, decision rules, verdicts,
// stability over replicates, provenance, and variants compared against the committed run (`committedRunFile()` says
// where the run is).
export * from "../claims";
