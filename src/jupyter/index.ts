/**
 * `emtd/jupyter`: the Jupyter tooling — the `emtd` kernelspec, the kernel itself (messaging protocol 5.3 on ZeroMQ
 * over tslab's TypeScript compiler), a small client, and the headless notebook runner behind `emtd notebooks`.
 */
export { KERNEL_NAME, KERNEL_DISPLAY_NAME, type KernelSpec, isKernelName, displayName, kernelSpec } from "./spec";
export { packageRoot } from "../package";
export {
  type Notebook,
  type NotebookCell,
  type Output,
  type CellFailure,
  type ExecutedNotebook,
  type ExecuteOptions,
  readNotebook,
  outputsOf,
  sourceText,
  executeNotebook,
  stripOutputs,
  hasOutputs,
  injectParameters,
  PARAMETERS_TAG,
  INJECTED_TAG,
} from "./notebook";
export {
  type ParameterType,
  type ParameterDefault,
  parameterDefaults,
  describeParameter,
  parseParameterValue,
  parameterPairs,
  checkParameters,
} from "./parameters";
export { type Published, type ExecuteResult, type StartOptions, KernelClient, KernelTimeout, KernelExited } from "./client";
export { type KernelOptions, startKernel } from "./server";
export { type Evaluator, type EvaluatorOptions, createEvaluator } from "./evaluate";
