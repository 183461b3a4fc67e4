/**
 * Names in the content studio: an article's file (`<lang>/<id>.md`, the key in the live store)
 * and the studio store's keys for its draft, history versions, audit entries and the publish
 * report. Every name a client sends is checked here, so a bad `:lang/:id` or version is a 400
 * and never reaches a store.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import { LANGS, type Lang } from '../types.ts';

/** An article id the studio accepts: letters, digits, `-` and `_`, starting with a letter or digit. */
const ARTICLE_ID = /^[A-Za-z0-9][\w-]{0,119}$/;
/** `20261202T071500123Z-ab12cd34` */
const VERSION_ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
/** A live collection key that is an article (README.md and other files are not). */
const ARTICLE_FILE = /^(en|ar)\/([A-Za-z0-9][\w-]{0,119})\.md$/;

export const REPORT_KEY = 'report/rejected.json';
export const DRAFTS_PREFIX = 'drafts/';
export const HISTORY_PREFIX = 'history/';
export const AUDIT_PREFIX = 'audit/';

/** An article's language and id, and its file. */
export interface ArticleRef {
  lang: Lang;
  id: string;
  file: string;
}

/**
 * The article named by a route's `:lang/:id`; ValidationError (400) when either is not valid.
 * @example articleRef('en', 'reset-password') // { lang: 'en', id: 'reset-password', file: 'en/reset-password.md' }
 */
export function articleRef(lang: string, id: string): ArticleRef {
  if (!(LANGS as readonly string[]).includes(lang)) {
    throw new ValidationError(`lang must be one of ${LANGS.join(', ')}`, { field: 'lang' });
  }
  if (!ARTICLE_ID.test(id)) {
    throw new ValidationError(
      'article id must be 1–120 letters, digits, - or _ (starting with a letter or digit)',
      { field: 'id' },
    );
  }
  return { lang: lang as Lang, id, file: `${lang}/${id}.md` };
}

/** The article a file (`en/x.md`) names; ValidationError when it is not an article file. */
export function refOfFile(file: string): ArticleRef {
  const match = ARTICLE_FILE.exec(file);
  if (!match) throw new ValidationError('file must be <lang>/<id>.md', { field: 'file' });
  return articleRef(match[1] as string, match[2] as string);
}

/** True when a live store key is an article file. */
export function isArticleFile(key: string): boolean {
  return ARTICLE_FILE.test(key);
}

/** Checks a version id from a client (400 when malformed). */
export function checkVersionId(version: string): string {
  if (!VERSION_ID.test(version)) {
    throw new ValidationError('version must look like 20261202T071500123Z-ab12cd34', {
      field: 'version',
    });
  }
  return version;
}

/** sha256 (hex) of an article's source: what `baseHash` and `expectedHash` compare. */
export function sourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/** `2026-12-02T07:15:00.123Z` → `20261202T071500123Z` (sorts as the time does). */
export function compactTime(iso: string): string {
  return iso.replace(/[-:.]/g, '');
}

/** The version id of a history record written at `at` for a source hashing to `hash`. */
export function versionId(at: string, hash: string): string {
  return `${compactTime(at)}-${(hash || '0'.repeat(8)).slice(0, 8)}`;
}

export const draftKey = (file: string): string => `${DRAFTS_PREFIX}${file}`;
export const historyPrefix = (file: string): string => `${HISTORY_PREFIX}${file}/`;
export const historyKey = (file: string, version: string): string =>
  `${historyPrefix(file)}${version}.json`;

/** `audit/2026-12/20261202T071500123Z-1a2b3c4d.json` */
export function auditKey(at: string, random: string): string {
  return `${AUDIT_PREFIX}${at.slice(0, 7)}/${compactTime(at)}-${random}.json`;
}

/** The other language of the two. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'ar' : 'en';
}
