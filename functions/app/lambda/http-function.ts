/** What an HTTP API function's composition gives its handler (functions/handlers/http-handler.ts). */
import type { ApiGatewayOptions } from '#adapters/http/api-gateway.ts';
import type { Router } from '#adapters/http/router.ts';
import type { LambdaBase } from './lambda-base.ts';

export interface HttpFunction {
  base: LambdaBase;
  /** Only the routes this function serves. */
  router: Router;
  /** How the API Gateway event is read (the staff function requires a staff identity). */
  apiGateway?: ApiGatewayOptions;
}
