/**
 * The content studio for writers: the article list with statuses, drafts, lint in the
 * collection, channel previews, try-it and test-all against a draft index, and (through
 * ArticlePublisher) publish, withdraw, history, rollback and audit. Storage is two
 * DocumentStores — the live collection and the studio's own (drafts, history, audit, report) —
 * so the same core runs on a folder locally and on S3 in AWS.
 */
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Article, Problem } from '../knowledge/article.ts';
import type { KnowledgeSource } from '../ports.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { LANGS, type DecisionThresholds, type Lang } from '../types.ts';
import { addQuestion } from './add-question.ts';
import { previewArticle } from './article-preview.ts';
import { articleStatuses, DEFAULT_STALE_AFTER_DAYS } from './article-status.ts';
import { ArticlePublisher, type PublishRequest } from './article-publisher.ts';
import { readRejectedReport, type IndexRebuild } from './index-rebuild.ts';
import { IndexCache } from './index-cache.ts';
import { lintDraft } from './lint-draft.ts';
import { withFile } from './live-collection.ts';
import { ArticleRejectedError, checkSourceSize, MAX_QUESTION_CHARS } from './studio-errors.ts';
import { checkVersionId, refOfFile, type ArticleRef } from './studio-keys.ts';
import type { StudioParts } from './studio-parts.ts';
import type {
  ArticlePreview,
  ArticleStatus,
  AuditEntry,
  DraftRecord,
  HistoryItem,
  HistoryRecord,
  PublishResult,
  TestAllReport,
  TryResult,
} from './studio-types.ts';
import { runTestAll, testQuestions, type AcceptedPhrasing } from './test-all.ts';
import { tryResult } from './try-result.ts';

export interface StudioDeps extends StudioParts {
  rebuild: IndexRebuild;
  /** The index customers are answered from ("live" in try-it and test-all). */
  knowledge: KnowledgeSource<KnowledgeIndex>;
  thresholds: DecisionThresholds;
  /** Accepted suggestion phrasings (test-all asks them too). */
  acceptedPhrasings?: () => Promise<AcceptedPhrasing[]>;
  /** Public base URL of the help centre (SMS and Alexa previews). */
  helpUrl: string;
  /** Safe Markdown → HTML (the widget's reader), for the web preview. */
  markdownHtml: (markdown: string) => string;
  staleAfterDays?: number;
}

export class StudioService {
  private readonly publisher: ArticlePublisher;
  private readonly indexes = new IndexCache();

  constructor(private readonly deps: StudioDeps) {
    this.publisher = new ArticlePublisher(deps);
  }

  /** Every article of a language (live and draft) with its status. */
  async listArticles(langText: string | null | undefined): Promise<{
    items: ArticleStatus[];
    staleAfterDays: number;
  }> {
    const lang = checkLang(langText ?? 'en');
    const { collection, drafts, history, studio, clock } = this.deps;
    const staleAfterDays = this.deps.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
    const [files, draftList, rejected, versions] = await Promise.all([
      collection.files(),
      drafts.list(),
      readRejectedReport(studio),
      history.latestVersions(),
    ]);
    const live = new Map<string, Article>();
    const unparsed = new Set<string>();
    for (const { file, source } of files) {
      const article = collection.parse(file, source).article;
      if (article) live.set(file, article);
      else unparsed.add(file);
    }
    const draftMap = new Map(
      draftList.map((record) => {
        const article = collection.parse(record.file, record.source).article;
        return [record.file, { record, ...(article ? { article } : {}) }] as const;
      }),
    );
    const items = articleStatuses({
      lang,
      live,
      unparsed,
      drafts: draftMap,
      rejected,
      versions,
      now: clock.now(),
      staleAfterDays,
    });
    return { items, staleAfterDays };
  }

  /** The live source and the draft of one article; 404 when it has neither. */
  async getArticle(ref: ArticleRef): Promise<{
    file: string;
    live?: { source: string; hash: string };
    draft?: DraftRecord;
  }> {
    const [live, draft] = await Promise.all([
      this.deps.collection.read(ref.file),
      this.deps.drafts.get(ref.file),
    ]);
    if (!live && !draft) throw new NotFoundError(`no article ${ref.file}`, { file: ref.file });
    return {
      file: ref.file,
      ...(live ? { live: { source: live.source, hash: live.hash } } : {}),
      ...(draft ? { draft } : {}),
    };
  }

  /** Saves a draft (never refused for lint problems, which come back with it). */
  async saveDraft(
    ref: ArticleRef,
    source: string,
    by: string,
  ): Promise<{ draft: DraftRecord; problems: Problem[] }> {
    checkSourceSize(source);
    const { collection, drafts, clock } = this.deps;
    const [live, previous] = await Promise.all([collection.read(ref.file), drafts.get(ref.file)]);
    const draft: DraftRecord = {
      file: ref.file,
      source,
      by,
      at: clock.now().toISOString(),
      baseHash: previous?.baseHash ?? live?.hash ?? '',
    };
    await drafts.put(draft);
    return { draft, problems: await this.lint(ref.file, source) };
  }

  async discardDraft(ref: ArticleRef): Promise<{ discarded: true }> {
    await this.deps.drafts.delete(ref.file);
    return { discarded: true };
  }

  /** Lint problems of `source` as `file`, within the live collection. */
  async lint(file: string, source: string): Promise<Problem[]> {
    refOfFile(file);
    checkSourceSize(source);
    const { collection } = this.deps;
    return lintDraft(collection, await collection.files(), file, source);
  }

  /** How the article answers on the web, by SMS and on Alexa; 422 when it does not parse. */
  async preview(file: string, source: string): Promise<ArticlePreview> {
    const article = this.parsedDraft(file, source);
    return previewArticle(article, this.deps);
  }

  /** One question asked of the draft index (live collection with this draft) and the live one. */
  async tryQuestion(
    file: string,
    source: string,
    question: string,
    langText?: string,
  ): Promise<{ draft: TryResult; live: TryResult }> {
    const text = question.trim();
    if (text === '') throw new ValidationError('question is empty', { field: 'question' });
    if (text.length > MAX_QUESTION_CHARS) {
      throw new ValidationError(`question must be at most ${MAX_QUESTION_CHARS} characters`, {
        field: 'question',
      });
    }
    const lang = langText === undefined ? undefined : checkLang(langText);
    const { live, draft } = await this.indexesFor(file, source);
    const ask = { text, ...(lang ? { lang } : {}) };
    return {
      draft: tryResult(draft.decide(ask, this.deps.thresholds)),
      live: tryResult(live.decide(ask, this.deps.thresholds)),
    };
  }

  /** Every listed question and accepted phrasing, live index against draft index. */
  async testAll(file: string, source: string): Promise<TestAllReport> {
    const { live, draft, articles } = await this.indexesFor(file, source);
    const draftArticle = articles.find((a) => a.source === file);
    const liveArticles = this.deps.collection.parseAll(await this.deps.collection.files()).articles;
    const accepted = (await this.deps.acceptedPhrasings?.()) ?? [];
    const questions = testQuestions(
      draftArticle ? [...liveArticles, draftArticle] : liveArticles,
      accepted,
    );
    return runTestAll(questions, live, draft, this.deps.thresholds);
  }

  publish(ref: ArticleRef, request: PublishRequest, by: string): Promise<PublishResult> {
    return this.publisher.publish(ref, request, by);
  }

  withdraw(ref: ArticleRef, by: string, expectedHash?: string): Promise<PublishResult> {
    return this.publisher.withdraw(ref, by, expectedHash);
  }

  async rollback(
    ref: ArticleRef,
    version: string,
    by: string,
    expectedHash?: string,
  ): Promise<PublishResult> {
    return this.publisher.rollback(ref, checkVersionId(version), by, expectedHash);
  }

  async history(ref: ArticleRef): Promise<{ items: HistoryItem[] }> {
    return { items: await this.deps.history.list(ref.file) };
  }

  async historyVersion(
    ref: ArticleRef,
    version: string,
  ): Promise<HistoryRecord & { version: string }> {
    const record = await this.deps.history.get(ref.file, checkVersionId(version));
    if (!record) throw new NotFoundError(`${ref.file} has no version ${version}`, { version });
    return { version, ...record };
  }

  async auditLog(limit: number): Promise<{ items: AuditEntry[] }> {
    return { items: await this.deps.audit.list(limit) };
  }

  /**
   * Adds an accepted phrasing to the article's draft `questions` (the draft is created from the
   * live source when there is none); undefined when the article has neither.
   */
  async addQuestionToDraft(
    lang: Lang,
    articleId: string,
    phrasing: string,
    by: string,
  ): Promise<{ file: string; added: boolean } | undefined> {
    const file = await this.fileOf(lang, articleId);
    if (!file) return undefined;
    const ref = refOfFile(file);
    const { drafts, collection } = this.deps;
    const [draft, live] = await Promise.all([drafts.get(file), collection.read(file)]);
    const base = draft?.source ?? live?.source;
    if (base === undefined) return undefined;
    const edited = addQuestion(base, phrasing);
    if (edited.added || !draft) await this.saveDraft(ref, edited.source, by);
    return { file, added: edited.added };
  }

  /** The file of an article id (front matter ids normally match the file name). */
  private async fileOf(lang: Lang, articleId: string): Promise<string | undefined> {
    const direct = `${lang}/${articleId}.md`;
    const { collection, drafts } = this.deps;
    if ((await collection.read(direct).catch(() => undefined)) || (await drafts.get(direct))) {
      return direct;
    }
    for (const { file, source } of await collection.files()) {
      const article = collection.parse(file, source).article;
      if (article?.lang === lang && article.id === articleId) return file;
    }
    return undefined;
  }

  /** The live index and the draft's (live files with the draft in place), built or cached. */
  private async indexesFor(
    file: string,
    source: string,
  ): Promise<{ live: KnowledgeIndex; draft: KnowledgeIndex; articles: Article[] }> {
    this.parsedDraft(file, source);
    const files = withFile(await this.deps.collection.files(), file, source);
    const { articles } = this.deps.collection.parseAll(files);
    const live = await this.deps.knowledge.current();
    return { live, draft: this.indexes.index(articles, live), articles };
  }

  /** The draft's article; 422 with the problems when the source does not parse into one. */
  private parsedDraft(file: string, source: string): Article {
    refOfFile(file);
    checkSourceSize(source);
    const parsed = this.deps.collection.parse(file, source);
    if (!parsed.article) {
      throw new ArticleRejectedError(
        file,
        parsed.problems,
        `${file} does not parse into an article: fix the errors first`,
      );
    }
    return parsed.article;
  }
}

function checkLang(text: string): Lang {
  if (!(LANGS as readonly string[]).includes(text)) {
    throw new ValidationError(`lang must be one of ${LANGS.join(', ')}`, { field: 'lang' });
  }
  return text as Lang;
}
