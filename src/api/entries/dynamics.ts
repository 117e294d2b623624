// `emtd/dynamics`: samplers as { init, step }, batched chains, Metropolis acceptance, schedules, `run` and its trace,
// integrators by name, sampling diagnostics. The one loop under `run` (`runLoop`, `loopRecord`) is internal: a new
// front end in src/ imports it from dynamics/loop.ts.
export * from "../dynamics";
