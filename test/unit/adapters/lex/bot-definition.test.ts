import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEX_INTENTS } from '#adapters/lex/lex-intent-recognizer.ts';
import { recognizeIntent } from '#core/conversation/builtin-intents.ts';
import type { Lang } from '#core/types.ts';

interface BotIntent {
  name: string;
  parentIntentSignature?: string;
  sampleUtterances?: { utterance: string }[];
}
interface BotLocale {
  localeId: string;
  nluConfidenceThreshold: number;
  intents: BotIntent[];
}

const bot = JSON.parse(readFileSync('skills/lex/bot-definition.json', 'utf8')) as {
  name: string;
  botLocales: BotLocale[];
};
const LANG: Record<string, Lang> = { en_US: 'en', ar_AE: 'ar' };

describe('the Lex bot definition', () => {
  it('has an en_US and an ar_AE locale, each with a FallbackIntent', () => {
    expect(bot.botLocales.map((l) => l.localeId)).toEqual(['en_US', 'ar_AE']);
    for (const locale of bot.botLocales) {
      const fallback = locale.intents.find((i) => i.name === 'FallbackIntent');
      expect(fallback?.parentIntentSignature).toBe('AMAZON.FallbackIntent');
    }
  });

  it('names exactly the intents the recognizer maps', () => {
    for (const locale of bot.botLocales) {
      const custom = locale.intents.filter((i) => !i.parentIntentSignature).map((i) => i.name);
      expect(custom.sort()).toEqual(Object.keys(LEX_INTENTS).sort());
    }
  });

  it('has utterances Lex accepts: unique, no punctuation, at most 200 characters', () => {
    for (const locale of bot.botLocales) {
      const all = locale.intents.flatMap((i) => i.sampleUtterances ?? []).map((u) => u.utterance);
      expect(new Set(all).size).toBe(all.length);
      for (const utterance of all) {
        expect(utterance).toMatch(/^[\p{L}\p{M}' ]{1,200}$/u);
      }
    }
  });

  it('agrees with the built-in recognizer on every sample utterance', () => {
    for (const locale of bot.botLocales) {
      for (const intent of locale.intents) {
        for (const { utterance } of intent.sampleUtterances ?? []) {
          const builtin = recognizeIntent(utterance, LANG[locale.localeId]);
          expect(builtin.intent, `${locale.localeId} "${utterance}"`).toBe(
            LEX_INTENTS[intent.name],
          );
        }
      }
    }
  });
});
