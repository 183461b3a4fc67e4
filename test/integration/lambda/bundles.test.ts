/**
 * What each Lambda bundle contains, from esbuild's metafile (the same build the CDK stack runs,
 * bench/lambda-bundle.ts; no timing): per-function composition keeps code out of the functions
 * that never run it. The staff function carries no Lex or Alexa code (it has S3 and the index
 * code for the content studio: live articles, drafts, "try it"); the chat function no Alexa, End
 * User Messaging or staff code; only the answer functions, the staff function (studio) and the
 * indexer carry the S3 client; no function bundles lunr-languages
 * (lunr.ar breaks in esbuild's strict mode: it is installed beside the bundle instead). And the
 * bundle itself works: the chat bundle, run by plain Node as Lambda runs it, answers in Arabic.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SDK_BUNDLING } from '../../../cdk/constructs/mujib-function.ts';
import { bundledInputs, bundleLambda, externalImports } from '../../../bench/lambda-bundle.ts';
import { startTestDynamo } from '../../helpers/dynalite.ts';
import { artifactFor } from '../../helpers/knowledge.ts';
import { AWS_RUNTIME_ENV } from '../../helpers/lambda-env.ts';
import { httpApiEvent } from '../../helpers/lambda-events.ts';

const LEX = /@aws-sdk\/client-lex-runtime-v2|adapters\/lex\//;
const S3 = /@aws-sdk\/client-s3|adapters\/s3\//;
const ALEXA = /ask-sdk|adapters\/alexa\//;
/** The skill itself (the Twilio function shares the HTTP channel routes, whose /alexa route
 * validates envelopes with a small parser of its own, but never builds or runs the skill). */
const ALEXA_SKILL = /ask-sdk|adapters\/alexa\/alexa-(skill|handlers)/;
const EUM = /@aws-sdk\/client-pinpoint-sms-voice-v2|eum-outbound-sms/;
const STAFF = /staff-routes|analytics-routes|customer-erasure/;
/** The knowledge index and its loading (the staff function's gap clusters do use Lunr's text
 * analysis, so Lunr itself is allowed there). */
const INDEX = /core\/retrieval\/knowledge-index|adapters\/knowledge\//;

/** Everything the bundle has in it or imports at run time. */
async function contents(handler: string): Promise<string[]> {
  const { metafile } = await bundleLambda(`functions/handlers/${handler}.ts`, SDK_BUNDLING);
  return [...bundledInputs(metafile), ...externalImports(metafile)];
}

const matching = (inputs: string[], pattern: RegExp) => inputs.filter((i) => pattern.test(i));

describe('Lambda bundle contents (esbuild metafile)', () => {
  it('the staff function has no Lex or Alexa code; its S3 and index code are the studio', async () => {
    const inputs = await contents('staff-api');

    expect(matching(inputs, STAFF).length).toBeGreaterThan(0); // it is the staff function
    expect(matching(inputs, LEX)).toEqual([]);
    expect(matching(inputs, ALEXA)).toEqual([]);
    // The content studio: its S3 stores and the published index it compares drafts with.
    expect(
      matching(inputs, S3)
        .filter((i) => i.startsWith('functions/'))
        .sort(),
    ).toEqual([
      'functions/adapters/s3/s3-artifact-source.ts',
      'functions/adapters/s3/s3-document-store.ts',
      'functions/adapters/s3/s3-objects.ts',
    ]);
    expect(matching(inputs, /adapters\/http\/studio-routes/)).toHaveLength(1);
    expect(matching(inputs, INDEX).length).toBeGreaterThan(0);
    // Nothing of the indexer's publishing path.
    expect(
      matching(inputs, /publish-knowledge-index|last-good-articles|publish-article-pages/),
    ).toEqual([]);
  }, 30_000);

  it('the chat function has no Alexa, End User Messaging or staff code', async () => {
    const inputs = await contents('chat-api');

    expect(matching(inputs, /chat-routes/).length).toBe(1);
    expect(matching(inputs, ALEXA)).toEqual([]);
    expect(matching(inputs, EUM)).toEqual([]);
    expect(matching(inputs, STAFF)).toEqual([]);
  }, 30_000);

  it('only the Alexa function carries ask-sdk; only SMS-EUM and staff the End User Messaging client', async () => {
    const handlers = [
      'chat-api',
      'staff-api',
      'sms-twilio',
      'sms-eum',
      'alexa',
      'flush-turns',
      'indexer',
      'origin-verify',
    ];
    const all = Object.fromEntries(
      await Promise.all(handlers.map(async (h) => [h, await contents(h)] as const)),
    );

    const carrying = (pattern: RegExp) =>
      handlers.filter((h) => matching(all[h]!, pattern).length > 0);
    expect(carrying(ALEXA_SKILL)).toEqual(['alexa']);
    expect(carrying(EUM)).toEqual(['staff-api', 'sms-eum']);
    expect(carrying(/@aws-sdk\/client-s3/)).toEqual([
      'chat-api',
      'staff-api',
      'sms-twilio',
      'sms-eum',
      'alexa',
      'indexer',
    ]);
    expect(carrying(/@aws-sdk\/client-dynamodb/)).not.toContain('origin-verify');
    expect(carrying(/@aws-sdk\/client-dynamodb/)).not.toContain('indexer');
    // lunr-languages stays out of every bundle.
    for (const h of handlers) {
      expect(matching(all[h]!, /node_modules\/lunr-languages/)).toEqual([]);
    }
    // (lunr-setup loads it with createRequire, from the node_modules CDK installs beside it.)
  }, 60_000);
});

/** Imports the bundle (INIT), invokes it once with the event, prints the result as JSON. */
const RUNNER = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, eventFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const result = await handler(JSON.parse(readFileSync(eventFile, 'utf8')), { awsRequestId: 'b-1', functionName: 'chat' });
process.stderr.write('RESULT ' + JSON.stringify(result) + '\\n');
`;

describe('a bundled function', () => {
  it('the chat bundle starts and answers an Arabic question (lunr.ar loaded outside strict mode)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mujib-bundle-run-'));
    const dynamo = await startTestDynamo();
    try {
      const tables = await dynamo.freshTables();
      const { file } = await bundleLambda(
        'functions/handlers/chat-api.ts',
        SDK_BUNDLING,
        path.join(dir, 'chat'),
      );
      await writeFile(path.join(dir, 'runner.mjs'), RUNNER);
      await writeFile(path.join(dir, 'index.json'), JSON.stringify(await artifactFor()));
      const event = httpApiEvent({
        method: 'POST',
        path: '/api/chat',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 'bundle-ar-1', text: 'كيف أتتبع طلبي؟' }),
      });
      await writeFile(path.join(dir, 'event.json'), JSON.stringify(event));

      const { stderr } = await promisify(execFile)(
        process.execPath,
        [path.join(dir, 'runner.mjs'), file!, path.join(dir, 'event.json')],
        {
          env: {
            PATH: process.env.PATH ?? '',
            ...AWS_RUNTIME_ENV,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            MUJIB_MODE: 'aws',
            MUJIB_LOG_LEVEL: 'error',
            MUJIB_PII_SECRET: 'bundle-test-secret',
            MUJIB_DYNAMO_ENDPOINT: dynamo.server.endpoint,
            MUJIB_TURNS_TABLE: tables.turns,
            MUJIB_TICKETS_TABLE: tables.tickets,
            MUJIB_GAPS_TABLE: tables.gaps,
            MUJIB_STATS_TABLE: tables.stats,
            MUJIB_INDEX_PATH: path.join(dir, 'index.json'),
          },
        },
      );

      const line = stderr.split('\n').find((l) => l.startsWith('RESULT '));
      const result = JSON.parse(line!.slice('RESULT '.length)) as {
        statusCode: number;
        body: string;
      };
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body).reply).toMatchObject({ kind: 'answer', lang: 'ar' });
    } finally {
      await dynamo.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
