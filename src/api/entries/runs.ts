// `emtd/runs`: runs that are never lost (`emtd run`): configs and their schema, checkpoints and their encoders, atomic
// files, locks; sweeps (`emtd sweep`) and their results; Zarr stores.
export * from "../runs";
