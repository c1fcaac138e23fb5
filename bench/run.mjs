#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ in turn (see bench/README.md for what each measures).
import { spawnSync } from 'node:child_process';

const benches = ['bench/startup.mjs', 'bench/login.mjs'];
let failed = false;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  failed = spawnSync('node', [bench], { stdio: 'inherit' }).status !== 0 || failed;
}
process.exit(failed ? 1 : 0);
