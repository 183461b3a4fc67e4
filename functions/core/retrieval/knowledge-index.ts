/**
 * The loaded knowledge index: what a Lambda keeps in memory after cold start. Loads an
 * IndexArtifact (object or JSON text), answers `decide(question, thresholds)` with a calibrated
 * decision, and looks articles up by id. User text is analysed into plain terms and queried
 * with Lunr's query API, so query syntax characters in it mean nothing.
 *
 * @example
 *   const index = KnowledgeIndex.load(artifactJson);
 *   const decision = index.decide({ text: 'reset my password' }, DEFAULT_THRESHOLDS);
 */
import { KnowledgeError } from '../errors.ts';
import { LANGS } from '../types.ts';
import type { Candidate, Decision, DecisionThresholds, Explanation, Lang } from '../types.ts';
import { analyzeText } from './analyze-text.ts';
import { calibrate } from './calibration.ts';
import type { CollectionKind, LogisticModel } from './calibration.ts';
import { applyPolicy } from './decision-policy.ts';
import { detectLang } from './detect-lang.ts';
import { ARABIZI_WORDS, arabiziScore } from './arabizi.ts';
import type { ArticleRecord, IndexArtifact, LangIndex, LangIndexData } from './index-artifact.ts';
import { ARTIFACT_VERSION, DOC_STRIDE } from './index-artifact.ts';
import { decodeArtifact, isArtifactContainer } from './artifact-container.ts';
import { RecordArticleList, type ShownArticle } from './article-list.ts';
import { unpackInts } from './packed-ints.ts';
import { PairTable } from './pair-table.ts';
import { TermPostings } from './term-postings.ts';
import { DEFAULT_RETRIEVAL_PARAMS } from './retrieval-params.ts';
import type { RetrievalParams } from './retrieval-params.ts';
import { questionWords, rewriteQuestion, transliterateArabizi } from './rewrite-question.ts';
import { scoreQuestion } from './score-question.ts';
import { ARABIC_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.ts';
import { Vocabulary } from './vocabulary.ts';
import type { ArticleEvidence } from './score-question.ts';

const MAX_CANDIDATES = 5;

interface LoadedLang {
  data: LangIndex;
  model: LogisticModel;
  /** Article id → article number. */
  byId: Map<string, number>;
  vocabulary: Vocabulary;
}

export interface IndexMeta {
  hash: string;
  builtAt: string;
  articleCount: number;
  langs: Lang[];
}

export class KnowledgeIndex {
  readonly meta: IndexMeta;

  private constructor(
    private readonly langs: Map<Lang, LoadedLang>,
    meta: IndexMeta,
    private readonly params: RetrievalParams,
  ) {
    this.meta = meta;
  }

  /**
   * Load an artifact: the object, its JSON text, or the bytes `kb build` writes (the binary
   * container, artifact-container.ts, or JSON as UTF-8). Throws KnowledgeError on a malformed
   * artifact. From bytes, the index keeps views of them: do not reuse the buffer.
   */
  static load(
    artifact: IndexArtifact | string | Uint8Array,
    params: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
  ): KnowledgeIndex {
    let parsed: IndexArtifact;
    if (artifact instanceof Uint8Array && isArtifactContainer(artifact)) {
      try {
        parsed = decodeArtifact(artifact);
      } catch (cause) {
        throw new KnowledgeError('index artifact container is malformed', {}, { cause });
      }
    } else {
      try {
        parsed =
          artifact instanceof Uint8Array
            ? (JSON.parse(Buffer.from(artifact).toString('utf8')) as IndexArtifact)
            : typeof artifact === 'string'
              ? (JSON.parse(artifact) as IndexArtifact)
              : artifact;
      } catch (cause) {
        throw new KnowledgeError('index artifact is not valid JSON', {}, { cause });
      }
    }
    if (!parsed || parsed.version !== ARTIFACT_VERSION || !parsed.indexes) {
      throw new KnowledgeError('index artifact has an unsupported version', {
        version: parsed?.version,
        expected: ARTIFACT_VERSION,
      });
    }
    if (
      !Array.isArray(parsed.langs) ||
      parsed.langs.some((lang) => !(LANGS as readonly unknown[]).includes(lang))
    ) {
      throw new KnowledgeError('index artifact lists unknown languages', { langs: parsed.langs });
    }
    const langs = new Map<Lang, LoadedLang>();
    for (const lang of parsed.langs) {
      const stored = parsed.indexes[lang];
      if (!stored) throw new KnowledgeError(`index artifact lacks the ${lang} index`, { lang });
      let data: LangIndex;
      try {
        data = decodeLangIndex(stored);
      } catch (cause) {
        throw new KnowledgeError(`cannot load the ${lang} index`, { lang }, { cause });
      }
      const kind = collectionKind(data);
      const model = (parsed.calibration as Partial<Record<CollectionKind, unknown>> | undefined)?.[
        kind
      ];
      if (!isLogisticModel(model)) {
        throw new KnowledgeError(`index artifact lacks the ${kind} calibration`, { lang, kind });
      }
      const byId = new Map<string, number>();
      for (let a = 0; a < data.articles.length; a++) byId.set(data.articles.id(a), a);
      langs.set(lang, { data, model, byId, vocabulary: new Vocabulary(data.words) });
    }
    const meta = {
      hash: parsed.hash,
      builtAt: parsed.builtAt,
      articleCount: parsed.articleCount,
      langs: [...parsed.langs],
    };
    return new KnowledgeIndex(langs, meta, params);
  }

  /** The article's display record; undefined when there is none, or it is corrupt. */
  article(lang: Lang, id: string): ArticleRecord | undefined {
    const loaded = this.langs.get(lang);
    const a = loaded?.byId.get(id);
    return a === undefined || !loaded ? undefined : recordOf(loaded.data, a);
  }

  /**
   * Decide how to respond to a question. Never throws for any text, nor for a display record
   * that turns out corrupt when shown (records are decoded lazily): that article is left out of
   * the candidates (a note says so), so the others answer or the question escalates.
   */
  decide(question: { text: string; lang?: Lang }, thresholds: DecisionThresholds): Decision {
    const ranking = this.rank(question);
    if (ranking.emptyReason) {
      const { candidates, explanation } = ranking;
      return {
        kind: 'escalate',
        reason: ranking.emptyReason,
        confidence: 0,
        candidates,
        explanation,
      };
    }
    return applyPolicy(ranking.candidates, thresholds, ranking.explanation);
  }

  /**
   * Rank candidate articles with their calibrated confidence and the evidence behind it.
   * Steps: choose the customer's language; try the question as written and, where it mixes
   * scripts or is Arabizi, its parts or its transliteration in the other language's index;
   * merge by article id; give every candidate in the customer's language when that version
   * exists (else it stays in the other language: the renderers say so).
   */
  rank(question: { text: string; lang?: Lang }): Ranking {
    const text = typeof question.text === 'string' ? question.text : '';
    const hinted = question.lang && this.langs.has(question.lang) ? question.lang : undefined;
    const detected = detectLang(text);
    const customerLang: Lang =
      hinted ?? (detected && this.langs.has(detected) ? detected : (this.meta.langs[0] ?? 'en'));
    const langSource = hinted ? 'hint' : 'script';
    const words = questionWords(text, this.params.maxWords);
    const arabicWords = words.filter((w) => ARABIC_LETTER.test(w));
    const latinWords = words.filter((w) => !ARABIC_LETTER.test(w) && /[a-z]/.test(w));

    // Code-switching: each script's words in its own language's index.
    if (
      arabicWords.length > 0 &&
      hasContent(latinWords) &&
      arabiziScore(latinWords) === 0 &&
      this.langs.has('ar') &&
      this.langs.has('en')
    ) {
      const parts = [
        this.rankIn('ar', arabicWords.join(' ')),
        this.rankIn('en', latinWords.join(' ')),
      ];
      const frame = frameLang(words);
      const merged = mergeRankings(parts, frame, langSource);
      merged.explanation.replyLang = frame;
      return this.localise(merged, frame, 'code-switched');
    }
    // Arabizi: Latin letters, Arabic words.
    if (arabicWords.length === 0 && this.langs.has('ar') && arabiziScore(latinWords) > 0) {
      const ar = this.langs.get('ar') as LoadedLang;
      // English words inside Arabizi ("el card btenrefed lesh") go to the English index.
      const en = this.langs.get('en');
      const english = en
        ? latinWords.filter(
            (w) =>
              !ENGLISH_STOP_WORDS.has(w) &&
              !Object.hasOwn(ARABIZI_WORDS, w) &&
              en.vocabulary.has(w),
          )
        : [];
      const arabizi = latinWords.filter((w) => !english.includes(w));
      if (english.length > 0) {
        const translitPart = transliterateArabizi(
          arabizi.join(' '),
          ar.vocabulary,
          this.params.maxWords,
        );
        if (translitPart.matched > 0) {
          const merged = mergeRankings(
            [this.rankIn('ar', translitPart.text), this.rankIn('en', english.join(' '))],
            'ar',
            'script',
          );
          merged.explanation.replyLang = 'ar';
          merged.explanation.notes.push(
            `read as Arabizi: ${translitPart.text} + ${english.join(' ')}`,
          );
          return this.localise(merged, 'ar');
        }
      }
      const translit = transliterateArabizi(text, ar.vocabulary, this.params.maxWords);
      const asArabic = this.rankIn('ar', translit.text);
      const asEnglish = this.langs.has('en') ? this.rankIn('en', text) : undefined;
      const arTop = asArabic.candidates[0]?.confidence ?? 0;
      const enTop = asEnglish?.candidates[0]?.confidence ?? -1;
      if (translit.matched > 0 && arTop > enTop) {
        asArabic.explanation.notes.push(`read as Arabizi: ${translit.text}`);
        asArabic.explanation.langSource = 'script';
        asArabic.explanation.replyLang = 'ar';
        return this.localise(asArabic, 'ar');
      }
      if (asEnglish) return this.localise(asEnglish, customerLang);
    }
    const ranking = this.rankIn(customerLang, text);
    ranking.explanation.langSource = langSource;
    return this.localise(ranking, customerLang);
  }

  /** Candidates in the customer's language where that version of the article exists. */
  private localise(ranking: Ranking, lang: Lang, note?: string): Ranking {
    ranking.explanation.lang = lang;
    if (note) ranking.explanation.notes.push(note);
    const target = this.langs.get(lang);
    if (!target) return ranking;
    ranking.candidates = ranking.candidates.map((c) => {
      if (c.lang === lang) return c;
      const a = target.byId.get(c.articleId);
      if (a === undefined) return c;
      const shown = shownOf(target.data, a, -1);
      if (!shown) {
        ranking.explanation.notes.push(`corrupt ${lang} record of ${c.articleId}: kept ${c.lang}`);
        return c;
      }
      return {
        ...toCandidate(shown),
        confidence: c.confidence,
        score: c.score,
      };
    });
    return ranking;
  }

  /** Rank the articles of one language for the question (rewritten against its vocabulary). */
  private rankIn(lang: Lang, original: string): Ranking {
    const explanation: Explanation = {
      lang,
      langSource: 'script',
      queryTerms: [],
      matchedTerms: [],
      fields: [],
      margin: 0,
      notes: [],
    };
    const loaded = this.langs.get(lang);
    if (!loaded) {
      explanation.notes.push(`no articles in language ${lang}`);
      return { emptyReason: 'no-match', candidates: [], evidence: [], explanation };
    }
    const rewritten = rewriteQuestion(original, loaded.vocabulary, {
      maxWords: this.params.maxWords,
      maxCorrections: this.params.maxCorrections,
    });
    if (rewritten.changes.length > 0) {
      explanation.notes.push(`read as: ${rewritten.changes.join(', ')}`);
    }
    const text = rewritten.text;
    const analyzed = analyzeText(text, this.params.maxWords);
    const terms = distinctFirst(analyzed.terms, this.params.maxTerms);
    const all = distinctFirst(analyzed.all, this.params.maxTerms * 2);
    const sequence = analyzed.all.slice(0, this.params.maxTerms * 4);
    explanation.queryTerms = terms;
    if (hasOtherThan(analyzed.terms, terms)) {
      explanation.notes.push(`question cut to its first ${this.params.maxTerms} distinct terms`);
    }
    if (all.length === 0) {
      explanation.notes.push('question had no searchable words');
      return { emptyReason: 'empty-question', candidates: [], evidence: [], explanation };
    }

    if (rewritten.content > 0 && rewritten.unknown.length === rewritten.content) {
      explanation.notes.push(`no article uses any of: ${rewritten.unknown.slice(0, 5).join(', ')}`);
      return { emptyReason: 'no-match', candidates: [], evidence: [], explanation };
    }
    const evidence = scoreQuestion(
      loaded.data,
      {
        terms,
        all,
        sequence,
        text: { text, stems: analyzed, maxWords: this.params.maxWords },
        unknownShare:
          rewritten.otherCompanies.length > 0
            ? 1
            : (rewritten.unknown.length + 0.5 * (rewritten.corrected + rewritten.named)) /
              Math.max(1, rewritten.content),
      },
      this.params,
      MAX_CANDIDATES,
    );
    const candidates: Candidate[] = [];
    const shown: ArticleEvidence[] = [];
    for (const e of evidence) {
      const article = shownOf(loaded.data, e.article, e.section);
      if (!article) {
        explanation.notes.push(`corrupt record of ${loaded.data.articles.id(e.article)}: left out`);
        continue;
      }
      // toCandidate's object, completed in place (its keys first, as a spread copy would).
      const candidate = toCandidate(article) as Candidate;
      candidate.confidence = round(calibrate(loaded.model, e.features));
      candidate.score = round(e.score);
      candidates.push(candidate);
      shown.push(e);
    }
    // Confidence must rank like the candidates; keep the order, cap runner-ups at the top.
    for (let i = 1; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      c.confidence = Math.min(c.confidence, (candidates[i - 1] as Candidate).confidence);
    }
    const top = shown[0];
    if (top) {
      explanation.matchedTerms = top.matchedTerms;
      explanation.fields = top.fields;
      explanation.margin = round(
        (candidates[0]?.confidence ?? 0) - (candidates[1]?.confidence ?? 0),
      );
    } else {
      explanation.notes.push('no article shares a word with the question');
    }
    if (rewritten.otherCompanies.length > 0) {
      explanation.notes.push(`asks about another company: ${rewritten.otherCompanies.join(', ')}`);
    }
    if (rewritten.unknown.length > 0) {
      explanation.notes.push(`words no article uses: ${rewritten.unknown.slice(0, 5).join(', ')}`);
    }
    return { candidates, evidence: shown, explanation };
  }
}

/**
 * The first `max` distinct items of `list`, in order: `[...new Set(list)].slice(0, max)` without
 * the set (a question's few dozen terms: a scan is cheaper than hashing).
 */
function distinctFirst(list: string[], max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length && out.length < max; i++) {
    const item = list[i] as string;
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** Whether `list` has an item `kept` lacks. */
function hasOtherThan(list: string[], kept: string[]): boolean {
  for (let i = 0; i < list.length; i++) if (!kept.includes(list[i] as string)) return true;
  return false;
}

/**
 * Display record of article `a`, or undefined when its stored bytes are corrupt (a binary
 * artifact's records are decoded only when shown, so this is where corruption surfaces).
 */
function recordOf(data: LangIndex, a: number): ArticleRecord | undefined {
  try {
    return data.articles.get(a);
  } catch (error) {
    if (error instanceof KnowledgeError) return undefined;
    throw error;
  }
}

/** What a candidate shows of article `a` (section −1: none), or undefined when it is corrupt. */
function shownOf(data: LangIndex, a: number, section: number): ShownArticle | undefined {
  try {
    return data.articles.shown(a, section);
  } catch (error) {
    if (error instanceof KnowledgeError) return undefined;
    throw error;
  }
}

const ARABIC_LETTER = /[\u0621-\u064A]/;

/**
 * The language a code-switched question is framed in: the script of most of its function words
 * ("ابي refund", "كم shipping" are Arabic; "how do i الغي الطلب" is English), else of its first word.
 */
function frameLang(words: string[]): Lang {
  let ar = 0;
  let en = 0;
  for (const w of words) {
    if (ARABIC_STOP_WORDS.has(w)) ar++;
    else if (ENGLISH_STOP_WORDS.has(w)) en++;
  }
  if (ar !== en) return ar > en ? 'ar' : 'en';
  return ARABIC_LETTER.test(words[0] ?? '') ? 'ar' : 'en';
}

function hasContent(words: string[]): boolean {
  return words.some((w) => !ENGLISH_STOP_WORDS.has(w) && w.length > 1);
}

/** A candidate for an article, showing `section` when one clearly matched (else the summary). */
function toCandidate({
  head,
  section,
  lead,
}: ShownArticle): Omit<Candidate, 'confidence' | 'score'> {
  return {
    articleId: head.id,
    title: head.title,
    lang: head.lang,
    ...(section?.id ? { sectionId: section.id, heading: section.heading } : {}),
    url: section?.id ? section.url : head.url,
    ...(head.summary ? { summary: head.summary } : {}),
    snippet: section?.snippet ?? lead?.snippet ?? '',
    ...(section?.markdown ? { markdown: section.markdown } : {}),
  };
}

/**
 * Rankings of the parts of one question → one ranking: each article keeps its best confidence,
 * and an article that is the top of two parts gets both (1 − (1 − a)(1 − b)).
 */
function mergeRankings(parts: Ranking[], lang: Lang, langSource: 'hint' | 'script'): Ranking {
  const byId = new Map<string, Candidate>();
  const tops = parts.map((p) => p.candidates[0]).filter((c): c is Candidate => Boolean(c));
  for (const part of parts) {
    for (const c of part.candidates) {
      const seen = byId.get(c.articleId);
      if (!seen || c.confidence > seen.confidence) byId.set(c.articleId, { ...c });
    }
  }
  const [a, b] = tops;
  if (a && b && a.articleId === b.articleId) {
    const merged = byId.get(a.articleId) as Candidate;
    merged.confidence = round(1 - (1 - a.confidence) * (1 - b.confidence));
  }
  const candidates = [...byId.values()]
    .sort((x, y) => y.confidence - x.confidence)
    .slice(0, MAX_CANDIDATES);
  const lead = parts
    .filter((p) => p.candidates.length > 0)
    .sort((x, y) => (y.candidates[0]?.confidence ?? 0) - (x.candidates[0]?.confidence ?? 0))[0];
  const explanation: Explanation = {
    ...(lead ?? (parts[0] as Ranking)).explanation,
    lang,
    langSource,
    queryTerms: parts.flatMap((p) => p.explanation.queryTerms),
    notes: parts.flatMap((p) => p.explanation.notes),
  };
  explanation.margin = round((candidates[0]?.confidence ?? 0) - (candidates[1]?.confidence ?? 0));
  const evidence = lead?.evidence ?? [];
  if (candidates.length === 0) {
    const empty = parts.every((p) => p.emptyReason === 'empty-question');
    return {
      emptyReason: empty ? 'empty-question' : 'no-match',
      candidates,
      evidence,
      explanation,
    };
  }
  return { candidates, evidence, explanation };
}

/** Candidates of one question before the policy; `emptyReason` when there was nothing to rank. */
export interface Ranking {
  emptyReason?: 'empty-question' | 'no-match';
  candidates: Candidate[];
  evidence: ArticleEvidence[];
  explanation: Explanation;
}

/**
 * Which calibration fits a collection: articles that list questions and have little body text
 * (intent sets), articles with bodies only, or both (a help centre).
 */
export function collectionKind(data: LangIndex): CollectionKind {
  const n = Math.max(1, data.articles.length);
  let questionDocs = 0;
  let bodyTerms = 0;
  for (let at = 0; at < data.docs.length; at += DOC_STRIDE) {
    if (data.docs[at] === 1) questionDocs++;
    else bodyTerms += data.docs[at + 3] as number;
  }
  if (questionDocs < 2 * n) return 'body';
  return bodyTerms >= 20 * n ? 'mixed' : 'questions';
}

/**
 * Stored language index → the one in memory. Throws on malformed data (the caller wraps it).
 * The term-keyed maps are read with user words ("constructor", "__proto__"): they get no
 * prototype, so only their own keys are ever found.
 */
function decodeLangIndex(stored: LangIndexData): LangIndex {
  if (!stored.articles || typeof stored.articles !== 'object') {
    throw new TypeError('articles must be a list');
  }
  const articles = Array.isArray(stored.articles)
    ? new RecordArticleList(stored.articles)
    : stored.articles;
  const n = articles.length;
  const docs = unpackInts(stored.docs, stored.docCount * DOC_STRIDE);
  for (let at = 0; at < docs.length; at += DOC_STRIDE) {
    const article = docs[at + 1] as number;
    if ((docs[at] !== 0 && docs[at] !== 1) || article < 0 || article >= n) {
      throw new RangeError('document entry out of range');
    }
  }
  const lengths = unpackInts(stored.lm.lengths, n);
  const vectors = PairTable.decode(stored.vectors.postings, n);
  for (const map of [stored.termWeights, stored.docFreq, stored.words]) {
    Object.setPrototypeOf(map, null);
  }
  return {
    postings: TermPostings.decode(stored.postings, stored.docCount),
    docs,
    articles,
    termWeights: stored.termWeights,
    docFreq: stored.docFreq,
    lm: { lengths, total: stored.lm.total, postings: PairTable.decode(stored.lm.postings, n) },
    vectors: {
      postings: vectors,
      idf: unpackInts(stored.vectors.idf, vectors.size),
      unknownIdf: stored.vectors.unknownIdf,
    },
    words: stored.words,
    unknownTermWeight: stored.unknownTermWeight,
    ...(stored.classifier
      ? { classifier: { weights: PairTable.decode(stored.classifier.weights, n) } }
      : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function isLogisticModel(model: unknown): model is LogisticModel {
  const m = model as Partial<LogisticModel> | undefined;
  return (
    typeof m?.intercept === 'number' &&
    Array.isArray(m.weights) &&
    m.weights.every((w) => typeof w === 'number')
  );
}
