import fs from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_KINDS } from '../db/schema-import.js';
import { ImportRejectedError, isImportKind, runImport } from '../modules/import/import.service.js';
import { cliUser, openCliDatabase, runCli } from './cli-database.js';

/**
 * `npm run import -- <kind> <file> [--dry-run]`: imports a CSV or JSON file (by its extension, .csv / .json) with the
 * same checks, idempotency and audit as the API (actor «cli»). Prints the counts, or every rejected row with its line;
 * exit code 0 when imported (or already imported), 1 when rejected, 2 on wrong use.
 */
const USAGE = `Bruk: npm run import -- <type> <fil> [--dry-run]
  type: ${IMPORT_KINDS.join(', ')}
  fil:  .csv (overskriftsrad, ; eller , som skilletegn) eller .json (liste av objekter)
  --dry-run: kontroller og tell, men lagre ingenting`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const [kind, file, ...rest] = args.filter((a) => a !== '--dry-run');
  if (!kind || !file || rest.length > 0 || args.includes('--help')) {
    console.error(USAGE);
    return 2;
  }
  if (!isImportKind(kind)) {
    console.error(`Ukjent type «${kind}».\n${USAGE}`);
    return 2;
  }
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.json') {
    console.error(`Filen må slutte på .csv eller .json: ${file}`);
    return 2;
  }
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (error) {
    console.error(`Kan ikke lese ${file}: ${(error as Error).message}`);
    return 2;
  }

  const database = await openCliDatabase();
  try {
    const result = await runImport(database.db, {
      kind,
      format: extension === '.csv' ? 'csv' : 'json',
      content,
      fileName: path.basename(file),
      actor: { kind: 'cli', label: cliUser() },
      dryRun,
    });
    const counts = `${result.rows} rader: ${result.inserted} nye, ${result.updated} endret, ${result.unchanged} uendret`;
    if (result.duplicate) console.log(`Filen er importert før (parti ${result.batchId}); ingenting endret. ${counts}.`);
    else if (result.dryRun) console.log(`Prøvekjøring, ingenting lagret. ${counts}.`);
    else console.log(`Importert som parti ${result.batchId}. ${counts}.`);
    console.log(JSON.stringify(result));
    return 0;
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      console.error(`${error.message}`);
      for (const e of error.errors) console.error(`  linje ${e.line}${e.field ? `, ${e.field}` : ''}: ${e.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

runCli(main);
