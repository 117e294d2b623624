/**
 * The JupyterLab 4 browser tests (jupyterlab-browser/: figures, notebook 18, jupyterlab-plotly, a reopened notebook,
 * widgets, the explorer) in one file, so that a run installs the emtd kernel and starts a Jupyter server once for all of them (node's
 * test runner gives each file a process of its own); each test opens its own page in a fresh Chromium, with a kernel of
 * its own, and shuts that kernel down at its end. The pages come bundled from test/jupyterlab-bundle.ts's cache. The
 * tests run one after another (the kernels a page starts are told apart by that).
 */
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { jupyterLabMissing, type JupyterLabServer, startJupyterLab } from "../../jupyterlab";
import { exploreTests } from "./jupyterlab-browser/explore";
import { figuresTests } from "./jupyterlab-browser/figures";
import { notebook18Tests } from "./jupyterlab-browser/notebook18";
import { plotlyTests } from "./jupyterlab-browser/plotly";
import { reopenTests } from "./jupyterlab-browser/reopen";
import { widgetsTests } from "./jupyterlab-browser/widgets";
import { resource } from "../../support/resources";

resource("chromium");

// Each test is skipped on its own (not the suite), so a machine without Jupyter still lists all of them as skipped.
const skip = jupyterLabMissing();

describe("JupyterLab 4 in Chromium, one Jupyter server", () => {
  let server: JupyterLabServer | null = null;
  const shared = () => server ?? assert.fail("the Jupyter server did not start");
  before(
    async () => {
      if (!skip) server = await startJupyterLab();
    },
    { timeout: 120_000 },
  );
  after(() => server?.close());

  describe("figures", () => figuresTests(shared, skip));
  describe("notebook 18", () => notebook18Tests(shared, skip));
  describe("jupyterlab-plotly", () => plotlyTests(shared, skip));
  describe("reopen", () => reopenTests(shared, skip));
  describe("widgets", () => widgetsTests(shared, skip));
  describe("explore", () => exploreTests(shared, skip));
});
