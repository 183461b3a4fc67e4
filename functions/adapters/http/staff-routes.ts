/**
 * Staff API (the staff desk's backend). Every route needs an authenticated staff member:
 * locally a bearer token from configuration, in AWS the Cognito JWT checked by API Gateway.
 *   GET  /api/staff/tickets?status=&lang=&channel=&limit=&cursor=
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
  /** Local bearer token; undefined means only API Gateway's JWT identity is accepted. */
  staffToken?: string;
}

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
  return router;
}

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
export function authenticate(request: HttpRequest, staffToken: string | undefined): string {
  if (request.auth) return request.auth.name ?? request.auth.subject;
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw new HttpError(401, 'staff API needs an Authorization: Bearer token', {});
  if (!staffToken || !sameSecret(match[1].trim(), staffToken))
    throw new HttpError(401, 'invalid staff token');
  const name = (request.headers['x-staff-name'] ?? '').trim();
  return /^[\p{L}\p{N} ._@-]{1,60}$/u.test(name) ? name : 'staff';
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
