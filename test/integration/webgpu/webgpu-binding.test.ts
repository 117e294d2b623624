import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { key } from "../../../src/engine/random";
import { ResourceError } from "../../../src/errors";
import { ringGraph } from "../../../src/graph/direct";
import { interaction } from "../../../src/hamiltonian/interaction";
import { ula } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { releaseGraph } from "../../../src/ops/tensors";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// The binding limit at every entry (engine/webgpu/binding.ts): the WebGPU worker refuses any dispatch that would bind
// a tensor past the device's largest storage binding (or EMTD_WEBGPU_MAX_BINDING_BYTES, lower, for tests), so a
// command without a check of its own (emtd ising) and a library run end in one line naming the size and the limit,
// where WebGPU would have rejected the dispatch and the run read zeros (issue 43: meanEnergy 0, exit 0).

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
const BIN = join(TEST_DIR, "..", "..", "bin", "emtd.js");

test(
  "emtd ising --backend webgpu past the binding limit: exit 2, one line naming the size and the limit",
  { skip: missing ?? false },
  () => {
    const env = { ...process.env, EMTD_WEBGPU_MAX_BINDING_BYTES: "4096" };
    const r = spawnSync(process.execPath, [BIN, "ising", "--backend", "webgpu", "--size", "64", "--sweeps", "8", "--json"], {
      encoding: "utf8",
      env,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "", "nothing half-written");
    const ours = r.stderr.split("\n").filter((l) => l !== "" && !/a software GPU/.test(l));
    assert.equal(ours.length, 1, r.stderr);
    assert.match(
      ours[0]!,
      /needs about [\d.]+ MiB but the limit is 0\.00391 MiB \(the GPU's largest storage binding: EMTD_WEBGPU_MAX_BINDING_BYTES\)/,
    );
  },
);

test(
  "a library run on webgpu past the binding limit: in blocks where a block holds a tile (the same numbers), else a ResourceError; the worker is sound after",
  { skip: missing ?? false },
  async () => {
    assert.equal(await ready({ backend: "webgpu" }), "webgpu");
    const graph = ringGraph(10000, 2);
    const once = () => {
      const x0 = tf.zeros([graph.n, 2]); // 80 000 bytes
      try {
        const r = run(ula(interaction(graph), { step: 0.1, temperature: 1 }), x0, { steps: 8, burnIn: 0 }, key(2));
        r.final.dispose();
        return [r.meanEnergy, ...r.energies, ...r.trace.map((t) => t.consensusError)];
      } finally {
        x0.dispose();
      }
    };
    const whole = once();
    const capped = (cap: string) => {
      process.env.EMTD_WEBGPU_MAX_BINDING_BYTES = cap; // the worker shares this thread's environment
      try {
        return once();
      } finally {
        delete process.env.EMTD_WEBGPU_MAX_BINDING_BYTES;
      }
    };
    // 32 KiB per tile of 4096 rows × 2 channels: three blocks under a 32 KiB cap, none under 16 KiB.
    assert.deepEqual(capped("32768"), whole, "the same numbers in blocks");
    assert.throws(
      () => capped("16384"),
      (e: unknown) => e instanceof ResourceError && /one block of 4096 rows × 2 channels/.test(e.message) && /0\.0156 MiB/.test(e.message),
    );
    assert.deepEqual(once(), whole, "the worker is sound after a refusal");
    releaseGraph(graph);
  },
);
