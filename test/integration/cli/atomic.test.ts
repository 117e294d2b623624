/**
 * The one file writer (files/atomic): a short write, a full disk or a read-only file system leaves the previous file
 * intact and no temporary behind, and says which directory needs how many bytes; `emtd run` on a full disk stops
 * with that one line (exit 2) and resumes once space is freed; a checkpoint that does not parse is set aside by
 * name and the run starts over instead of failing on every rerun.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic, type AtomicFs } from "../../../src/files/atomic";
import { StorageError } from "../../../src/errors";

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "emtd-atomic-"));
}

function emtd(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** node:fs, except that `write` takes at most `chunk` bytes per call and fails with `code` once `room` bytes are down. */
function fullDisk(room: number, chunk: number, code = "ENOSPC"): AtomicFs {
  let written = 0;
  return {
    openSync: (f, flags, mode) => fs.openSync(f, flags, mode),
    writeSync(fd, buffer, offset, length) {
      if (written >= room) throw Object.assign(new Error(`${code}: no space left on device, write`), { code });
      const n = Math.min(length, chunk, room - written);
      written += n;
      return fs.writeSync(fd, buffer, offset, n);
    },
    fsyncSync: (fd) => fs.fsyncSync(fd),
    closeSync: (fd) => fs.closeSync(fd),
    renameSync: (a, b) => fs.renameSync(a, b),
    unlinkSync: (f) => fs.unlinkSync(f),
  };
}

test("short writes are continued until every byte is down", () => {
  const dir = tmp();
  const file = path.join(dir, "a.json");
  const text = JSON.stringify({ values: Array.from({ length: 2000 }, (_, i) => i * 0.5) });
  writeFileAtomic(file, text, { fs: fullDisk(Infinity, 1000) });
  assert.equal(fs.readFileSync(file, "utf8"), text);
  assert.deepEqual(fs.readdirSync(dir), ["a.json"]);
  fs.rmSync(dir, { recursive: true });
});

test("a write that runs out of space keeps the previous file, removes the temporary and names the directory and bytes", () => {
  const dir = tmp();
  const file = path.join(dir, "checkpoint.json");
  writeFileAtomic(file, '{"step":1}');
  const text = "x".repeat(5000);
  for (const code of ["ENOSPC", "EDQUOT", "EROFS"]) {
    assert.throws(
      () => writeFileAtomic(file, text, { fs: fullDisk(3000, 1024, code) }),
      (e: unknown) =>
        e instanceof StorageError &&
        e.code === code &&
        e.bytes === 5000 &&
        e.directory === dir &&
        e.message.includes(dir) &&
        e.message.includes("5000 bytes") &&
        !e.message.includes("\n"),
    );
    assert.equal(fs.readFileSync(file, "utf8"), '{"step":1}', code);
    assert.deepEqual(fs.readdirSync(dir), ["checkpoint.json"], code);
  }
  // A write that reports 0 bytes (nothing more fits) is a full disk, not an endless loop.
  const zero: AtomicFs = { ...fullDisk(Infinity, 1), writeSync: () => 0 };
  assert.throws(() => writeFileAtomic(file, text, { fs: zero }), StorageError);
  assert.deepEqual(fs.readdirSync(dir), ["checkpoint.json"]);
  // Other errors pass through unchanged, and still leave nothing behind.
  const eio: AtomicFs = {
    ...fullDisk(Infinity, 1),
    fsyncSync: () => {
      throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    },
  };
  assert.throws(() => writeFileAtomic(file, text, { fs: eio }), /EIO/);
  assert.deepEqual(fs.readdirSync(dir), ["checkpoint.json"]);
  assert.equal(fs.readFileSync(file, "utf8"), '{"step":1}');
  fs.rmSync(dir, { recursive: true });
});

/** Mount a tmpfs of `size` on a fresh folder, or return the reason it cannot be done here. */
function smallDisk(size: string): { dir: string; remount(size: string): void; release(): void } | string {
  if (process.platform !== "linux") return "tmpfs mounts are a Linux feature";
  const dir = tmp();
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (r.status !== 0) {
    fs.rmSync(dir, { recursive: true });
    return `cannot mount a small tmpfs here (${(r.stderr || r.error?.message || "").trim()})`;
  }
  return {
    dir,
    remount: (s) => assert.equal(spawnSync("mount", ["-o", `remount,size=${s}`, dir]).status, 0),
    release() {
      spawnSync("umount", [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("on a real 64 KiB file system a write too large for it keeps the previous file", (t) => {
  const disk = smallDisk("64k");
  if (typeof disk === "string") return t.skip(disk);
  try {
    const file = path.join(disk.dir, "results.csv");
    writeFileAtomic(file, "a,b\n1,2\n");
    assert.throws(
      () => writeFileAtomic(file, "y".repeat(200_000)),
      (e: unknown) => e instanceof StorageError && e.code === "ENOSPC",
    );
    assert.equal(fs.readFileSync(file, "utf8"), "a,b\n1,2\n");
    assert.deepEqual(fs.readdirSync(disk.dir), ["results.csv"]);
  } finally {
    disk.release();
  }
});

test("emtd run on a full disk stops with one line (exit 2), leaves no torn checkpoint, and completes once space is freed", (t) => {
  const disk = smallDisk("64k");
  if (typeof disk === "string") return t.skip(disk);
  try {
    const config = path.join(disk.dir, "..", `${path.basename(disk.dir)}.json`);
    // The field of 3000 nodes × 2 makes a checkpoint of about 70 kB: more than the disk holds.
    fs.writeFileSync(
      config,
      JSON.stringify({ command: "sample", graph: "ring:3000:4", dim: 2, steps: 400, burnIn: 200, checkpointEvery: 50, seed: 1 }),
    );
    const out = path.join(disk.dir, "o");
    const full = emtd("run", config, "--out", out, "--no-timing");
    assert.equal(full.code, 2, full.stderr);
    assert.match(full.stderr, /^emtd run: cannot write .*checkpoint\.json: .* has no space left \(ENOSPC\); it needs \d+ bytes free there/);
    assert.equal(full.stderr.trim().split("\n").length, 1, full.stderr);
    assert.deepEqual(fs.readdirSync(out), ["config.json"]);
    disk.remount("8m");
    const freed = emtd("run", config, "--out", out, "--no-timing", "--json");
    assert.equal(freed.code, 0, freed.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ["config.json", "draws.csv", "inference_data.zarr", "result.json"]);
    fs.rmSync(config);
  } finally {
    disk.release();
  }
});

test("a checkpoint that does not parse is set aside by name, and the run starts over and ends as an uninterrupted one", () => {
  const dir = tmp();
  const config = path.join(dir, "c.json");
  fs.writeFileSync(config, JSON.stringify({ command: "sample", graph: "ring:60:4", dim: 2, steps: 400, checkpointEvery: 100, seed: 5 }));
  const clean = emtd("run", config, "--out", path.join(dir, "clean"), "--no-timing", "--json");
  assert.equal(clean.code, 0, clean.stderr);
  const out = path.join(dir, "torn");
  fs.mkdirSync(out);
  // What the old writer left after ENOSPC: the start of a checkpoint, no closing brace.
  fs.writeFileSync(path.join(out, "checkpoint.json"), '{"format":"emtd-checkpoint/1","version":"0.2.0","config":{"comm');
  const resumed = emtd("run", config, "--out", out, "--no-timing", "--json");
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(
    resumed.stderr,
    /checkpoint\.json does not parse .*; set aside as checkpoint\.json\.corrupt-1; the run starts from the beginning/,
  );
  assert.equal(resumed.stdout, clean.stdout);
  assert.deepEqual(fs.readdirSync(out).sort(), [
    "checkpoint.json.corrupt-1",
    "config.json",
    "draws.csv",
    "inference_data.zarr",
    "result.json",
  ]);
  // A torn result is set aside the same way (the run is computed again, not reported from a broken file).
  fs.writeFileSync(path.join(out, "result.json"), '{"command":"sam');
  const again = emtd("run", config, "--out", out, "--no-timing", "--json");
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /result\.json does not parse .*set aside as result\.json\.corrupt-1/);
  assert.equal(again.stdout, clean.stdout);
  fs.rmSync(dir, { recursive: true });
});
