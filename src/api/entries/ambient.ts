// `emtd/ambient`: the essay's ambient entropy: its terms, the simulated model, finality, the experiments.
export * from "../ambient";
