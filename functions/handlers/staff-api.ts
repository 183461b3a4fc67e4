/** Lambda entry — Staff API behind the Cognito JWT authorizer: /api/staff/*. */
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler();
