/**
 * Jupyter's own kernel test suite (`jupyter_kernel_test`, Debian python3-jupyter-kernel-test) on the emtd kernel,
 * installed into a temporary prefix and started by jupyter_client from a folder outside the repository.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const root = path.resolve(TEST_DIR, "..", "..");
const PYTHON = "/usr/bin/python3";
const hasSuite = spawnSync(PYTHON, ["-c", "import jupyter_kernel_test, jupyter_client"], { encoding: "utf8" }).status === 0;

test(
  "jupyter_kernel_test passes on the emtd kernel",
  { skip: hasSuite ? false : `${PYTHON} has no jupyter_kernel_test (Debian python3-jupyter-kernel-test)` },
  (t) => {
    const work = mkdtempSync(path.join(tmpdir(), "emtd-conformance-"));
    try {
      const name = "emtd-conformance";
      const install = spawnSync(process.execPath, [path.join(root, "kernel", "install.js"), "--prefix", work, "--name", name], {
        encoding: "utf8",
      });
      assert.equal(install.status, 0, install.stderr);
      const run = spawnSync(PYTHON, ["-m", "unittest", "-v", "test_emtd_kernel"], {
        cwd: work,
        encoding: "utf8",
        timeout: 170_000,
        env: {
          ...process.env,
          JUPYTER_PATH: path.join(work, "share", "jupyter"),
          EMTD_KERNEL_NAME: name,
          EMTD_ROOT: root,
          PYDEVD_DISABLE_FILE_VALIDATION: "1",
          PYTHONDONTWRITEBYTECODE: "1",
          PYTHONPATH: path.join(root, "test", "jupyter"),
        },
      });
      const report = run.stderr.trim().split("\n");
      for (const line of report.filter((l) => / \.\.\. |^interrupt latency/.test(l))) t.diagnostic(line);
      assert.equal(run.status, 0, `jupyter_kernel_test failed:\n${run.stderr.slice(-4000)}`);
      assert.match(report[report.length - 1]!, /^OK/);
      // Every feature the brief lists was exercised, not skipped.
      for (const name of [
        "test_kernel_info",
        "test_execute_stdout",
        "test_execute_stderr",
        "test_execute_result",
        "test_error",
        "test_display_data",
        "test_completion",
        "test_inspect",
        "test_is_complete",
        "test_clear_output",
        // issue 24 part 4: stdin, display ids, interrupts keeping the kernel's variables
        "test_input_request_round_trip",
        "test_input_when_stdin_is_not_allowed",
        "test_update_display_data_by_id_from_a_later_cell",
        "test_interrupt_mode_is_message",
        "test_interrupt_stops_a_busy_loop",
        "test_interrupt_stops_a_busy_loop_after_an_await",
        "test_interrupt_stops_an_await",
        "test_interrupt_stops_a_pending_input",
        "test_interrupt_stops_a_cell_still_compiling",
      ]) {
        assert.ok(
          report.some((l) => l.startsWith(`${name} `) && l.endsWith("ok")),
          `${name} did not pass: ${report.find((l) => l.startsWith(name)) ?? "not run"}`,
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);
