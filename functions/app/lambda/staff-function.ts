/**
 * Composition of the staff desk function: every /api/staff/* route (tickets, gaps, erasure,
 * analytics) behind the Cognito JWT authorizer; the caller must carry staff claims (and be in the
 * staff group when one is configured). Loads DynamoDB, SSM (PII secret, for the opt-out check
 * before an SMS reply) and End User Messaging when an origination identity is configured —
 * no knowledge index, no Lex, S3 or Alexa code.
 */
import { addAnalyticsRoutes } from '#adapters/http/analytics-routes.ts';
import { addLearningRoutes } from '#adapters/http/learning-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { addStaffRoutes } from '#adapters/http/staff-routes.ts';
import { renderStaffReplySms } from '#core/render/sms.ts';
import { customerErasure } from '../erasure-service.ts';
import { guardedSms, learningService, piiSecretOf, ticketService } from '../services.ts';
import { createStores } from '../stores.ts';
import { outboundSmsOf } from './outbound-sms-of.ts';
import type { HttpFunction } from './http-function.ts';
import { lambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export async function composeStaffFunction(options: LambdaBaseOptions = {}): Promise<HttpFunction> {
  const base = await lambdaBase('staff', { secrets: ['pii'], ...options });
  const { config, logger, clock, ids } = base;
  const secret = piiSecretOf(config);
  const stores = createStores(config, {}, { logger, clock });
  const deps = { config, stores, logger, clock, ids };
  const sms = guardedSms(await outboundSmsOf(config, logger), stores.base.optOut, secret);
  const tickets = ticketService(deps, sms, (notice) => renderStaffReplySms(notice, config.helpUrl));
  const router = new Router(logger);
  // No bearer token here, whatever the environment says: in Lambda only the JWT identity API
  // Gateway verified (required below) makes a caller staff.
  addStaffRoutes(router, {
    tickets,
    gaps: stores.stores.gaps,
    erasure: customerErasure(deps, secret),
  });
  addAnalyticsRoutes(router, { ...stores.stores });
  // Suggestions and effect; without an article catalog only accepted phrasings are left out.
  addLearningRoutes(router, { learning: learningService(deps) });
  return {
    base,
    router,
    apiGateway: {
      requireStaff: true,
      ...(config.staffGroup ? { staffGroup: config.staffGroup } : {}),
    },
  };
}
