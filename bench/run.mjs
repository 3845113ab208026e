// Runs every benchmark in bench/ (files named *.bench.ts or *.bench.mjs), one process
// each, in name order, or only those whose name contains an argument:
//   npm run bench            all of them
//   npm run bench -- merge   only bench/*merge*.bench.*
// Each benchmark prints its figures beside the baseline it measured in the same run
// and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const args = file.endsWith('.ts') ? ['--import', 'tsx', join(here, file)] : [join(here, file)];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: join(here, '..') });
  if (run.status !== 0) {
    failed++;
    console.error(`!! ${file} exited with ${run.status}`);
  }
}
console.log(
  `\n${files.length - failed} benchmarks ran, ${failed} failed; results in bench/results/`,
);
process.exit(failed === 0 ? 0 : 1);
