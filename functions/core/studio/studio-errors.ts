/**
 * Typed failures of the content studio, mapped to HTTP statuses by the studio routes:
 * someone published meanwhile (409), the article has lint errors (422), the source is too large
 * (413). Bad names and missing articles use the core's ValidationError (400) and NotFoundError (404).
 */
import { MujibError } from '../errors.ts';
import type { Problem } from '../knowledge/article.ts';

/** Largest article source the studio takes, in UTF-8 bytes (the HTTP body limit is 64 KiB too). */
export const MAX_SOURCE_BYTES = 64 * 1024;
/** Longest question for try-it. */
export const MAX_QUESTION_CHARS = 500;

/** The live article is not the version the writer started from: maps to 409. */
export class StudioConflictError extends MujibError {
  constructor(
    readonly file: string,
    readonly liveHash: string,
    readonly expectedHash: string,
  ) {
    super(
      `${file} was changed since you opened it (someone published meanwhile): reload it and merge your changes`,
      { file, liveHash, expectedHash },
    );
  }
}

/** The article has lint errors (in the collection) and cannot be published: maps to 422. */
export class ArticleRejectedError extends MujibError {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
    message = `${file} has lint errors: fix them before publishing`,
  ) {
    super(message, { file, errors: problems.filter((p) => p.severity === 'error').length });
  }
}

/** The source is larger than MAX_SOURCE_BYTES: maps to 413. */
export class ArticleTooLargeError extends MujibError {
  constructor(readonly bytes: number) {
    super(`article source is ${bytes} bytes; the limit is ${MAX_SOURCE_BYTES}`, { bytes });
  }
}

/** Throws ArticleTooLargeError when `source` is over the limit. */
export function checkSourceSize(source: string): string {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_SOURCE_BYTES) throw new ArticleTooLargeError(bytes);
  return source;
}
