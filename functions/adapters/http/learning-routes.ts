/**
 * The learning loop's API for writers (an agent gets 403, no identity 401):
 *   GET  /api/staff/suggestions?lang=en            pending suggestions: phrasings, then articles
 *   POST /api/staff/suggestions/:id/accept { phrasing? }   → the decision and the phrasing to add
 *   POST /api/staff/suggestions/:id/dismiss
 *   GET  /api/staff/articles/:id/accepted-phrasings        what publishing will merge
 *   GET  /api/staff/articles/:id/effect?since=YYYY-MM-DD   containment before / after a change
 * Nothing here changes the live index: an accepted phrasing is recorded (who, when), added to
 * the article's draft `questions` in the content studio (the draft is created from the live
 * article when there is none; the answer says which: `draft: { file, added }`), and reaches
 * customers only when a writer publishes that draft.
 */
import { ValidationError } from '#core/errors.ts';
import type { LearningService } from '#core/learning/learning-service.ts';
import type { Lang } from '#core/types.ts';
import { SuggestionDecidedError } from '#core/learning/suggestion-store.ts';
import { HttpError, json, jsonBody, optionalString, type HttpRequest } from './http-types.ts';
import type { Router } from './router.ts';
import { requireWriter, type StaffCredentials } from './staff-routes.ts';

export interface LearningRouteDeps {
  learning: LearningService;
  /** Local bearer tokens (agents', writers'); none means only API Gateway's JWT identity. */
  staffToken?: StaffCredentials;
  /** Waits until emitted analytics events (and their learning signals) are stored. */
  settleAnalytics?: () => Promise<void>;
  /**
   * Adds an accepted phrasing to the article's draft (the content studio); undefined when the
   * article has no live or draft version. Without it, accepting only records the decision.
   */
  addToDraft?: (
    lang: Lang,
    articleId: string,
    phrasing: string,
    by: string,
  ) => Promise<{ file: string; added: boolean } | undefined>;
}

export function addLearningRoutes(router: Router, deps: LearningRouteDeps): Router {
  const { learning } = deps;
  const settle = async () => deps.settleAnalytics?.();
  return router
    .on('GET', '/api/staff/suggestions', async (request) => {
      requireWriter(request, deps.staffToken);
      await settle();
      const lang = request.query.get('lang') || undefined;
      return json(200, await learning.suggestions(lang), { 'cache-control': 'no-store' });
    })
    .on('POST', '/api/staff/suggestions/:id/accept', async (request, params) => {
      const who = requireWriter(request, deps.staffToken);
      const phrasing = optionalString(bodyOrEmpty(request), 'phrasing', 1_000);
      await settle();
      const result = await decided(() => learning.accept(params.id ?? '', who, phrasing));
      const { suggestion, phrasingToAdd } = result;
      if (!deps.addToDraft || suggestion.kind !== 'phrasing' || !phrasingToAdd) {
        return json(200, result);
      }
      // The decision is taken: a draft that cannot be edited is reported, not a failed accept.
      try {
        const draft = await deps.addToDraft(
          suggestion.lang,
          suggestion.articleId,
          phrasingToAdd,
          who,
        );
        return json(200, { ...result, draft: draft ?? null });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return json(200, { ...result, draft: null, draftError: error.message });
      }
    })
    .on('POST', '/api/staff/suggestions/:id/dismiss', async (request, params) => {
      const who = requireWriter(request, deps.staffToken);
      await settle();
      return json(200, await decided(() => learning.dismiss(params.id ?? '', who)));
    })
    .on('GET', '/api/staff/articles/:id/accepted-phrasings', async (request, params) => {
      requireWriter(request, deps.staffToken);
      const articleId = params.id ?? '';
      if (!/^[\w.-]{1,120}$/.test(articleId)) throw new HttpError(400, 'article id is not valid');
      return json(200, { articleId, phrasings: await learning.acceptedPhrasings(articleId) });
    })
    .on('GET', '/api/staff/articles/:id/effect', async (request, params) => {
      requireWriter(request, deps.staffToken);
      await settle();
      const since = request.query.get('since') ?? undefined;
      return json(200, await learning.effect(params.id ?? '', since), {
        'cache-control': 'no-store',
      });
    });
}

/** A decision already taken is a conflict (409) naming who took it. */
async function decided<T>(act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof SuggestionDecidedError) {
      throw new HttpError(409, error.message, { decision: error.decision });
    }
    throw error;
  }
}

/** The JSON body, or {} when there is none (accept takes an optional body). */
function bodyOrEmpty(request: HttpRequest): Record<string, unknown> {
  return request.body.trim() === '' ? {} : jsonBody(request);
}
