/**
 * The local HTTP server: the same routes as API Gateway (from create-app), plus the static web
 * files (demo page with the chat widget, staff desk) and simple article pages for the links the
 * bot gives. Bodies are size-limited while they stream in; nothing here holds business logic.
 * Every response carries the browser security headers of #app/security-headers.ts (the same
 * policy CloudFront sends in AWS): a strict CSP on pages, a deny-all CSP on everything else.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { App } from '#app/create-app.ts';
import type { HttpRequest, HttpResponse } from '#adapters/http/http-types.ts';
import { addAlexaRoute } from '#adapters/http/channel-routes.ts';
import { Router } from '#adapters/http/router.ts';
import {
  createAlexaRequestVerifier,
  type AlexaRequestVerifierOptions,
} from '#adapters/alexa/verify-alexa-request.ts';
import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
  PAGE_CONTENT_SECURITY_POLICY,
} from '#app/security-headers.ts';
import {
  ARTICLE_PAGE_CONTENT_SECURITY_POLICY,
  renderArticlePage,
} from '#adapters/http/article-page.ts';

export interface LocalServerOptions {
  app: App;
  host?: string;
  port?: number;
  /** Folder of built web files (web/dist). */
  staticDir?: string;
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes?: number;
  /** Content-Security-Policy of the web pages (default: PAGE_CONTENT_SECURITY_POLICY). */
  pageContentSecurityPolicy?: string;
  /** Alexa certificate download and trust roots (tests inject their own chain). */
  alexaVerifier?: Partial<AlexaRequestVerifierOptions>;
}

export interface LocalServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
/** The article page's one inline style block, allowed by hash (no 'unsafe-inline'). */
const ARTICLE_PAGE_CSP = ARTICLE_PAGE_CONTENT_SECURITY_POLICY;
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/staff': 'staff.html',
  '/staff/': 'staff.html',
};

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { app } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const staticDir = path.resolve(options.staticDir ?? 'web/dist');
  const pagePolicy = options.pageContentSecurityPolicy ?? PAGE_CONTENT_SECURITY_POLICY;
  // In AWS, Alexa calls the skill Lambda directly; an HTTPS endpoint must check Amazon's signature
  // itself (ask-sdk-express-adapter's timestamp verifier; kept out of the Lambda bundles).
  const router = new Router(app.logger).mount(app.router);
  addAlexaRoute(router, {
    skill: app.alexaSkill,
    verify: createAlexaRequestVerifier({
      verifySignatures: app.config.alexa.verifySignatures,
      ...options.alexaVerifier,
    }),
  });

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      if (isClientAbort(req, error)) {
        // the client went away mid-request (e.g. a cancelled upload): nothing is wrong here
        app.logger.info('local_request_aborted', {
          method: req.method,
          path: new URL(req.url ?? '/', 'http://localhost').pathname,
        });
        return;
      }
      app.logger.error('local_server_error', { error: String(error) });
      if (!res.headersSent)
        send(res, { status: 500, headers: {}, body: '{"error":"internal error"}' });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = randomUUID();
    if (isApiPath(url.pathname)) {
      const cors = corsHeaders(req, app.config.corsOrigins);
      if (req.method === 'OPTIONS') return send(res, { status: 204, headers: cors, body: '' });
      const body = await readBody(req, maxBodyBytes);
      if (body === undefined) {
        req.resume();
        return send(res, jsonError(413, `body is larger than ${maxBodyBytes} bytes`, requestId));
      }
      const request: HttpRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: lowerCaseHeaders(req),
        body,
        requestId,
      };
      const response = await router.handle(request);
      return send(res, { ...response, headers: { ...cors, ...response.headers } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, jsonError(405, 'method not allowed', requestId));
    const article = /^\/help\/(en|ar)\/([\w-]+)$/.exec(url.pathname);
    if (article) {
      const index = await app.knowledge.current();
      const record = index.article(article[1] as 'en' | 'ar', article[2] ?? '');
      if (!record)
        return send(res, {
          status: 404,
          headers: { 'content-type': 'text/plain' },
          body: 'no such article',
        });
      return send(res, {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': ARTICLE_PAGE_CSP,
        },
        body: renderArticlePage(record),
      });
    }
    const file = await staticFile(staticDir, PAGES[url.pathname] ?? url.pathname.slice(1));
    const isPage = (file.headers['content-type'] ?? '').startsWith('text/html');
    return send(
      res,
      isPage
        ? { ...file, headers: { ...file.headers, 'content-security-policy': pagePolicy } }
        : file,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** CORS for the chat API when the widget is embedded on another origin that configuration allows. */
function corsHeaders(req: IncomingMessage, allowed: string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, x-staff-name',
    vary: 'Origin',
  };
}

function isApiPath(pathname: string): boolean {
  return (
    pathname.startsWith('/api/') ||
    pathname === '/healthz' ||
    pathname.startsWith('/sms/') ||
    pathname.startsWith('/whatsapp/') ||
    pathname === '/alexa'
  );
}

/** The body as text, or undefined once it grows past the limit. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Whether `error` is the client closing the connection before its request was fully read (Node
 * rejects the body stream with `Error: aborted`, code ECONNRESET). An error once the request is
 * complete (say, a reset connection to a store) is a server error, even if the client left too.
 */
function isClientAbort(req: IncomingMessage, error: unknown): boolean {
  if (req.complete || !(error instanceof Error)) return false;
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.message === 'aborted';
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** A response as the Node server writes it: static files are bytes. */
type Outgoing = Omit<HttpResponse, 'body'> & { body: string | Buffer };

async function staticFile(root: string, relative: string): Promise<Outgoing> {
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return { status: 404, headers: {}, body: 'not found' };
  try {
    const body = await readFile(file);
    const type = STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream';
    return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-cache' }, body };
  } catch {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  }
}

function jsonError(status: number, message: string, requestId: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: message, requestId }),
  };
}

function send(res: ServerResponse, response: Outgoing): void {
  res.writeHead(response.status, withSecurityHeaders(response.headers));
  res.end(response.body);
}

/**
 * The response's headers plus the security headers, which a route cannot drop or weaken: only a
 * page that brings its own (stricter or hash-extended) CSP keeps it. HTML gets the page policy,
 * everything else (JSON, TwiML, scripts, styles, images) the deny-all policy.
 */
export function withSecurityHeaders(headers: Record<string, string>): Record<string, string> {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const isHtml = (lower['content-type'] ?? '').startsWith('text/html');
  return {
    ...lower,
    ...COMMON_SECURITY_HEADERS,
    'content-security-policy':
      lower['content-security-policy'] ??
      (isHtml ? PAGE_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY),
  };
}
