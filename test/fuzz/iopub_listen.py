"""A standard Jupyter front end's view of the emtd kernel, for the kernel fuzz suite (test/fuzz/kernel.ts).

jupyter_client (Debian python3-jupyter-client) connects to the kernel named by the connection file in argv[1] and
reads every IOPub message the way front ends do (``msg["parent_header"].get("msg_id")`` and the like), recording any
message it cannot read. Commands, one per line on stdin, each answered by one JSON line on stdout:
  ping    kernel_info round trip on shell (the kernel alive and answering), then the IOPub report
  report  the IOPub report only (after a short drain): {"iopub": count, "errors": [...]}
"""
import json
import queue
import sys
import threading
import time

from jupyter_client import BlockingKernelClient

kc = BlockingKernelClient(connection_file=sys.argv[1])
kc.load_connection_file()
kc.start_channels()

lock = threading.Lock()
seen = {"iopub": 0, "errors": []}


def front_end_view(msg):
    """What a front end reads of every IOPub message; a malformed one raises here as it would in JupyterLab's server."""
    msg["parent_header"].get("msg_id")
    msg["header"].get("msg_type")
    msg["metadata"].get("anything")
    msg["content"].get("execution_state")


def listen():
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        except Exception as error:  # a message jupyter_client itself cannot deserialize
            with lock:
                seen["errors"].append(("deserialize: " + repr(error))[:300])
            continue
        try:
            front_end_view(msg)
        except Exception as error:
            with lock:
                seen["errors"].append(repr(error)[:300])
        with lock:
            seen["iopub"] += 1


threading.Thread(target=listen, daemon=True).start()


def report(extra):
    time.sleep(0.3)  # let IOPub messages already sent arrive
    with lock:
        out = {"iopub": seen["iopub"], "errors": list(seen["errors"])}
    out.update(extra)
    print(json.dumps(out), flush=True)


for line in sys.stdin:
    command = line.strip()
    if command == "ping":
        msg_id = kc.kernel_info()
        deadline = time.time() + 60
        alive = False
        while time.time() < deadline:
            try:
                reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                break
            if reply["parent_header"].get("msg_id") == msg_id:
                alive = reply["content"].get("status") == "ok"
                break
        report({"alive": alive})
    elif command == "report":
        report({})
    elif command == "exit":
        break
kc.stop_channels()
