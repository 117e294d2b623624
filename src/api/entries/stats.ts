// `emtd/stats`: statistics on plain arrays: summaries, ESS and MCSE, convergence diagnostics, binomial intervals,
// two-sample tests, inference.
export * from "../stats";
