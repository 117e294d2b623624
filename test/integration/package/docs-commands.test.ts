/**
 * The commands of the README and its docs pages that no other test runs (test/docs-commands.ts marks them `here`),
 * each run as written in the clone, in a shell of its own, with three things moved aside so that nothing of the
 * clone or of the user's home changes: HOME is a fresh folder (`npm run kernel:install` writes into the Jupyter data
 * folder under it), every `out/` path lies in another, and a page's `sweep.json` is written there too. A command
 * with `replace` runs with those substitutions (their reason beside them in the table); a command with `before`
 * runs after them in the same shell. Each must exit 0 and show what its page promises.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { COMMANDS, type Runner } from "../../docs-commands";

const ROOT = path.resolve(TEST_DIR, "../..");
const hasJupyter = spawnSync("jupyter", ["--version"], { encoding: "utf8" }).status === 0;

/** What each command's output must show beyond exit 0 (`work` is the folder that holds `out/` and `HOME`). */
const CHECKS: Record<string, (stdout: string, work: string) => void> = {
  "npm run kernel:install": (_, work) =>
    assert.ok(
      existsSync(path.join(work, "home", ".local", "share", "jupyter", "kernels", "emtd", "kernel.json")),
      "kernel.json in the data folder",
    ),
  'npm run kernel:install -- --prefix "$HOME/jupyter-kernels"': (_, work) =>
    assert.ok(existsSync(path.join(work, "home", "jupyter-kernels", "share", "jupyter", "kernels", "emtd", "kernel.json"))),
  // After the prefix install and the export: the prefix's share/jupyter is the first data folder, and Jupyter's own
  // kernelspec lookup (jupyter_client, as JupyterLab, Notebook and nbconvert use it) finds the kernel there.
  "jupyter --paths": (stdout, work) => {
    const folder = path.join(work, "home", "jupyter-kernels", "share", "jupyter");
    assert.match(stdout, new RegExp(`^data:\\n\\s+${folder}$`, "m"));
    const env = { ...process.env, HOME: path.join(work, "home"), JUPYTER_PATH: folder, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
    const specs = spawnSync(
      "/usr/bin/python3",
      ["-c", "import json; from jupyter_client.kernelspec import find_kernel_specs; print(json.dumps(find_kernel_specs()))"],
      {
        env,
        encoding: "utf8",
      },
    );
    if (specs.status === 0) assert.equal((JSON.parse(specs.stdout) as Record<string, string>).emtd, path.join(folder, "kernels", "emtd"));
  },
  "npx emtd --help": (stdout) => assert.match(stdout, /^usage: emtd <command>/),
  "npx emtd figures --help": (stdout) => assert.match(stdout, /ula-bias/),
  "npx emtd verdicts --json --only p3.2-step4-detailed-balance": (stdout) =>
    assert.deepEqual(
      (JSON.parse(stdout) as { claims: Array<{ id: string }> }).claims.map((c) => c.id),
      ["p3.2-step4-detailed-balance"],
    ),
  "npx emtd verdicts --variant templates/my-variant.ts --only p1.2-interaction-energy": (stdout) =>
    assert.match(stdout, /^claim +proposal +variant/m),
  "npx emtd verdicts --variant mala --only p1.3-langevin": (stdout) => assert.match(stdout, /^flips: p1\.3-langevin /m),
  "npx emtd figures --only ula-bias,detailed-balance --out out/figures --no-images": (_, work) => {
    const manifest = JSON.parse(readFileSync(path.join(work, "out", "figures", "manifest.json"), "utf8")) as {
      figures: Array<{ id: string }>;
    };
    assert.deepEqual(manifest.figures.map((f) => f.id).sort(), ["detailed-balance", "ula-bias"]);
  },
  "npx emtd bench scaling --out data/bench/scaling.csv": (_, work) => assert.ok(existsSync(path.join(work, "scaling.csv"))),
  "npx emtd sweep sweep.json --out out/sweep": (_, work) => {
    const csv = readFileSync(path.join(work, "out", "sweep", "results.csv"), "utf8")
      .trim()
      .split("\n");
    assert.match(csv[0]!, /^temperature,seed,/);
    assert.equal(csv.length, 1 + 12, "3 temperatures × 4 seeds");
  },
};

/** The JSON block right before the sweep command in docs/cli.md: the page's sweep.json. */
function sweepConfig(): string {
  const page = readFileSync(path.join(ROOT, "docs", "cli.md"), "utf8");
  const m = /```json\n([\s\S]*?)```\n\n```sh\nnpx emtd sweep sweep\.json/.exec(page);
  assert.ok(m, "docs/cli.md gives sweep.json in a json block before the sweep commands");
  JSON.parse(m[1]!);
  return m[1]!;
}

const here = Object.entries(COMMANDS).filter((entry): entry is [string, Extract<Runner, { here: true }>] => "here" in entry[1]);

for (const [command, runner] of here) {
  const needsJupyter = /jupyter|kernel:install/.test(command);
  test(
    `as the docs say: ${command}`,
    { timeout: (runner.timeoutS ?? 120) * 1000 + 30_000, skip: needsJupyter && !hasJupyter ? "Jupyter is not installed" : false },
    () => {
      const work = mkdtempSync(path.join(tmpdir(), "emtd-docs-command-"));
      try {
        const home = path.join(work, "home");
        spawnSync("mkdir", ["-p", home]);
        if (command.includes("sweep.json")) writeFileSync(path.join(work, "sweep.json"), sweepConfig());
        const moved = (line: string) => {
          let out = line;
          for (const [from, to] of runner.replace ?? []) out = out.replace(from, to);
          return out.replace(/(^|\s)out\//g, "$1$WORK/out/").replace(/(^|\s)sweep\.json/g, "$1$WORK/sweep.json");
        };
        const script = ["set -e", ...(runner.before ?? []).map(moved), moved(command)].join("\n");
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          HOME: home,
          WORK: work,
          npm_config_cache: process.env.npm_config_cache ?? path.join(homedir(), ".npm"),
          npm_config_update_notifier: "false",
          npm_config_fund: "false",
          npm_config_audit: "false",
        };
        for (const name of ["JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "XDG_DATA_HOME"]) delete env[name];
        const r = spawnSync("bash", ["-c", script], {
          cwd: ROOT,
          env,
          encoding: "utf8",
          timeout: (runner.timeoutS ?? 120) * 1000,
          maxBuffer: 1 << 26,
        });
        assert.equal(r.status, 0, `${script}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
        CHECKS[command]?.(r.stdout, work);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
}

test("every command marked `here` is run above, and those with a promise are checked", () => {
  assert.ok(here.length >= 15, `${here.length} commands run here`);
  for (const command of Object.keys(CHECKS)) assert.ok(command in COMMANDS && "here" in COMMANDS[command]!, command);
});
