/**
 * Cold start of every Lambda function, bundled the way the CDK stack bundles it (bench/
 * lambda-bundle.ts), in both SDK modes (`bundled` into the function, or `runtime`: external),
 * against a baseline handler that only imports @aws-sdk/client-dynamodb (bundled the same way).
 *
 * Each run is a fresh `node --enable-source-maps` process (as Lambda's NODE_OPTIONS) that imports
 * the bundle — INIT: composition, secrets, index — and invokes the handler once with a realistic
 * event; it reports process.cpuUsage() and wall time of both. The services the functions call
 * run in THIS process, never in the measured one: dynalite (DynamoDB), AWS JSON-protocol
 * stand-ins (SSM for the secrets, End User Messaging), s3rver (S3: the published index, the
 * indexer's articles) and local-aws-sqs (the turn queue), all on 127.0.0.1.
 *
 * Runs are interleaved (round-robin over functions and modes) so machine noise spreads evenly;
 * medians over COLD_START_RUNS runs (default 7); ratios are against the baseline measured in the
 * same run. Target (issue 10): chat INIT + first answer ≤ 2× the baseline's CPU.
 *
 * Run: `npx tsx bench/cold-start.ts` → bench/results/cold-start.json
 * Options (environment): COLD_START_RUNS=7; COLD_START_ONLY=chat,staff (functions; the baseline
 * always runs) and COLD_START_VARIANTS=bundled-sdk (variant names) to measure a subset;
 * COLD_START_CPU_PROF=<dir> writes a V8 CPU profile of every measured process there (a subset
 * run does not overwrite bench/results/cold-start.json: it prints its numbers).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { ensureTables } from '../functions/adapters/dynamodb/ensure-tables.ts';
import type { SdkBundling } from '../cdk/constructs/mujib-function.ts';
import { loadCollection } from '../functions/core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '../functions/core/retrieval/build-index.ts';
import { startLocalDynamo } from '../functions/local/dynalite.ts';
import { startAwsJsonStandIn } from '../test/helpers/aws-json-stand-in.ts';
import { localClient } from '../test/helpers/dynalite.ts';
import { httpApiEvent, s3Event, snsEvent } from '../test/helpers/lambda-events.ts';
import { startLocalSqs } from '../test/helpers/local-sqs.ts';
import { startS3TestStore } from '../test/integration/publish/s3-test-store.ts';
import { bundleLambda, REPO_ROOT } from './lambda-bundle.ts';

const RUNS = Number(process.env.COLD_START_RUNS ?? 7);
/** Bundling variants measured: where the SDK comes from, minification, source maps at run time. */
interface Variant {
  name: string;
  sdk: SdkBundling;
  minify: boolean;
  /** Emit a source map and run with NODE_OPTIONS=--enable-source-maps. */
  sourceMaps: boolean;
}
const ALL_VARIANTS: Variant[] = [
  { name: 'runtime-sdk', sdk: 'runtime', minify: true, sourceMaps: true },
  { name: 'bundled-sdk', sdk: 'bundled', minify: true, sourceMaps: true },
  { name: 'bundled-sdk-no-source-maps', sdk: 'bundled', minify: true, sourceMaps: false },
  {
    name: 'bundled-sdk-unminified-no-source-maps',
    sdk: 'bundled',
    minify: false,
    sourceMaps: false,
  },
];
const only = (list: string | undefined) => (list ? new Set(list.split(',')) : undefined);
const ONLY_VARIANTS = only(process.env.COLD_START_VARIANTS);
const ONLY_FUNCTIONS = only(process.env.COLD_START_ONLY);
const VARIANTS = ALL_VARIANTS.filter((v) => !ONLY_VARIANTS || ONLY_VARIANTS.has(v.name));
const CPU_PROF = process.env.COLD_START_CPU_PROF;
const SUBSET = Boolean(ONLY_VARIANTS || ONLY_FUNCTIONS);
const TABLES = { turns: 'cs-turns', tickets: 'cs-tickets', gaps: 'cs-gaps', stats: 'cs-stats' };
const KNOWLEDGE_BUCKET = 'cs-knowledge';
const INDEX_BUCKET = 'cs-index';
const INDEX_KEY = 'index/knowledge-index.json';
const SECRETS: Record<string, string> = {
  '/mujib/bench/pii': 'bench-pii-secret',
  '/mujib/bench/twilio': 'bench-twilio-token',
  '/aws/reference/secretsmanager/mujib/bench/origin': 'bench-origin-secret',
};
const TWILIO_URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/sms/twilio';

interface FunctionCase {
  name: string;
  entry: string;
  env?: Record<string, string>;
  event: unknown;
  /** Checks the result really did the work (an answer, a published index…). */
  check: (result: HandlerResult | null) => boolean;
}

/** The fields of handler results the checks read (JSON from the measured process). */
interface HandlerResult {
  ok?: boolean;
  statusCode?: number;
  body?: string;
  version?: string;
  response?: { outputSpeech?: unknown };
  queued?: number;
  status?: string;
  isAuthorized?: boolean;
}

interface Sample {
  initCpuMs: number;
  initWallMs: number;
  invokeCpuMs: number;
  invokeWallMs: number;
  totalCpuMs: number;
  totalWallMs: number;
  rssMiB: number;
  ok: boolean;
}

/** The measured process: import (INIT) then one invocation; writes its numbers to a file. */
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, eventFile, outFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  awsRequestId: 'cold-start-1', functionName: 'bench', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
  memoryLimitInMB: '512', logGroupName: '/aws/lambda/bench', logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000,
};
const ms = (c) => (c.user + c.system) / 1000;
const c0 = process.cpuUsage(); const w0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const c1 = process.cpuUsage(); const w1 = performance.now();
const result = await mod.handler(event, context);
const c2 = process.cpuUsage(); const w2 = performance.now();
writeFileSync(outFile, JSON.stringify({
  initCpuMs: ms(c1) - ms(c0), initWallMs: w1 - w0,
  invokeCpuMs: ms(c2) - ms(c1), invokeWallMs: w2 - w1,
  totalCpuMs: ms(c2) - ms(c0), totalWallMs: w2 - w0,
  rssMiB: process.memoryUsage().rss / 1048576, result: result ?? null,
}));
process.exit(0);
`;

const GIFT = [
  '---',
  'id: gift-cards',
  'title: Redeem a gift card',
  'summary: Enter the gift card code at checkout.',
  'questions:',
  '  - how do I redeem a gift card',
  '  - use my gift voucher',
  '  - gift card code not working',
  '---',
  '## Redeem a gift card',
  'Enter the gift card code at checkout under Gift cards and vouchers. Balance never expires.',
  '',
].join('\n');

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'mujib-cold-start-'));
  const say = (line: string) => process.stderr.write(line + '\n');
  try {
    // --- Services, in this process ----------------------------------------------------------
    const dynamo = await startLocalDynamo({ port: 0 });
    const dynamoClient = localClient(dynamo.endpoint);
    await ensureTables(dynamoClient, TABLES);
    const ssm = await startAwsJsonStandIn({
      'AmazonSSM.GetParameter': (body) => ({
        Parameter: { Name: body.Name, Type: 'SecureString', Value: SECRETS[body.Name], Version: 1 },
      }),
    });
    let sent = 0;
    const eum = await startAwsJsonStandIn({
      'PinpointSMSVoiceV2.SendTextMessage': () => ({ MessageId: `m-${++sent}` }),
    });
    const s3 = await startS3TestStore([KNOWLEDGE_BUCKET, INDEX_BUCKET]);
    const sqs = await startLocalSqs();
    const queueUrl = await sqs.createQueue();

    // --- The index artifact (bundled copy and the published one in S3) ----------------------
    const { articles } = await loadCollection(join(REPO_ROOT, 'knowledge'));
    const artifactText = JSON.stringify(buildIndexArtifact(articles));
    const indexPath = join(work, 'knowledge-index.json');
    await writeFile(indexPath, artifactText);
    await s3.s3.send(
      new PutObjectCommand({ Bucket: INDEX_BUCKET, Key: INDEX_KEY, Body: artifactText }),
    );
    await s3.put(KNOWLEDGE_BUCKET, 'knowledge/en/gift-cards.md', GIFT);
    await writeFile(join(work, 'runner.mjs'), RUNNER);

    const cases = functionCases(queueUrl).filter(
      (c) => c.name === 'baseline' || !ONLY_FUNCTIONS || ONLY_FUNCTIONS.has(c.name),
    );
    const baseEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER', // s3rver's; the other stand-ins accept any
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: eum.endpoint,
      MUJIB_MODE: 'aws',
      MUJIB_LOG_LEVEL: 'info',
      MUJIB_DYNAMO_ENDPOINT: dynamo.endpoint,
      MUJIB_TURNS_TABLE: TABLES.turns,
      MUJIB_TICKETS_TABLE: TABLES.tickets,
      MUJIB_GAPS_TABLE: TABLES.gaps,
      MUJIB_STATS_TABLE: TABLES.stats,
      MUJIB_INDEX_PATH: indexPath,
      MUJIB_PII_SECRET_PARAM: '/mujib/bench/pii',
    };

    // --- Bundles ---------------------------------------------------------------------------
    const bundles = new Map<string, { file: string; bytes: number }>();
    for (const variant of VARIANTS) {
      for (const c of cases) {
        const out = await bundleLambda(c.entry, variant.sdk, join(work, variant.name, c.name), {
          minify: variant.minify,
          sourceMap: variant.sourceMaps,
        });
        bundles.set(`${variant.name}/${c.name}`, { file: out.file!, bytes: out.code.length });
      }
    }
    say(`bundled ${bundles.size} functions; ${RUNS} runs each, interleaved`);

    // --- Runs ------------------------------------------------------------------------------
    const samples = new Map<string, Sample[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const c of cases) {
        for (const variant of VARIANTS) {
          const key = `${variant.name}/${c.name}`;
          const eventFile = join(work, `${c.name}-${run}.json`);
          await writeFile(eventFile, JSON.stringify(freshEvent(c.event, run)));
          const sample = await measure(
            join(work, 'runner.mjs'),
            bundles.get(key)!.file,
            eventFile,
            {
              ...baseEnv,
              ...c.env,
              ...(variant.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
            },
            c.check,
          );
          (samples.get(key) ?? samples.set(key, []).get(key)!).push(sample);
        }
      }
      say(`run ${run + 1}/${RUNS} done`);
    }

    // --- Report ----------------------------------------------------------------------------
    const report: Record<string, unknown> = {
      measuredAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: availableParallelism(),
        loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      },
      method:
        'fresh `node --enable-source-maps` per run; INIT = import of the CDK-style esbuild bundle (composition, SSM secrets, index), then one invocation with a realistic event; services in the parent process on 127.0.0.1; medians; ratios against the baseline (imports and constructs only the DynamoDB client) of the same SDK mode in the same run',
      runs: RUNS,
      variants: Object.fromEntries(VARIANTS.map((v) => [v.name, v])),
      results: {} as Record<string, unknown>,
    };
    for (const { name: mode } of VARIANTS) {
      const base = median(samples.get(`${mode}/baseline`)!.map((s) => s.totalCpuMs));
      const baseWall = median(samples.get(`${mode}/baseline`)!.map((s) => s.totalWallMs));
      const rows: Record<string, unknown> = {};
      for (const c of cases) {
        const list = samples.get(`${mode}/${c.name}`)!;
        const m = (f: (s: Sample) => number) => round(median(list.map(f)));
        rows[c.name] = {
          bundleBytes: bundles.get(`${mode}/${c.name}`)!.bytes,
          initCpuMs: m((s) => s.initCpuMs),
          invokeCpuMs: m((s) => s.invokeCpuMs),
          totalCpuMs: m((s) => s.totalCpuMs),
          initWallMs: m((s) => s.initWallMs),
          invokeWallMs: m((s) => s.invokeWallMs),
          totalWallMs: m((s) => s.totalWallMs),
          rssMiB: m((s) => s.rssMiB),
          cpuVsBaseline: round(median(list.map((s) => s.totalCpuMs)) / base),
          wallVsBaseline: round(median(list.map((s) => s.totalWallMs)) / baseWall),
          allRunsOk: list.every((s) => s.ok),
        };
      }
      (report.results as Record<string, unknown>)[mode] = rows;
    }
    if (SUBSET) {
      say(JSON.stringify(report.results, null, 2));
    } else {
      const row = (variant: string, name: string) =>
        (
          report.results as Record<
            string,
            Record<string, { totalCpuMs: number; cpuVsBaseline: number }>
          >
        )[variant]![name]!;
      report.target = {
        rule: 'chat INIT + first answer CPU ≤ 2× the baseline CPU (same bundling, same run)',
        ...Object.fromEntries(
          VARIANTS.map(({ name }) => [
            name,
            { ratio: row(name, 'chat').cpuVsBaseline, met: row(name, 'chat').cpuVsBaseline <= 2 },
          ]),
        ),
      };
      // Absolute CPU of each variant against the runtime-SDK bundles (same function, same run).
      report.cpuVsRuntimeSdk = Object.fromEntries(
        VARIANTS.filter((v) => v.name !== 'runtime-sdk').map(({ name }) => [
          name,
          Object.fromEntries(
            cases.map((c) => [
              c.name,
              round(row(name, c.name).totalCpuMs / row('runtime-sdk', c.name).totalCpuMs),
            ]),
          ),
        ]),
      );
      const file = join(REPO_ROOT, 'bench', 'results', 'cold-start.json');
      await writeFile(file, JSON.stringify(report, null, 2) + '\n');
      say(
        JSON.stringify({ target: report.target, cpuVsRuntimeSdk: report.cpuVsRuntimeSdk }, null, 2),
      );
      say(`wrote ${file}`);
    }

    await sqs.close();
    await s3.stop();
    await eum.close();
    await ssm.close();
    dynamoClient.destroy();
    await dynamo.close();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function functionCases(queueUrl: string): FunctionCase[] {
  const answering = { MUJIB_TURN_QUEUE_URL: queueUrl };
  const twilioParams = {
    From: '+966501234567',
    To: '+15005550006',
    Body: 'How do I reset my password?',
    MessageSid: 'SM' + 'a'.repeat(32),
    AccountSid: 'AC' + '0'.repeat(32),
  };
  const alexa = JSON.parse(
    readFileSync(join(REPO_ROOT, 'test/fixtures/alexa/ask-question.json'), 'utf8'),
  );
  return [
    {
      name: 'baseline',
      entry: 'bench/cold-start-baseline.ts',
      event: {},
      check: (r) => r?.ok === true,
    },
    {
      name: 'chat',
      entry: 'functions/handlers/chat-api.ts',
      env: answering,
      event: chatEvent(),
      check: (r) => r?.statusCode === 200 && JSON.parse(r.body ?? '{}').reply?.kind === 'answer',
    },
    {
      name: 'chat-index-from-s3',
      entry: 'functions/handlers/chat-api.ts',
      env: { ...answering, MUJIB_INDEX_BUCKET: INDEX_BUCKET, MUJIB_INDEX_KEY: INDEX_KEY },
      event: chatEvent(),
      check: (r) => r?.statusCode === 200 && JSON.parse(r.body ?? '{}').reply?.kind === 'answer',
    },
    {
      name: 'staff',
      entry: 'functions/handlers/staff-api.ts',
      env: { MUJIB_SMS_ORIGINATION: '+15005550006', MUJIB_STAFF_GROUP: 'staff' },
      event: httpApiEvent({
        method: 'GET',
        path: '/api/staff/tickets',
        query: 'status=open',
        claims: { sub: 'u-1', email: 'huda@nakheel.example', 'cognito:groups': '[staff]' },
      }),
      check: (r) => r?.statusCode === 200,
    },
    {
      name: 'sms-twilio',
      entry: 'functions/handlers/sms-twilio.ts',
      env: {
        ...answering,
        MUJIB_TWILIO_AUTH_TOKEN_PARAM: '/mujib/bench/twilio',
        MUJIB_TWILIO_WEBHOOK_URL: TWILIO_URL,
      },
      event: httpApiEvent({
        method: 'POST',
        path: '/sms/twilio',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(
            SECRETS['/mujib/bench/twilio']!,
            TWILIO_URL,
            twilioParams,
          ),
        },
        body: new URLSearchParams(twilioParams).toString(),
        base64: true,
      }),
      check: (r) => r?.statusCode === 200 && /<Message>/.test(r.body ?? ''),
    },
    {
      name: 'sms-eum',
      entry: 'functions/handlers/sms-eum.ts',
      env: { ...answering, MUJIB_SMS_ORIGINATION: '+15005550006' },
      event: snsEvent([
        {
          originationNumber: '+966501112233',
          destinationNumber: '+15005550006',
          messageBody: 'How do I track my order?',
          inboundMessageId: 'in-1',
        },
      ]),
      check: () => true,
    },
    {
      name: 'alexa',
      entry: 'functions/handlers/alexa.ts',
      env: { ...answering, MUJIB_ALEXA_SKILL_ID: alexa.context.System.application.applicationId },
      event: alexa,
      check: (r) => r?.version === '1.0' && Boolean(r.response?.outputSpeech),
    },
    {
      name: 'flush-turns',
      entry: 'functions/handlers/flush-turns.ts',
      env: { MUJIB_TURN_QUEUE_URL: queueUrl },
      event: { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
      check: (r) => r?.queued === 0,
    },
    {
      name: 'indexer',
      entry: 'functions/handlers/indexer.ts',
      env: {
        MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE_BUCKET,
        MUJIB_INDEX_BUCKET: INDEX_BUCKET,
        MUJIB_INDEX_KEY: 'index/indexer-bench.json',
      },
      event: s3Event(KNOWLEDGE_BUCKET, [{ key: 'knowledge/en/gift-cards.md' }]),
      check: (r) => r?.status === 'published' || r?.status === 'unchanged',
    },
    {
      name: 'origin-verify',
      entry: 'functions/handlers/origin-verify.ts',
      env: { MUJIB_ORIGIN_VERIFY_PARAM: '/aws/reference/secretsmanager/mujib/bench/origin' },
      event: {
        headers: {
          'x-mujib-origin-verify': SECRETS['/aws/reference/secretsmanager/mujib/bench/origin'],
        },
      },
      check: (r) => r?.isAuthorized === true,
    },
  ];
}

function chatEvent() {
  return httpApiEvent({
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: 'cold-start', text: 'How do I track my order?' }),
  });
}

/** The case's event with ids made unique per run (a new question, not a duplicate). */
function freshEvent(event: unknown, run: number): unknown {
  const text = JSON.stringify(event);
  return JSON.parse(
    text
      .replaceAll('cold-start', `cold-start-${run}-${Math.random().toString(36).slice(2, 8)}`)
      .replaceAll('"in-1"', `"in-${run}-${Math.random().toString(36).slice(2, 8)}"`),
  );
}

async function measure(
  runner: string,
  bundle: string,
  eventFile: string,
  env: Record<string, string>,
  check: (result: HandlerResult | null) => boolean,
): Promise<Sample> {
  const outFile = `${eventFile}.out`;
  const stderr: Buffer[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const profile = CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : [];
    const child = spawn(process.execPath, [...profile, runner, bundle, eventFile, outFile], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `${bundle} exited with ${code}: ${Buffer.concat(stderr).toString().slice(0, 2000)}`,
    );
  }
  const out = JSON.parse(await readFile(outFile, 'utf8')) as Sample & {
    result: HandlerResult | null;
  };
  const ok = check(out.result);
  if (!ok)
    process.stderr.write(
      `check failed for ${bundle}: ${JSON.stringify(out.result).slice(0, 300)}\n`,
    );
  return { ...out, ok };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

await main();
