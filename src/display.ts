/**
 * `emtd/display`: notebook display. The display bridge (`display`, `newDisplay`, mime bundles), plotly figures, HTML
 * tables (danfojs DataFrames too), summaries of tensors, fields, graphs and runs, live progress bars and plots, and
 * `watchProgress` (a loop of one's own in the live progress display long runs draw in a notebook); `input` asks the
 * notebook's user for a line (Jupyter's input_request).
 */
export {
  DISPLAY,
  type Displayable,
  type MimeBundle,
  type DisplayHandle,
  type DisplayOptions,
  display,
  newDisplay,
  mimeBundle,
  isDisplayable,
  inKernel,
  registerDisplayAdapter,
  bundle,
  html,
  markdown,
} from "./viz/display";
export { clearOutput } from "./viz/display";
export { input, StdinNotAllowedError, KERNEL_STDIN, type KernelStdin } from "./viz/input";
export {
  Figure,
  figure,
  lineFigure,
  histogramFigure,
  scatterFigure,
  traceFigure,
  plotlyVersion,
  plotlyScript,
  resetPlotlyEmbedding,
  type Trace,
  type Layout,
} from "./viz/plotly";
export { Table, table, dataFrameTable, recordsTable, type DataFrameLike, type TableOptions } from "./viz/table";
export { tensorSummary, fieldSummary, graphSummary, runSummary, traceSummary } from "./viz/summary";
export { progressBar, livePlot, allOf, type RecordListener } from "./viz/live";
export { watchProgress, type ProgressWatch, type LoopDescription, type LoopEnd } from "./progress";
