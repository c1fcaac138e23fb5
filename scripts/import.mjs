// npm run import -- <kind> <file> [--dry-run]: runs the compiled CLI (dist/server/cli/import.js) when it is at least as
// new as its source, otherwise the TypeScript source through tsx (a devDependency). See docs/import.md.
import { runCli } from './cli-runner.mjs';

runCli('import');
