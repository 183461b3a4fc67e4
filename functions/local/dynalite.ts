/**
 * DynamoDB for local runs and tests: dynalite in-process on 127.0.0.1, tables ready at once
 * (`createTableMs: 0`). With `dataDir` the data persists in LevelDB (`npm start` uses
 * `.data/dynamo`); without it, it lives in memory.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface LocalDynamoOptions {
  /** LevelDB directory (created if missing); in memory when omitted. */
  dataDir?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default (never all interfaces). */
  host?: string;
}

export interface LocalDynamo {
  /** e.g. `http://127.0.0.1:41235`, for the DynamoDB client's `endpoint`. */
  endpoint: string;
  port: number;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}

/**
 * Starts dynalite and resolves once it listens.
 *
 * @example
 * const local = await startLocalDynamo({ dataDir: '.data/dynamo' });
 * const client = createDynamoClient({ endpoint: local.endpoint, region: 'local', credentials });
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: options.dataDir } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
