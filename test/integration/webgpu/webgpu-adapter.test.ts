import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ready } from "../../../src/engine/backend";
import { AdapterError } from "../../../src/engine/webgpu/adapter";
import { webgpuMissing } from "../../webgpu-helpers";
import { resource } from "../../support/resources";

resource("swiftshader");

// No silent software GPU (issue 43): `--backend webgpu` without a hardware adapter is refused in one line naming the
// missing Vulkan driver and EMTD_WEBGPU_ADAPTER=software, unless that variable asks for the software adapter; a
// VK_ICD_FILENAMES naming a missing file is refused whatever the variable says.

const missing = webgpuMissing();
const BIN = join(TEST_DIR, "..", "..", "bin", "emtd.js");
const SAMPLE = ["sample", "--backend", "webgpu", "--graph", "ring:8:2", "--integrator", "ula", "--step", "0.1", "--steps", "4", "--json"];

function emtd(env: Record<string, string | undefined>): { status: number | null; stdout: string; stderr: string } {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return spawnSync(process.execPath, [BIN, ...SAMPLE], { encoding: "utf8", env: merged as NodeJS.ProcessEnv });
}

/** True when the run found a hardware adapter (a machine with a GPU): the refusals are then not expected. */
function ranOnHardware(r: { status: number | null; stdout: string }): boolean {
  return r.status === 0 && !/swiftshader/i.test((JSON.parse(r.stdout) as { adapter: string }).adapter);
}

test(
  "webgpu without a hardware adapter and without EMTD_WEBGPU_ADAPTER: exit 2, one line naming the Vulkan driver and the variable",
  { skip: missing ?? false },
  (t) => {
    const r = emtd({ EMTD_WEBGPU_ADAPTER: undefined });
    if (ranOnHardware(r)) return t.skip("a hardware adapter answered");
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^emtd\/engine \(webgpu\): no hardware GPU adapter: .*Vulkan driver.*EMTD_WEBGPU_ADAPTER=software/);
  },
);

test("VK_ICD_FILENAMES naming a missing file: exit 2, one line naming it, even with EMTD_WEBGPU_ADAPTER=software", () => {
  for (const adapter of [undefined, "software"]) {
    const r = emtd({ VK_ICD_FILENAMES: "/nonexistent/nvidia_icd.json", EMTD_WEBGPU_ADAPTER: adapter });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /VK_ICD_FILENAMES names \/nonexistent\/nvidia_icd\.json, which does not exist/);
  }
});

test("a bad EMTD_WEBGPU_ADAPTER: exit 2, one line naming the accepted values", () => {
  const r = emtd({ EMTD_WEBGPU_ADAPTER: "gpu" });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr.trim(), /^emtd\/engine \(webgpu\): EMTD_WEBGPU_ADAPTER must be one of hardware, software \(got "gpu"\)$/);
});

test(
  "with EMTD_WEBGPU_ADAPTER=software the run goes on, and its JSON names SwiftShader as the adapter",
  { skip: missing ?? false },
  (t) => {
    const r = emtd({ EMTD_WEBGPU_ADAPTER: "software" });
    assert.equal(r.status, 0, r.stderr);
    if (ranOnHardware(r)) return t.skip("a hardware adapter answered");
    const out = JSON.parse(r.stdout) as { backend: string; adapter: string };
    assert.equal(out.backend, "webgpu");
    assert.match(out.adapter, /SwiftShader/);
  },
);

test(
  'ready({ backend: "webgpu" }) without a hardware adapter: a typed AdapterError with the same line',
  { skip: missing ?? false },
  async (t) => {
    const saved = process.env.EMTD_WEBGPU_ADAPTER;
    delete process.env.EMTD_WEBGPU_ADAPTER;
    try {
      await ready({ backend: "webgpu" });
      t.skip("a hardware adapter answered");
    } catch (e) {
      assert.ok(e instanceof AdapterError, String(e));
      assert.match(e.reason, /^(no-adapter|software-only)$/);
      assert.match(e.message, /no hardware GPU adapter: .*EMTD_WEBGPU_ADAPTER=software/);
    } finally {
      if (saved !== undefined) process.env.EMTD_WEBGPU_ADAPTER = saved;
    }
  },
);
