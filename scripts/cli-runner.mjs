import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs server/cli/<name>: the compiled dist/server/cli/<name>.js when it exists and is not older than the source
 * (a stale build would run old rules), otherwise server/cli/<name>.ts through tsx. Arguments pass through; the exit
 * code is the tool's.
 */
export function runCli(name) {
  const compiled = path.join(root, 'dist', 'server', 'cli', `${name}.js`);
  const source = path.join(root, 'server', 'cli', `${name}.ts`);
  const useCompiled = fs.existsSync(compiled) && (!fs.existsSync(source) || fs.statSync(compiled).mtimeMs >= fs.statSync(source).mtimeMs);
  const args = useCompiled ? [compiled] : ['--import', 'tsx', source];
  const child = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
  if (child.error) {
    console.error(child.error.message);
    process.exit(3);
  }
  process.exit(child.status ?? 3);
}
