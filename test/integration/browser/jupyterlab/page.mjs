/* global window, document */
/**
 * A page that runs notebook cells the way JupyterLab 4 and Notebook 7 do, built from their own npm packages (bundled
 * by test/jupyterlab.ts at test time): `@jupyterlab/services` talks to a real Jupyter server and kernel,
 * `@jupyterlab/outputarea` and `@jupyterlab/rendermime` draw each cell's outputs (display_data, update_display_data,
 * clear_output, display ids), and `@jupyter-widgets/jupyterlab-manager` 5's `KernelWidgetManager` and `WidgetRenderer`
 * (its lib/ files, what JupyterLab's widget plugin uses) with `@jupyter-widgets/controls` 5, `@jupyter-widgets/base` 6
 * and the output widget registered as its plugins register them. With `plotly`, the `jupyterlab-plotly` mime renderer
 * is added as JupyterLab adds a mime extension (test/jupyterlab.ts passes it in when the page is built with it).
 *
 * The test drives it through `window.lab`: `start({ baseUrl, kernel })`, `run(code)` (resolves with the reply's
 * status when the cell is done), `cells` (each cell's output node).
 */
import { KernelManager } from "@jupyterlab/services";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { KernelWidgetManager, WIDGET_VIEW_MIMETYPE } from "@jupyter-widgets/jupyterlab-manager/lib/manager";
import { WidgetRenderer } from "@jupyter-widgets/jupyterlab-manager/lib/renderer";
import { OutputModel, OutputView, OUTPUT_WIDGET_VERSION } from "@jupyter-widgets/jupyterlab-manager/lib/output";
import * as base from "@jupyter-widgets/base";
import { JUPYTER_CONTROLS_VERSION } from "@jupyter-widgets/controls/lib/version";
import { Widget } from "@lumino/widgets";
import plotlyExtension from "emtd-lab-plotly-extension";
import { serverPage } from "./server-page.mjs";
import "@lumino/widgets/style/index.css";
import "@jupyterlab/rendermime/style/base.css";
import "@jupyterlab/outputarea/style/base.css";
import "@jupyter-widgets/base/css/index.css";
import "@jupyter-widgets/controls/css/widgets.css";

const lab = {
  kernel: null,
  manager: null,
  rendermime: null,
  cells: [],
  /** Connect to the server at `baseUrl`, start kernel `kernel`, and set up rendering as JupyterLab does. */
  async start({ baseUrl, kernel }) {
    const serverSettings = serverPage(baseUrl);
    const kernels = new KernelManager({ serverSettings });
    await kernels.ready;
    this.kernel = await kernels.startNew({ name: kernel });
    this.rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
    // A mime extension (jupyterlab-plotly's) is added as JupyterLab adds one: its factory at its rank.
    for (const ext of plotlyExtension ? [].concat(plotlyExtension.default ?? plotlyExtension) : []) {
      this.rendermime.addFactory(ext.rendererFactory, ext.rank ?? 0);
    }
    const manager = new KernelWidgetManager(this.kernel, this.rendermime);
    // What the jupyterlab-manager plugins register (plugin.js: baseWidgetsPlugin, controlWidgetsPlugin, outputWidgetPlugin).
    manager.register({
      name: "@jupyter-widgets/base",
      version: base.JUPYTER_WIDGETS_VERSION,
      exports: {
        WidgetModel: base.WidgetModel,
        WidgetView: base.WidgetView,
        DOMWidgetView: base.DOMWidgetView,
        DOMWidgetModel: base.DOMWidgetModel,
        LayoutModel: base.LayoutModel,
        LayoutView: base.LayoutView,
        StyleModel: base.StyleModel,
        StyleView: base.StyleView,
        ErrorWidgetView: base.ErrorWidgetView,
      },
    });
    manager.register({
      name: "@jupyter-widgets/controls",
      version: JUPYTER_CONTROLS_VERSION,
      exports: () => import("@jupyter-widgets/controls"),
    });
    manager.register({ name: "@jupyter-widgets/output", version: OUTPUT_WIDGET_VERSION, exports: { OutputModel, OutputView } });
    // registerWidgetHandler's renderer, bound to this manager.
    this.rendermime.addFactory(
      { safe: false, mimeTypes: [WIDGET_VIEW_MIMETYPE], createRenderer: (options) => new WidgetRenderer(options, manager) },
      -10,
    );
    this.manager = manager;
    const info = await this.kernel.info;
    return { kernel: this.kernel.name, implementation: info.implementation, protocol: info.protocol_version };
  },
  /**
   * Run `code` as a notebook cell (OutputArea.execute's way): a new output area whose future is the request's. An
   * untrusted cell (`trusted` false) renders as a reopened untrusted notebook does: sanitized HTML, no scripts.
   */
  async run(code, trusted = true) {
    const model = new OutputAreaModel({ trusted });
    const area = new OutputArea({ model, rendermime: this.rendermime });
    const node = document.createElement("div");
    node.className = "lab-cell";
    node.dataset.index = String(this.cells.length);
    document.getElementById("cells").appendChild(node);
    Widget.attach(area, node);
    this.cells.push({ node, area, model });
    const future = this.kernel.requestExecute({ code, stop_on_error: true }, false);
    area.future = future;
    const reply = await future.done;
    return { index: this.cells.length - 1, status: reply.content.status, ename: reply.content.ename, evalue: reply.content.evalue };
  },
  /** Interrupt the kernel (a cell that hangs). */
  async interrupt() {
    await this.kernel.interrupt();
  },
  /** The outputs of cell `i` as nbformat JSON (what JupyterLab would save). */
  outputs(i) {
    return this.cells[i].model.toJSON();
  },
};
window.lab = lab;
console.info("emtd lab page ready");
