/**
 * Analytics counters on DynamoDB (table `stats`: pk, sk). Every write is an UpdateItem `ADD`, so
 * concurrent Lambdas never lose a count. Key layout, chosen so a year is a handful of queries:
 *   traffic per day      pk `day#<dimension>#<YYYY>`   sk `<YYYY-MM-DD>`
 *   articles per day     pk `art#<lang>#<YYYY>`        sk `<YYYY-MM-DD>.<bucket>`  attributes `<counter>@<articleId>`
 *   articles per month   pk `artm#<lang>#<YYYY>`       sk `<YYYY-MM>.<bucket>`     (the same)
 *   gap questions        pk `gapq#<lang>#<YYYY-MM>`    sk `<at>#<messageId>`
 *   keyed per day        pk `kd#<family>#<dimension>#<YYYY>`  sk `<YYYY-MM-DD>.<bucket>`  attributes `<counter>@<key>`
 *   keyed per month      pk `km#<family>#<dimension>#<YYYY>`  sk `<YYYY-MM>.<bucket>`     (the same)
 * A language's articles share a few items per day (and per month; see ARTICLE_BUCKETS), so a
 * year of article totals is a few range queries: whole months from the monthly items, and only
 * the partial months at the range's ends from the daily ones. A breakdown series reads only the
 * counters it needs.
 *
 * Sharded counters: increments from the stream consumer (with an IncrementOrigin) go to one of
 * COUNTER_SHARDS items per aggregate, sk `<day or month>#<shard>`, so many stream shards writing
 * the same day never share one hot item; readers sum every item whose sk starts with the day.
 * Article counters are further spread over ARTICLE_BUCKETS items by a hash of the article id
 * (sk `<day or month>[#<shard>].<bucket>`): one batch naming hundreds of articles would otherwise
 * make one UpdateItem whose expression DynamoDB refuses (over 4 KB: ValidationException, the
 * whole batch failing again and again), and one item holding every article of a busy day costs
 * write units by its size on every update. An article always lands in the same bucket, so a
 * bucket item is an aggregate like any other (one write per batch, its own watermark). Writes
 * without an origin (in process) that still name more than MAX_COUNTERS_PER_WRITE counters are
 * cut into several UpdateItems.
 * Keyed counters (per queue, agent, start page: the desk analytics) are laid out like the
 * articles, one partition per family and dimension, spread over KEYED_BUCKETS[family] items by
 * a hash of the key (a queue, agent or page always lands in the same bucket).
 * Each such write is `ADD <counts> SET wm_<writer> = :position` on the condition that the item
 * has no higher-or-equal position from that writer: counts and position change atomically, so a
 * redelivered batch is skipped item by item (ConditionalCheckFailed) and never counted twice.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { monthSpans, yearSpans } from '#core/analytics/days.ts';
import {
  addCounts,
  checkGapQuestion,
  checkOrigin,
  checkUpdate,
  laterPosition,
  mergeUpdates,
  StatsStore,
  type ArticleCounters,
  type CounterUpdate,
  type Counts,
  type DayCounters,
  type GapQuestion,
  type IncrementOrigin,
  type IncrementResult,
  checkKeyed,
  type Grain,
  type KeyedCounters,
  type KeyedFamily,
  WATERMARK_PREFIX,
} from '#core/analytics/stats-store.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { documentClient } from '../dynamodb/dynamo-client.ts';
import { errorName, storeCall } from '../dynamodb/store-error.ts';

export interface DynamoStatsStoreOptions {
  client: DynamoDBClient;
  tableName: string;
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk']);
const HIGH = '\uffff';
/** Items a day's (and a month's) article counters are spread over, by a hash of the article id. */
export const ARTICLE_BUCKETS = 16;
/**
 * Items a day's (and a month's) keyed counters of one family and dimension are spread over: a
 * desk has a few queues and tens of agents; pages are many (a stream batch of 500 first turns
 * must stay far below MAX_COUNTERS_PER_WRITE per item).
 */
export const KEYED_BUCKETS: Record<KeyedFamily, number> = { queue: 2, agent: 8, page: 16 };
const FAMILY_CODES: Record<KeyedFamily, string> = { queue: 'q', agent: 'ag', page: 'pg' };
/**
 * Counters one UpdateItem adds at most: DynamoDB refuses an expression over 4 KB, and each
 * counter takes `#cNN :cNN, ` (11 bytes) of it.
 */
export const MAX_COUNTERS_PER_WRITE = 250;

export class DynamoStatsStore extends StatsStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: DynamoStatsStoreOptions) {
    super();
    this.doc = documentClient(options.client);
    this.tableName = options.tableName;
  }

  override async increment(
    updates: CounterUpdate[],
    origin?: IncrementOrigin,
  ): Promise<IncrementResult> {
    updates.forEach(checkUpdate);
    if (origin) checkOrigin(origin);
    const shard = origin ? `#${origin.shard}` : '';
    type Write = { pk: string; sk: string; counts: Counts; position?: string };
    const writes: Write[] = [];
    for (const u of mergeUpdates(updates)) {
      const year = u.day.slice(0, 4);
      const position = u.position ?? origin?.position;
      if (u.scope === 'day') {
        const sk = `${u.day}${shard}`;
        writes.push({ pk: `day#${u.dimension}#${year}`, sk, counts: u.counts, position });
      } else if (u.scope === 'keyed') {
        const counts = Object.fromEntries(
          Object.entries(u.counts).map(([name, value]) => [`${name}@${u.key}`, value]),
        );
        const bucket = `.${keyedBucketOf(u.family, u.key)}`;
        const family = `${FAMILY_CODES[u.family]}#${u.dimension}`;
        const month = `${u.day.slice(0, 7)}${shard}${bucket}`;
        const day = `${u.day}${shard}${bucket}`;
        writes.push({ pk: `kd#${family}#${year}`, sk: day, counts, position });
        writes.push({ pk: `km#${family}#${year}`, sk: month, counts, position });
      } else {
        const counts = Object.fromEntries(
          Object.entries(u.counts).map(([name, value]) => [`${name}@${u.articleId}`, value]),
        );
        const bucket = `.${articleBucketOf(u.articleId)}`;
        const month = `${u.day.slice(0, 7)}${shard}${bucket}`;
        const day = `${u.day}${shard}${bucket}`;
        writes.push({ pk: `art#${u.lang}#${year}`, sk: day, counts, position });
        writes.push({ pk: `artm#${u.lang}#${year}`, sk: month, counts, position });
      }
    }
    // One write per item: a language's articles share their day and month items, and an item
    // takes one position per write (the latest of what is merged into it; see IncrementOrigin).
    const items = new Map<string, Write>();
    for (const w of writes) {
      const key = `${w.pk}|${w.sk}`;
      const item = items.get(key);
      if (!item) items.set(key, { ...w, counts: { ...w.counts } });
      else {
        addCounts(item.counts, w.counts);
        item.position = laterPosition(item.position, w.position);
      }
    }
    // All writes settle before a failure is reported, so a retry never races this attempt.
    const settled = await Promise.allSettled(
      [...items.values()].map((w) =>
        origin
          ? this.add(w.pk, w.sk, w.counts, { ...origin, position: w.position! })
          : this.addInParts(w.pk, w.sk, w.counts),
      ),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const applied = settled.map((r) => (r as PromiseFulfilledResult<boolean>).value);
    const n = applied.filter(Boolean).length;
    return { applied: n, skipped: applied.length - n };
  }

  override async dailyCounters(
    dimension: string,
    from: string,
    to: string,
    counters?: string[],
  ): Promise<DayCounters[]> {
    const perYear = await Promise.all(
      yearSpans(from, to).map((span) =>
        this.queryAll({
          pk: `day#${dimension}#${span.year}`,
          from: span.from,
          to: `${span.to}${HIGH}`,
          ...(counters ? { attributes: ['sk', ...counters] } : {}),
        }),
      ),
    );
    // Sharded items (`<day>#<shard>`) of a day are summed into one row.
    const days = new Map<string, Counts>();
    for (const item of perYear.flat()) {
      const day = String(item.sk).slice(0, 10);
      days.set(day, addCounts(days.get(day) ?? {}, countsOf(item)));
    }
    return [...days].map(([day, counts]) => ({ day, counts }));
  }

  override async articleCounters(
    from: string,
    to: string,
    lang?: Lang,
  ): Promise<ArticleCounters[]> {
    const reads: Promise<{ lang: Lang; items: Record<string, unknown>[] }>[] = [];
    for (const l of lang ? [lang] : LANGS) {
      const spans = monthSpans(from, to);
      for (const span of spans.filter((s) => !s.whole)) {
        const pk = `art#${l}#${span.from.slice(0, 4)}`;
        reads.push(
          this.queryAll({ pk, from: span.from, to: `${span.to}${HIGH}` }).then((items) => ({
            lang: l,
            items,
          })),
        );
      }
      const wholeByYear = new Map<string, string[]>();
      for (const span of spans.filter((s) => s.whole)) {
        const year = span.month.slice(0, 4);
        wholeByYear.set(year, [...(wholeByYear.get(year) ?? []), span.month]);
      }
      for (const [year, months] of wholeByYear) {
        const pk = `artm#${l}#${year}`;
        reads.push(
          this.queryAll({ pk, from: months[0]!, to: `${months.at(-1)!}${HIGH}` }).then((items) => ({
            lang: l,
            items,
          })),
        );
      }
    }
    const totals = new Map<string, ArticleCounters>();
    for (const read of await Promise.all(reads)) {
      for (const item of read.items) {
        for (const [attribute, value] of Object.entries(countsOf(item))) {
          const at = attribute.indexOf('@');
          if (at < 0) continue;
          const articleId = attribute.slice(at + 1);
          const key = `${read.lang}|${articleId}`;
          const row = totals.get(key) ?? { lang: read.lang, articleId, counts: {} };
          addCounts(row.counts, { [attribute.slice(0, at)]: value });
          totals.set(key, row);
        }
      }
    }
    return [...totals.values()];
  }

  override async keyedCounters(
    family: KeyedFamily,
    dimension: string,
    from: string,
    to: string,
    grain: Grain,
  ): Promise<KeyedCounters[]> {
    checkKeyed(family, dimension);
    const partition = `${FAMILY_CODES[family]}#${dimension}`;
    // Each read names how its items' sort keys give the period they count for.
    const reads: Promise<{ items: Record<string, unknown>[]; chars: number }>[] = [];
    const read = (pk: string, first: string, last: string, chars: number) =>
      reads.push(
        this.queryAll({ pk, from: first, to: `${last}${HIGH}` }).then((items) => ({
          items,
          chars,
        })),
      );
    if (grain === 'day') {
      for (const span of yearSpans(from, to))
        read(`kd#${partition}#${span.year}`, span.from, span.to, 10);
    } else {
      const spans = monthSpans(from, to);
      for (const span of spans.filter((s) => !s.whole)) {
        read(`kd#${partition}#${span.from.slice(0, 4)}`, span.from, span.to, 7);
      }
      const wholeByYear = new Map<string, string[]>();
      for (const span of spans.filter((s) => s.whole)) {
        const year = span.month.slice(0, 4);
        wholeByYear.set(year, [...(wholeByYear.get(year) ?? []), span.month]);
      }
      for (const [year, months] of wholeByYear) {
        read(`km#${partition}#${year}`, months[0]!, months.at(-1)!, 7);
      }
    }
    const rows = new Map<string, KeyedCounters>();
    for (const { items, chars } of await Promise.all(reads)) {
      for (const item of items) {
        const period = String(item.sk).slice(0, chars);
        for (const [attribute, value] of Object.entries(countsOf(item))) {
          const at = attribute.indexOf('@');
          if (at < 0 || value === 0) continue;
          const key = attribute.slice(at + 1);
          const id = JSON.stringify([period, key]);
          const row = rows.get(id) ?? { period, key, counts: {} };
          addCounts(row.counts, { [attribute.slice(0, at)]: value });
          rows.set(id, row);
        }
      }
    }
    return [...rows.values()];
  }

  override async addGapQuestion(question: GapQuestion): Promise<void> {
    checkGapQuestion(question);
    const item = {
      ...question,
      pk: `gapq#${question.lang}#${question.at.slice(0, 7)}`,
      sk: `${question.at}#${question.messageId}`,
    };
    await storeCall('PutItem', { table: this.tableName, pk: item.pk }, () =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })),
    );
  }

  override async gapQuestions(
    lang: Lang,
    from: string,
    to: string,
    limit: number,
  ): Promise<GapQuestion[]> {
    const months = monthSpans(from, to).reverse();
    const found: GapQuestion[] = [];
    for (const span of months) {
      if (found.length >= limit) break;
      const items = await this.queryAll({
        pk: `gapq#${lang}#${span.month}`,
        from: span.from,
        to: `${span.to}${HIGH}`,
        newestFirst: true,
        limit: limit - found.length,
      });
      for (const item of items) {
        const { pk: _pk, sk: _sk, ...question } = item;
        found.push(question as unknown as GapQuestion);
      }
    }
    return found.slice(0, limit);
  }

  /**
   * Counts without an origin, in as many UpdateItems as the expression limit needs (nothing to
   * keep atomic: no watermark rides along).
   */
  private async addInParts(pk: string, sk: string, counts: Counts): Promise<boolean> {
    const entries = Object.entries(counts);
    for (let at = 0; at < entries.length; at += MAX_COUNTERS_PER_WRITE) {
      await this.add(pk, sk, Object.fromEntries(entries.slice(at, at + MAX_COUNTERS_PER_WRITE)));
    }
    return true;
  }

  /** One UpdateItem; false when the origin's position was already applied to the item. */
  private async add(
    pk: string,
    sk: string,
    counts: Counts,
    origin?: IncrementOrigin,
  ): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, number | string> = {};
    const parts = Object.entries(counts).map(([name, value], i) => {
      const alias = i.toString(36);
      names[`#c${alias}`] = name;
      values[`:c${alias}`] = value;
      return `#c${alias} :c${alias}`;
    });
    let expression = `ADD ${parts.join(', ')}`;
    let condition: string | undefined;
    if (origin) {
      names['#w'] = watermarkName(origin.writer);
      values[':w'] = origin.position;
      expression += ' SET #w = :w';
      condition = 'attribute_not_exists(#w) OR #w < :w';
    }
    try {
      await storeCall('UpdateItem', { table: this.tableName, pk, sk }, () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk, sk },
            UpdateExpression: expression,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ...(condition ? { ConditionExpression: condition } : {}),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (origin && errorName(error) === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Items of one partition with `from <= sk <= to`, every page, up to `limit`. */
  private async queryAll(options: {
    pk: string;
    from: string;
    to: string;
    newestFirst?: boolean;
    limit?: number;
    /** Only these attributes (a projection). */
    attributes?: string[];
  }): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const projection = options.attributes?.map((name, i) => [`#p${i}`, name] as const);
      const input: QueryCommandInput = {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ...(projection
          ? {
              ProjectionExpression: projection.map(([alias]) => alias).join(', '),
              ExpressionAttributeNames: Object.fromEntries(projection),
            }
          : {}),
        ExpressionAttributeValues: { ':pk': options.pk, ':from': options.from, ':to': options.to },
        ScanIndexForward: !options.newestFirst,
        ...(options.limit ? { Limit: options.limit - items.length } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      };
      const result = await storeCall('Query', { table: this.tableName, pk: options.pk }, () =>
        this.doc.send(new QueryCommand(input)),
      );
      items.push(...((result.Items ?? []) as Record<string, unknown>[]));
      startKey = result.LastEvaluatedKey;
    } while (startKey && (!options.limit || items.length < options.limit));
    return items;
  }
}

/** The bucket of an article's counters (FNV-1a of its id: stable, cheap, well spread). */
export function articleBucketOf(articleId: string): number {
  return fnv1a(articleId) % ARTICLE_BUCKETS;
}

/** The bucket of a key's counters in its family (FNV-1a of the key). */
export function keyedBucketOf(family: KeyedFamily, key: string): number {
  return fnv1a(key) % KEYED_BUCKETS[family];
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The attribute keeping a writer's position on a counter item: short, stable, never a counter. */
function watermarkName(writer: string): string {
  return `${WATERMARK_PREFIX}${createHash('sha256').update(writer).digest('hex').slice(0, 16)}`;
}

function countsOf(item: Record<string, unknown>): Counts {
  const counts: Counts = {};
  for (const [name, value] of Object.entries(item)) {
    if (!KEY_ATTRIBUTES.has(name) && typeof value === 'number') counts[name] = value;
  }
  return counts;
}
