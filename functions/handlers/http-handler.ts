/**
 * The one HTTP Lambda handler shape: API Gateway event → shared routes → API Gateway result,
 * wrapped in middy (header normalisation, and an error handler for anything that escapes the
 * router's own error mapping). The chat, staff and Twilio functions are this handler behind
 * different API routes.
 */
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { lambdaApp } from '#app/lambda-app.ts';
import { fromApiGateway, toApiGateway } from '#adapters/http/api-gateway.ts';
import { HttpError } from '#adapters/http/http-types.ts';

export function httpHandler() {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(httpHeaderNormalizer())
    .use(httpErrorHandler({ fallbackMessage: 'internal error' }))
    .handler(async (event) => {
      const app = await lambdaApp();
      let request;
      try {
        request = fromApiGateway(event);
      } catch (error) {
        if (error instanceof HttpError)
          return { statusCode: error.status, body: JSON.stringify({ error: error.message }) };
        throw error;
      }
      return toApiGateway(await app.router.handle(request));
    });
}
