/**
 * `npm run unmerge -- EVENT_ID KEY`: splits the article KEY out of event EVENT_ID in the
 * local run's table (DynamoDB Local at DYNAMODB_PORT, default 8000, table `entente-events`)
 * and prints both events' ids. `npm run unmerge -- --remerge TARGET_ID OTHER_ID` merges back.
 */
import { makeDynamoClient } from '../functions/adapters/clients.js';
import { DynamoEventStore } from '../functions/adapters/dynamodb-event-store.js';
import { DynamoIngestionStore } from '../functions/adapters/dynamodb-ingestion-store.js';
import { EntenteError } from '../functions/core/errors.js';
import { remergeEvent, unmergeSource } from '../functions/handlers/unmerge.js';
import { jsonLogger } from '../functions/logger.js';
import { LOCAL_TABLE_NAME } from '../infra/table.js';

const USAGE =
  'usage: npm run unmerge -- EVENT_ID KEY\n       npm run unmerge -- --remerge TARGET_ID OTHER_ID';

async function main(argv: string[]): Promise<number> {
  const remerge = argv[0] === '--remerge';
  const [first, second] = remerge ? argv.slice(1) : argv;
  if (!first || !second || argv.length !== (remerge ? 3 : 2)) {
    console.error(USAGE);
    return 2;
  }
  const port = process.env.DYNAMODB_PORT ?? '8000';
  const client = makeDynamoClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` });
  const deps = {
    events: new DynamoEventStore(client, LOCAL_TABLE_NAME, {
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 500 },
    }),
    ingestions: new DynamoIngestionStore(client, LOCAL_TABLE_NAME),
    clock: () => new Date(),
    log: jsonLogger({ command: 'unmerge' }),
  };
  try {
    if (remerge) {
      const merged = await remergeEvent(deps, first, second);
      console.log(JSON.stringify({ eventId: merged.id, sources: merged.sources.map((s) => s.key) }));
    } else {
      const { remaining, split } = await unmergeSource(deps, first, second);
      console.log(
        JSON.stringify({
          remaining: { id: remaining.id, sources: remaining.sources.map((s) => s.key) },
          split: { id: split.id, sources: split.sources.map((s) => s.key) },
        }),
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof EntenteError) {
      console.error(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    client.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
