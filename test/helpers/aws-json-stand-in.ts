/**
 * A stand-in for AWS services that speak the JSON protocol (SSM, End User Messaging SMS) on
 * 127.0.0.1, for tests and benchmarks: the real AWS SDK reaches it through
 * AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_SSM). No vitest import: benches use it too.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call an AWS JSON-protocol stand-in received. */
export interface AwsJsonCall {
  /** `X-Amz-Target`, e.g. `AmazonSSM.GetParameter`. */
  target: string;
  body: Record<string, any>;
}

export interface AwsJsonStandIn {
  endpoint: string;
  calls: AwsJsonCall[];
  close(): Promise<void>;
}

/**
 * A stand-in for an AWS service that speaks the JSON protocol (SSM, End User Messaging SMS),
 * on 127.0.0.1: each operation answers from `operations[target]`; a throw becomes the AWS
 * error shape (`__type`, message) with status 400. Point the SDK at it with
 * `AWS_ENDPOINT_URL_<SERVICE>`.
 */
export async function startAwsJsonStandIn(
  operations: Record<string, (body: Record<string, any>) => unknown>,
): Promise<AwsJsonStandIn> {
  const calls: AwsJsonCall[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const body = text ? (JSON.parse(text) as Record<string, any>) : {};
      calls.push({ target, body });
      const operation = operations[target];
      let status = 200;
      let payload: unknown;
      try {
        if (!operation)
          throw Object.assign(new Error(`no stand-in for ${target}`), {
            code: 'UnknownOperationException',
          });
        payload = operation(body);
      } catch (error) {
        status = 400;
        const e = error as Error & { code?: string };
        payload = { __type: e.code ?? e.name, message: e.message };
      }
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An AWS error a stand-in operation throws (`code` becomes the error's `__type`). */
export function awsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
