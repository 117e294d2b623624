/**
 * `emtd` as bin/emtd.js runs it (the same `main`), for the hostile-input tests: after `main` returns, the process's
 * peak resident memory (getrusage's maxRSS) is written to the file named by the first argument, so a test can
 * check the memory bound of a run it spawned. Usage: node run-main.js RSS_FILE -- emtd arguments…
 */
import { writeFileSync } from "node:fs";
import { main } from "../../src/cli/main";

const [rssFile, dashes, ...argv] = process.argv.slice(2);
if (rssFile === undefined || dashes !== "--") {
  process.stderr.write("usage: run-main RSS_FILE -- ARGS…\n");
  process.exit(64);
}
void main(argv).then((code) => {
  writeFileSync(rssFile, String(process.resourceUsage().maxRSS * 1024));
  process.exit(code);
});
