/**
 * One CLI grammar over every subcommand (issue 44, item 8), table-driven from the CLI registry: every subcommand
 * takes --seed; an unknown option is refused in one line naming it as typed, with the nearest option the command
 * takes; a bad value names the option as typed and its range; --only takes a comma list wherever it is taken; an
 * error the library raises about an option's value (`--graph ring:10`) names the option, not the library's argument.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { commands } from "../../../src/cli/registry";
import { main } from "../../../src/cli/main";
import { nearestName, parseOptions, withCommon } from "../../../src/command/options";

const BIN = path.resolve(TEST_DIR, "../../bin/emtd.js");
const work = mkdtempSync(path.join(tmpdir(), "emtd-grammar-"));
after(() => rmSync(work, { recursive: true, force: true }));

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `main(argv)` in this process: its exit code and what it wrote on stderr. */
async function mainOf(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** A typo of `name`: its second and third letters swapped (one transposition). */
const typo = (name: string) => name[0] + name[2]! + name[1] + name.slice(3);

for (const command of commands) {
  const specs = withCommon(command.options, command.omitCommon);
  const parse = (argv: string[]) => parseOptions(command.name, argv, command.options, command.positionals ?? 0, command.omitCommon);

  test(`emtd ${command.name}: --seed, unknown options, bad values and --only lists`, async () => {
    assert.equal(parse(["--seed", "3"]).values.seed, 3, `emtd ${command.name} --seed 3`);
    for (const [name, spec] of Object.entries(specs)) {
      // Unknown: a typo of each option suggests an option at the typo's distance (the option itself when unique).
      if (name.length >= 4 && typo(name) !== name && !(typo(name) in specs)) {
        const wrong = typo(name);
        const r = await mainOf([command.name, `--${wrong}`, ...(spec.kind === "flag" ? [] : ["1"])]);
        assert.equal(r.code, 2, `${command.name} --${wrong}: ${r.stderr}`);
        assert.equal(r.stderr.trim().split("\n").length, 1);
        const suggested = /^emtd (\S+): unknown option --(\S+) \(did you mean --(\S+)\?\)$/.exec(r.stderr.trim());
        assert.ok(suggested, `${command.name} --${wrong}: ${r.stderr}`);
        assert.equal(suggested[2], wrong);
        assert.equal(suggested[3], nearestName(wrong, Object.keys(specs)));
        assert.ok(suggested[3] === name || nearestName(wrong, [name]) === name, `${wrong} → ${suggested[3]}`);
      }
      // A bad value names the option as typed and what it accepts.
      if (spec.kind === "int" || spec.kind === "number" || spec.kind === "choice") {
        assert.throws(
          () => parse([`--${name}`, "not-a-value"]),
          (e: Error) => e.message.startsWith(`emtd ${command.name}: --${name} must be `) && !e.message.includes("\n"),
          `${command.name} --${name} not-a-value`,
        );
      }
    }
    assert.throws(
      () => parse(["--zzzzzzzz"]),
      (e: Error) => e.message === `emtd ${command.name}: unknown option --zzzzzzzz (see emtd ${command.name} --help)`,
    );
    if ("only" in specs) assert.equal(parse(["--only", "01,02"]).values.only, "01,02");
  });
}

test("the issue's cases end to end: exit 2, one line naming the option as typed", () => {
  const cases: Array<[string[], RegExp]> = [
    [["sample", "--tempreature", "1"], /^emtd sample: unknown option --tempreature \(did you mean --temperature\?\)$/],
    [
      ["sample", "--graph", "ring:10"],
      /^emtd sample: --graph must be one of ring:N:k, ws:N:k:p, er:N:p, ba:N:m, torus:L, complete:N or file:PATH \(got "ring:10"\)$/,
    ],
    [["sample", "--graph=ring:10:3"], /^emtd sample: --graph "ring:10:3": k must be an even integer in \[2, 9\] \(got 3\)$/],
    [["consensus", "--graph", "er:10:x"], /^emtd consensus: --graph must be one of .* \(got "er:10:x"\)$/],
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr.trim(), pattern, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.equal(r.stdout, "");
  }
});

const notebookWith = (cells: object[]) => ({
  cells,
  metadata: { kernelspec: { name: "emtd", display_name: "EMTD (TypeScript)", language: "typescript" } },
  nbformat: 4,
  nbformat_minor: 5,
});
const code = (source: string, tags?: string[], outputs: object[] = []) => ({
  cell_type: "code",
  source,
  metadata: tags ? { tags } : {},
  execution_count: outputs.length > 0 ? 1 : null,
  outputs,
});

test("emtd notebooks --only 01,02 takes a list", () => {
  const dir = mkdtempSync(path.join(work, "only-"));
  const output = [{ output_type: "stream", name: "stdout", text: "x\n" }];
  for (const name of ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb"])
    writeFileSync(path.join(dir, name), JSON.stringify(notebookWith([code("1", undefined, output)])));
  const r = emtd("notebooks", "--only", "01,02", "--strip", "--dir", dir, "--json");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).stripped, ["01-a.ipynb", "02-b.ipynb"]);
  assert.equal(JSON.parse(readFileSync(path.join(dir, "03-c.ipynb"), "utf8")).cells[0].outputs.length, 1);
  // A list with one entry that names no notebook is refused whole (it used to run the others and exit 0).
  for (const command of ["notebooks", "book"]) {
    const bad = emtd(command, "--only", "01,nope", "--dir", dir, "--out", path.join(dir, "out"));
    assert.equal(bad.code, 2, `${command}: ${bad.stderr}`);
    assert.match(bad.stderr.trim(), new RegExp(`^emtd ${command}: --only must match one of the notebooks in .* \\(got "nope"\\)$`));
  }
});

test("a mistyped value is refused with the nearest accepted one: commands, claim ids, figure ids, repairs", () => {
  const cases: Array<[string[], RegExp]> = [
    [["verdict"], /^emtd: command must be one of .* \(got "verdict"\) \(did you mean verdicts\?\)$/],
    [["help", "smaple"], /^emtd help: command must be one of .* \(got "smaple"\) \(did you mean sample\?\)$/],
    [
      ["verdicts", "--only", "p1.3-langvin"],
      /^emtd verdicts: --only must be claim ids .* \(got "p1.3-langvin"\) \(did you mean p1.3-langevin\?\)$/,
    ],
    [
      ["figures", "--only", "ula-bais", "--out", work],
      /^emtd figures: --only must be figure ids, comma-separated \(got "ula-bais"\) \(did you mean ula-bias\?\); the ids: /,
    ],
    [
      ["verdicts", "--variant", "logarithmic-coolng"],
      /^emtd verdicts: --variant must be .* \(got "logarithmic-coolng"\) \(did you mean logarithmic-cooling\?\)$/,
    ],
    [["verdicts", "--only", "zzz"], /^emtd verdicts: --only must be claim ids .* \(got "zzz"\)$/], // nothing near: no guess
  ];
  for (const [args, pattern] of cases) {
    const r = emtd(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr.trim(), pattern, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

test("emtd book --seed 3 sets each notebook's seed; the freeze hash covers it", () => {
  const dir = mkdtempSync(path.join(work, "book-"));
  writeFileSync(
    path.join(dir, "a-seed.ipynb"),
    JSON.stringify(notebookWith([code("const seed = 0;", ["parameters"]), code("console.log(`seed ${seed}`);")])),
  );
  const out = path.join(dir, "out");
  const seeded = emtd("book", "--seed", "3", "--dir", dir, "--out", out, "--json");
  assert.equal(seeded.code, 0, seeded.stderr);
  const report = JSON.parse(seeded.stdout);
  assert.equal(report.notebooks[0].parameters.seed, 3);
  assert.equal(report.notebooks[0].executed, true);
  assert.match(readFileSync(path.join(out, report.notebooks[0].page), "utf8"), /seed 3/);
  const again = JSON.parse(emtd("book", "--seed", "3", "--dir", dir, "--out", out, "--json").stdout);
  assert.equal(again.notebooks[0].executed, false, "the same seed comes from the freeze");
  const plain = JSON.parse(emtd("book", "--dir", dir, "--out", out, "--json").stdout);
  assert.equal(plain.notebooks[0].parameters.seed, 0);
  assert.equal(plain.notebooks[0].executed, true, "another seed is another execution");
});
