// Runs that are never lost (`emtd run`): configs and their schema, checkpoints, atomic files, locks, progress;
// sweeps (`emtd sweep`).
export { runConfig, configValues, type RunConfigOptions, type RunConfigResult, type RunProgress } from "../runs/run-config";
export { runConfigSchema, validateRunConfig, runnableCommands, configFields, camelCase, kebabCase, ConfigError } from "../runs/schema";
export {
  encodeRunCheckpoint,
  decodeRunCheckpoint,
  float32ToBase64,
  base64ToFloat32,
  float64ToBase64,
  base64ToFloat64,
  numberReplacer,
  numberReviver,
  type EncodedRunCheckpoint,
  encodeIsingCheckpoint,
  decodeIsingCheckpoint,
  type EncodedIsingCheckpoint,
  encodeCheckpoint,
  decodeCheckpoint,
  type FieldKind,
  type CheckpointFields,
} from "../runs/encode";
export { writeFileAtomic, type AtomicFs, type WriteFileAtomicOptions, writeTreeAtomic } from "../files/atomic";
export { lockDirectory, DirectoryLocked, LOCK_FILE } from "../runs/lock";
export { RunInterrupted, type RunSession } from "../command/command";
export { canonicalJson } from "../files/json";
export { planSweep, taskId, type SweepPlan, type SweepTask, type SlurmOptions } from "../sweeps/plan";
export { readSweep, resultsCsv, mergeResults, readTaskResult, taskDirectory } from "../sweeps/results";
export { zarrStoreFiles, writeZarrStore, type ZarrArray, type ZarrGroup, type ZarrDtype } from "../files/zarr";
