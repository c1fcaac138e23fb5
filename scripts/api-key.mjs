// npm run api-key -- create <name> | list | revoke <id>: the import API's keys (server/cli/api-key.ts). See docs/import.md.
import { runCli } from './cli-runner.mjs';

runCli('api-key');
