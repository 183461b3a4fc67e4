/**
 * Building block: how a customer's intent is recognised — Amazon Lex V2 when a bot is configured
 * (falling back to the built-in recogniser on any Lex error), else the built-in one. Loads the
 * Lex client: Lambda compositions import this module only when a bot is configured.
 */
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { BuiltinIntentRecognizer } from '#core/conversation/builtin-intents.ts';
import type { IntentRecognizer, Logger } from '#core/ports.ts';
import { LexIntentRecognizer } from '#adapters/lex/lex-intent-recognizer.ts';
import type { Config } from './config.ts';

export function intentRecognizer(
  config: Config,
  logger: Logger,
  client?: LexRuntimeV2Client,
): IntentRecognizer {
  const builtin = new BuiltinIntentRecognizer();
  if (!config.lex) return builtin;
  return new LexIntentRecognizer({
    botId: config.lex.botId,
    botAliasId: config.lex.botAliasId,
    localeIds: config.lex.locales,
    fallback: builtin,
    ...(client ? { client } : {}),
    log: ({ event, ...fields }) => logger.warn(String(event), fields),
  });
}
