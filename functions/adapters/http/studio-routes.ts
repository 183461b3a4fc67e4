/**
 * The content studio's API (writers only: 401 without identity, 403 for an agent). `:lang/:id`
 * names the article file `<lang>/<id>.md`; a bad one is a 400.
 *   GET    /api/staff/studio/articles?lang=en                 statuses of every article
 *   GET    /api/staff/studio/articles/:lang/:id               { file, live?, draft? }
 *   PUT    /api/staff/studio/articles/:lang/:id/draft         { source } → { draft, problems }
 *   DELETE /api/staff/studio/articles/:lang/:id/draft         → { discarded: true }
 *   POST   /api/staff/studio/lint      { file, source }       → { problems }
 *   POST   /api/staff/studio/preview   { file, source }       → { web, sms, alexa }
 *   POST   /api/staff/studio/try       { file, source, question, lang? } → { draft, live }
 *   POST   /api/staff/studio/test-all  { file, source }       → { total, unchanged, gained, lost, changed }
 *   POST   /api/staff/studio/articles/:lang/:id/publish  { source?, expectedHash? } → { version, rebuild }
 *   DELETE /api/staff/studio/articles/:lang/:id          ?expectedHash= → withdraw
 *   GET    /api/staff/studio/articles/:lang/:id/history[/:version]
 *   POST   /api/staff/studio/articles/:lang/:id/rollback { version, expectedHash? }
 *   GET    /api/staff/studio/audit?limit=50
 * Studio failures map here: someone published meanwhile → 409, lint errors → 422 with
 * `problems`, a source over 64 KiB → 413.
 */
import { ValidationError } from '#core/errors.ts';
import {
  ArticleRejectedError,
  ArticleTooLargeError,
  MAX_QUESTION_CHARS,
  MAX_SOURCE_BYTES,
  StudioConflictError,
} from '#core/studio/studio-errors.ts';
import { articleRef, type ArticleRef } from '#core/studio/studio-keys.ts';
import type { StudioService } from '#core/studio/studio-service.ts';
import { MAX_BODY_BYTES } from './api-gateway.ts';
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
import { requireWriter, type StaffCredentials } from './staff-routes.ts';

export interface StudioRouteDeps {
  studio: StudioService;
  /** Local bearer tokens (agents', writers'); none means only API Gateway's JWT identity. */
  staffToken?: StaffCredentials;
}

type WriterHandler = (
  request: HttpRequest,
  params: Record<string, string>,
  who: string,
) => Promise<HttpResponse>;

const BASE = '/api/staff/studio';
const ARTICLE = `${BASE}/articles/:lang/:id`;
/** A source (≤ 64 KiB) escaped as JSON may take more room than itself. */
const MAX_JSON_BYTES = MAX_BODY_BYTES * 2;
const NO_STORE = { 'cache-control': 'no-store' };

export function addStudioRoutes(router: Router, deps: StudioRouteDeps): Router {
  const { studio } = deps;
  const writer =
    (handler: WriterHandler): RouteHandler =>
    async (request, params) => {
      const who = requireWriter(request, deps.staffToken);
      try {
        return await handler(request, params, who);
      } catch (error) {
        throw studioHttpError(error);
      }
    };
  const ref = (params: Record<string, string>): ArticleRef =>
    articleRef(params.lang ?? '', params.id ?? '');

  return router
    .on(
      'GET',
      `${BASE}/articles`,
      writer(async (request) =>
        json(200, await studio.listArticles(request.query.get('lang')), NO_STORE),
      ),
    )
    .on(
      'GET',
      ARTICLE,
      writer(async (_r, params) => json(200, await studio.getArticle(ref(params)), NO_STORE)),
    )
    .on(
      'PUT',
      `${ARTICLE}/draft`,
      writer(async (request, params, who) => {
        const source = sourceOf(body(request));
        return json(200, await studio.saveDraft(ref(params), source, who));
      }),
    )
    .on(
      'DELETE',
      `${ARTICLE}/draft`,
      writer(async (_r, params) => json(200, await studio.discardDraft(ref(params)))),
    )
    .on(
      'POST',
      `${BASE}/lint`,
      writer(async (request) => {
        const { file, source } = fileAndSource(body(request));
        return json(200, { problems: await studio.lint(file, source) });
      }),
    )
    .on(
      'POST',
      `${BASE}/preview`,
      writer(async (request) => {
        const { file, source } = fileAndSource(body(request));
        return json(200, await studio.preview(file, source));
      }),
    )
    .on(
      'POST',
      `${BASE}/try`,
      writer(async (request) => {
        const fields = body(request);
        const { file, source } = fileAndSource(fields);
        const question = requiredString(fields, 'question', MAX_QUESTION_CHARS);
        const lang = optionalString(fields, 'lang', 5) || undefined;
        return json(200, await studio.tryQuestion(file, source, question, lang));
      }),
    )
    .on(
      'POST',
      `${BASE}/test-all`,
      writer(async (request) => {
        const { file, source } = fileAndSource(body(request));
        return json(200, await studio.testAll(file, source));
      }),
    )
    .on(
      'POST',
      `${ARTICLE}/publish`,
      writer(async (request, params, who) => {
        const fields = bodyOrEmpty(request);
        const source = fields.source === undefined ? undefined : sourceOf(fields);
        const expectedHash = hashOf(fields.expectedHash);
        return json(
          200,
          await studio.publish(
            ref(params),
            {
              ...(source !== undefined ? { source } : {}),
              ...(expectedHash !== undefined ? { expectedHash } : {}),
            },
            who,
          ),
        );
      }),
    )
    .on(
      'DELETE',
      ARTICLE,
      writer(async (request, params, who) => {
        const expectedHash = hashOf(request.query.get('expectedHash') ?? undefined);
        return json(200, await studio.withdraw(ref(params), who, expectedHash));
      }),
    )
    .on(
      'GET',
      `${ARTICLE}/history`,
      writer(async (_r, params) => json(200, await studio.history(ref(params)), NO_STORE)),
    )
    .on(
      'GET',
      `${ARTICLE}/history/:version`,
      writer(async (_r, params) =>
        json(200, await studio.historyVersion(ref(params), params.version ?? '')),
      ),
    )
    .on(
      'POST',
      `${ARTICLE}/rollback`,
      writer(async (request, params, who) => {
        const fields = body(request);
        const version = requiredString(fields, 'version', 40);
        const expectedHash = hashOf(fields.expectedHash);
        return json(200, await studio.rollback(ref(params), version, who, expectedHash));
      }),
    )
    .on(
      'GET',
      `${BASE}/audit`,
      writer(async (request) => {
        const text = request.query.get('limit');
        const limit = text === null || text === '' ? 50 : Number(text);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          throw new HttpError(400, 'limit must be an integer from 1 to 500');
        }
        return json(200, await studio.auditLog(limit), NO_STORE);
      }),
    );
}

/** Studio errors → HTTP errors (the rest go to the shared error response). */
function studioHttpError(error: unknown): unknown {
  if (error instanceof StudioConflictError) {
    return new HttpError(409, error.message, { liveHash: error.liveHash });
  }
  if (error instanceof ArticleRejectedError) {
    return new HttpError(422, error.message, { problems: error.problems });
  }
  if (error instanceof ArticleTooLargeError) return new HttpError(413, error.message);
  return error;
}

function body(request: HttpRequest): Record<string, unknown> {
  return jsonBody(request, MAX_JSON_BYTES);
}

/** The JSON body, or {} when there is none (publish takes an optional body). */
function bodyOrEmpty(request: HttpRequest): Record<string, unknown> {
  return request.body.trim() === '' ? {} : body(request);
}

/** `source`: a string of at most 64 KiB (UTF-8), 413 beyond. */
function sourceOf(fields: Record<string, unknown>): string {
  const source = fields.source;
  if (typeof source !== 'string') throw new HttpError(400, 'source must be a string');
  if (Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES) {
    throw new HttpError(413, `source is larger than ${MAX_SOURCE_BYTES} bytes`);
  }
  return source;
}

function fileAndSource(fields: Record<string, unknown>): { file: string; source: string } {
  return { file: requiredString(fields, 'file', 200), source: sourceOf(fields) };
}

/** An optional sha256 (64 hex digits, or '' for "no live version yet"). */
function hashOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !/^(|[0-9a-f]{64})$/.test(value)) {
    throw new ValidationError('expectedHash must be the sha256 (hex) of the live source, or ""', {
      field: 'expectedHash',
    });
  }
  return value;
}
