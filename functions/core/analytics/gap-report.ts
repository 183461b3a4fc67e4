/**
 * The content-gap report: what customers asked that the help centre did not answer well, grouped
 * into clusters of similar questions per language and ranked by how many customers they affect.
 * Each cluster carries examples, the nearest existing article (or none), the staff reply a
 * writer can turn into an article (joined through the tickets), and the "suggest an article"
 * entries staff filed on the same topic.
 */
import { ValidationError } from '../errors.ts';
import type { Clock, ContentGap, ContentGapStore, TicketStore } from '../ports.ts';
import { LANGS, type Lang } from '../types.ts';
import { addDays, dayOf } from './days.ts';
import { clusterQuestions, type ClusterInput } from './cluster-questions.ts';
import { MAX_GAP_QUESTIONS, type GapQuestion, type StatsStore } from './stats-store.ts';

export interface GapReportDeps {
  stats: StatsStore;
  tickets: TicketStore;
  gaps: ContentGapStore;
  clock: Clock;
}

export interface GapCluster {
  /** Stable within one report: `<lang>-<n>`. */
  id: string;
  lang: Lang;
  /** Distinct customers (sessions) who asked, plus staff suggestions. */
  customers: number;
  questions: number;
  suggestions: number;
  /** Up to five distinct example questions, newest first. */
  examples: string[];
  /** The cluster's main terms (stems), as a label. */
  terms: string[];
  /** The article retrieval found closest most often, with its best confidence. */
  nearestArticle?: { articleId: string; confidence: number };
  escalations: number;
  reasons: Record<string, number>;
  ticketRefs: string[];
  /** A staff reply to one of the cluster's tickets: raw material for a new article. */
  staffAnswer?: { ticketRef: string; text: string; by: string; at: string };
  suggested: { question: string; note?: string; by?: string; at: string; ticketRef?: string }[];
  firstAt: string;
  lastAt: string;
}

export interface GapClusterReport {
  lang?: Lang;
  days: number;
  from: string;
  to: string;
  generatedAt: string;
  /** Gap questions read (bounded by MAX_GAP_QUESTIONS per language). */
  questionCount: number;
  clusters: GapCluster[];
}

export const MAX_GAP_DAYS = 366;
const MAX_CLUSTERS = 100;
const TICKETS_LOOKED_UP_PER_CLUSTER = 5;

type Member = ClusterInput &
  ({ kind: 'question'; question: GapQuestion } | { kind: 'suggestion'; gap: ContentGap });

export class GapReportService {
  constructor(private readonly deps: GapReportDeps) {}

  /** Clusters for the last `days` days (today included), one language or both. */
  async clusters(request: {
    lang?: string;
    days?: number;
    /**
     * Tickets whose question a staff member marked as answered by an article: a phrasing the
     * help centre already answers, not a gap (the learning loop suggests the phrasing instead).
     */
    answeredTickets?: ReadonlySet<string>;
  }): Promise<GapClusterReport> {
    const days = request.days ?? 30;
    if (!Number.isInteger(days) || days < 1 || days > MAX_GAP_DAYS) {
      throw new ValidationError(`days must be an integer from 1 to ${MAX_GAP_DAYS}`, { days });
    }
    if (request.lang !== undefined && !LANGS.includes(request.lang as Lang)) {
      throw new ValidationError(`lang must be one of ${LANGS.join(', ')}`, { lang: request.lang });
    }
    const lang = request.lang as Lang | undefined;
    const now = this.deps.clock.now();
    const to = dayOf(now);
    const from = addDays(to, -(days - 1));
    const langs = lang ? [lang] : LANGS;
    const [questions, suggestions] = await Promise.all([
      Promise.all(langs.map((l) => this.deps.stats.gapQuestions(l, from, to, MAX_GAP_QUESTIONS))),
      this.deps.gaps.list({ ...(lang ? { lang } : {}), limit: 1000 }),
    ]);
    const clusters: GapCluster[] = [];
    langs.forEach((l, i) => {
      const members: Member[] = [
        ...(questions[i] ?? [])
          .filter((q) => !(q.ticketRef && request.answeredTickets?.has(q.ticketRef)))
          .map((q) => ({
            kind: 'question' as const,
            id: `q|${q.at}|${q.messageId}`,
            text: q.text,
            at: q.at,
            question: q,
          })),
        ...suggestions
          .filter((g) => g.lang === l && dayOf(g.at) >= from)
          .map((g) => ({
            kind: 'suggestion' as const,
            id: `s|${g.id}`,
            text: g.question,
            at: g.at,
            gap: g,
          })),
      ];
      clusters.push(
        ...clusterQuestions(members).map((c, n) =>
          summarize(`${l}-${n + 1}`, l, c.members, c.terms),
        ),
      );
    });
    clusters.sort(
      (a, b) =>
        b.customers - a.customers ||
        b.questions - a.questions ||
        cmp(b.lastAt, a.lastAt) ||
        cmp(a.id, b.id),
    );
    const top = clusters.slice(0, MAX_CLUSTERS);
    await Promise.all(top.map((cluster) => this.findStaffAnswer(cluster)));
    return {
      ...(lang ? { lang } : {}),
      days,
      from,
      to,
      generatedAt: now.toISOString(),
      questionCount: questions.reduce((n, list) => n + list.length, 0),
      clusters: top,
    };
  }

  /** The newest staff reply among the cluster's tickets (a few looked up, newest first). */
  private async findStaffAnswer(cluster: GapCluster): Promise<void> {
    for (const ref of cluster.ticketRefs.slice(0, TICKETS_LOOKED_UP_PER_CLUSTER)) {
      const ticket = await this.deps.tickets.get(ref);
      const reply = ticket?.replies.at(-1);
      if (reply) {
        cluster.staffAnswer = { ticketRef: ref, text: reply.text, by: reply.by, at: reply.at };
        return;
      }
    }
  }
}

function summarize(id: string, lang: Lang, members: Member[], terms: string[]): GapCluster {
  const newestFirst = [...members].sort((a, b) => cmp(b.at, a.at) || cmp(a.id, b.id));
  const questions = newestFirst.flatMap((m) => (m.kind === 'question' ? [m.question] : []));
  const suggestions = newestFirst.flatMap((m) => (m.kind === 'suggestion' ? [m.gap] : []));
  const sessions = new Set(questions.map((q) => q.sessionId));
  const examples: string[] = [];
  for (const m of newestFirst) {
    const text = m.text.trim();
    if (text && !examples.includes(text) && examples.length < 5) examples.push(text);
  }
  const reasons: Record<string, number> = {};
  for (const q of questions) if (q.reason) reasons[q.reason] = (reasons[q.reason] ?? 0) + 1;
  const refs = [
    ...questions.map((q) => q.ticketRef),
    ...suggestions.map((g) => g.ticketRef),
  ].filter((r): r is string => Boolean(r));
  const cluster: GapCluster = {
    id,
    lang,
    customers: sessions.size + suggestions.length,
    questions: questions.length,
    suggestions: suggestions.length,
    examples,
    terms,
    escalations: questions.filter((q) => q.outcome === 'escalate').length,
    reasons,
    ticketRefs: [...new Set(refs)].slice(0, 20),
    suggested: suggestions.slice(0, 10).map((g) => ({
      question: g.question,
      at: g.at,
      ...(g.note ? { note: g.note } : {}),
      ...(g.suggestedBy ? { by: g.suggestedBy } : {}),
      ...(g.ticketRef ? { ticketRef: g.ticketRef } : {}),
    })),
    firstAt: newestFirst.at(-1)?.at ?? '',
    lastAt: newestFirst[0]?.at ?? '',
  };
  const nearest = nearestArticle(questions);
  if (nearest) cluster.nearestArticle = nearest;
  return cluster;
}

/** The article most often closest (ties: higher confidence, then id), with its best confidence. */
function nearestArticle(questions: GapQuestion[]): GapCluster['nearestArticle'] {
  const seen = new Map<string, { n: number; best: number }>();
  for (const q of questions) {
    if (!q.articleId) continue;
    const entry = seen.get(q.articleId) ?? { n: 0, best: 0 };
    entry.n += 1;
    entry.best = Math.max(entry.best, q.confidence ?? 0);
    seen.set(q.articleId, entry);
  }
  const [top] = [...seen].sort(
    (a, b) => b[1].n - a[1].n || b[1].best - a[1].best || cmp(a[0], b[0]),
  );
  return top ? { articleId: top[0], confidence: top[1].best } : undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
