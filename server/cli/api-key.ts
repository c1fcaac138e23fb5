import { createApiKey, listApiKeys, revokeApiKey } from '../modules/import/api-keys.js';
import { cliUser, openCliDatabase, runCli } from './cli-database.js';

/**
 * `npm run api-key -- create <name> | list | revoke <id>`: the import API's keys. `create` prints the key once (only
 * its hash is stored); `list` shows id, name, prefix, scopes and when each was made, last used and revoked.
 */
const USAGE = `Bruk: npm run api-key -- create <navn> | list | revoke <id>`;

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    console.error(USAGE);
    return 2;
  }
  if ((command === 'create' && args.length < 1) || (command === 'revoke' && !/^\d+$/.test(args[0] ?? ''))) {
    console.error(USAGE);
    return 2;
  }
  const database = await openCliDatabase();
  try {
    if (command === 'create') {
      const { key, info } = await createApiKey(database.db, args.join(' '), cliUser());
      console.log(`Ny API-nøkkel ${info.id} «${info.name}» (omfang: ${info.scopes.join(', ')}).`);
      console.log('Nøkkelen vises bare nå; lagre den trygt:');
      console.log(key);
      return 0;
    }
    if (command === 'list') {
      const keys = await listApiKeys(database.db);
      if (keys.length === 0) console.log('Ingen API-nøkler.');
      for (const k of keys) {
        const state = k.revokedAt ? `trukket tilbake ${k.revokedAt.toISOString()}` : 'aktiv';
        console.log(`${k.id}\t${k.prefix}…\t${k.name}\t${k.scopes.join(',')}\tlaget ${k.createdAt.toISOString()}\tsist brukt ${k.lastUsedAt?.toISOString() ?? 'aldri'}\t${state}`);
      }
      return 0;
    }
    const id = Number(args[0]);
    if (await revokeApiKey(database.db, id, cliUser())) {
      console.log(`API-nøkkel ${id} er trukket tilbake.`);
      return 0;
    }
    console.error(`Fant ingen aktiv API-nøkkel med id ${id}.`);
    return 1;
  } finally {
    await database.close();
  }
}

runCli(main);
