/**
 * Widgets: the controls and `interact` on their own (no kernel), then the comm and widget protocols on a real emtd
 * kernel driven as a front end would drive it (comm_open, comm_msg, comm_close, comm_info_request), in both message
 * shapes: protocol 2 (ipywidgets 7/8, the default when no front end tells its version) and protocol 1 (classic
 * Notebook's jupyter-js-widgets 2.1.4, chosen after the `jupyter.widget.version` handshake).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { KernelClient, type Published } from "../../../src/jupyter/client";
import { kernelSpec } from "../../../src/jupyter/spec";
import type { Message } from "../../../src/jupyter/wire";
import { ArgumentError } from "../../../src/errors";
import { chooseShape, describedBy, helperState, styleKind, widgetHead } from "../../../src/viz/widget-shapes";
import { button, checkbox, dropdown, interact, slider, text, useWidgetShape, WIDGET_VIEW_MIME } from "../../../src/viz/widgets";

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("controls keep their values in range, tell observers once per change, and reject bad options by name", () => {
  const s = slider({ min: 0, max: 2, step: 0.05, value: 1, description: "coupling" });
  const seen: Array<[unknown, unknown]> = [];
  const stop = s.observe((c) => seen.push([c.old, c.new]));
  s.value = 1.5;
  s.value = 1.5; // no change, no call
  s.value = 7; // clamped to max
  stop();
  s.value = 0.5;
  assert.deepEqual(seen, [
    [1, 1.5],
    [1.5, 2],
  ]);
  assert.throws(
    () => slider({ min: 2, max: 1 }),
    (e: unknown) => e instanceof ArgumentError && /min and max/.test(e.message),
  );
  assert.throws(() => slider({ step: 0 }), /step must be a finite number > 0/);
  const d = dropdown({ options: ["ula", "mala"], value: "mala", description: "integrator" });
  assert.equal(d.value, "mala");
  assert.throws(() => (d.value = "hmc"), /one of the options \(ula, mala\)/);
  const pairs = dropdown({ options: [["small", 16] as const, ["large", 1024] as const] });
  assert.equal(pairs.value, 16);
  assert.equal(checkbox({ value: true }).value, true);
  assert.equal(text({ value: "ring:64" }).value, "ring:64");
  let clicks = 0;
  const b = button({ description: "go", onClick: () => clicks++ });
  b.click();
  b.click();
  assert.equal(clicks, 2);
  assert.equal(b.value, 2);
});

test("interact: range arrays give sliders, string arrays dropdowns, booleans checkboxes; the output follows the values", async () => {
  const view = interact(({ temperature, integrator, exact }) => `${integrator} at ${temperature} ${exact}`, {
    temperature: [0.1, 3, 0.1],
    coupling: [0, 2, 0.05],
    integrator: ["ula", "mala"],
    exact: true,
  });
  await view.settled();
  assert.deepEqual(
    Object.values(view.controls).map((c) => c.constructor.name),
    ["Slider", "Slider", "Dropdown", "Checkbox"],
  );
  assert.deepEqual(view.values(), { temperature: 1.5, coupling: 1, integrator: "ula", exact: true });
  assert.deepEqual(view.output.outputs, [{ output_type: "display_data", data: { "text/plain": "ula at 1.5 true" }, metadata: {} }]);
  view.controls.integrator.value = "mala";
  await view.settled();
  assert.equal(view.output.outputs.length, 1, "the output is replaced, not appended to");
  assert.equal((view.output.outputs[0]!.data as Record<string, string>)["text/plain"], "mala at 1.5 true");
  assert.throws(() => interact(() => 1, { bad: [1, "x"] as never }), /interact control "bad"/);
  // A function that throws: the error is shown in the output and kept; the next change runs it again.
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const failing = interact(
      ({ x }) => {
        if (x) throw new RangeError("no checked runs");
        return "fine";
      },
      { x: true },
    );
    await failing.settled();
    assert.ok(failing.lastError instanceof RangeError);
    assert.equal((failing.output.outputs[0]!.data as Record<string, string>)["text/plain"], "RangeError: no checked runs");
    assert.match(written.join(""), /interact's function threw: RangeError: no checked runs/);
    failing.controls.x.value = false;
    await failing.settled();
    assert.equal(failing.lastError, null);
    assert.equal((failing.output.outputs[0]!.data as Record<string, string>)["text/plain"], "fine");
  } finally {
    process.stderr.write = write;
  }
});

test("interact keeps exactly one live computation: a change while it runs makes it stale and the latest values win", async () => {
  let live = 0;
  let mostLive = 0;
  const aborted: number[] = [];
  const releases: Array<() => void> = [];
  const view = interact(
    async ({ t }, { signal }) => {
      live++;
      mostLive = Math.max(mostLive, live);
      signal.addEventListener("abort", () => aborted.push(t));
      await new Promise<void>((resolve) => releases.push(resolve));
      live--;
      return `result for ${t}`;
    },
    { t: [0, 10, 1] },
    { debounceMs: 20 },
  );
  // The first run (t = 5) is live; three changes arrive while it runs.
  await delay(5);
  view.controls.t.value = 1;
  view.controls.t.value = 2;
  await delay(60); // past the debounce: the change is waiting for the live run, not started beside it
  view.controls.t.value = 3;
  await delay(60);
  assert.equal(view.calls, 1, "no second computation while the first runs");
  assert.deepEqual(aborted, [5], "the stale run's signal fired once");
  releases.shift()!(); // the stale run ends: its result is dropped and one run starts with the latest values
  await delay(10);
  assert.equal(view.calls, 2);
  assert.equal(view.output.outputs.length, 0, "the stale result is never shown");
  releases.shift()!();
  await view.settled();
  assert.equal(mostLive, 1);
  assert.equal(view.staleRuns, 1);
  assert.equal((view.output.outputs[0]!.data as Record<string, string>)["text/plain"], "result for 3");
  // Debounced: a burst of changes with no run live is one computation.
  const quick = interact(({ t }) => t * 2, { t: [0, 100, 1] }, { debounceMs: 30 });
  await quick.settled();
  for (let v = 0; v < 20; v++) quick.controls.t.value = v;
  await quick.settled();
  assert.equal(quick.calls, 2);
  assert.equal((quick.output.outputs[0]!.data as Record<string, string>)["text/plain"], "38");
});

test("message shapes: ipywidgets 8 and 7 module versions and attribute names, jupyter-js-widgets for a 2.x front end", () => {
  const head8 = widgetHead("float-slider", "ipywidgets8", { layout: "L", style: "S" });
  assert.deepEqual(
    [head8._model_module, head8._model_module_version, head8._model_name, head8._view_name, head8.layout, head8.style, head8.tabbable],
    ["@jupyter-widgets/controls", "2.0.0", "FloatSliderModel", "FloatSliderView", "IPY_MODEL_L", "IPY_MODEL_S", null],
  );
  const head7 = widgetHead("output", "ipywidgets7", { layout: "L" });
  assert.deepEqual(
    [head7._model_module, head7._model_module_version, head7._model_name, "tabbable" in head7],
    ["@jupyter-widgets/output", "1.0.0", "OutputModel", false],
  );
  const head1 = widgetHead("dropdown", "jupyter-js-widgets", {});
  assert.deepEqual(
    [head1._model_module, head1._model_module_version, head1.msg_throttle, "layout" in head1],
    ["jupyter-js-widgets", "~2.1.4", 1, false],
  );
  assert.deepEqual(describedBy("T", "ipywidgets8"), { description: "T", description_allow_html: false });
  assert.deepEqual(describedBy("T", "ipywidgets7"), { description: "T", description_tooltip: null });
  assert.equal(helperState("layout", "ipywidgets7")._model_module_version, "1.2.0");
  assert.equal(helperState(styleKind("checkbox", "ipywidgets8")!, "ipywidgets8")._model_name, "CheckboxStyleModel");
  assert.equal(styleKind("checkbox", "ipywidgets7"), "description-style");
  assert.equal(styleKind("button", "jupyter-js-widgets"), null);
  assert.equal(chooseShape("2.1.4", "ipywidgets7"), "jupyter-js-widgets", "the front end's own version decides first");
  assert.equal(chooseShape("3.0.0", "ipywidgets7"), "ipywidgets7");
  assert.equal(chooseShape(null, "nonsense"), "ipywidgets8");
});

/** A kernel started as the notebook runner starts it, in a folder outside the repository. */
async function withKernel(fn: (kernel: KernelClient, iopub: Message[]) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "emtd-widgets-"));
  const kernel = await KernelClient.start(kernelSpec(), { cwd: dir });
  const iopub: Message[] = [];
  kernel.onIopub((m) => iopub.push(m));
  try {
    await fn(kernel, iopub);
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ofType = (published: Published[], type: string) => published.filter((p) => p.msg_type === type);
const streamText = (published: Published[]) =>
  ofType(published, "stream")
    .map((p) => p.content.text)
    .join("");

async function ok(kernel: KernelClient, code: string): Promise<Published[]> {
  const result = await kernel.execute(code, 120_000);
  assert.equal(result.status, "ok", JSON.stringify(result.published));
  return result.published;
}

async function until<T>(what: string, find: () => T | undefined, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await delay(20)) {
    const found = find();
    if (found !== undefined) return found;
  }
  throw new Error(`no ${what} within ${ms} ms`);
}

test(
  "protocol 2 on a real kernel: comm_open with state, two-way updates, observers under the front end's message, comm_info, clicks, output capture, interact",
  { timeout: 180_000 },
  async () => {
    await withKernel(async (kernel, iopub) => {
      const opened = await ok(
        kernel,
        'import { slider, button, dropdown, output, interact } from "emtd/widgets";\nconst s = slider({ min: 0, max: 2, step: 0.05, value: 1, description: "coupling" });\ns.observe((c) => console.log(`observed ${c.old} -> ${c.new}`));\ns',
      );
      const opens = ofType(opened, "comm_open");
      // The protocol version is in the message's own metadata, where ipywidgets' front ends read it (base-manager's
      // handle_comm_open: `msg.metadata.version`); the content is the spec's comm_open content, nothing more.
      assert.ok(opens.length >= 3);
      for (const o of opens) {
        assert.equal(o.content.target_name, "jupyter.widget");
        assert.deepEqual(o.metadata, { version: "2.1.0" });
        assert.deepEqual(Object.keys(o.content).sort(), ["comm_id", "data", "target_name"]);
      }
      const sliderOpen = opens.find((o) => o.content.data.state._model_name === "FloatSliderModel")!;
      const state = sliderOpen.content.data.state;
      assert.equal(state._model_module, "@jupyter-widgets/controls");
      assert.equal(state._model_module_version, "2.0.0");
      assert.equal(state._view_name, "FloatSliderView");
      assert.deepEqual([state.value, state.min, state.max, state.step, state.description], [1, 0, 2, 0.05, "coupling"]);
      assert.deepEqual(sliderOpen.content.data.buffer_paths, []);
      const layoutId = (state.layout as string).replace("IPY_MODEL_", "");
      const layout = opens.find((o) => o.content.comm_id === layoutId)!;
      assert.equal(layout.content.data.state._model_name, "LayoutModel");
      assert.equal(layout.content.data.state._model_module, "@jupyter-widgets/base");
      const id = sliderOpen.content.comm_id as string;
      const view = ofType(opened, "execute_result")[0]!.content.data;
      assert.deepEqual(view[WIDGET_VIEW_MIME], { model_id: id, version_major: 2, version_minor: 0 });
      assert.match(view["text/plain"], /^Slider\(value=1, min=0, max=2/);

      // The front end moves the slider: the kernel's value follows and the observer's print is parented to that message.
      const moved = await kernel.request("comm_msg", { comm_id: id, data: { method: "update", state: { value: 0.7 }, buffer_paths: [] } });
      assert.equal(streamText(moved.published), "observed 1 -> 0.7\n");
      assert.equal(ofType(await ok(kernel, "s.value"), "execute_result")[0]!.content.data["text/plain"], "0.7");
      // A value past max from the front end is clamped, and the clamped value is sent back.
      const past = await kernel.request("comm_msg", { comm_id: id, data: { method: "update", state: { value: 9 }, buffer_paths: [] } });
      assert.deepEqual(ofType(past.published, "comm_msg")[0]!.content.data, { method: "update", state: { value: 2 }, buffer_paths: [] });
      // The kernel sets it: the front end gets only the changed key.
      const set = await ok(kernel, "s.value = 0.25;");
      assert.deepEqual(ofType(set, "comm_msg")[0]!.content, {
        comm_id: id,
        data: { method: "update", state: { value: 0.25 }, buffer_paths: [] },
      });
      // request_state: the full state comes back.
      const full = await kernel.request("comm_msg", { comm_id: id, data: { method: "request_state" } });
      assert.equal(ofType(full.published, "comm_msg")[0]!.content.data.state._model_name, "FloatSliderModel");

      const info = await kernel.request("comm_info_request", { target_name: "jupyter.widget" });
      assert.equal(info.reply!.status, "ok");
      assert.deepEqual((info.reply!.comms as Record<string, unknown>)[id], { target_name: "jupyter.widget" });

      // A button's click and a dropdown's index from the front end.
      const made = await ok(
        kernel,
        'const b = button({ description: "go", onClick: () => console.log("clicked") });\nconst d = dropdown({ options: ["ula", "mala"], description: "integrator" });\nd.observe((c) => console.log(`now ${c.new}`));\n[b.id, d.id].join(" ")',
      );
      const [buttonId, dropdownId] = String(ofType(made, "execute_result")[0]!.content.data["text/plain"]).replace(/'/g, "").split(" ");
      const dropdownOpen = ofType(made, "comm_open").find((o) => o.content.comm_id === dropdownId)!;
      assert.deepEqual(dropdownOpen.content.data.state._options_labels, ["ula", "mala"]);
      const click = await kernel.request("comm_msg", { comm_id: buttonId, data: { method: "custom", content: { event: "click" } } });
      assert.equal(streamText(click.published), "clicked\n");
      const pick = await kernel.request("comm_msg", {
        comm_id: dropdownId,
        data: { method: "update", state: { index: 1 }, buffer_paths: [] },
      });
      assert.equal(streamText(pick.published), "now mala\n");

      // An Output widget takes what is printed and displayed inside capture: none of it reaches the cell.
      const captured = await ok(kernel, 'const o = output();\no.capture(() => { console.log("inside"); });\n"after"');
      assert.equal(streamText(captured), "", "the print went into the Output widget");
      const outputUpdate = ofType(captured, "comm_msg").find((m) => m.content.data.state?.outputs)!;
      assert.deepEqual(outputUpdate.content.data.state.outputs, [{ output_type: "stream", name: "stdout", text: "inside\n" }]);

      // interact: moving its slider from the front end recomputes after the debounce, under the moving message.
      const shown = await ok(kernel, "const v = interact(({ n }) => `twice ${n} is ${2 * n}`, { n: [0, 10, 1] });\nawait v.settled();\nv");
      const nId = ofType(shown, "comm_open").find((o) => o.content.data.state._model_name === "IntSliderModel")!.content.comm_id as string;
      const outId = ofType(shown, "comm_open").find((o) => o.content.data.state._model_name === "OutputModel")!.content.comm_id as string;
      const box = ofType(shown, "execute_result")[0]!.content.data;
      assert.match(box["text/html"], /twice 5 is 10/, "a static page shows the first result");
      const move = await kernel.request("comm_msg", { comm_id: nId, data: { method: "update", state: { value: 8 }, buffer_paths: [] } });
      const redrawn = await until("output update", () =>
        iopub.find(
          (m) =>
            m.header.msg_type === "comm_msg" &&
            m.content.comm_id === outId &&
            JSON.stringify((m.content.data as { state?: unknown }).state ?? "").includes("twice 8 is 16"),
        ),
      );
      assert.equal(redrawn.parent_header.msg_id, move.msgId, "the recomputed output is parented to the front end's change");

      // A comm to a target nobody registered is closed at once.
      const stray = await kernel.request("comm_open", { comm_id: "stray-1", target_name: "no.such.target", data: {} });
      assert.deepEqual(ofType(stray.published, "comm_close")[0]!.content, { comm_id: "stray-1", data: {} });
      // The front end closes a widget's comm: it leaves comm_info.
      await kernel.request("comm_close", { comm_id: id, data: {} });
      const after = await kernel.request("comm_info_request", { target_name: "jupyter.widget" });
      assert.equal((after.reply!.comms as Record<string, unknown>)[id], undefined);
    });
  },
);

test(
  "protocol 1 after the jupyter.widget.version handshake: flat state in jupyter-js-widgets, display by comm message, backbone sync",
  { timeout: 180_000 },
  async () => {
    await withKernel(async (kernel, iopub) => {
      // A widget made before the front end tells its version speaks protocol 2, then re-opens itself in protocol 1.
      const early = await ok(kernel, 'import { checkbox } from "emtd/widgets";\nconst early = checkbox({ value: true });');
      const earlyId = ofType(early, "comm_open").find((o) => o.content.data.state?._model_name === "CheckboxModel")!.content
        .comm_id as string;
      // What classic Notebook's jupyter-js-widgets 2.1.4 does on connecting: open the version comm, answer the range.
      const hello = await kernel.request("comm_open", { comm_id: "version-1", target_name: "jupyter.widget.version", data: {} });
      assert.deepEqual(ofType(hello.published, "comm_msg")[0]!.content, { comm_id: "version-1", data: { version: "~2.1.4" } });
      const told = await kernel.request("comm_msg", { comm_id: "version-1", data: { validated: true, frontend_version: "2.1.4" } });
      const reopened = ofType(told.published, "comm_open").find((o) => o.content.comm_id === earlyId);
      assert.equal(reopened?.content.data._model_name, "CheckboxModel", "re-opened in protocol 1's flat state");
      assert.deepEqual(reopened?.metadata, { version: "1.0.0" });

      const made = await ok(
        kernel,
        'import { slider, dropdown, output } from "emtd/widgets";\nconst s = slider({ min: 0, max: 1, step: 0.1, value: 0.5, description: "T" });\ns.observe((c) => console.log(`T is ${c.new}`));\nconst d = dropdown({ options: ["ula", "mala"] });\nd.observe((c) => console.log(`now ${c.new}`));\ns',
      );
      const opens = ofType(made, "comm_open");
      assert.equal(opens.length, 2, "no layout or style models in protocol 1");
      const [sOpen, dOpen] = opens;
      assert.equal(sOpen!.content.data._model_name, "FloatSliderModel", "the state is the comm data itself");
      assert.deepEqual(
        sOpen!.metadata,
        { version: "1.0.0" },
        "protocol 1's version, in the message metadata (jupyter-js-widgets reads none)",
      );
      assert.equal("metadata" in sOpen!.content, false);
      assert.equal(sOpen!.content.data._model_module, "jupyter-js-widgets");
      assert.equal(sOpen!.content.data._model_module_version, "~2.1.4");
      assert.equal(sOpen!.content.data.value, 0.5);
      assert.equal(dOpen!.content.data.value, "ula", "a protocol-1 dropdown syncs its label");
      // Displayed by a comm message parented to the cell (the front end finds the cell by it).
      const display = ofType(made, "comm_msg").find(
        (m) => m.content.comm_id === sOpen!.content.comm_id && m.content.data.method === "display",
      );
      assert.ok(display, "the display comm message is published under the cell's request");
      assert.equal(ofType(made, "execute_result").length, 0, "no empty Out[n] beside the widget");

      const moved = await kernel.request("comm_msg", {
        comm_id: sOpen!.content.comm_id,
        data: { method: "backbone", sync_data: { value: 0.8 } },
      });
      assert.equal(streamText(moved.published), "T is 0.8\n");
      const picked = await kernel.request("comm_msg", {
        comm_id: dOpen!.content.comm_id,
        data: { method: "backbone", sync_data: { value: "mala" } },
      });
      assert.equal(streamText(picked.published), "now mala\n");
      const set = await ok(kernel, "s.value = 0.2;");
      assert.deepEqual(ofType(set, "comm_msg")[0]!.content.data, { method: "update", state: { value: 0.2 }, buffers: [] });

      // An Output widget of protocol 1 gets outputs parented to its model id (where its front-end callbacks are).
      const captured = await ok(kernel, 'const o = output();\no.capture(() => console.log("routed"));\no.id');
      const outId = String(ofType(captured, "execute_result")[0]!.content.data["text/plain"]).replace(/'/g, "");
      assert.equal(streamText(captured), "", "not in the cell");
      const routed = await until("routed output", () =>
        iopub.find((m) => m.header.msg_type === "stream" && m.parent_header.msg_id === outId),
      );
      assert.equal(routed.content.text, "routed\n");
    });
    useWidgetShape(null);
  },
);

test(
  "jupyter.widget.control (ipywidgets 8): request_states is answered with every live widget's state, changes and closes included",
  { timeout: 180_000 },
  async () => {
    await withKernel(async (kernel) => {
      const made = await ok(
        kernel,
        'import { slider, checkbox } from "emtd/widgets";\nconst t = slider({ min: 0.1, max: 3, step: 0.1, value: 0.5, description: "T" });\nconst gone = checkbox({ value: true });\nt.value = 1.5;\ngone.close();',
      );
      const opens = ofType(made, "comm_open");
      const sliderId = opens.find((o) => o.content.data.state._model_name === "FloatSliderModel")!.content.comm_id as string;
      const checkboxId = opens.find((o) => o.content.data.state._model_name === "CheckboxModel")!.content.comm_id as string;
      // What JupyterLab and Notebook 7 do when they load a notebook whose kernel already has widgets.
      await kernel.request("comm_open", {
        comm_id: "control-1",
        target_name: "jupyter.widget.control",
        data: {},
        metadata: { version: "1.0.0" },
      });
      const asked = await kernel.request("comm_msg", { comm_id: "control-1", data: { method: "request_states" } });
      const answer = ofType(asked.published, "comm_msg")[0]!.content;
      assert.equal(answer.comm_id, "control-1");
      assert.equal(answer.data.method, "update_states");
      assert.deepEqual(answer.data.buffer_paths, []);
      const states = answer.data.states as Record<
        string,
        { model_name: string; model_module: string; model_module_version: string; state: Record<string, unknown> }
      >;
      const entry = states[sliderId]!;
      assert.deepEqual(
        [
          entry.model_name,
          entry.model_module,
          entry.model_module_version,
          entry.state._model_name,
          entry.state.value,
          entry.state.description,
        ],
        ["FloatSliderModel", "@jupyter-widgets/controls", "2.0.0", "FloatSliderModel", 1.5, "T"],
        "the slider's current value, not the one it was made with",
      );
      // Its layout and style models are listed too (the front end needs them to draw it); a closed widget is not.
      const layoutId = (entry.state.layout as string).replace("IPY_MODEL_", "");
      assert.equal(states[layoutId]?.model_name, "LayoutModel");
      assert.equal(states[(entry.state.style as string).replace("IPY_MODEL_", "")]?.model_name, "SliderStyleModel");
      assert.equal(states[checkboxId], undefined);
      assert.ok(Object.values(states).every((s) => s.model_module.startsWith("@jupyter-widgets/")));
    });
  },
);
