#!/usr/bin/env node
"use strict";
// Make `require("emtd")` and `npx emtd` resolve to this checkout: notebooks import the library by its package
// name (tslab cannot import files outside a notebook's folder), and npm does not link a package's own bin.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
const link = (target, at) => {
  try {
    const existing = fs.readlinkSync(at);
    if (path.resolve(path.dirname(at), existing) === target) return;
    fs.unlinkSync(at);
  } catch (error) {
    if (error.code === "EINVAL") return; // a real directory or file: leave it alone
    if (error.code !== "ENOENT") throw error;
  }
  fs.symlinkSync(path.relative(path.dirname(at), target), at);
};
if (fs.existsSync(modules)) {
  link(root, path.join(modules, "emtd"));
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  link(path.join(root, "bin", "emtd.js"), path.join(modules, ".bin", "emtd"));
}
