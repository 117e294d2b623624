"""Jupyter's own kernel conformance suite (jupyter_kernel_test) on the emtd kernel.

Run by test/integration/jupyter/jupyter-conformance.test.ts with JUPYTER_PATH pointing at a prefix where the kernel was installed
(`node kernel/install.js --prefix DIR --name $EMTD_KERNEL_NAME`) and the working directory a temporary folder
outside the repository, so that `import ... from "emtd"` is resolved by the kernel, not by a nearby node_modules.
"""
import os
import sys
import time
import json
import tempfile
import unittest

import jupyter_kernel_test
from jupyter_client.utils import run_sync

TIMEOUT = 60


class EmtdKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("EMTD_KERNEL_NAME", "emtd")
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'
    completion_samples = [{"text": "Math.ab", "matches": {"abs"}}]
    complete_code_samples = ["1 + 1", "const x = 3;", "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {", "const a = [1,"]
    code_generate_error = 'throw new RangeError("expected")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"text"', "result": "'text'"},
        {"code": 'import { table } from "emtd/display"; table([{ a: 1 }])', "mime": "text/html"},
        # the library by name resolves to the checkout the kernel was installed from, for require.resolve too
        {"code": 'require.resolve("emtd/package.json")', "result": "'%s/package.json'" % os.environ.get("EMTD_ROOT", "")},
    ]
    code_display_data = [
        {"code": 'import { display, html } from "emtd/display"; display(html("<b>bold</b>"))', "mime": "text/html"},
        {"code": 'import { display, lineFigure } from "emtd/display"; display(lineFigure([1, 2], { y: [3, 4] }))', "mime": "application/vnd.plotly.v1+json"},
    ]
    code_inspect_sample = "Math.abs"
    code_clear_output = 'import { clearOutput } from "emtd/display"; clearOutput({ wait: true })'

    def test_kernel_info_names_the_library(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["implementation"], "emtd")
        self.assertIn("library: " + os.environ["EMTD_ROOT"], content["banner"])

    def test_error_has_cell_line_and_no_evaluator_frames(self):
        self.flush_channels()
        reply, output = self.execute_helper('const a = 1;\nfunction f(): number {\n  throw new TypeError("line three");\n}\nf()')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "TypeError")
        self.assertEqual(reply["content"]["evalue"], "line three")
        traceback = "\n".join(reply["content"]["traceback"])
        self.assertRegex(traceback, r"at f \(cell \d+, line 3:")
        for machinery in ("evalmachine", "node:vm", "sigintHandlersWrap", "tslab"):
            self.assertNotIn(machinery, traceback)
        self.assertEqual([m["msg_type"] for m in output], ["error"])

    def test_compile_error_is_an_error(self):
        self.flush_channels()
        reply, output = self.execute_helper('const n: number = "text";')
        self.assertEqual(reply["content"]["ename"], "CompileError")
        self.assertRegex(reply["content"]["evalue"], r"^1:7 - Type 'string' is not assignable")
        # columns are the cell's own, also after an object shorthand on the same line
        reply, output = self.execute_helper('const a = 1; const o = { a }; const n: number = "text";')
        self.assertRegex(reply["content"]["evalue"], r"^1:37 - Type 'string' is not assignable")

    def test_object_shorthand_names_an_earlier_cell(self):
        self.flush_channels()
        self.execute_helper('const backend = "wasm";')
        reply, output = self.execute_helper("({ backend })")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "{ backend: 'wasm' }")

    def interrupt_while_running(self, code, delay=0.5):
        # A variable from before the interrupt must survive it; the kernelspec says interrupt_mode "message", so
        # jupyter_client sends interrupt_request on control, read by the kernel's control thread.
        self.flush_channels()
        reply, _ = self.execute_helper("var keptAcrossInterrupts = 41;")
        self.assertEqual(reply["content"]["status"], "ok")
        msg_id = self.kc.execute(code)
        while True:  # wait until the cell is running (its execute_input is published)
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        time.sleep(delay)
        sent = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        latency = time.monotonic() - sent
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        errors = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                errors.append(msg["content"]["ename"])
            if msg["content"].get("execution_state") == "idle":
                break
        self.assertEqual(errors, ["Interrupted"], "the cell shows the interrupt")
        reply, output = self.execute_helper("keptAcrossInterrupts + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "42")
        self.latencies.append("interrupt latency %.3f s: %s" % (latency, code.splitlines()[-1]))

    latencies = []

    @classmethod
    def tearDownClass(cls):
        # After unittest's own lines (printed inside a test they would split its "... ok" line).
        for line in cls.latencies:
            print(line, file=sys.stderr)
        super().tearDownClass()

    def test_interrupt_mode_is_message(self):
        self.assertEqual(self.km.kernel_spec.interrupt_mode, "message")

    def test_interrupt_stops_a_busy_loop(self):
        self.interrupt_while_running("let spins = 0;\nwhile (true) spins++;")

    def test_interrupt_stops_a_busy_loop_after_an_await(self):
        self.interrupt_while_running("await new Promise((r) => setTimeout(r, 10));\nlet spinsAfterAwait = 0;\nwhile (true) spinsAfterAwait++;")

    def test_interrupt_stops_an_await(self):
        self.interrupt_while_running("await new Promise(() => {});")

    def test_an_interrupt_does_not_reach_the_next_cell(self):
        # An awaiting cell interrupted, then a cell that runs for a while: it must run to its end, every time (a
        # SIGINT sent to the awaiting cell used to arrive late now and then and stop the next cell: 3 of 8 measured; this
        # test failed 1 of 2 suite runs on that code with 5 trials, so 10 here).
        for trial in range(10):
            self.flush_channels()
            msg_id = self.kc.execute("await new Promise(() => {});")
            while True:
                msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                    break
            time.sleep(0.3)
            self.km.interrupt_kernel()
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["content"]["ename"], "Interrupted")
            while True:  # the interrupted cell's outputs, up to its idle status
                msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status":
                    if msg["content"]["execution_state"] == "idle":
                        break
            reply, output = self.execute_helper(
                "let t0 = Date.now(), spins = 0; while (Date.now() - t0 < 300) spins++; spins > 0", timeout=TIMEOUT
            )
            self.assertEqual(reply["content"]["status"], "ok", f"trial {trial}: {reply['content']}")

    def test_interrupt_stops_a_cell_still_compiling(self):
        # Sent as soon as execute_input arrives, the interrupt reaches the kernel while it type-checks the cell (an
        # import: the slowest part). It used to be dropped then, as if the kernel were idle, and the cell ran on: under a
        # loaded CI machine the 0.5 s wait of the other tests was not enough, and two of them hung.
        self.interrupt_while_running('import { input as askWhileCompiling } from "emtd/display";\nawait askWhileCompiling("never: ");', delay=0)

    def test_interrupt_stops_a_pending_input(self):
        self.interrupt_while_running('import { input as ask } from "emtd/display";\nawait ask("never answered: ");')

    def execute_with_input(self, code, answer, allow_stdin=True):
        """Run `code`, answer its input_request with `answer`; returns (reply, outputs, the input_request's content)."""
        self.flush_channels()
        msg_id = self.kc.execute(code, allow_stdin=allow_stdin)
        request = None
        if answer is not None:
            request = self.kc.get_stdin_msg(timeout=TIMEOUT)
            self.assertEqual(request["msg_type"], "input_request")
            self.assertEqual(request["parent_header"]["msg_id"], msg_id)
            self.kc.input(answer)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        output = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id or msg["msg_type"] in ("execute_input",):
                continue
            if msg["msg_type"] == "status":
                if msg["content"]["execution_state"] == "idle":
                    break
                continue
            output.append(msg)
        return reply, output, request and request["content"]

    def test_input_request_round_trip(self):
        code = 'import { input } from "emtd/display";\nconst answer = await input("T = ");\nNumber(answer) * 2'
        reply, output, request = self.execute_with_input(code, "0.25")
        self.assertEqual(request, {"prompt": "T = ", "password": False})
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "0.5")
        # password: the front end hides what is typed
        code = 'import { input } from "emtd/display";\nconst token = await input("token: ", { password: true });\ntoken.length'
        reply, output, request = self.execute_with_input(code, "s3cret")
        self.assertEqual(request, {"prompt": "token: ", "password": True})
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "6")

    def test_input_when_stdin_is_not_allowed(self):
        code = 'import { input } from "emtd/display";\nawait input("T = ")'
        reply, output, _ = self.execute_with_input(code, None, allow_stdin=False)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "StdinNotAllowedError")
        self.assertIn("allow_stdin: false", reply["content"]["evalue"])
        self.assertFalse(run_sync(self.kc.stdin_channel.msg_ready)(), "no input_request was sent")

    def test_update_display_data_by_id_from_a_later_cell(self):
        self.flush_channels()
        reply, output = self.execute_helper('import { display } from "emtd/display";\nconst progress = display("0%", { displayId: "progress-1" });')
        self.assertEqual([(m["msg_type"], m["content"]["data"]["text/plain"], m["content"]["transient"]) for m in output], [("display_data", "0%", {"display_id": "progress-1"})])
        reply, output = self.execute_helper('progress.update("50%");\ndisplay("100%", { displayId: "progress-1", update: true }).id')
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "'progress-1'")
        self.assertEqual(
            [(m["msg_type"], m["content"]["data"]["text/plain"], m["content"]["transient"]) for m in output[:-1]],
            [("update_display_data", "50%", {"display_id": "progress-1"}), ("update_display_data", "100%", {"display_id": "progress-1"})],
        )

    def test_output_of_a_synchronous_loop_leaves_while_it_runs(self):
        # A progress bar in a loop: the cell holds the event loop and prints a line every 200 ms until a flag file
        # appears. The test creates the flag only after a line has reached it, so the cell ends only if its output
        # left while it ran; output held back to the end of the cell would never arrive, and the cell would report
        # that it gave up waiting (false) instead of seeing the flag (true). No clock is compared.
        self.flush_channels()
        flag = os.path.join(tempfile.mkdtemp(prefix="emtd-live-"), "flag")
        # One expression (an arrow called at once), so its names cannot clash with other tests' cells in this kernel.
        code = (
            "(() => {\n"
            '  const fs = require("node:fs");\n'
            "  const giveUp = Date.now() + 60000;\n"
            "  let next = 0;\n"
            f"  while (!fs.existsSync({json.dumps(flag)}) && Date.now() < giveUp) {{\n"
            '    if (Date.now() >= next) { console.log("tick"); next = Date.now() + 200; }\n'
            "  }\n"
            f"  return fs.existsSync({json.dumps(flag)});\n"
            "})()"
        )
        msg_id = self.kc.execute(code)
        seen = False
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and not seen:
                self.assertTrue(msg["content"]["text"].startswith("tick\n"))
                open(flag, "w").close()
                seen = True
            if msg["msg_type"] == "execute_result":
                self.assertEqual(msg["content"]["data"]["text/plain"], "true")
                break
        self.assertTrue(seen)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_a_display_method_that_throws_still_gets_a_reply(self):
        self.flush_channels()
        reply, output = self.execute_helper('({ [Symbol.for("Jupyter.display")]() { throw new Error("bad display"); } })')
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("bad display", reply["content"]["evalue"])
        self.assertEqual([m["msg_type"] for m in output], ["error"])

    def test_no_output_is_lost_in_a_flood(self):
        # 3000 displays from a loop that holds the event loop: more than ZeroMQ's default high-water mark (1000).
        self.flush_channels()
        reply, output = self.execute_helper('import { display, html } from "emtd/display";\nfor (let i = 0; i < 3000; i++) display(html("<i>" + i + "</i>"));', timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [m["content"]["data"]["text/plain"] for m in output if m["msg_type"] == "display_data"]
        self.assertEqual(shown, [str(i) for i in range(3000)])

    def test_next_request_after_an_error_runs(self):
        self.flush_channels()
        self.execute_helper('throw new Error("first")')
        reply, output = self.execute_helper("1 + 2")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(output[-1]["content"]["data"]["text/plain"], "3")

    def test_stop_on_error_aborts_requests_queued_at_the_error(self):
        self.flush_channels()
        # Sent together: the second waits in the queue while the first runs, so it is aborted.
        first = self.kc.execute('const until = Date.now() + 300; while (Date.now() < until) {} throw new Error("queued")')
        second = self.kc.execute("2 + 2")
        replies = {}
        while len(replies) < 2:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies, {first: "error", second: "abort"})
        while True:  # both requests' iopub messages, up to the second's idle
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == second and msg["content"].get("execution_state") == "idle":
                break
        reply, _ = self.execute_helper("3 + 3")
        self.assertEqual(reply["content"]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
