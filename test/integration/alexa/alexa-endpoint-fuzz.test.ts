/**
 * The /alexa endpoint of the real local server, with signature checks on (a generated chain
 * stands in for Amazon's): correctly signed but malformed envelopes get a 400 that says what is
 * wrong — never a 500 — and change nothing; random and mutated envelopes (fast-check) never get
 * a 5xx, and a rejected one leaves no turn and no ticket behind.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import type { TicketStatus } from '#core/ports.ts';
import { startLocalServer, type LocalServer } from '../../../functions/local/server.ts';
import { generateAlexaPki, type AlexaPki } from '../../helpers/alexa-pki.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const FIXTURES = [
  'launch',
  'ask-question',
  'ask-question-ar',
  'choose-option-ordinal',
  'human',
  'help',
  'stop',
  'fallback',
  'session-ended',
];

let pki: AlexaPki;
let app: TestApp;
let log: MemorySessionLog;
let server: LocalServer;

beforeAll(async () => {
  pki = generateAlexaPki();
  log = new MemorySessionLog();
  app = await createTestApp({ sessionLog: log });
  server = await startLocalServer({
    app,
    port: 0,
    alexaVerifier: { trustedRoots: [pki.root], fetchCertChain: async () => pki.chain },
  });
});
afterAll(async () => {
  await server?.close();
});

/** A real envelope from test/fixtures/alexa, stamped now and with its own request id. */
function fixture(name: string, requestId = `amzn1.echo-api.request.${name}`): Record<string, any> {
  const envelope = JSON.parse(readFileSync(`test/fixtures/alexa/${name}.json`, 'utf8'));
  envelope.request.timestamp = new Date().toISOString();
  envelope.request.requestId = requestId;
  return envelope;
}

async function post(body: string) {
  const response = await fetch(`${server.url}/alexa`, {
    method: 'POST',
    headers: pki.sign(body),
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Turns and tickets stored so far. */
async function state() {
  const statuses: TicketStatus[] = ['open', 'claimed', 'answered', 'closed'];
  let tickets = 0;
  for (const status of statuses)
    tickets += (await app.ticketStore.list({ status }, { limit: 100 })).items.length;
  const turns = (
    await Promise.all(log.sessionIds().map((id) => log.listTurns(id, { limit: 500 })))
  ).flat().length;
  return { tickets, turns };
}

describe('POST /alexa with malformed, correctly signed envelopes', () => {
  it('answers a real request, signed, with 200', async () => {
    const response = await post(
      JSON.stringify(fixture('ask-question', 'amzn1.echo-api.request.ok-1')),
    );
    expect(response.status).toBe(200);
    expect(response.body.response.outputSpeech.ssml).toMatch(/^<speak>/);
  });

  it.each([
    [
      'without session.application',
      (e: any) => delete e.session.application,
      /session\.application/,
    ],
    ['without session.user', (e: any) => delete e.session.user, /session\.user/],
    ['without context', (e: any) => delete e.context, /context/],
    [
      'without context.System.user',
      (e: any) => delete e.context.System.user,
      /context\.System\.user/,
    ],
    [
      'with an intent that has no name',
      (e: any) => delete e.request.intent.name,
      /request\.intent\.name/,
    ],
    ['with slots that are a list', (e: any) => (e.request.intent.slots = []), /slots/],
    [
      'with a numeric slot value',
      (e: any) => (e.request.intent.slots.query.value = 7),
      /slot query value/,
    ],
    [
      'with a request id that is not a string',
      (e: any) => (e.request.requestId = 42),
      /request\.requestId/,
    ],
  ])('answers one %s with a 400 saying so, and stores nothing', async (_name, mutate, message) => {
    const envelope = fixture('ask-question', `amzn1.echo-api.request.bad-${_name}`);
    mutate(envelope);
    const before = await state();

    const response = await post(JSON.stringify(envelope));

    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(message);
    expect(await state()).toEqual(before);
  });
});

/** A JSON path inside an envelope: object keys and array indexes. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(
  envelope: Record<string, any>,
  path: (string | number)[],
  action: 'delete' | 'replace',
  value: unknown,
) {
  if (path.length === 0) return action === 'delete' ? {} : value;
  let parent: any = envelope;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1] as string | number;
  if (action === 'delete') delete parent[last];
  else parent[last] = value;
  return envelope;
}

describe('POST /alexa fuzzed (fast-check)', () => {
  it('never answers 5xx, and a rejected envelope changes nothing', async () => {
    let n = 0;
    const mutated = fc
      .tuple(
        fc.constantFrom(...FIXTURES),
        fc.nat(),
        fc.constantFrom('delete' as const, 'replace' as const),
        fc.oneof(fc.jsonValue(), fc.string(), fc.constant(null), fc.constant({}), fc.constant([])),
      )
      .map(([name, pick, action, value]) => {
        const envelope = fixture(name, `amzn1.echo-api.request.fuzz-${++n}`);
        const all = paths(envelope);
        return JSON.stringify(
          mutate(envelope, all[pick % all.length] as (string | number)[], action, value),
        );
      });
    const anyJson = fc.jsonValue().map((v) => JSON.stringify(v));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: anyJson, weight: 1 }),
        async (body) => {
          const before = await state();
          const response = await post(body);
          expect(response.status, `${response.status} for ${body}`).toBeLessThan(500);
          if (response.status !== 200) expect(await state()).toEqual(before);
        },
      ),
      { numRuns: 250 },
    );
  }, 120_000);
});
