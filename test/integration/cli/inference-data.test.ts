/**
 * The draws in ArviZ's InferenceData layout as Zarr v2 (issue 21 §2): the store's files and metadata as the Zarr v2
 * spec and xarray's conventions ask (pure TypeScript, runs everywhere); the recorder's draws are the run's; a
 * resumed `emtd run` writes the draws of an uninterrupted one; and a real reader, `xarray.open_zarr` (Debian
 * python3-xarray + python3-zarr), opens what `emtd sample --out` and `emtd run` write, with the dims, names, values
 * and attributes of the layout (skipped, saying so, where no Python imports both).
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { zarrStoreFiles, writeZarrStore } from "../../../src/files/zarr";
import { writeTreeAtomic } from "../../../src/files/atomic";
import { drawRecorder } from "../../../src/dynamics/draws";
import { inferenceDataGroups, writeInferenceData } from "../../../src/dynamics/inference-data";
import { interactionChains } from "../../../src/hamiltonian/chain-energy";
import { mala } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { interaction } from "../../../src/hamiltonian/interaction";
import { graphs } from "../../../src/graph/generators";
import { releaseGraph } from "../../../src/ops/tensors";
import { key } from "../../../src/engine/random";
import { ready } from "../../../src/engine/backend";
import { ArgumentError } from "../../../src/errors";
import { runConfig } from "../../../src/runs/run-config";
import { commands } from "../../../src/cli/registry";
import { RunInterrupted } from "../../../src/command/command";
import { VERSION } from "../../../src/package";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const text = (files: Map<string, Uint8Array>, name: string) => JSON.parse(Buffer.from(files.get(name)!).toString("utf8"));

test("zarr: the files of a store are Zarr v2 (groups, arrays, _ARRAY_DIMENSIONS, consolidated metadata); chunks are little-endian C order, edges padded", () => {
  const data = [1.5, -2, 3, 4, 5, 6, 7, 8, 9, 10]; // [2, 5]
  const files = zarrStoreFiles(
    {
      posterior: {
        attrs: { inference_library: "emtd" },
        arrays: {
          x: { dims: ["chain", "draw"], shape: [2, 5], dtype: "<f8", data, chunks: [1, 2] },
          draw: { dims: ["draw"], shape: [5], dtype: "<i8", data: [0, 1, 2, 3, 4] },
          ok: { dims: ["draw"], shape: [5], dtype: "|b1", data: [1, 0, 0, 1, 1] },
        },
      },
    },
    { note: "root" },
  );
  const names = [...files.keys()].sort();
  assert.deepEqual(names, [
    ".zattrs",
    ".zgroup",
    ".zmetadata",
    "posterior/.zattrs",
    "posterior/.zgroup",
    "posterior/draw/.zarray",
    "posterior/draw/.zattrs",
    "posterior/draw/0",
    "posterior/ok/.zarray",
    "posterior/ok/.zattrs",
    "posterior/ok/0",
    "posterior/x/.zarray",
    "posterior/x/.zattrs",
    ...["0.0", "0.1", "0.2", "1.0", "1.1", "1.2"].map((k) => `posterior/x/${k}`),
  ]);
  assert.deepEqual(text(files, ".zgroup"), { zarr_format: 2 });
  assert.deepEqual(text(files, "posterior/.zattrs"), { inference_library: "emtd" });
  assert.deepEqual(text(files, "posterior/x/.zarray"), {
    zarr_format: 2,
    shape: [2, 5],
    chunks: [1, 2],
    dtype: "<f8",
    compressor: null,
    fill_value: "NaN",
    order: "C",
    filters: null,
    dimension_separator: ".",
  });
  assert.equal(text(files, "posterior/draw/.zarray").fill_value, null, "integers have no fill value (xarray would mask it)");
  assert.deepEqual(text(files, "posterior/x/.zattrs"), { _ARRAY_DIMENSIONS: ["chain", "draw"] });
  // Consolidated: every metadata file, by path, with the same JSON.
  const consolidated = text(files, ".zmetadata");
  assert.equal(consolidated.zarr_consolidated_format, 1);
  const metaFiles = names.filter((n) => /(^|\/)\.z(group|attrs|array)$/.test(n));
  assert.deepEqual(Object.keys(consolidated.metadata).sort(), metaFiles);
  for (const n of metaFiles) assert.deepEqual(consolidated.metadata[n], text(files, n), n);
  // Chunk (1, 2) holds x[1, 4] and a NaN pad; every chunk is whole.
  const f64 = (name: string) => {
    const b = Buffer.from(files.get(name)!);
    return Array.from({ length: b.length / 8 }, (_, i) => b.readDoubleLE(i * 8));
  };
  assert.deepEqual(f64("posterior/x/0.0"), [1.5, -2]);
  assert.deepEqual(f64("posterior/x/1.1"), [8, 9]);
  const edge = f64("posterior/x/1.2");
  assert.equal(edge[0], 10);
  assert.ok(Number.isNaN(edge[1]));
  const ints = Buffer.from(files.get("posterior/draw/0")!);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => Number(ints.readBigInt64LE(i * 8))),
    [0, 1, 2, 3, 4],
  );
  assert.deepEqual(Array.from(files.get("posterior/ok/0")!), [1, 0, 0, 1, 1]);
  assert.throws(
    () => zarrStoreFiles({ g: { arrays: { x: { dims: ["a"], shape: [3], dtype: "<f8", data: [1, 2] } } } }),
    (e: unknown) => e instanceof ArgumentError && /x\.data\.length/.test(e.message),
  );
  assert.throws(
    () => zarrStoreFiles({ g: { arrays: { x: { dims: ["a", "b"], shape: [2], dtype: "<f8", data: [1, 2] } } } }),
    (e: unknown) => e instanceof ArgumentError && /x\.dims/.test(e.message),
  );
});

test("zarr: a store is written whole and replaces the previous one whole; a failed write leaves it as it was", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-zarr-"));
  try {
    const store = path.join(dir, "s.zarr");
    const one = { g: { arrays: { x: { dims: ["a"], shape: [2], dtype: "<f8" as const, data: [1, 2] } } } };
    const two = { g: { arrays: { y: { dims: ["a"], shape: [1], dtype: "<f8" as const, data: [3] } } } };
    writeZarrStore(store, one);
    assert.ok(fs.existsSync(path.join(store, "g", "x", "0")));
    writeZarrStore(store, two);
    assert.ok(!fs.existsSync(path.join(store, "g", "x")), "nothing of the old store is left");
    assert.ok(fs.existsSync(path.join(store, "g", "y", "0")));
    assert.throws(() => writeTreeAtomic(store, new Map([["../escape", Buffer.from("x")]])));
    assert.ok(fs.existsSync(path.join(store, "g", "y", "0")), "the previous store is kept");
    assert.deepEqual(fs.readdirSync(dir), ["s.zarr"], "no temporary left behind");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("draws: the recorder's energies are the run's, its last mean field is the final field's, one chain or R; no tensor left", async () => {
  await ready();
  const graph = graphs.ring(12, 2);
  const x0 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
  const recorder = drawRecorder(1, 2, 150);
  const before = tf.memory().numTensors;
  const r = run(mala(interaction(graph), { step: 0.05 }), x0, { steps: 200, burnIn: 50, onDraw: recorder.onDraw }, key(1));
  assert.equal(tf.memory().numTensors, before + 1, "only the final field");
  assert.deepEqual(Array.from(recorder.draws.energy), Array.from(r.energies));
  const finalMean = Array.from(tf.tidy(() => tf.mean(r.final, 0)).dataSync());
  const last = Array.from(recorder.draws.meanField.subarray(149 * 2));
  for (let c = 0; c < 2; c++) assert.ok(Math.abs(last[c]! - finalMean[c]!) < 1e-6, `${last} vs ${finalMean}`);
  const accepted = recorder.draws.accepted.reduce((s, a) => s + a, 0) / 150;
  assert.equal(accepted, r.acceptance);
  assert.ok(recorder.draws.stepSize.every((h) => h === r.stepSize));
  r.final.dispose();
  // R = 3 chains: chain r's draws are chain r's energies.
  const chains = drawRecorder(3, 2, 100);
  const x3 = tf.zeros([graph.n, 6]) as tf.Tensor2D;
  const c = run(mala(interactionChains(graph, 3), { step: 0.05 }), x3, { steps: 150, burnIn: 50, onDraw: chains.onChainsDraw }, key(2));
  for (let k = 0; k < 3; k++)
    assert.deepEqual(Array.from(chains.draws.energy.subarray(k * 100, (k + 1) * 100)), Array.from(c.draws.energy[k]!));
  // A snapshot restores into a fresh recorder.
  const copy = drawRecorder(3, 2, 100);
  copy.restore(chains.snapshot(40));
  assert.equal(copy.recorded, 40);
  assert.deepEqual(
    Array.from(copy.draws.meanField.subarray(2 * 100 * 2, (2 * 100 + 40) * 2)),
    Array.from(chains.draws.meanField.subarray(400, 480)),
  );
  const groups = inferenceDataGroups(chains.draws, { createdAt: "2026-01-01T00:00:00.000Z" });
  assert.deepEqual(groups.posterior!.arrays.energy!.shape, [3, 100]);
  assert.deepEqual(groups.posterior!.arrays.mean_field!.dims, ["chain", "draw", "channel"]);
  assert.deepEqual(groups.sample_stats!.attrs, {
    created_at: "2026-01-01T00:00:00.000Z",
    inference_library: "emtd",
    inference_library_version: VERSION,
  });
  tf.dispose([x0, x3, c.final]);
  releaseGraph(graph);
});

test("emtd run of a sample config interrupted and resumed writes the draws of an uninterrupted emtd sample --out, byte for byte", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-draws-"));
  try {
    const config = { command: "sample", graph: "ring:40:4", dim: 2, steps: 3000, burnIn: 500, seed: 5, checkpointEvery: 500 };
    const out = path.join(dir, "run");
    const controller = new AbortController();
    await assert.rejects(
      runConfig(config, out, { commands, signal: controller.signal, onProgress: (p) => p.done >= 1000 && controller.abort() }),
      (e: unknown) => e instanceof RunInterrupted && e.done < 3000,
    );
    assert.ok(!fs.existsSync(path.join(out, "draws.csv")) && fs.existsSync(path.join(out, "checkpoint.json")));
    const { resumedFrom } = await runConfig(config, out, { commands });
    assert.ok(resumedFrom !== null && resumedFrom > 500, `resumed from ${resumedFrom}`);
    const direct = path.join(dir, "direct");
    const s = emtd(
      "sample",
      "--graph",
      "ring:40:4",
      "--dim",
      "2",
      "--steps",
      "3000",
      "--burn-in",
      "500",
      "--seed",
      "5",
      "--out",
      direct,
      "--json",
    );
    assert.equal(s.code, 0, s.stderr);
    assert.equal(fs.readFileSync(path.join(out, "draws.csv"), "utf8"), fs.readFileSync(path.join(direct, "draws.csv"), "utf8"));
    for (const chunk of ["posterior/energy/0.0", "posterior/mean_field/0.0.0", "sample_stats/accepted/0.0"])
      assert.ok(
        fs
          .readFileSync(path.join(out, "inference_data.zarr", chunk))
          .equals(fs.readFileSync(path.join(direct, "inference_data.zarr", chunk))),
        chunk,
      );
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(direct, "result.json"), "utf8")).meanEnergy, JSON.parse(s.stdout).meanEnergy);
    // A path that cannot be a directory is refused before the run: one line, exit 2.
    const bad = emtd("sample", "--graph", "ring:20:4", "--steps", "100", "--out", "/dev/null/x");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^emtd sample: --out must be a directory that can be created \(got "\/dev\/null\/x": ENOTDIR\)\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A Python that imports xarray and zarr (Debian's /usr/bin/python3 first: `python3` may be a pyenv shim without them). */
function pythonWithXarray(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(python, ["-c", "import xarray, zarr"], { encoding: "utf8" });
    if (r.status === 0) return python;
  }
  return null;
}

/** Reads the store with xarray and prints what the test checks, comparing every value with draws.csv itself. */
const READER = String.raw`
import json, sys, csv
import numpy as np, xarray as xr
store, csv_file = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(csv_file)))
out = {}
for group in ("posterior", "sample_stats"):
    ds = xr.open_zarr(store, group=group)
    out[group] = {"dims": {k: int(v) for k, v in ds.sizes.items()}, "vars": {n: list(ds[n].dims) for n in ds.data_vars},
                  "dtypes": {n: str(ds[n].dtype) for n in ds.data_vars}, "attrs": dict(ds.attrs),
                  "coords": {n: ds[n].values.tolist() for n in ds.coords}}
    R, D = ds.sizes["chain"], ds.sizes["draw"]
    def column(name):
        return np.array([float(r[name]) for r in rows]).reshape(R, D)
    checks = {}
    for n in ds.data_vars:
        v = ds[n].values
        if n == "mean_field":
            d = v.shape[2]
            expected = np.stack([column(f"mean_field_{c}") for c in range(d)], axis=2)
        else:
            expected = column(n)
        checks[n] = bool(np.array_equal(v.astype(float), expected))
    out[group]["equalToCsv"] = checks
    if group == "posterior":
        out[group]["energyMeans"] = ds["energy"].mean("draw").values.tolist()
print(json.dumps(out))
`;

test("xarray.open_zarr reads emtd sample --out and emtd run stores: groups, dims (chain, draw[, channel]), values of draws.csv, attributes", (t) => {
  const python = pythonWithXarray();
  if (python === null) {
    t.skip(
      "no Python here imports both xarray and zarr (Debian python3-xarray and python3-zarr; scripts/system-packages.sh installs them)",
    );
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-xarray-"));
  const read = (out: string) => {
    const r = spawnSync(python, ["-c", READER, path.join(out, "inference_data.zarr"), path.join(out, "draws.csv")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  try {
    // One chain: a chain dimension of length 1.
    const one = path.join(dir, "one");
    const s = emtd(
      "sample",
      "--graph",
      "ring:30:4",
      "--dim",
      "3",
      "--steps",
      "1500",
      "--burn-in",
      "300",
      "--seed",
      "3",
      "--out",
      one,
      "--json",
    );
    assert.equal(s.code, 0, s.stderr);
    const result = JSON.parse(s.stdout);
    const x = read(one);
    assert.deepEqual(x.posterior.dims, { chain: 1, draw: 1200, channel: 3 });
    assert.deepEqual(x.posterior.vars, { energy: ["chain", "draw"], mean_field: ["chain", "draw", "channel"] });
    assert.deepEqual(x.sample_stats.vars, {
      acceptance_rate: ["chain", "draw"],
      accepted: ["chain", "draw"],
      step_size: ["chain", "draw"],
    });
    assert.deepEqual(x.sample_stats.dtypes, { acceptance_rate: "float64", accepted: "bool", step_size: "float64" });
    assert.deepEqual(x.posterior.coords.chain, [0]);
    assert.deepEqual(x.posterior.coords.channel, [0, 1, 2]);
    assert.equal(x.posterior.coords.draw.length, 1200);
    assert.deepEqual(x.posterior.equalToCsv, { energy: true, mean_field: true });
    assert.deepEqual(x.sample_stats.equalToCsv, { acceptance_rate: true, accepted: true, step_size: true });
    // The draws are the ones ⟨H⟩ was computed from.
    assert.ok(Math.abs(x.posterior.energyMeans[0] - result.meanEnergy) < 1e-9 * Math.abs(result.meanEnergy));
    for (const group of ["posterior", "sample_stats"]) {
      const attrs = x[group].attrs;
      assert.equal(attrs.inference_library, "emtd");
      assert.equal(attrs.inference_library_version, VERSION);
      assert.ok(!Number.isNaN(Date.parse(attrs.created_at)), attrs.created_at);
      assert.equal(attrs.graph, "ring:30:4");
    }
    // R = 3 chains.
    const three = path.join(dir, "three");
    const c = emtd(
      "sample",
      "--graph",
      "ring:30:4",
      "--dim",
      "2",
      "--steps",
      "800",
      "--chains",
      "3",
      "--seed",
      "4",
      "--out",
      three,
      "--json",
    );
    assert.equal(c.code, 0, c.stderr);
    const y = read(three);
    assert.deepEqual(y.posterior.dims, { chain: 3, draw: 720, channel: 2 });
    assert.deepEqual(y.posterior.equalToCsv, { energy: true, mean_field: true });
    const perChain = JSON.parse(c.stdout).perChain as { meanEnergy: number }[];
    perChain.forEach((p, r) => assert.ok(Math.abs(y.posterior.energyMeans[r] - p.meanEnergy) < 1e-9 * p.meanEnergy));
    // emtd run of a sample config writes the same store under its --out.
    const config = path.join(dir, "config.json");
    fs.writeFileSync(config, JSON.stringify({ command: "sample", graph: "ring:30:4", steps: 600, seed: 2 }));
    const ran = emtd("run", config, "--out", path.join(dir, "run"), "--json");
    assert.equal(ran.code, 0, ran.stderr);
    const z = read(path.join(dir, "run"));
    assert.deepEqual(z.posterior.dims, { chain: 1, draw: 540, channel: 2 });
    assert.deepEqual(z.sample_stats.equalToCsv, { acceptance_rate: true, accepted: true, step_size: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Reads a run result's store with xarray: each group's sizes, variables and values. */
const RESULT_READER = String.raw`
import json, sys
import xarray as xr
out = {}
for group in ("posterior", "sample_stats"):
    ds = xr.open_zarr(sys.argv[1], group=group)
    out[group] = {"dims": {k: int(v) for k, v in ds.sizes.items()}, "vars": {n: list(ds[n].dims) for n in ds.data_vars},
                  "values": {n: ds[n].values.tolist() for n in ds.data_vars}}
print(json.dumps(out))
`;

test("xarray.open_zarr reads what a run result writes (writeInferenceData): one chain, and R chains with their mean fields", async (t) => {
  const python = pythonWithXarray();
  if (python === null) {
    t.skip(
      "no Python here imports both xarray and zarr (Debian python3-xarray and python3-zarr; scripts/system-packages.sh installs them)",
    );
    return;
  }
  await ready({ backend: "wasm" });
  const graph = graphs.ring(12, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-result-zarr-"));
  const read = (store: string) => {
    const r = spawnSync(python, ["-c", RESULT_READER, store], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  try {
    const x1 = tf.zeros([graph.n, 2]) as tf.Tensor2D;
    const one = run(mala(interaction(graph), { step: 0.05 }), x1, { steps: 120, burnIn: 20 }, key(5));
    writeInferenceData(path.join(dir, "one.zarr"), one);
    const a = read(path.join(dir, "one.zarr"));
    assert.deepEqual(a.posterior.dims, { chain: 1, draw: 100 });
    assert.deepEqual(a.posterior.vars, { energy: ["chain", "draw"] });
    assert.deepEqual(a.posterior.values.energy, [Array.from(one.energies)]);
    assert.deepEqual(a.sample_stats.values.step_size, [Array(100).fill(one.stepSize)]);
    const x4 = tf.zeros([graph.n, 4 * 2]) as tf.Tensor2D;
    const four = run(mala(interactionChains(graph, 4), { step: 0.05 }), x4, { steps: 80, burnIn: 20, diagnostics: true }, key(6));
    writeInferenceData(path.join(dir, "four.zarr"), four);
    const b = read(path.join(dir, "four.zarr"));
    assert.deepEqual(b.posterior.dims, { chain: 4, draw: 60, channel: 2 });
    assert.deepEqual(b.posterior.vars, { energy: ["chain", "draw"], mean_field: ["chain", "draw", "channel"] });
    assert.deepEqual(
      b.posterior.values.energy,
      four.draws.energy.map((c) => Array.from(c)),
    );
    for (let r = 0; r < 4; r++)
      for (const t of [0, 59])
        assert.deepEqual(
          b.posterior.values.mean_field[r][t],
          [four.draws.meanField0![r]![t], four.draws.meanField1![r]![t]],
          `chain ${r} draw ${t}`,
        );
    tf.dispose([x1, x4, one.final, four.final]);
  } finally {
    releaseGraph(graph);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
