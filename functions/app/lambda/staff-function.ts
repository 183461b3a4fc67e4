/**
 * Composition of the staff desk function: every /api/staff/* route (tickets, gaps, erasure,
 * analytics, the learning loop and the content studio) behind the Cognito JWT authorizer; the
 * caller must carry staff claims (and be in the staff or writers' group when one is
 * configured; the studio and suggestion routes want the writers' group). Loads DynamoDB, SSM (PII
 * secret, for the opt-out check before an SMS or WhatsApp reply), End User Messaging when an
 * origination identity is configured, the Twilio auth token when outbound WhatsApp is (replies go
 * through Twilio's Messages API with fetch), and S3 for the studio (s3-studio.ts): the live
 * articles in the knowledge bucket, the studio's documents in the artifact bucket, and the
 * published index (loaded on the first "try it", not during INIT) — no Lex or Alexa code.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { addAnalyticsRoutes } from '#adapters/http/analytics-routes.ts';
import { addLearningRoutes } from '#adapters/http/learning-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { addStaffRoutes, type StaffAuth } from '#adapters/http/staff-routes.ts';
import { addStudioRoutes } from '#adapters/http/studio-routes.ts';
import { renderStaffReplySms } from '#core/render/sms.ts';
import { studioParts } from '#core/studio/studio-parts.ts';
import { customerErasure } from '../erasure-service.ts';
import { csatAsks } from '../csat-asks.ts';
import { csatService } from '../csat-service.ts';
import { outboundWhatsApp } from '../outbound-whatsapp.ts';
import { guardedSms, learningService, piiSecretOf, ticketService } from '../services.ts';
import { createStores } from '../stores.ts';
import { studioService } from '../studio-service.ts';
import { loadSupportConfig, supportDesk } from '../support-config.ts';
import { whatsAppStaffReplies } from '../whatsapp-channel.ts';
import { outboundSmsOf } from './outbound-sms-of.ts';
import type { HttpFunction } from './http-function.ts';
import { lambdaBase, type LambdaBaseOptions } from './lambda-base.ts';
import { s3KnowledgeSource } from './s3-knowledge.ts';
import {
  liveArticleCatalog,
  queuedS3Rebuild,
  s3StudioStores,
  type StudioStores,
} from './s3-studio.ts';

export interface StaffFunction extends HttpFunction {
  /** The content studio's stores on S3; undefined when the buckets are not configured. */
  studio?: StudioStores;
}

export async function composeStaffFunction(
  options: LambdaBaseOptions & { s3?: S3Client } = {},
): Promise<StaffFunction> {
  // The Twilio auth token is read only where outbound WhatsApp is configured (its SSM name set).
  const base = await lambdaBase('staff', { secrets: ['pii', 'twilio'], ...options });
  const { config, logger, clock, ids } = base;
  const secret = piiSecretOf(config);
  const stores = createStores(config, {}, { logger, clock });
  const deps = { config, stores, logger, clock, ids };
  const sms = guardedSms(await outboundSmsOf(config, logger), stores.base.optOut, secret);
  const whatsAppSender = outboundWhatsApp(config, logger);
  const whatsapp = whatsAppStaffReplies(deps, {
    sender: whatsAppSender,
    optOut: stores.base.optOut,
    secret,
  });
  // Closing a ticket asks an SMS or WhatsApp customer to rate the help (once).
  const csat = csatService(deps, {
    secret,
    asks: csatAsks(deps, { sms, whatsapp: whatsAppSender, optOut: stores.base.optOut, secret }),
  });
  const tickets = ticketService(
    deps,
    sms,
    (notice) => renderStaffReplySms(notice, config.helpUrl),
    { whatsapp },
    csat,
  );
  const s3Stores = s3StudioStores(config, options.s3);
  const router = new Router(logger);
  // No bearer token here, whatever the environment says: in Lambda only the JWT identity API
  // Gateway verified (required below) makes a caller staff, and its groups a writer.
  const auth: StaffAuth = { writerGroup: config.writerGroup };
  const desk = supportDesk(loadSupportConfig(config), {
    presence: stores.base.presence,
    clock,
    logger,
  });
  addStaffRoutes(router, {
    tickets,
    gaps: stores.stores.gaps,
    erasure: customerErasure(deps, secret),
    staffToken: auth,
    support: { desk, backlog: stores.base.queueBacklog },
  });
  addAnalyticsRoutes(router, { ...stores.stores, staffToken: auth, support: desk });
  // Suggestions and effect; the catalog (the live articles' questions, read at most once a
  // minute) keeps phrasings an article already lists out of the suggestions.
  const catalog = s3Stores ? liveArticleCatalog(s3Stores.live, { clock, logger }) : undefined;
  const learning = learningService(deps, catalog);
  if (s3Stores && config.indexBucket) {
    // The content studio. Publishing writes the article to the knowledge bucket, whose S3 event
    // → SQS → indexer rebuilds: the answer is `queued`, with the indexer's last report.
    const parts = studioParts({ ...s3Stores, clock, ids });
    const studio = studioService(config, parts, {
      knowledge: s3KnowledgeSource(config, config.indexBucket, logger, options.s3),
      learning,
      rebuild: queuedS3Rebuild(s3Stores.studio),
    });
    addLearningRoutes(router, {
      learning,
      staffToken: auth,
      addToDraft: (lang, articleId, phrasing, by) =>
        studio.addQuestionToDraft(lang, articleId, phrasing, by),
    });
    addStudioRoutes(router, { studio, staffToken: auth });
  } else {
    addLearningRoutes(router, { learning, staffToken: auth });
  }
  return {
    base,
    router,
    apiGateway: {
      requireStaff: true,
      ...(config.staffGroup
        ? { staffGroup: config.staffGroup, writerGroup: config.writerGroup }
        : {}),
    },
    ...(s3Stores ? { studio: s3Stores } : {}),
  };
}
