/**
 * The widget state an executed notebook keeps, as nbconvert saves it: after the last cell the runner asks the kernel
 * for every live widget model over ipywidgets 8's `jupyter.widget.control` comm (`request_states`, answered
 * `update_states`, comm.ts) and stores them under `metadata.widgets["application/vnd.jupyter.widget-state+json"]`
 * (nbformat's widget-state schema, version 2.0), where the HTML widget manager of the book, nbconvert and Jupyter
 * Book draws them without a kernel. Reference: https://ipywidgets.readthedocs.io/en/latest/embedding.html
 */
import { randomUUID } from "node:crypto";
import type { KernelClient } from "./client";
import { WIDGET_CONTROL_TARGET } from "./comm";

/** The key of the saved state in a notebook's `metadata.widgets`. */
export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

/** One saved model: its JavaScript model class and its state. */
export interface SavedModel {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: Record<string, unknown>;
}

/** `metadata.widgets[WIDGET_STATE_MIME]`. */
export interface WidgetState {
  version_major: 2;
  version_minor: 0;
  state: Record<string, SavedModel>;
}

/**
 * Every live widget model of the kernel in the saved-state shape, or null when the kernel holds none.
 * It needs a running kernel; `executeNotebook` calls it after the last cell.
 */
export async function widgetStateOf(kernel: KernelClient): Promise<WidgetState | null> {
  const comm_id = randomUUID().replace(/-/g, "");
  await kernel.request("comm_open", { comm_id, target_name: WIDGET_CONTROL_TARGET, data: {} });
  const asked = await kernel.request("comm_msg", { comm_id, data: { method: "request_states" } });
  await kernel.request("comm_close", { comm_id, data: {} });
  const answer = asked.published.find((p) => p.msg_type === "comm_msg" && p.content.data?.method === "update_states");
  const states = (answer?.content.data?.states ?? {}) as Record<string, SavedModel>;
  return Object.keys(states).length === 0 ? null : { version_major: 2, version_minor: 0, state: states };
}
