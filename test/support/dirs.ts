/**
 * Where the built tests live: dist/test. The suites sit in test/unit/<src folder>/ and test/integration/<kind>/, and
 * read fixtures, the CLI and each other relative to this one folder rather than to their own depth.
 */
import * as path from "node:path";

export const TEST_DIR = path.resolve(__dirname, "..");
