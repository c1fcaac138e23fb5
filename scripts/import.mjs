// npm run import -- <kind> <file> [--dry-run]: runs the compiled CLI (dist/server/cli/import.js) when no server source
// is newer than it, otherwise the TypeScript source through tsx (a devDependency). See docs/import.md.
import { runCli } from './cli-runner.mjs';

runCli('import');
