#!/usr/bin/env bash
# The Debian packages the test suites need beside Node 20 and npm: the one list (npm test and .ci/run read it here).
#   bash scripts/system-packages.sh             as root: installs the missing ones (apt-get update once, noninteractive,
#                                               --no-install-recommends); as another user: installs nothing, names
#                                               the missing ones and the one command that installs them; exit 0
#   bash scripts/system-packages.sh --missing   prints the missing ones, one a line, and installs nothing
# A suite whose package is missing is skipped, not failed: npm test lists every skipped test and why at its end.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
need() { packages+=("$1"); }
need python3-numpy    # the proposal's §3.3 Python reference (test/integration/cli/reference.test.ts re-runs it)
need python3-networkx
need jupyter-notebook    # Jupyter itself: the emtd kernelspec is exercised through it (tests install it in a temp prefix)
need python3-nbconvert   # `nbconvert --execute` of every notebook on the emtd kernel, and HTML rendering
need chromium            # headless browser: the rendered notebooks' plotly figures must draw without errors; its SwiftShader is the software GPU of the webgpu tests
need libvulkan1          # the Vulkan loader Dawn (npm webgpu) opens to reach SwiftShader (test/integration/webgpu/*)
need python3-scipy   # `emtd bench all|scaling`: the SciPy sparse baseline (optional at run time; not used by tests)
need gcc             # `emtd bench all|scaling`: the C loop baseline compiled at bench time
need slurm-wlm       # `emtd sweep --executor slurm`: test/integration/slurm/* start a one-node cluster (scripts/slurm/local-cluster.sh)
need munge           # Slurm's authentication daemon, started by the same script
need python3-jupyter-kernel-test   # Jupyter's own kernel conformance suite on the emtd kernel (test/integration/jupyter/jupyter-conformance.test.ts)
need python3-xarray    # a real reader of `emtd sample --out`'s ArviZ-layout Zarr store: xarray.open_zarr (test/integration/cli/inference-data.test.ts)
need python3-zarr      # the Zarr v2 backend xarray.open_zarr reads it with
need jupyter-nbextension-jupyter-js-widgets   # classic Notebook's widget front end (ipywidgets 6): test/integration/browser/widgets-browser.test.ts
need python3-widgetsnbextension              # its Python side, enabling the extension

if ! command -v dpkg >/dev/null 2>&1; then
  [ "${1:-}" = --missing ] && exit 0
  echo "system packages: not a Debian system (no dpkg); the suites that need these skip without them: ${packages[*]}" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == *" ok installed" ]] || missing+=("$p")
done
if [ "${1:-}" = --missing ]; then
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
  exit 0
fi
[ ${#missing[@]} -gt 0 ] || exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system packages: ${#missing[@]} missing (${missing[*]}); the suites that need them will be skipped." >&2
  echo "system packages: to install them, run: sudo bash scripts/system-packages.sh" >&2
  exit 0
fi
echo "system packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
