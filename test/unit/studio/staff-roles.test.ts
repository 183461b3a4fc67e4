/**
 * Agents and writers: who a request is (local bearer tokens, or the Cognito JWT's groups in
 * AWS), what the configuration allows, and how API Gateway passes writers through.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_DEV_WRITER_TOKEN, loadConfig } from '#app/config.ts';
import { fromApiGateway } from '#adapters/http/api-gateway.ts';
import { HttpError, type HttpRequest } from '#adapters/http/http-types.ts';
import { authenticate, identify, requireWriter } from '#adapters/http/staff-routes.ts';
import { httpApiEvent } from '../../helpers/lambda-events.ts';

const AUTH = { staffToken: 'agent-secret', writerToken: 'writer-secret', writerGroup: 'writers' };

function request(headers: Record<string, string>, auth?: HttpRequest['auth']): HttpRequest {
  return {
    method: 'GET',
    path: '/api/staff/me',
    query: new URLSearchParams(),
    headers,
    body: '',
    requestId: 'r-1',
    ...(auth ? { auth } : {}),
  };
}

function status(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
  return 200;
}

describe('identify', () => {
  it('the writer token makes a writer (who is also an agent), the staff token an agent', () => {
    const writer = request({ authorization: 'Bearer writer-secret', 'x-staff-name': 'Mariam' });
    const agent = request({ authorization: 'Bearer agent-secret', 'x-staff-name': 'Huda' });

    expect(identify(writer, AUTH)).toEqual({ name: 'Mariam', roles: ['agent', 'writer'] });
    expect(identify(agent, AUTH)).toEqual({ name: 'Huda', roles: ['agent'] });
    expect(authenticate(writer, AUTH)).toBe('Mariam');
    expect(requireWriter(writer, AUTH)).toBe('Mariam');
  });

  it('an agent is refused writer work with 403 and a message naming the role; no token is 401', () => {
    const agent = request({ authorization: 'Bearer agent-secret', 'x-staff-name': 'Huda' });

    expect(status(() => requireWriter(agent, AUTH))).toBe(403);
    expect(() => requireWriter(agent, AUTH)).toThrow(/writer role: Huda is signed in as an agent/);
    expect(status(() => requireWriter(request({}), AUTH))).toBe(401);
    expect(status(() => identify(request({ authorization: 'Bearer guess' }), AUTH))).toBe(401);
  });

  it('in AWS the writers group of the verified JWT makes a writer', () => {
    const writer = request({}, { subject: 'u-1', name: 'mariam@x', groups: ['staff', 'writers'] });
    const agent = request({}, { subject: 'u-2', name: 'huda@x', groups: ['staff'] });

    expect(identify(writer, {})).toEqual({ name: 'mariam@x', roles: ['agent', 'writer'] });
    expect(identify(agent, {})).toEqual({ name: 'huda@x', roles: ['agent'] });
    expect(identify(writer, { writerGroup: 'editors' }).roles).toEqual(['agent']);
  });

  it('the agents token alone (as before roles) still identifies agents', () => {
    expect(identify(request({ authorization: 'Bearer agent-secret' }), 'agent-secret')).toEqual({
      name: 'staff',
      roles: ['agent'],
    });
  });
});

describe('API Gateway', () => {
  const event = (groups: string) =>
    httpApiEvent({
      method: 'GET',
      path: '/api/staff/studio/articles',
      claims: { sub: 'u-1', email: 'mariam@nakheel.example', 'cognito:groups': groups },
    });

  it('passes the caller’s groups on; a writer outside the staff group still passes as staff', () => {
    const options = { requireStaff: true, staffGroup: 'staff', writerGroup: 'writers' };

    expect(fromApiGateway(event('[writers]'), options).auth?.groups).toEqual(['writers']);
    expect(status(() => fromApiGateway(event('[viewers]'), options))).toBe(403);
  });
});

describe('configuration', () => {
  it('local mode has a development writer token; AWS mode refuses it', () => {
    expect(loadConfig({ MUJIB_MODE: 'local' })).toMatchObject({
      writerToken: LOCAL_DEV_WRITER_TOKEN,
      writerGroup: 'writers',
      staleAfterDays: 180,
    });
    expect(loadConfig({ MUJIB_MODE: 'aws', MUJIB_WRITER_GROUP: 'editors' })).toMatchObject({
      writerGroup: 'editors',
    });
    expect(loadConfig({ MUJIB_MODE: 'aws' }).writerToken).toBeUndefined();
    expect(() =>
      loadConfig({ MUJIB_MODE: 'aws', MUJIB_WRITER_TOKEN: LOCAL_DEV_WRITER_TOKEN }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ MUJIB_MODE: 'local', MUJIB_STAFF_TOKEN: 'same', MUJIB_WRITER_TOKEN: 'same' }),
    ).toThrow(/must differ/);
  });
});
