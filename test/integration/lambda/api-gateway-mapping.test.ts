/**
 * API Gateway HTTP API (v2) events ⇄ the shared HttpRequest/HttpResponse (adapters/http/
 * api-gateway.ts), on events shaped as API Gateway sends them: base64 bodies, cookies apart from
 * the headers, repeated query parameters, oversized bodies, and the JWT authorizer's claims —
 * the only thing that makes a caller staff.
 */
import { describe, expect, it } from 'vitest';
import {
  fromApiGateway,
  groupsOf,
  MAX_BODY_BYTES,
  staffIdentityOf,
  toApiGateway,
} from '#adapters/http/api-gateway.ts';
import { HttpError } from '#adapters/http/http-types.ts';
import { httpApiEvent } from '../../helpers/lambda-env.ts';

const STAFF = { sub: 'u-1', email: 'huda@nakheel.example', 'cognito:groups': '[staff admins]' };

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('reading an API Gateway v2 event', () => {
  it('keeps method, path, request id, lower-cased headers and the raw query string', () => {
    const event = httpApiEvent({
      method: 'GET',
      path: '/api/staff/tickets',
      query: 'status=open&lang=ar&lang=en&q=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7+x',
      headers: { 'X-Staff-Name': 'Huda', Accept: 'application/json' },
      requestId: 'req-1',
    });

    const request = fromApiGateway(event);

    expect(request).toMatchObject({
      method: 'GET',
      path: '/api/staff/tickets',
      requestId: 'req-1',
    });
    expect(request.headers['x-staff-name']).toBe('Huda');
    expect(request.headers.accept).toBe('application/json');
    expect(request.query.getAll('lang')).toEqual(['ar', 'en']);
    expect(request.query.get('q')).toBe('مرحبا x');
    expect(request.body).toBe('');
  });

  it('decodes a base64 body (UTF-8, Arabic included)', () => {
    const text = 'Body=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7&From=%2B966501234567';
    const event = httpApiEvent({ method: 'POST', path: '/sms/twilio', body: text, base64: true });

    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).not.toBe(text);
    expect(fromApiGateway(event).body).toBe(text);
  });

  it('puts the cookies API Gateway delivers apart back into one cookie header', () => {
    const event = httpApiEvent({ method: 'GET', path: '/healthz', cookies: ['a=1', 'theme=dark'] });

    expect(fromApiGateway(event).headers.cookie).toBe('a=1; theme=dark');
  });

  it.each([
    ['plain', false, MAX_BODY_BYTES + 1],
    ['base64', true, MAX_BODY_BYTES + 1],
    ['multi-byte plain', false, Math.floor(MAX_BODY_BYTES / 2) + 1, 'م'],
  ])('refuses an oversized %s body with 413', (_, base64, length, char = 'x') => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/api/chat',
      body: char.repeat(length),
      base64,
    });

    const error = refusal(() => fromApiGateway(event));

    expect(error.status).toBe(413);
    expect(error.message).toBe(`body is larger than ${MAX_BODY_BYTES} bytes`);
  });

  it('takes a body of exactly the limit', () => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/api/chat',
      body: 'x'.repeat(MAX_BODY_BYTES),
      base64: true,
    });

    expect(fromApiGateway(event).body).toHaveLength(MAX_BODY_BYTES);
  });
});

describe('staff identity from the JWT authorizer claims', () => {
  it('maps an ID token (email) and an access token (username) to the staff member', () => {
    expect(staffIdentityOf(STAFF)).toEqual({
      subject: 'u-1',
      name: 'huda@nakheel.example',
      groups: ['staff', 'admins'],
    });
    expect(staffIdentityOf({ sub: 'u-2', username: 'sara', 'cognito:groups': ['staff'] })).toEqual({
      subject: 'u-2',
      name: 'sara',
      groups: ['staff'],
    });
    expect(staffIdentityOf({ sub: 'u-3', 'cognito:username': 'omar' })?.name).toBe('omar');
    expect(staffIdentityOf({ sub: 'u-4' })?.name).toBe('u-4');
  });

  it('names nobody without a subject claim', () => {
    expect(staffIdentityOf(undefined)).toBeUndefined();
    expect(staffIdentityOf({ email: 'x@example.com' })).toBeUndefined();
    expect(staffIdentityOf({ sub: '' })).toBeUndefined();
    expect(staffIdentityOf({ sub: 42 })).toBeUndefined();
  });

  it('reads cognito:groups in every shape API Gateway passes it', () => {
    expect(groupsOf('[staff admins]')).toEqual(['staff', 'admins']);
    expect(groupsOf('[staff]')).toEqual(['staff']);
    expect(groupsOf('["staff","admins"]')).toEqual(['staff', 'admins']);
    expect(groupsOf('staff,admins')).toEqual(['staff', 'admins']);
    expect(groupsOf(['staff'])).toEqual(['staff']);
    expect(groupsOf('[]')).toEqual([]);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(true)).toEqual([]);
  });

  it('gives the route the identity and nothing from the headers', () => {
    const request = fromApiGateway(
      httpApiEvent({
        method: 'GET',
        path: '/api/staff/tickets',
        claims: STAFF,
        headers: { 'x-staff-name': 'Mallory' },
      }),
    );

    expect(request.auth).toEqual({
      subject: 'u-1',
      name: 'huda@nakheel.example',
      groups: ['staff', 'admins'],
    });
  });

  it('with requireStaff: no claims is 401, outside the group is 403, in the group passes', () => {
    const options = { requireStaff: true, staffGroup: 'staff' };
    const event = (claims?: Record<string, string | string[]>) =>
      httpApiEvent({ method: 'GET', path: '/api/staff/tickets', ...(claims ? { claims } : {}) });

    expect(refusal(() => fromApiGateway(event(), options)).status).toBe(401);
    expect(refusal(() => fromApiGateway(event({ email: 'x@example.com' }), options)).status).toBe(
      401,
    );
    expect(
      refusal(() => fromApiGateway(event({ ...STAFF, 'cognito:groups': '[viewers]' }), options))
        .status,
    ).toBe(403);
    expect(refusal(() => fromApiGateway(event({ sub: 'u-9' }), options)).status).toBe(403);
    expect(fromApiGateway(event(STAFF), options).auth?.subject).toBe('u-1');
    // Without a configured group every user of the staff pool is staff.
    expect(fromApiGateway(event({ sub: 'u-9' }), { requireStaff: true }).auth?.subject).toBe('u-9');
  });
});

describe('writing the result', () => {
  it('passes status, headers and body; a set-cookie header becomes the v2 cookies list', () => {
    expect(
      toApiGateway({
        status: 201,
        headers: { 'content-type': 'text/xml', 'set-cookie': 'sid=1; HttpOnly' },
        body: '<Response/>',
      }),
    ).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/xml' },
      body: '<Response/>',
      cookies: ['sid=1; HttpOnly'],
    });
    expect(toApiGateway({ status: 200, headers: {}, body: '' })).toEqual({
      statusCode: 200,
      headers: {},
      body: '',
    });
  });
});
