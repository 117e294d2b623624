/* global window, document, setTimeout */
/**
 * A page that reopens a saved notebook the way JupyterLab 4 does with its widgets (issue 45 item 4), bundled by
 * test/jupyterlab.ts at test time.
 *
 * JupyterLab's own code here: `@jupyter-widgets/jupyterlab-manager` 5's plugin module (lib/plugin.js) activated as
 * JupyterLab activates it — `managerPlugin` (the placeholder widget renderer in the app's rendermime, the notebook
 * tracker hook), `baseWidgetsPlugin` and `outputWidgetPlugin` — so that when a notebook panel is added to the tracker,
 * the plugin's own `registerNotebookWidgetManager` waits for the notebook's kernel, makes the notebook-level
 * `WidgetManager(context, rendermime, settings)`, whose `restoreWidgets` asks the kernel for live widgets
 * (`_loadFromKernel`) and then loads `metadata.widgets["application/vnd.jupyter.widget-state+json"]`
 * (`_loadFromNotebook`: `filterExistingModelState`, `set_state`), hands itself to the `WidgetRenderer`s already
 * drawn and replaces the notebook rendermime's placeholder. The saved file is read from the real server by
 * `@jupyterlab/services`' ContentsManager (the server's notary marks each code cell's `metadata.trusted`, which
 * JupyterLab's cell models read), and each code cell's saved outputs are drawn by `@jupyterlab/outputarea` with the
 * cell's trust: an untrusted output gets only safe renderers (no widget view). "Trust Notebook" is JupyterLab's
 * trust command's effect on the output models (`trusted = true`, which re-renders every output).
 *
 * Not JupyterLab's code here, stand-ins for what the notebook widget plugin would pass: the app (no shell widgets,
 * no commands), the notebook tracker (a signal), the notebook panel (its rendermime, a clone of the app's as
 * NotebookPanel makes, and its code cells' output areas), the document context (`getMetadata` on the JSON the server
 * sent instead of a NotebookModel, no save) and its session context (the kernel started by `@jupyterlab/services`'
 * KernelManager instead of a session by path). `@jupyter-widgets/controls` is registered as `controlWidgetsPlugin`
 * registers it, but loaded by `import()`, as its plugin's webpack `require.ensure` does not bundle here.
 */
import { ContentsManager, KernelManager } from "@jupyterlab/services";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import widgetPlugins from "@jupyter-widgets/jupyterlab-manager/lib/plugin";
import { JUPYTER_CONTROLS_VERSION } from "@jupyter-widgets/controls/lib/version";
import { PromiseDelegate } from "@lumino/coreutils";
import { Signal } from "@lumino/signaling";
import { Widget } from "@lumino/widgets";
import { serverPage } from "./server-page.mjs";
import "@lumino/widgets/style/index.css";
import "@jupyterlab/rendermime/style/base.css";
import "@jupyterlab/outputarea/style/base.css";
import "@jupyter-widgets/base/css/index.css";
import "@jupyter-widgets/controls/css/widgets.css";

const [managerPlugin, baseWidgetsPlugin, , outputWidgetPlugin] = widgetPlugins;

const lab = {
  kernel: null,
  serverSettings: null,
  rendermime: null,
  tracker: null,
  notebooks: [],
  /** Activate the widget plugins on an app rendermime, as JupyterLab does at start-up; `kernel` is the kernel name. */
  async start({ baseUrl, kernel }) {
    this.serverSettings = serverPage(baseUrl);
    this.kernel = kernel;
    this.rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
    const app = { shell: { widgets: () => [] } };
    const tracker = { forEach() {}, widgetAdded: null };
    tracker.widgetAdded = new Signal(tracker);
    this.tracker = tracker;
    const registry = managerPlugin.activate(app, this.rendermime, tracker, null, null, null, null, null);
    baseWidgetsPlugin.activate(app, registry);
    outputWidgetPlugin.activate(app, registry);
    registry.registerWidget({
      name: "@jupyter-widgets/controls",
      version: JUPYTER_CONTROLS_VERSION,
      exports: () => import("@jupyter-widgets/controls"),
    });
    return { kernel };
  },
  /**
   * Open the saved notebook `path` of the server: its outputs drawn first (placeholders where a widget view waits for
   * its manager), then its kernel started, then the widget plugin's manager restores the saved widgets. Resolves
   * with the notebook's index and each code cell's trust as the server marked it.
   */
  async reopen(path) {
    const contents = new ContentsManager({ serverSettings: this.serverSettings });
    const file = await contents.get(path, { type: "notebook", content: true });
    const nb = file.content;
    const ready = new PromiseDelegate();
    const sessionContext = {
      ready: ready.promise,
      session: null,
      kernelChanged: null,
      statusChanged: null,
      connectionStatusChanged: null,
    };
    for (const name of ["kernelChanged", "statusChanged", "connectionStatusChanged"]) sessionContext[name] = new Signal(sessionContext);
    const context = {
      path,
      sessionContext,
      model: { getMetadata: (key) => nb.metadata[key], dirty: false },
      saveState: null,
      urlResolver: { resolveUrl: async (url) => url, getDownloadUrl: async (url) => url },
    };
    context.saveState = new Signal(context);
    const rendermime = this.rendermime.clone();
    const index = this.notebooks.length;
    const root = document.createElement("div");
    root.className = "lab-notebook";
    root.dataset.index = String(index);
    document.getElementById("cells").appendChild(root);
    const cells = [];
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      const model = new OutputAreaModel({ values: cell.outputs, trusted: cell.metadata.trusted === true });
      const area = new OutputArea({ model, rendermime });
      const node = document.createElement("div");
      node.className = "lab-cell";
      node.dataset.index = String(cells.length);
      root.appendChild(node);
      Widget.attach(area, node);
      cells.push({ model: { type: "code" }, outputArea: area, outputs: model, trusted: model.trusted });
    }
    const content = { rendermime, widgets: cells, disposed: null };
    content.disposed = new Signal(content);
    this.tracker.widgetAdded.emit({ content, context });
    // The notebook's kernel: a fresh one, as when JupyterLab opens a saved notebook (it holds no widget).
    const kernels = new KernelManager({ serverSettings: this.serverSettings });
    await kernels.ready;
    const kernel = await kernels.startNew({ name: this.kernel });
    sessionContext.session = { kernel };
    ready.resolve();
    this.notebooks.push({ root, cells, kernel, rendermime });
    return { index, trusted: cells.map((c) => c.trusted) };
  },
  /**
   * Resolves once notebook `i`'s widget manager has restored (the kernel's widgets and the saved state loaded), as a
   * user sees the notebook open before choosing "Trust Notebook"; rejects after `ms` naming the kernel's status. The
   * manager is the one the plugin bound to the notebook's rendermime (its widget-view renderer's), so this reads the
   * plugin's own state; a trust before it would race ipywidgets' renderer against the restore.
   */
  async restored(i, ms = 60_000) {
    const { rendermime, kernel } = this.notebooks[i];
    const mime = "application/vnd.jupyter.widget-view+json";
    const waited = new Promise((resolve) => setTimeout(resolve, ms, null));
    const manager = async () => {
      for (;;) {
        // Until the plugin replaces the placeholder factory, a renderer's manager never resolves: ask again.
        const renderer = rendermime.createRenderer(mime);
        const found = await Promise.race([renderer._manager.promise, new Promise((r) => setTimeout(r, 100, null))]);
        renderer.dispose();
        if (found) return found;
      }
    };
    const done = (async () => {
      const m = await manager();
      if (!m.restoredStatus) await new Promise((resolve) => m.restored.connect(() => resolve(), null));
      return true;
    })();
    if (!(await Promise.race([done, waited])))
      throw new Error(
        `notebook ${i}'s widget manager did not restore within ${ms} ms (kernel ${kernel.status}, ${kernel.connectionStatus})`,
      );
  },
  /** JupyterLab's "Trust Notebook" on notebook `i`: every code cell's outputs trusted, so re-rendered. */
  trust(i) {
    for (const cell of this.notebooks[i].cells) cell.outputs.trusted = true;
  },
};
window.lab = lab;
console.info("emtd lab reopen page ready");
