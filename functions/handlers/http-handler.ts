/**
 * The one HTTP Lambda handler shape: API Gateway event → the function's routes → API Gateway
 * result, wrapped in middy for what middy is for: Powertools' Lambda context on every log line
 * (injectLambdaContext), metrics flushed as EMF at the end of each invocation (logMetrics), and
 * the invocation's latency. Errors become responses in one place, the router's error mapping
 * (error-response.ts) — also for an event that cannot be read (oversized body, no staff claims).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { errorResponse } from '#adapters/http/error-response.ts';
import { fromApiGateway, toApiGateway } from '#adapters/http/api-gateway.ts';
import type { HttpFunction } from '#app/lambda/http-function.ts';

export function httpHandler(fn: HttpFunction) {
  const { telemetry, logger } = fn.base;
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(telemetry.middlewares())
    .handler(async (event) => {
      let request;
      try {
        request = fromApiGateway(event, fn.apiGateway);
      } catch (error) {
        const requestId = event.requestContext?.requestId ?? 'unknown';
        const unread = {
          method: event.requestContext?.http?.method ?? 'UNKNOWN',
          path: event.rawPath ?? '',
          query: new URLSearchParams(),
          headers: {},
          body: '',
          requestId,
        };
        return toApiGateway(errorResponse(error, unread, logger));
      }
      return toApiGateway(await fn.router.handle(request));
    });
}
