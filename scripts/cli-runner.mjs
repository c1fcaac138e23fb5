import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the server's TypeScript sources (tests excluded), 0 when there are none. */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test') newest = Math.max(newest, newestSource(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * Runs server/cli/<name>: the compiled dist/server/cli/<name>.js when it exists and no server source is newer than it
 * (a stale build would run old rules), otherwise server/cli/<name>.ts through tsx. Arguments pass through; the exit
 * code is the tool's.
 */
export function runCli(name) {
  const compiled = path.join(root, 'dist', 'server', 'cli', `${name}.js`);
  const source = path.join(root, 'server', 'cli', `${name}.ts`);
  const useCompiled = fs.existsSync(compiled) && (!fs.existsSync(source) || fs.statSync(compiled).mtimeMs >= newestSource(path.join(root, 'server')));
  const args = useCompiled ? [compiled] : ['--import', 'tsx', source];
  const child = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
  if (child.error) {
    console.error(child.error.message);
    process.exit(3);
  }
  process.exit(child.status ?? 3);
}
