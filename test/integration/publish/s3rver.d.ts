// Minimal types for s3rver 3 (it ships none): just what the publish tests use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** S3 event notifications (`{ Records: [...] }`) for object writes and deletes. */
    on(event: 'event', listener: (event: { Records: unknown[] }) => void): this;
  }
}
