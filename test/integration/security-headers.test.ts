/**
 * The local server's browser security headers on every kind of response: pages (demo, staff desk,
 * article), static files, API routes (chat, staff, Twilio, Alexa, health) and their error answers
 * (401, 403, 404, 405, 413, 415). Pages get the page CSP, everything else the deny-all one; HSTS
 * is for AWS (CloudFront) only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_CONTENT_SECURITY_POLICY,
  PAGE_CONTENT_SECURITY_POLICY,
} from '#app/security-headers.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

interface Probe {
  name: string;
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Expected kind of policy. */
  kind: 'page' | 'article' | 'other';
}

const PROBES: Probe[] = [
  { name: 'widget demo page', path: '/', kind: 'page' },
  { name: 'Arabic demo page', path: '/ar.html', kind: 'page' },
  { name: 'staff desk', path: '/staff', kind: 'page' },
  { name: 'staff desk (file name)', path: '/staff.html', kind: 'page' },
  { name: 'article page', path: '/help/en/track-order', kind: 'article' },
  { name: 'unknown article', path: '/help/en/no-such-article', kind: 'other' },
  { name: 'widget script', path: '/widget.js', kind: 'other' },
  { name: 'desk stylesheet', path: '/staff.css', kind: 'other' },
  { name: 'missing file', path: '/nothing-here.png', kind: 'other' },
  { name: 'path escape attempt', path: '/..%2f..%2fpackage.json', kind: 'other' },
  { name: 'POST to a page', method: 'POST', path: '/', kind: 'other' },
  { name: 'health', path: '/healthz', kind: 'other' },
  {
    name: 'chat question',
    method: 'POST',
    path: '/api/chat',
    body: JSON.stringify({ text: 'How do I track my order?', messageId: 'h-1' }),
    headers: { 'content-type': 'application/json' },
    kind: 'other',
  },
  {
    name: 'malformed chat body',
    method: 'POST',
    path: '/api/chat',
    body: '{"text":',
    headers: { 'content-type': 'application/json' },
    kind: 'other',
  },
  {
    name: 'oversized chat body',
    method: 'POST',
    path: '/api/chat',
    body: JSON.stringify({ text: 'x'.repeat(200_000) }),
    headers: { 'content-type': 'application/json' },
    kind: 'other',
  },
  {
    name: 'CORS preflight',
    method: 'OPTIONS',
    path: '/api/chat',
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    kind: 'other',
  },
  { name: 'chat updates', path: '/api/chat/s-1/updates', kind: 'other' },
  { name: 'staff API without a token', path: '/api/staff/tickets', kind: 'other' },
  {
    name: 'Twilio webhook with a forged signature',
    method: 'POST',
    path: '/sms/twilio',
    body: 'From=%2B15550100&Body=hi&MessageSid=SM1',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': 'forged',
    },
    kind: 'other',
  },
  {
    name: 'Alexa endpoint with no signature',
    method: 'POST',
    path: '/alexa',
    body: '{}',
    headers: { 'content-type': 'application/json' },
    kind: 'other',
  },
  { name: 'unknown API route', path: '/api/nope', kind: 'other' },
];

describe('security headers on every response of the local server', () => {
  it.each(PROBES)('$name ($path)', async (probe) => {
    const response = await fetch(`${server.url}${probe.path}`, {
      method: probe.method ?? 'GET',
      headers: probe.headers,
      body: probe.body,
    });
    await response.arrayBuffer();
    const h = response.headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toBeNull();
    const policy = h.get('content-security-policy');
    if (probe.kind === 'page') {
      expect(policy).toBe(PAGE_CONTENT_SECURITY_POLICY);
      expect(policy).toMatch(/style-src 'self'$/);
    } else if (probe.kind === 'article') {
      expect(policy).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'$/);
    } else {
      expect(policy).toBe(API_CONTENT_SECURITY_POLICY);
    }
    if (probe.kind !== 'other') {
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toContain('unsafe-inline');
    }
  });
});
