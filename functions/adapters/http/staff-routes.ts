/**
 * Staff API (the staff desk's backend). Every route needs an authenticated staff member:
 * locally a bearer token from configuration, in AWS the Cognito JWT checked by API Gateway.
 * Two roles: `agent` (works tickets) and `writer` (also the content studio and suggestions; a
 * writer does everything an agent does) — locally the writer token, in AWS the writers' group.
 *   GET  /api/staff/me   → { name, roles }
 *   GET  /api/staff/tickets?status=&lang=&channel=&queue=&limit=&cursor=
 *   GET  /api/staff/queues   → { timeZone, items: [{ id, name, langs, open, claimed,
 *        oldestWaitingSince?, openNow, onShift, nextOpening?, promise? }] } (support.json queues)
 *   POST /api/staff/presence { queues: [ids] } (the desk's heartbeat: on shift for those queues)
 *   GET  /api/staff/tickets/:ref
 *   POST /api/staff/tickets/:ref/(claim|reply|close|reopen)   reply: { text }
 *   POST /api/staff/tickets/:ref/answered-by { articleId }   (which article answers it)
 *   GET  /api/staff/gaps?lang=     POST /api/staff/gaps { lang, question, note?, ticketRef? }
 *   POST /api/staff/erasures { phone | email | sessionId }   GET /api/staff/erasures?limit=
 *        ("erase my data": the customer's turns, tickets' personal fields and gap questions; audited)
 */
import { timingSafeEqual } from 'node:crypto';
import type { ContentGapStore, TicketFilter, TicketStatus } from '#core/ports.ts';
import type { TicketService } from '#core/tickets/ticket-service.ts';
import type { CustomerErasure } from '#core/privacy/customer-erasure.ts';
import type { QueueBacklog } from '#core/support/queue-backlog.ts';
import type { SupportDesk } from '#core/support/support-desk.ts';
import { CHANNELS, LANGS, type Channel, type Lang } from '#core/types.ts';
import {
  HttpError,
  json,
  jsonBody,
  optionalString,
  requiredString,
  type HttpRequest,
  type HttpResponse,
} from './http-types.ts';
import type { RouteHandler, Router } from './router.ts';

export interface StaffRouteDeps {
  tickets: TicketService;
  gaps: ContentGapStore;
  /** "Erase my data"; without it the erasure routes are not offered. */
  erasure?: CustomerErasure;
  /** Local bearer tokens; none means only API Gateway's JWT identity is accepted. */
  staffToken?: StaffCredentials;
  /** Support queues and presence; without it the queue routes and filter are not offered. */
  support?: { desk: SupportDesk; backlog: QueueBacklog };
}

export type StaffRole = 'agent' | 'writer';

/** How staff are recognised: local bearer tokens, and the writers' Cognito group (AWS). */
export interface StaffAuth {
  /** Bearer token of agents (local). */
  staffToken?: string;
  /** Bearer token of writers (local). */
  writerToken?: string;
  /** Cognito group of writers (default `writers`). */
  writerGroup?: string;
}

/** A StaffAuth, or (as before roles existed) the agents' token alone. */
export type StaffCredentials = string | StaffAuth | undefined;

export interface StaffMember {
  name: string;
  roles: StaffRole[];
}

const AGENT: StaffRole[] = ['agent'];
const WRITER: StaffRole[] = ['agent', 'writer'];

const STATUSES: readonly TicketStatus[] = ['open', 'claimed', 'answered', 'closed'];

export function addStaffRoutes(router: Router, deps: StaffRouteDeps): Router {
  const staff =
    (
      handler: (
        request: HttpRequest,
        params: Record<string, string>,
        who: string,
      ) => Promise<HttpResponse>,
    ): RouteHandler =>
    (request, params) =>
      handler(request, params, authenticate(request, deps.staffToken));

  router
    .on('GET', '/api/staff/me', (request) =>
      json(200, identify(request, deps.staffToken), { 'cache-control': 'no-store' }),
    )
    .on(
      'GET',
      '/api/staff/tickets',
      staff(async (request) => {
        const filter: TicketFilter = {
          status: enumParam(request, 'status', STATUSES) ?? 'open',
        };
        const lang = enumParam(request, 'lang', LANGS);
        const channel = enumParam(request, 'channel', CHANNELS);
        if (lang) filter.lang = lang as Lang;
        if (channel) filter.channel = channel as Channel;
        const queue = request.query.get('queue');
        if (queue !== null && queue !== '') {
          if (!deps.support) throw new HttpError(400, 'support queues are not configured');
          filter.queue = deps.support.desk.ticketFilter(queue);
        }
        const limitText = request.query.get('limit');
        const limit = limitText === null ? 25 : Number(limitText);
        const cursor = request.query.get('cursor') ?? undefined;
        const page = await deps.tickets.list(filter, { limit, ...(cursor ? { cursor } : {}) });
        return json(200, page);
      }),
    )
    .on(
      'GET',
      '/api/staff/tickets/:ref',
      staff(async (_request, params) => json(200, await deps.tickets.get(params.ref ?? ''))),
    )
    .on(
      'POST',
      '/api/staff/tickets/:ref/claim',
      staff(async (_r, params, who) => json(200, await deps.tickets.claim(params.ref ?? '', who))),
    )
    .on(
      'POST',
      '/api/staff/tickets/:ref/close',
      staff(async (_r, params, who) => json(200, await deps.tickets.close(params.ref ?? '', who))),
    )
    .on(
      'POST',
      '/api/staff/tickets/:ref/reopen',
      staff(async (_r, params, who) => json(200, await deps.tickets.reopen(params.ref ?? '', who))),
    )
    .on(
      'POST',
      '/api/staff/tickets/:ref/reply',
      staff(async (request, params, who) => {
        const text = requiredString(jsonBody(request), 'text', 4_000);
        return json(200, await deps.tickets.reply(params.ref ?? '', who, text));
      }),
    )
    .on(
      'POST',
      '/api/staff/tickets/:ref/answered-by',
      staff(async (request, params, who) => {
        const articleId = requiredString(jsonBody(request), 'articleId', 120);
        return json(200, await deps.tickets.answeredBy(params.ref ?? '', who, articleId));
      }),
    )
    .on(
      'GET',
      '/api/staff/gaps',
      staff(async (request) => {
        const lang = enumParam(request, 'lang', LANGS) as Lang | undefined;
        return json(200, {
          items: await deps.gaps.list({ ...(lang ? { lang } : {}), limit: 200 }),
        });
      }),
    )
    .on(
      'POST',
      '/api/staff/gaps',
      staff(async (request, _params, who) => {
        const body = jsonBody(request);
        const lang = requiredString(body, 'lang', 5);
        if (!LANGS.includes(lang as Lang))
          throw new HttpError(400, `lang must be one of ${LANGS.join(', ')}`);
        const note = optionalString(body, 'note', 2_000);
        const ticketRef = optionalString(body, 'ticketRef', 40);
        const gap = await deps.tickets.suggestArticle({
          lang: lang as Lang,
          question: requiredString(body, 'question', 2_000),
          suggestedBy: who,
          ...(note ? { note } : {}),
          ...(ticketRef ? { ticketRef } : {}),
        });
        return json(201, gap);
      }),
    );
  if (deps.erasure) addErasureRoutes(router, deps.erasure, staff);
  if (deps.support) addQueueRoutes(router, deps.support, staff);
  return router;
}

/** Per-queue backlog and who is on shift; the desk's presence heartbeat. */
function addQueueRoutes(
  router: Router,
  { desk, backlog }: { desk: SupportDesk; backlog: QueueBacklog },
  staff: StaffHandler,
): void {
  router
    .on(
      'GET',
      '/api/staff/queues',
      staff(async () =>
        json(
          200,
          { timeZone: desk.config.timeZone, items: await desk.overview(backlog) },
          { 'cache-control': 'no-store' },
        ),
      ),
    )
    .on(
      'POST',
      '/api/staff/presence',
      staff(async (request, _params, who) => {
        const queues = jsonBody(request).queues;
        if (!Array.isArray(queues) || queues.some((q) => typeof q !== 'string')) {
          throw new HttpError(400, 'queues must be a list of queue ids (strings)');
        }
        return json(200, await desk.heartbeat(who, queues as string[]));
      }),
    );
}

type StaffHandler = (
  handler: (
    request: HttpRequest,
    params: Record<string, string>,
    who: string,
  ) => Promise<HttpResponse>,
) => RouteHandler;

function addErasureRoutes(
  router: Router,
  erasure: CustomerErasure,
  staff: (
    handler: (
      request: HttpRequest,
      params: Record<string, string>,
      who: string,
    ) => Promise<HttpResponse>,
  ) => RouteHandler,
): void {
  router
    .on(
      'POST',
      '/api/staff/erasures',
      staff(async (request, _params, who) => {
        const body = jsonBody(request);
        const phone = optionalString(body, 'phone', 40);
        const email = optionalString(body, 'email', 254);
        const sessionId = optionalString(body, 'sessionId', 200);
        const record = await erasure.erase(
          {
            ...(phone ? { phone } : {}),
            ...(email ? { email } : {}),
            ...(sessionId ? { sessionId } : {}),
          },
          who,
        );
        return json(201, record);
      }),
    )
    .on(
      'GET',
      '/api/staff/erasures',
      staff(async (request) => {
        const limitText = request.query.get('limit');
        const limit = limitText === null ? 50 : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
          throw new HttpError(400, 'limit must be an integer from 1 to 200');
        }
        return json(200, { items: await erasure.list(limit) });
      }),
    );
}

/** The staff member's name: from the JWT (AWS) or the bearer token (local). Throws 401. */
export function authenticate(request: HttpRequest, credentials: StaffCredentials): string {
  return identify(request, credentials).name;
}

/**
 * Who is calling and in which roles: the JWT's name and groups (AWS; the writers' group makes a
 * writer), else the bearer token (local: the writer token makes a writer). Throws 401.
 * @example identify(request, { staffToken, writerToken }) // { name: 'Huda', roles: ['agent', 'writer'] }
 */
export function identify(request: HttpRequest, credentials: StaffCredentials): StaffMember {
  const auth: StaffAuth =
    typeof credentials === 'string' ? { staffToken: credentials } : (credentials ?? {});
  if (request.auth) {
    const writerGroup = auth.writerGroup ?? 'writers';
    return {
      name: request.auth.name ?? request.auth.subject,
      roles: request.auth.groups?.includes(writerGroup) ? WRITER : AGENT,
    };
  }
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw new HttpError(401, 'staff API needs an Authorization: Bearer token', {});
  const token = match[1].trim();
  // Both comparisons always run: the time taken does not tell which token was close.
  const writer = auth.writerToken !== undefined && sameSecret(token, auth.writerToken);
  const agent = auth.staffToken !== undefined && sameSecret(token, auth.staffToken);
  if (!writer && !agent) throw new HttpError(401, 'invalid staff token');
  const name = (request.headers['x-staff-name'] ?? '').trim();
  return {
    name: /^[\p{L}\p{N} ._@-]{1,60}$/u.test(name) ? name : 'staff',
    roles: writer ? WRITER : AGENT,
  };
}

/** The name of a writer; 401 without identity, 403 for an agent. */
export function requireWriter(request: HttpRequest, credentials: StaffCredentials): string {
  const member = identify(request, credentials);
  if (!member.roles.includes('writer')) {
    throw new HttpError(
      403,
      `this needs the writer role: ${member.name} is signed in as an agent (ask an admin to add you to the writers)`,
    );
  }
  return member.name;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function enumParam<T extends string>(
  request: HttpRequest,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = request.query.get(name);
  if (value === null || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new HttpError(400, `${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
