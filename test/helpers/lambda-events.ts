/**
 * The events AWS sends the Lambda functions, shaped as AWS sends them: API Gateway HTTP API
 * (payload 2.0, with JWT authorizer claims when given), SNS notifications, S3 event
 * notifications. No vitest import: the cold-start bench uses them too.
 */
import type { APIGatewayProxyEventV2, S3Event, SNSEvent } from 'aws-lambda';

export interface HttpApiEventOptions {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  /** Send the body base64-encoded, as API Gateway does for form posts and binary types. */
  base64?: boolean;
  /** JWT authorizer claims (the staff routes). */
  claims?: Record<string, string | number | boolean | string[]>;
  requestId?: string;
}

/** An API Gateway HTTP API (payload 2.0) event, as the Lambda integration delivers it. */
export function httpApiEvent(options: HttpApiEventOptions): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    host: 'abc123.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'mujib-test',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    ...options.headers,
  };
  const routeKey = `${options.method} ${options.path}`;
  const requestId = options.requestId ?? `req-${Math.random().toString(36).slice(2, 10)}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: options.path,
    rawQueryString: options.query ?? '',
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers,
    ...(options.query
      ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) }
      : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: headers.host!,
      domainPrefix: 'abc123',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'mujib-test',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: '02/Dec/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
    },
    ...(options.body !== undefined
      ? {
          body: options.base64 ? Buffer.from(options.body).toString('base64') : options.body,
          isBase64Encoded: options.base64 ?? false,
        }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

/** An SNS event with one record per message (End User Messaging two-way SMS: JSON messages). */
export function snsEvent(messages: unknown[]): SNSEvent {
  return {
    Records: messages.map((message, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:mujib-inbound-sms:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `sns-${i}-${Math.random().toString(36).slice(2, 8)}`,
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:mujib-inbound-sms',
        Subject: '',
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}

/** An S3 event notification (ObjectCreated:Put / ObjectRemoved:Delete) for these keys. */
export function s3Event(
  bucket: string,
  records: { key: string; eventName?: string; size?: number }[],
): S3Event {
  return {
    Records: records.map(({ key, eventName = 'ObjectCreated:Put', size = 100 }) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: new Date().toISOString(),
      eventName,
      userIdentity: { principalId: 'AWS:EXAMPLE' },
      requestParameters: { sourceIPAddress: '203.0.113.7' },
      responseElements: { 'x-amz-request-id': 'EXAMPLE', 'x-amz-id-2': 'EXAMPLE' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'mujib-knowledge',
        bucket: {
          name: bucket,
          ownerIdentity: { principalId: 'EXAMPLE' },
          arn: `arn:aws:s3:::${bucket}`,
        },
        object: {
          key: encodeURIComponent(key).replace(/%2F/g, '/'),
          size,
          eTag: 'd41d8cd98f00b204e9800998ecf8427e',
          sequencer: '0A1B2C3D4E5F678901',
        },
      },
    })),
  };
}
