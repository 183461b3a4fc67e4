/**
 * `npm start`: builds the index from knowledge/ and the web files, starts the embedded DynamoDB
 * (dynalite, data kept in .data/), creates the tables, and serves web chat, the SMS and WhatsApp
 * webhooks, the Alexa endpoint and the staff desk on localhost — the same handlers as in AWS.
 * The content studio publishes into the knowledge folder (drafts, history and audit in
 * .data/studio/) and rebuilds the index in place; the learning loop reads the articles'
 * questions from the same folder.
 */
import path from 'node:path';
import { loadConfig } from '#app/config.ts';
import { createApp } from '#app/create-app.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { buildLiveIndex } from '#app/studio-service.ts';
import { systemClock, uuidIds } from '#app/services.ts';
import { loadSupportConfig } from '#app/support-config.ts';
import { formatProblem } from '#core/knowledge/format-problem.ts';
import { ENV } from '#app/env-names.ts';
import { reportAlexaSignatureWarning } from '#adapters/alexa/alexa-signature-warning.ts';
import { startLocalDynamo } from './dynalite.ts';
import { startLocalServer } from './server.ts';
import { startQueuedTurnFlush } from './flush-queued-turns.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const say = (line: string): void => void process.stderr.write(line + '\n');

const loaded = loadConfig();
// `npm start -- <folder>` serves (and the studio publishes into) another collection.
const config = process.argv[2]
  ? { ...loaded, knowledgeDir: path.resolve(process.argv[2]) }
  : loaded;
// support.json (queues, hours, holidays; or MUJIB_SUPPORT_CONFIG) is checked before anything starts.
try {
  loadSupportConfig(config);
} catch (error) {
  say(`Mujib did not start: ${(error as Error).message}`);
  process.exit(1);
}
const knowledgeDir = path.relative(process.cwd(), config.knowledgeDir) || '.';
// Built as the studio publishes: a broken article is left out (its last good version serving).
const built = await buildLiveIndex(config, { clock: systemClock, ids: uuidIds });
for (const rejected of built.rejected) {
  const serving = rejected.serving === 'last-good' ? 'its last good version serves' : 'left out';
  say(`${knowledgeDir}/${rejected.file}: rejected (${serving})`);
  for (const p of rejected.problems.filter((p) => p.severity === 'error'))
    say(`  ${formatProblem(p, knowledgeDir)}`);
}
if (built.status === 'rejected') {
  say(
    `Mujib did not start: no article in ${knowledgeDir}/ can be published (npm run kb -- lint ${knowledgeDir}).`,
  );
  process.exit(1);
}
say(
  `built ${path.relative(process.cwd(), config.indexPath)} from ${knowledgeDir}/ (${built.articles} articles)`,
);
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
const app = createApp(config, { dynamo: client });
const server = await startLocalServer({ app, host: config.host, port: config.port });

// Turns queued durably while the store was down (also before a crash) are replayed now and on a timer.
startQueuedTurnFlush(app);

say(`
Mujib is running (local mode, data in ${path.relative(process.cwd(), config.dataDir) || '.'}/)
  Web chat demo   ${server.url}/
  Staff desk      ${server.url}/staff   (agent token: ${config.staffToken ?? 'not set'})
  Content studio  ${server.url}/staff#/studio   (writer token: ${config.writerToken ?? 'not set'}; publishes into ${knowledgeDir}/)
  Chat API        POST ${server.url}/api/chat   {"text": "How do I track my order?"}
  SMS webhook     POST ${server.url}/sms/twilio  (Twilio-signed; outbox in ${path.relative(process.cwd(), config.dataDir)}/outbox.jsonl)
  WhatsApp        POST ${server.url}/whatsapp/twilio  (Twilio-signed, same token; staff replies to the same outbox, marked whatsapp)
  Alexa endpoint  POST ${server.url}/alexa
  Health          ${server.url}/healthz
Press Ctrl+C to stop.`);
// Unsigned Alexa requests are accepted only in local mode, and never silently.
reportAlexaSignatureWarning(config.alexa, ENV.alexaVerifySignatures, { say, logger: app.logger });

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
