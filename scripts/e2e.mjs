// `npm run test:e2e`: build server and web app, then run the Playwright journeys against the built server.
// Extra arguments go to Playwright, e.g. `npm run test:e2e -- e2e/login.spec.ts --headed`.
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.E2E_SKIP_BUILD !== 'true') run(npm, ['run', 'build']);
run(npx, ['playwright', 'test', ...process.argv.slice(2)]);
