/**
 * The staff desk Lambda (functions/handlers/staff-api.ts) behind API Gateway's Cognito JWT
 * authorizer: the verified claims in the v2 event are the only identity it accepts. A staff
 * member in the staff group works the queue (the claim is recorded under their email); no
 * claims → 401, signed in but not in the group → 403, and a bearer token is no way in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  httpApiEvent,
  lambdaContext,
  setLambdaEnv,
  type HttpApiEventOptions,
} from '../../helpers/lambda-env.ts';
import { createTestApp } from '../../helpers/test-app.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Claims of a Cognito ID token as the HTTP API JWT authorizer passes them (groups as one string). */
const HUDA = {
  sub: '5f1c2a7e-0000-4000-8000-000000000001',
  email: 'huda@nakheel.example',
  'cognito:username': 'huda',
  'cognito:groups': '[staff]',
  token_use: 'id',
  iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE',
};

let dir: string;
let dynamo: TestDynamo;
let handler: Handler;
let ticketRef: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-staff-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: { MUJIB_STAFF_GROUP: 'staff' },
  });
  // A customer asked for a person: one open ticket in the tables the function reads.
  const app = await createTestApp({ dynamo: dynamo.client, tables });
  const asked = await app.conversation.handle({
    sessionId: 'web-staff-lambda-1',
    messageId: 'm-1',
    channel: 'web',
    lang: 'en',
    text: 'I want to talk to a human please',
  });
  ticketRef = asked.reply.kind === 'escalate' ? (asked.reply.ticketRef ?? '') : '';
  await app.close();
  ({ handler } = (await import('../../../functions/handlers/staff-api.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(options: HttpApiEventOptions) {
  const logs = captureLogs();
  try {
    const result = await handler(httpApiEvent(options), lambdaContext('staff-req'));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  } finally {
    logs.stop();
  }
}

describe('the staff Lambda handler', () => {
  it('lets a staff member in the staff group claim a ticket, recorded under their email', async () => {
    expect(ticketRef).toMatch(/^MJ-/);

    const claimed = await call({
      method: 'POST',
      path: `/api/staff/tickets/${ticketRef}/claim`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      claims: HUDA,
    });
    const read = await call({
      method: 'GET',
      path: `/api/staff/tickets/${ticketRef}`,
      claims: HUDA,
    });

    expect(claimed.status).toBe(200);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ref: ticketRef, status: 'claimed', claimedBy: HUDA.email });
  });

  it('lists the queue with query-string filters', async () => {
    const listed = await call({
      method: 'GET',
      path: '/api/staff/tickets',
      query: 'status=claimed&lang=en&limit=5',
      claims: { ...HUDA, 'cognito:groups': ['admins', 'staff'] },
    });
    const bad = await call({
      method: 'GET',
      path: '/api/staff/tickets',
      query: 'status=lost',
      claims: HUDA,
    });

    expect(listed.status).toBe(200);
    expect(listed.body.items.map((t: { ref: string }) => t.ref)).toContain(ticketRef);
    expect(bad.status).toBe(400);
  });

  it('refuses a request without JWT claims with 401, whatever Authorization header it has', async () => {
    const anonymous = await call({ method: 'GET', path: '/api/staff/tickets' });
    const bearer = await call({
      method: 'GET',
      path: '/api/staff/tickets',
      headers: { authorization: 'Bearer local-dev-staff-token' },
    });
    const noSubject = await call({
      method: 'GET',
      path: '/api/staff/tickets',
      claims: { email: HUDA.email, 'cognito:groups': '[staff]' },
    });

    for (const response of [anonymous, bearer, noSubject]) {
      expect(response.status).toBe(401);
      expect(response.body.error).toMatch(/staff identity/);
    }
  });

  it('refuses a signed-in user outside the staff group with 403', async () => {
    const outsider = await call({
      method: 'POST',
      path: `/api/staff/tickets/${ticketRef}/close`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      claims: { ...HUDA, email: 'guest@nakheel.example', 'cognito:groups': '[viewers]' },
    });
    const noGroups = await call({
      method: 'GET',
      path: '/api/staff/tickets',
      claims: { sub: HUDA.sub, email: HUDA.email },
    });
    const after = await call({
      method: 'GET',
      path: `/api/staff/tickets/${ticketRef}`,
      claims: HUDA,
    });

    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toMatch(/guest@nakheel\.example is not in the staff group/);
    expect(noGroups.status).toBe(403);
    expect(after.body.status).toBe('claimed'); // the outsider's close did nothing
  });
});
