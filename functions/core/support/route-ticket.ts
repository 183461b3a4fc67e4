/**
 * Which queue a hand-off goes to: by the customer's language and the topic of the conversation,
 * read from the tags of the articles it touched. The articles are tried in order (the question's
 * candidates in rank order, the top one first, then the articles of earlier turns, latest
 * first); the first whose tags any queue serving the language takes decides — the queue sharing
 * the most tags with it, the earlier in support.json on a tie. Nothing matches: the language's
 * default queue.
 */
import type { Lang } from '../types.ts';
import type { SupportConfig, SupportQueue } from './support-config.ts';

export interface RouteRequest {
  lang: Lang;
  /** Tags of the articles the conversation is about, most telling first. */
  topics: readonly (readonly string[])[];
}

export interface Route {
  queue: SupportQueue;
  /** `tags` when an article's tags chose the queue, `default` when none did. */
  by: 'tags' | 'default';
  /** The tags the queue shares with the deciding article. */
  matched: string[];
}

/**
 * The queue for a ticket.
 *
 * @example
 * routeTicket(support, { lang: 'ar', topics: [['الإرجاع', 'الاسترداد']] }).queue.id // 'returns'
 */
export function routeTicket(config: SupportConfig, request: RouteRequest): Route {
  const serving = config.queues.filter((q) => q.langs.includes(request.lang));
  for (const tags of request.topics) {
    let best: { queue: SupportQueue; matched: string[] } | undefined;
    for (const queue of serving) {
      const matched = queue.tags.filter((tag) => tags.includes(tag));
      if (matched.length > (best?.matched.length ?? 0)) best = { queue, matched };
    }
    if (best) return { queue: best.queue, by: 'tags', matched: best.matched };
  }
  return { queue: defaultQueueFor(config, request.lang), by: 'default', matched: [] };
}

/** The queue of a language's tickets that no queue's tags claim (also: tickets without a queue). */
export function defaultQueueFor(config: SupportConfig, lang: Lang): SupportQueue {
  const id = config.defaultQueue[lang];
  const queue = config.queues.find((q) => q.id === id);
  // parseSupportConfig guarantees it; a hand-built config without one is a programming error.
  if (!queue) throw new Error(`support configuration has no default queue for ${lang}`);
  return queue;
}

/** The queue a ticket belongs to: its own, or (tickets from before routing) its language's default. */
export function queueOfTicket(
  config: SupportConfig,
  ticket: { queue?: string; lang: Lang },
): SupportQueue {
  return config.queues.find((q) => q.id === ticket.queue) ?? defaultQueueFor(config, ticket.lang);
}
