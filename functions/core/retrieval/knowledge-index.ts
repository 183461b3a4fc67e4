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
import type lunr from 'lunr';
import { KnowledgeError } from '../errors.ts';
import type { Candidate, Decision, DecisionThresholds, Explanation, Lang } from '../types.ts';
import { analyzeText } from './analyze-text.ts';
import { calibrate } from './calibration.ts';
import type { LogisticModel } from './calibration.ts';
import { applyPolicy } from './decision-policy.ts';
import { detectLang } from './detect-lang.ts';
import type { ArticleRecord, IndexArtifact, LangIndex } from './index-artifact.ts';
import { ARTIFACT_VERSION } from './index-artifact.ts';
import { setupLunr } from './lunr-setup.ts';
import { DEFAULT_RETRIEVAL_PARAMS } from './retrieval-params.ts';
import type { RetrievalParams } from './retrieval-params.ts';
import { scoreQuestion } from './score-question.ts';
import type { ArticleEvidence } from './score-question.ts';

const MAX_CANDIDATES = 5;

interface LoadedLang {
  data: LangIndex;
  idx: lunr.Index;
  model: LogisticModel;
  byId: Map<string, ArticleRecord>;
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

  /** Load an artifact (object or its JSON). Throws KnowledgeError on a malformed artifact. */
  static load(
    artifact: IndexArtifact | string,
    params: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
  ): KnowledgeIndex {
    let parsed: IndexArtifact;
    try {
      parsed = typeof artifact === 'string' ? (JSON.parse(artifact) as IndexArtifact) : artifact;
    } catch (cause) {
      throw new KnowledgeError('index artifact is not valid JSON', {}, { cause });
    }
    if (!parsed || parsed.version !== ARTIFACT_VERSION || !parsed.indexes) {
      throw new KnowledgeError('index artifact has an unsupported version', {
        version: parsed?.version,
        expected: ARTIFACT_VERSION,
      });
    }
    const l = setupLunr();
    const langs = new Map<Lang, LoadedLang>();
    for (const lang of parsed.langs) {
      const data = parsed.indexes[lang];
      if (!data) throw new KnowledgeError(`index artifact lacks the ${lang} index`, { lang });
      let idx: lunr.Index;
      try {
        idx = l.Index.load(data.lunr);
      } catch (cause) {
        throw new KnowledgeError(`cannot load the ${lang} Lunr index`, { lang }, { cause });
      }
      const questionDocs = data.docs.filter((d) => d[0] === 1).length;
      const withQuestions = questionDocs >= 2 * Math.max(1, data.articles.length);
      const model = withQuestions ? parsed.calibration.questions : parsed.calibration.body;
      const byId = new Map(data.articles.map((a) => [a.id, a]));
      langs.set(lang, { data, idx, model, byId });
    }
    const meta = {
      hash: parsed.hash,
      builtAt: parsed.builtAt,
      articleCount: parsed.articleCount,
      langs: [...parsed.langs],
    };
    return new KnowledgeIndex(langs, meta, params);
  }

  article(lang: Lang, id: string): ArticleRecord | undefined {
    return this.langs.get(lang)?.byId.get(id);
  }

  /** Decide how to respond to a question. Never throws for any text. */
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

  /** Rank candidate articles with their calibrated confidence and the evidence behind it. */
  rank(question: { text: string; lang?: Lang }): Ranking {
    const text = typeof question.text === 'string' ? question.text : '';
    const hinted = question.lang && this.langs.has(question.lang) ? question.lang : undefined;
    const detected = detectLang(text);
    const lang: Lang =
      hinted ?? (detected && this.langs.has(detected) ? detected : (this.meta.langs[0] ?? 'en'));
    const analyzed = analyzeText(text, this.params.maxWords);
    const terms = [...new Set(analyzed.terms)].slice(0, this.params.maxTerms);
    const all = [...new Set(analyzed.all)].slice(0, this.params.maxTerms * 2);
    const sequence = analyzed.all.slice(0, this.params.maxTerms * 4);
    const explanation: Explanation = {
      lang,
      langSource: hinted ? 'hint' : 'script',
      queryTerms: terms,
      matchedTerms: [],
      fields: [],
      margin: 0,
      notes: [],
    };
    if (analyzed.terms.length > terms.length) {
      explanation.notes.push(`question cut to its first ${this.params.maxTerms} distinct terms`);
    }
    const loaded = this.langs.get(lang);
    if (all.length === 0 || !loaded) {
      explanation.notes.push(
        loaded ? 'question had no searchable words' : `no articles in language ${lang}`,
      );
      const emptyReason = all.length === 0 ? 'empty-question' : 'no-match';
      return { emptyReason, candidates: [], evidence: [], explanation };
    }

    const evidence = scoreQuestion(
      loaded.idx,
      loaded.data,
      { terms, all, sequence },
      this.params,
      MAX_CANDIDATES,
    );
    const candidates: Candidate[] = evidence.map((e) => {
      const record = loaded.data.articles[e.article] as ArticleRecord;
      const section = record.sections[e.section];
      return {
        articleId: record.id,
        title: record.title,
        lang: record.lang,
        ...(section?.id ? { sectionId: section.id, heading: section.heading } : {}),
        url: section?.url ?? record.url,
        ...(record.summary ? { summary: record.summary } : {}),
        snippet: section?.snippet ?? '',
        confidence: round(calibrate(loaded.model, e.features)),
        score: round(e.score),
      };
    });
    // Confidence must rank like the candidates; keep the order, cap runner-ups at the top.
    for (let i = 1; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      c.confidence = Math.min(c.confidence, (candidates[i - 1] as Candidate).confidence);
    }
    const top = evidence[0];
    if (top) {
      explanation.matchedTerms = top.matchedTerms;
      explanation.fields = top.fields;
      explanation.margin = round(
        (candidates[0]?.confidence ?? 0) - (candidates[1]?.confidence ?? 0),
      );
    } else {
      explanation.notes.push('no article shares a word with the question');
    }
    return { candidates, evidence, explanation };
  }
}

/** Candidates of one question before the policy; `emptyReason` when there was nothing to rank. */
export interface Ranking {
  emptyReason?: 'empty-question' | 'no-match';
  candidates: Candidate[];
  evidence: ArticleEvidence[];
  explanation: Explanation;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
