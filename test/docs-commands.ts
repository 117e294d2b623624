/**
 * The commands of the README and of the docs pages it links (issue 51, item 11: "every command in it and in the new
 * docs pages is run by a test"), and which test runs each. A command is a line of a ```sh block (its comment dropped)
 * or an inline code span that starts as one (`npx …`, `npm …`, `node …`, `jupyter …`, `python3 …`, `bash …`,
 * `sudo …`, a script of `scripts/` with arguments) and names no placeholder (an upper-case word such as FILE or DIR,
 * brackets, an ellipsis: a synopsis, not a command). test/unit/docs/commands.test.ts checks that every command has its entry in {@link COMMANDS} and
 * every entry its command; test/integration/package/docs-commands.test.ts runs the entries marked `here`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The README and the docs pages it links that issue 51 made or moved text into (their commands are checked). */
export const DOC_PAGES = [
  "README.md",
  "docs/verdicts.md",
  "docs/cli.md",
  "docs/jupyter.md",
  "docs/prototyping.md",
  "docs/figures.md",
  "docs/performance.md",
  "docs/testing.md",
  "docs/library.md",
] as const;

export interface DocCommand {
  /** The page, relative to the package root. */
  page: string;
  line: number;
  command: string;
  /** From an inline code span, not a ```sh block. */
  inline: boolean;
}

const STARTS = /^(npx|npm|node|jupyter|python3|bash|sudo) |^scripts\/\S+\.(sh|js) /;
const PLACEHOLDER = /\b[A-Z]{2,}\b|\[|…|\||</;

/** Every command of `page` (relative to `root`), in page order. */
export function pageCommands(root: string, page: string): DocCommand[] {
  const text = readFileSync(path.join(root, page), "utf8");
  const lineAt = (at: number) => text.slice(0, at).split("\n").length;
  const out: DocCommand[] = [];
  for (const block of text.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const first = lineAt(block.index!) + 1;
    block[1]!.split("\n").forEach((raw, i) => {
      const command = raw.replace(/\s+#.*$/, "").trim();
      if (command !== "") out.push({ page, line: first + i, command, inline: false });
    });
  }
  // Inline spans outside fenced blocks (the blocks blanked, keeping their lines).
  const prose = text.replace(/^```[\s\S]*?^```/gm, (b) => b.replace(/[^\n]/g, " "));
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) {
    const command = span[1]!;
    if (STARTS.test(command) && !PLACEHOLDER.test(command)) out.push({ page, line: lineAt(span.index!), command, inline: true });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Every command of every page of {@link DOC_PAGES}. */
export function docCommands(root: string): DocCommand[] {
  return DOC_PAGES.flatMap((page) => pageCommands(root, page));
}

/** How one command is run. */
export type Runner =
  /**
   * test/integration/package/docs-commands.test.ts runs it in the clone with HOME and every `out/` path in a fresh
   * folder, after `before` (commands of the same block it depends on) in the same shell, with `replace` applied
   * (each pair's reason is `why`).
   */
  | { here: true; before?: string[]; replace?: Array<[string, string]>; why?: string; timeoutS?: number }
  /** The test file `test` runs it (its source contains `shows`), as `how` says. */
  | { test: string; shows: string; how: string }
  /** No test runs it as a test: the suite itself, or CI; `how` says what checks it instead. */
  | { suite: string; how: string }
  /** No test runs it, and why. */
  | { notRun: string };

const PROTOTYPING_SETUP = {
  test: "test/integration/package/readme.test.ts",
  shows: "docs/prototyping.md",
  how: "sets up an empty folder with the quick start's commands exactly as written (the clone's path for /path/to/emtd-lab) and runs every TypeScript block of the pages there",
} as const;

/** Every command of {@link DOC_PAGES}, and how it is run. */
export const COMMANDS: Record<string, Runner> = {
  // README: set up
  "npm install": {
    suite: ".ci/run",
    how: "CI installs a fresh clone from its lockfile (`npm ci`, the same install) before `npm test`; test/integration/package/lockfile.test.ts runs `npm install --package-lock-only` in a copy and checks the lock is unchanged",
  },
  "npm test": {
    suite: ".ci/run",
    how: "the suite itself, which CI runs; test/unit/house/suite.test.ts checks that it is the one runner over the unit and integration suites, after the system packages",
  },
  "npx emtd verdicts": {
    test: "test/integration/cli/claims.test.ts",
    shows: '"verdicts", "--json"',
    how: "measures every claim of the registry (the test of the committed run) and runs `emtd verdicts --json --only` on two claims; the whole command takes minutes",
  },
  "npm run test:unit": {
    suite: "package.json",
    how: "a tier of the suite; test/unit/house/suite.test.ts checks it is the runner over test/unit",
  },
  // README: the three uses
  "npm run kernel:install": { here: true },
  "jupyter notebook notebooks/": {
    test: "test/classic-notebook.ts",
    shows: '"notebook",',
    how: "startJupyter starts `jupyter notebook` on a notebook folder (with --no-browser, a free port, no token) for the browser tests of test/integration/browser/",
  },
  "npx emtd figures --out out/figures": {
    test: "test/integration/browser/figures.test.ts",
    shows: '"figures", "--out"',
    how: "runs `emtd figures --out DIR --only detailed-balance --json` (one figure: PNG, SVG, HTML, CSV, manifest)",
  },
  "npx tsx templates/my-hamiltonian.ts": {
    test: "test/integration/package/template.test.ts",
    shows: '"npx", ["tsx", "templates/my-hamiltonian.ts"]',
    how: "type-checks the template (strict) and runs the command as written in the clone: the gradient check and every integrator's line",
  },
  // docs/verdicts.md and docs/cli.md
  "npm run readme": {
    notRun:
      "an hour of measurement that rewrites the committed run: test/unit/claims/measure-once.test.ts tests its plan (which claims it measures again) and test/integration/cli/claims.test.ts that the committed run and the tables are current",
  },
  "npm run readme -- --all": { notRun: "as npm run readme, every claim measured again (hours)" },
  "npm run readme:refactor": { notRun: "as npm run readme (measure-once.test.ts tests --refactor's plan)" },
  "npm run readme:render": {
    test: "test/integration/slurm/verdicts.test.ts",
    shows: "what npm run readme:render calls",
    how: "renders the committed run with `--from` (`--markdown`); the blocks its `--write-readme` writes are compared with the same rendering by test/integration/cli/claims.test.ts",
  },
  "npx emtd --help": { here: true },
  "npx emtd verdicts --json --only p3.2-step4-detailed-balance": { here: true },
  "npx emtd sample --graph ring:200:10 --dim 2 --temperature 0.7 --integrator mala --step 0.005 --steps 40000 --burn-in 5000": {
    test: "test/integration/cli/cli.test.ts",
    shows: "docs/cli.md",
    how: "reads the command from docs/cli.md, runs it as written with --json and checks ⟨H⟩ against equipartition",
  },
  "npx emtd sweep sweep.json --out out/sweep": {
    here: true,
    why: "runs the page's own sweep.json, written into the fresh folder",
    timeoutS: 600,
  },
  "npx emtd sweep sweep.json --out out/sweep --executor slurm": {
    test: "test/integration/slurm/sweep.test.ts",
    shows: '"--executor", "slurm"',
    how: "runs a sweep as one job array on a one-node Slurm cluster it starts (scripts/slurm/local-cluster.sh), with a smaller config",
  },
  "scripts/slurm/local-cluster.sh start /tmp/slurm": {
    test: "test/integration/slurm/sweep.test.ts",
    shows: '"local-cluster.sh"',
    how: "starts the one-node cluster in a folder of its own and stops it after",
  },
  // docs/jupyter.md
  'npm run kernel:install -- --prefix "$HOME/jupyter-kernels"': { here: true },
  'export JUPYTER_PATH="$HOME/jupyter-kernels/share/jupyter"': {
    here: true,
    before: ['npm run kernel:install -- --prefix "$HOME/jupyter-kernels"'],
  },
  "jupyter --paths": {
    here: true,
    before: ['npm run kernel:install -- --prefix "$HOME/jupyter-kernels"', 'export JUPYTER_PATH="$HOME/jupyter-kernels/share/jupyter"'],
  },
  "jupyter --data-dir": { here: true },
  "npm run kernel:install -- --name emtd-dev": {
    test: "test/integration/jupyter/jupyter.test.ts",
    shows: '"--name", "emtd-other"',
    how: "installs a second kernelspec under another name beside the first (into a prefix) and checks both",
  },
  "npx emtd notebooks --out out/notebooks": {
    test: "test/integration/jupyter/jupyter.test.ts",
    shows: '"notebooks", "--dir"',
    how: "runs `emtd notebooks` on small notebooks made for it; test/integration/jupyter/notebooks.test.ts executes every curated notebook on the kernel (through nbconvert)",
  },
  "npx emtd notebooks --only 18 --out out/notebooks": {
    test: "test/integration/jupyter/jupyter.test.ts",
    shows: '"--only", "a-good"',
    how: "runs `emtd notebooks --only NAME --out DIR` on its own notebooks; notebook 18 itself is executed by notebooks.test.ts",
  },
  "jupyter nbconvert --to html --HTMLExporter.widget_renderer_url=file://$PWD/node_modules/emtd/kernel/widget-renderer.js --output-dir out/html out/notebooks/18-prototype-your-own-hamiltonian.ipynb":
    {
      test: "test/integration/browser/nbconvert-widgets.test.ts",
      shows: '"--to", "html", flag',
      how: "renders an executed interact notebook to HTML with this flag as the page writes it (widgetRendererFlag, test/support/nbconvert.ts, reads it from the page) and draws it in Chromium: its table, progress bar and figure as HTML; notebooks.test.ts renders every executed notebook (18 included) with the same flag",
    },
  "jupyter nbconvert": {
    test: "test/support/nbconvert.ts",
    shows: '["jupyter", "nbconvert"]',
    how: "findNbconvert's first form of nbconvert, with which nbconvert-widgets.test.ts and notebooks.test.ts run the HTML export above",
  },
  "python3 -m nbconvert": {
    test: "test/support/nbconvert.ts",
    shows: '["/usr/bin/python3", "-m", "nbconvert"]',
    how: "findNbconvert runs nbconvert as `jupyter nbconvert`, else as `python3 -m nbconvert` (Debian's), with the arguments of the page",
  },
  "npx emtd notebooks --strip": {
    test: "test/integration/jupyter/jupyter.test.ts",
    shows: '"--strip"',
    how: "strips a notebook's outputs",
  },
  "npx emtd book --out out/book": {
    test: "test/integration/browser/book.test.ts",
    shows: '"book", "--out"',
    how: "builds the book of small notebooks into a fresh folder and opens it in Chromium",
  },
  // docs/prototyping.md
  "mkdir my-study && cd my-study": PROTOTYPING_SETUP,
  "npm init -y": PROTOTYPING_SETUP,
  "npm init": PROTOTYPING_SETUP,
  "npm pkg set type=module": PROTOTYPING_SETUP,
  "npm install --save-dev tsx": PROTOTYPING_SETUP,
  "npm install --ignore-scripts /path/to/emtd-lab": PROTOTYPING_SETUP,
  "npx tsx quickstart.ts": PROTOTYPING_SETUP,
  "npm run build": { here: true },
  "npx emtd verdicts --variant templates/my-variant.ts --only p1.2-interaction-energy": { here: true, timeoutS: 300 },
  "npx emtd verdicts --variant mala --only p1.3-langevin": { here: true, timeoutS: 600 },
  "npx emtd verdicts --from node_modules/emtd/data/verdicts/verdicts.json --json": {
    test: "test/integration/package/readme.test.ts",
    shows: "npx emtd verdicts --from",
    how: "runs it as written in the quick-start folder (the template names the same command)",
  },
  // docs/figures.md
  "npx emtd figures --only ula-bias,detailed-balance --out out/figures --no-images": { here: true, timeoutS: 300 },
  "npx emtd figures --help": { here: true },
  "npx emtd figures --gallery": {
    notRun:
      "it rewrites the committed PNGs of docs/gallery/ in the clone: test/integration/browser/figures.test.ts checks that the block it writes is current and every image committed and small",
  },
  // docs/performance.md
  "npx emtd bench all --rounds 5": {
    here: true,
    replace: [["--rounds 5", "--rounds 1 --ws-graph none"]],
    why: "one round, without the second Langevin row (about 20 s instead of minutes)",
    timeoutS: 300,
  },
  "npx emtd bench langevin --graph ws:100000:10:0.1 --baseline scipy --json": {
    test: "test/integration/cli/bench-baseline.test.ts",
    shows: '"--baseline", "scipy"',
    how: "the same command on ws:400:6:0.1 for 2 steps",
  },
  "npx emtd bench langevin --graph ring:200:10 --integrator mala --chains 64 --steps 500 --json": {
    test: "test/integration/cli/chains-cli.test.ts",
    shows: '"--integrator", "mala", "--chains"',
    how: "the same command with 4 chains on ring:50:4 for 3 steps",
  },
  "node scripts/bench-copy-sweep.js 500 2 5": {
    here: true,
    replace: [["500 2 5", "50 2 1"]],
    why: "one round at N = 50 (a few seconds) in place of five at 500",
    timeoutS: 120,
  },
  "node scripts/bench-spin-loops.js 3": {
    here: true,
    replace: [["bench-spin-loops.js 3", "bench-spin-loops.js 1"]],
    why: "one round (under a minute) in place of three",
    timeoutS: 180,
  },
  "npx emtd verdicts --variant templates/variants/huber-family.ts": {
    here: true,
    replace: [["huber-family.ts", "huber-family.ts --only p1.2-interaction-energy"]],
    why: "one claim of the family's twelve (seconds); the twelve are the timing quoted, test/integration/cli/variants.test.ts runs the worked Huber variant over all of its claims",
    timeoutS: 300,
  },
  "node scripts/bench-huber-step.js 5 20000": {
    here: true,
    replace: [["5 20000", "1 500"]],
    why: "one round of 500 steps (a second) in place of five of 20 000",
    timeoutS: 60,
  },
  "node scripts/bench-ambient.js 3 8 186": {
    here: true,
    replace: [["3 8 186", "1 2 8"]],
    why: "one round of 2 runs on 8 networks (a few seconds) in place of three rounds of 8 runs on 186",
    timeoutS: 120,
  },
  "npx emtd bench scaling --out data/bench/scaling.csv": {
    here: true,
    replace: [["--out data/bench/scaling.csv", "--max-n 1000 --out $WORK/scaling.csv"]],
    why: "up to N = 10³ only, and not over the committed data/bench/scaling.csv",
    timeoutS: 300,
  },
  // docs/testing.md
  "npm run test:quick": {
    suite: "package.json",
    how: "a tier of the suite; test/unit/house/suite.test.ts checks it is the runner over test/unit and test/integration/cli",
  },
  "npm run test:claims": {
    suite: "package.json",
    how: "the claims' integration suite (test/integration/claims/), which npm test runs; test/unit/house/suite.test.ts checks it is the runner over that folder",
  },
  "npm run test:integration": { suite: "package.json", how: "the integration suites, all of which npm test runs" },
  "npm pack": {
    test: "test/integration/package/package.test.ts",
    shows: '"pack", "--ignore-scripts"',
    how: "packs the checkout and installs the tarball into an empty project, then uses it there",
  },
  "npm run lint": { suite: "package.json", how: "npm test runs it before the suites (its script: build, lint, run-suite)" },
  "npm ci --no-audit --no-fund": {
    suite: ".ci/run",
    how: "CI's install; test/unit/house/suite.test.ts checks .ci/run is exactly it and npm test",
  },
  "bash scripts/system-packages.sh --missing": { here: true },
  "sudo bash scripts/system-packages.sh": {
    suite: "package.json",
    how: "npm test runs `bash scripts/system-packages.sh` first (as root in CI, where it installs what is missing); here it is the same script with sudo",
  },
  // docs/verdicts.md
  "node dist/test/support/run-suite.js dist/test/unit/stats/sequential.test.js": {
    suite: "package.json",
    how: "one file of test:unit (the suite's runner over test/unit), which npm test runs",
  },
  // docs/library.md
  "npm run api-report": {
    test: "test/unit/house/api.test.ts",
    shows: "docs/api-report.md is the surface",
    how: "generates the same report in memory and compares it with the committed one (the script writes it)",
  },
  "node dist/test/api-usage.js": {
    test: "test/unit/house/api.test.ts",
    shows: "documentImports",
    how: "reads the same imports (documentImports, which the command counts by name) and checks each is exported where it is imported from",
  },
  "npm run docs": {
    notRun: "TypeDoc's HTML reference (docs/api/, not committed); the @examples it shows run in test/unit/docs/examples.test.ts",
  },
};
