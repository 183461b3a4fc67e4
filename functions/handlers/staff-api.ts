/** Lambda entry — Staff API behind the Cognito JWT authorizer: /api/staff/*. */
import { composeStaffFunction } from '#app/lambda/staff-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler(await startFunction('staff', composeStaffFunction));
