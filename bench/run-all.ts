/**
 * `npm run bench`: every benchmark in this folder (`*.bench.ts`), one after another in its own
 * process so none warms the caches of the next, each printing its own figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no benchmark matches ${only.join(', ')}\n`);
  process.exit(1);
}

let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, name)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
