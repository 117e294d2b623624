import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";

// Faults of the GPU end in one line (issue 43): a field above the device's largest storage binding is refused before
// any work (a low cap from EMTD_WEBGPU_MAX_BINDING_BYTES makes that fast to see); a WebGPU validation error or a lost
// device mid-run becomes a GpuFaultError — one line on stderr, nothing on stdout (Dawn printed its messages there),
// no result read back.

const missing = webgpuMissing();
allowSoftwareGpu(); // SwiftShader on purpose where no GPU is
const BIN = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const FIXTURE = join(TEST_DIR, "fixtures", "webgpu-fault.js");
const SOFTWARE_NOTE = /a software GPU \(EMTD_WEBGPU_ADAPTER=software\)/;

/** stderr's lines but the software GPU's one-line note. */
function ours(stderr: string): string[] {
  return stderr
    .trim()
    .split("\n")
    .filter((line) => line !== "" && !SOFTWARE_NOTE.test(line));
}

test(
  "a field above the binding cap is refused before any work: exit 2, one line naming --graph, --dim, --chains and the limit",
  { skip: missing ?? false },
  () => {
    const env = { ...process.env, EMTD_WEBGPU_MAX_BINDING_BYTES: "65536" };
    const cases = [
      { args: ["--graph", "ring:10000:2"], bytes: /0\.0763 MiB/ }, // 10000 × 2 × 4 = 80000 bytes
      { args: ["--graph", "ring:4096:2", "--chains", "4"], bytes: /0\.125 MiB/ }, // one chain (32768 bytes) would fit
    ];
    for (const { args, bytes } of cases) {
      const sample = ["sample", "--backend", "webgpu", ...args, "--integrator", "ula", "--step", "0.1", "--steps", "4", "--json"];
      const r = spawnSync(process.execPath, [BIN, ...sample], { encoding: "utf8", env });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "");
      const lines = ours(r.stderr);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^emtd sample: the field of --graph ring:\d+:2 × --dim 2 × --chains \d in one GPU binding/);
      assert.match(lines[0]!, bytes);
      assert.match(lines[0]!, /limit is 0\.0625 MiB \(the GPU's largest storage binding: EMTD_WEBGPU_MAX_BINDING_BYTES\)/);
    }
    // Under the cap the same run goes on.
    const fits = [
      "sample",
      "--backend",
      "webgpu",
      "--graph",
      "ring:4096:2",
      "--integrator",
      "ula",
      "--step",
      "0.1",
      "--steps",
      "4",
      "--json",
    ];
    const r = spawnSync(process.execPath, [BIN, ...fits], { encoding: "utf8", env });
    assert.equal(r.status, 0, r.stderr);
  },
);

for (const [kind, message] of [
  ["validation", /the GPU reported a GPUValidationError: /],
  ["lost", /the GPU device was lost \(destroyed: /],
  // A dead worker: it exits, throws, or is killed from outside (no exit handler runs: its heartbeat stops). Before,
  // the run hung for 10 minutes on the answer that never came.
  ["exit", /the WebGPU worker thread exited \(code 70\) during /],
  ["throw", /the WebGPU worker thread exited \(code 1\) during /],
  ["terminate", /the WebGPU worker thread stopped \(no heartbeat for 15 s during /],
] as const) {
  test(
    `a fault mid-run (${kind}): a GpuFaultError within seconds, one line on stderr, nothing on stdout, exit 2`,
    { skip: missing ?? false },
    () => {
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [FIXTURE, kind], { encoding: "utf8", timeout: 120_000 });
      assert.equal(r.stdout, "GpuFaultError\n", `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
      assert.equal(r.status, 2, r.stderr);
      const lines = ours(r.stderr);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, /^emtd\/engine \(webgpu\): /);
      assert.match(lines[0]!, message);
      assert.match(lines[0]!, /nothing was read from it/);
      assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
    },
  );
}
