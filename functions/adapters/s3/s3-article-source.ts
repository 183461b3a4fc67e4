/**
 * Reads the help articles the content team published to S3: every `.md` object under a prefix
 * (except README.md), in key order so builds are deterministic. Keys become collection-relative
 * paths (`knowledge/en/reset.md` → `en/reset.md`), the same paths `kb lint` reports locally.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listObjects } from './s3-objects.ts';

export interface ArticleFile {
  /** Path relative to the prefix, posix separators, e.g. `en/reset-password.md`. */
  file: string;
  source: string;
}

export interface S3ArticleSourceOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix of the collection, e.g. `knowledge/` (a missing trailing slash is added). */
  prefix: string;
  /** Objects read in parallel (default 8). */
  concurrency?: number;
}

export class S3ArticleSource {
  private readonly prefix: string;

  constructor(private readonly options: S3ArticleSourceOptions) {
    const p = options.prefix.replace(/^\/+/, '');
    this.prefix = p === '' || p.endsWith('/') ? p : `${p}/`;
  }

  /** Keys of every article under the prefix, sorted. */
  async listKeys(): Promise<string[]> {
    const keys = (await listObjects(this.options.s3, this.options.bucket, this.prefix))
      .map((object) => object.Key!)
      .filter(isArticleKey);
    return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every article's text with its collection-relative path. */
  async readAll(): Promise<ArticleFile[]> {
    const keys = await this.listKeys();
    const result: ArticleFile[] = new Array(keys.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const i = next++;
        const key = keys[i] as string;
        const object = await this.options.s3.send(
          new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
        );
        const source = (await object.Body?.transformToString('utf-8')) ?? '';
        result[i] = { file: key.slice(this.prefix.length), source };
      }
    };
    const workers = Math.max(1, Math.min(this.options.concurrency ?? 8, keys.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return result;
  }
}

function isArticleKey(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  return name.endsWith('.md') && name !== 'readme.md';
}
