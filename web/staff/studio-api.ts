/**
 * The content studio's client: articles with their status, drafts, lint, previews, "try it",
 * "test all", publish, withdraw, history and rollback, and the learning loop's suggestions.
 * Every call goes through StaffApi.request (same credentials, same error types: an agent gets
 * an ApiError with status 403).
 */
import { queryString, type StaffApi } from './staff-api.ts';
import type {
  AcceptResult,
  ArticleEffect,
  ArticleList,
  AuditEntry,
  HistoryEntry,
  HistoryVersion,
  Preview,
  Problem,
  PublishResult,
  SavedDraft,
  StudioArticle,
  StudioLang,
  Suggestion,
  TestAllResult,
  TryResponse,
} from './studio-types.ts';

const STUDIO = '/api/staff/studio';

/** `<lang>/<id>` as the routes take it. */
function articlePath(lang: StudioLang, id: string): string {
  return `${STUDIO}/articles/${encodeURIComponent(lang)}/${encodeURIComponent(id)}`;
}

export class StudioApi {
  constructor(private readonly api: StaffApi) {}

  list(lang: StudioLang): Promise<ArticleList> {
    return this.api.request('GET', `${STUDIO}/articles?${queryString({ lang })}`);
  }

  article(lang: StudioLang, id: string): Promise<StudioArticle> {
    return this.api.request('GET', articlePath(lang, id));
  }

  saveDraft(lang: StudioLang, id: string, source: string) {
    return this.api.request<SavedDraft>('PUT', `${articlePath(lang, id)}/draft`, { source });
  }

  discardDraft(lang: StudioLang, id: string): Promise<unknown> {
    return this.api.request('DELETE', `${articlePath(lang, id)}/draft`);
  }

  lint(file: string, source: string): Promise<{ problems: Problem[] }> {
    return this.api.request('POST', `${STUDIO}/lint`, { file, source });
  }

  preview(file: string, source: string): Promise<Preview> {
    return this.api.request('POST', `${STUDIO}/preview`, { file, source });
  }

  tryQuestion(file: string, source: string, question: string, lang: StudioLang) {
    return this.api.request<TryResponse>('POST', `${STUDIO}/try`, {
      file,
      source,
      question,
      lang,
    });
  }

  testAll(file: string, source: string): Promise<TestAllResult> {
    return this.api.request('POST', `${STUDIO}/test-all`, { file, source });
  }

  publish(
    lang: StudioLang,
    id: string,
    body: { source?: string; expectedHash?: string },
  ): Promise<PublishResult> {
    return this.api.request('POST', `${articlePath(lang, id)}/publish`, body);
  }

  /** Withdraws the live article; `expectedHash`: the live source the writer saw (409 if it changed). */
  withdraw(lang: StudioLang, id: string, expectedHash?: string): Promise<PublishResult> {
    const query = expectedHash ? `?${queryString({ expectedHash })}` : '';
    return this.api.request('DELETE', `${articlePath(lang, id)}${query}`);
  }

  history(lang: StudioLang, id: string): Promise<{ items: HistoryEntry[] }> {
    return this.api.request('GET', `${articlePath(lang, id)}/history`);
  }

  version(lang: StudioLang, id: string, version: string): Promise<HistoryVersion> {
    return this.api.request(
      'GET',
      `${articlePath(lang, id)}/history/${encodeURIComponent(version)}`,
    );
  }

  rollback(
    lang: StudioLang,
    id: string,
    version: string,
    expectedHash?: string,
  ): Promise<PublishResult> {
    return this.api.request('POST', `${articlePath(lang, id)}/rollback`, {
      version,
      ...(expectedHash ? { expectedHash } : {}),
    });
  }

  /** Who published, withdrew or rolled back what, newest first. */
  audit(limit = 20): Promise<{ items: AuditEntry[] }> {
    return this.api.request('GET', `${STUDIO}/audit?${queryString({ limit: String(limit) })}`);
  }

  suggestions(lang: StudioLang): Promise<{ lang: StudioLang; items: Suggestion[] }> {
    return this.api.request('GET', `/api/staff/suggestions?${queryString({ lang })}`);
  }

  accept(id: string, phrasing?: string): Promise<AcceptResult> {
    return this.api.request(
      'POST',
      `/api/staff/suggestions/${encodeURIComponent(id)}/accept`,
      phrasing === undefined ? {} : { phrasing },
    );
  }

  dismiss(id: string): Promise<unknown> {
    return this.api.request('POST', `/api/staff/suggestions/${encodeURIComponent(id)}/dismiss`, {});
  }

  effect(articleId: string, since: string): Promise<ArticleEffect> {
    return this.api.request(
      'GET',
      `/api/staff/articles/${encodeURIComponent(articleId)}/effect?${queryString({ since })}`,
    );
  }
}
