import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { allowSoftwareGpu, webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// A field above the device's largest storage binding runs in blocks under it with the numbers of one block (a low cap
// from EMTD_WEBGPU_MAX_BINDING_BYTES makes that fast to see); one that cannot fit the device is refused before any
// work. Faults of the GPU end in one line (issue 43): a WebGPU validation error or a lost device mid-run becomes a
// GpuFaultError — one line on stderr, nothing on stdout (Dawn printed its messages there), no result read back.

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

/** `emtd sample --backend webgpu … --json` under `env`: its JSON, and the JSON less its timing and GPU counts. */
function sampleJson(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [BIN, "sample", "--backend", "webgpu", ...args, "--json"], {
    encoding: "utf8",
    env,
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Record<string, unknown> & { gpu: { dispatches: number } };
  const { timing: _timing, gpu: _gpu, ...numbers } = json;
  return { json, numbers };
}

test(
  "a field above the binding cap runs in blocks under it with the numbers of one block: MALA, 4 chains of ULA and of MALA",
  { skip: missing ?? false },
  () => {
    // The ULA run at a 64 KiB cap is in webgpu-counters.test.ts, beside the counters read from the same run.
    // A dozen steps pass every kernel of a step (and MALA's accept) over every block many times; SwiftShader's time
    // is per step, so the runs are short.
    const cases: Array<{ args: string[]; cap: string }> = [
      { args: ["--graph", "ring:20000:10", "--dim", "2", "--integrator", "mala", "--step", "0.0003", "--steps", "12"], cap: "65536" },
      // 4 chains × d = 2: a tile is 128 KiB, so the cap is one tile (5 blocks).
      {
        args: ["--graph", "ring:20000:10", "--dim", "2", "--chains", "4", "--integrator", "ula", "--step", "0.01", "--steps", "25"],
        cap: "131072",
      },
      // MALA of 4 chains, each chain's decision on the device: the kept field written block by block.
      {
        args: ["--graph", "ring:20000:10", "--dim", "2", "--chains", "4", "--integrator", "mala", "--step", "0.0003", "--steps", "12"],
        cap: "131072",
      },
    ];
    for (const { args, cap } of cases) {
      const whole = sampleJson(args);
      const blocks = sampleJson(args, { ...process.env, EMTD_WEBGPU_MAX_BINDING_BYTES: cap });
      assert.deepEqual(blocks.numbers, whole.numbers, `the same numbers in blocks: ${args.join(" ")}`);
      // Every pass over the field dispatches once per block: more dispatches, the same results.
      assert.ok(blocks.json.gpu.dispatches > whole.json.gpu.dispatches, JSON.stringify([blocks.json.gpu, whole.json.gpu]));
    }
  },
);

test(
  "a field that cannot fit the device (above its largest buffer, SwiftShader's 1 GiB): refused before any work, exit 2, one line",
  { skip: missing ?? false },
  () => {
    // The field: 300 000 × 1000 float32 = 1.12 GiB, which before printed 58 Dawn errors and meanEnergy 0.
    const args = [
      "sample",
      "--backend",
      "webgpu",
      "--graph",
      "ring:300000:10",
      "--dim",
      "1000",
      "--integrator",
      "ula",
      "--steps",
      "10",
      "--json",
    ];
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "");
    const lines = ours(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^emtd sample: the field of --graph ring:300000:10 × --dim 1000 × --chains 1 on the GPU needs about 1\.12 GiB/);
    assert.match(lines[0]!, /the GPU's largest buffer: maxBufferSize of /);
    assert.ok(Date.now() - t0 < 60_000, "before any work");
  },
);

test(
  "above the binding cap, a block that cannot hold one tile, or a run that cannot go in blocks, is refused before any work in one line",
  { skip: missing ?? false },
  () => {
    const cases = [
      // 4096 rows × 2 channels = 32 KiB per tile, above a 16 KiB cap.
      {
        args: ["--graph", "ring:10000:2", "--integrator", "ula"],
        cap: "16384",
        line: /one block of 4096 rows of the field .* needs about 0\.0313 MiB but the limit is 0\.0156 MiB/,
      },
      // Metropolis binds the field whole (tfjs ops): no blocks.
      {
        args: ["--graph", "ring:10000:2", "--integrator", "metropolis"],
        cap: "65536",
        line: /in one GPU binding needs about 0\.0763 MiB .*only --integrator ula or mala runs a field in blocks/,
      },
    ];
    for (const { args, cap, line } of cases) {
      const sample = ["sample", "--backend", "webgpu", ...args, "--step", "0.1", "--steps", "4", "--json"];
      const r = spawnSync(process.execPath, [BIN, ...sample], {
        encoding: "utf8",
        env: { ...process.env, EMTD_WEBGPU_MAX_BINDING_BYTES: cap },
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, "");
      const lines = ours(r.stderr);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, line);
    }
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
