/** The package version (package.json's), recorded in every JSON result and checkpoint. */
import fs from "node:fs";
import path from "node:path";

function read(): string {
  // dist/src/runs/version.js and src/runs/version.ts both sit three levels below the package root… or two.
  for (const up of ["../../..", "../.."]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, up, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "emtd" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next level
    }
  }
  return "unknown";
}

/** `emtd`'s version, e.g. "0.1.0". */
export const VERSION: string = read();
