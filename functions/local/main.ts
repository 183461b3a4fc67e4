/**
 * `npm start`: builds the index from knowledge/ and the web files, starts the embedded DynamoDB
 * (dynalite, data kept in .data/), creates the tables, and serves web chat, the SMS webhook, the
 * Alexa endpoint and the staff desk on localhost — the same handlers as in AWS.
 */
import path from 'node:path';
import { loadConfig } from '#app/config.ts';
import { createApp } from '#app/create-app.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { articleCatalogOf, type ArticleCatalog } from '#core/learning/article-catalog.ts';
import { runBuild } from '../cli/commands/build.ts';
import { consoleOutput } from '../cli/output.ts';
import { startLocalDynamo } from './dynalite.ts';
import { startLocalServer } from './server.ts';
import { startQueuedTurnFlush } from './flush-queued-turns.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const say = (line: string): void => void process.stderr.write(line + '\n');

const config = loadConfig();
const knowledgeDir = process.argv[2] ?? 'knowledge';
const built = await runBuild([knowledgeDir, '--out', config.indexPath], consoleOutput());
if (built !== 0) {
  say('Mujib did not start: fix the articles above (npm run kb -- lint knowledge).');
  process.exit(built);
}
const { buildWeb } = await import('../../web/build.ts');
await buildWeb({ minify: true });

const dynamo = config.dynamoEndpoint
  ? undefined
  : await startLocalDynamo({ dataDir: path.join(config.dataDir, 'dynamo'), port: 0 });
const endpoint = config.dynamoEndpoint ?? dynamo?.endpoint;
const client = createDynamoClient({
  endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  // dynalite runs in this process and shares its event loop: allow for bursts of load.
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 5_000,
});
await ensureTables(client, config.tables);
const app = createApp(config, { dynamo: client, articleCatalog: folderCatalog(knowledgeDir) });
const server = await startLocalServer({ app, host: config.host, port: config.port });

// Turns queued durably while the store was down (also before a crash) are replayed now and on a timer.
startQueuedTurnFlush(app);

say(`
Mujib is running (local mode, data in ${path.relative(process.cwd(), config.dataDir) || '.'}/)
  Web chat demo   ${server.url}/
  Staff desk      ${server.url}/staff   (token: ${config.staffToken === undefined ? 'not set' : config.staffToken})
  Chat API        POST ${server.url}/api/chat   {"text": "How do I track my order?"}
  SMS webhook     POST ${server.url}/sms/twilio  (Twilio-signed; outbox in ${path.relative(process.cwd(), config.dataDir)}/outbox.jsonl)
  Alexa endpoint  POST ${server.url}/alexa
  Health          ${server.url}/healthz
Press Ctrl+C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    void (async () => {
      const left = await app.flushQueuedTurns().catch(() => app.unsavedTurns());
      if (left > 0)
        say(
          config.turnQueue.file
            ? `${left} turns are not saved yet; they wait in ${config.turnQueue.file} for the next start.`
            : `${left} turns could not be saved (no turn queue file); see turn_write_failed above.`,
        );
      await server.close();
      await dynamo?.close();
      process.exit(0);
    })();
  });
}

/**
 * The articles' listed questions, read from the folder the index is built from (at most once a
 * minute), so suggestions never propose a phrasing an article already lists.
 */
function folderCatalog(dir: string): ArticleCatalog {
  let read: { at: number; catalog: Promise<ArticleCatalog> } | undefined;
  return {
    async questions(lang) {
      if (!read || Date.now() - read.at > 60_000) {
        read = {
          at: Date.now(),
          catalog: loadCollection(dir).then(({ articles }) => articleCatalogOf(articles)),
        };
      }
      return (await read.catalog).questions(lang);
    },
  };
}
