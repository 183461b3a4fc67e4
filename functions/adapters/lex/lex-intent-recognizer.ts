/**
 * Intent recognition with Amazon Lex V2 (RecognizeText). Lex intents map onto ours (Greeting,
 * Thanks, Goodbye, TalkToHuman; FallbackIntent and anything else is a question) with Lex's NLU
 * confidence. Lex is an optional improvement, never a dependency: on any Lex error or timeout the
 * built-in recognizer answers, and the failure is logged.
 */
import { createHash } from 'node:crypto';
import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { BuiltinIntentRecognizer } from '#core/conversation/builtin-intents.ts';
import { IntentRecognizer, type IntentName, type RecognizedIntent } from '#core/ports.ts';
import type { Lang } from '#core/types.ts';

export interface LexIntentRecognizerOptions {
  botId: string;
  botAliasId: string;
  /** Lex locale per language, e.g. `{ en: 'en_US', ar: 'ar_AE' }`; a language without one uses the fallback. */
  localeIds: Partial<Record<Lang, string>>;
  /** Injected client (tests point it at a local HTTP/2 stand-in). */
  client?: LexRuntimeV2Client;
  /** Answers when Lex cannot (default: the built-in recognizer). */
  fallback?: IntentRecognizer;
  /** Give up on Lex after this long (default 2000 ms). */
  timeoutMs?: number;
  /** Small talk or hand-off below this Lex confidence counts as a question (default 0.5). */
  minConfidence?: number;
  log?: (event: Record<string, unknown>) => void;
}

/** Lex intent names of the bot in skills/lex/bot-definition.json → our intents. */
export const LEX_INTENTS: Readonly<Record<string, IntentName>> = {
  Greeting: 'greeting',
  Thanks: 'thanks',
  Goodbye: 'goodbye',
  TalkToHuman: 'ask-for-human',
};

export class LexIntentRecognizer extends IntentRecognizer {
  private readonly client: LexRuntimeV2Client;
  private readonly fallback: IntentRecognizer;

  constructor(private readonly options: LexIntentRecognizerOptions) {
    super();
    this.client = options.client ?? new LexRuntimeV2Client({});
    this.fallback = options.fallback ?? new BuiltinIntentRecognizer();
  }

  override async recognize(text: string, lang: Lang, sessionId: string): Promise<RecognizedIntent> {
    const localeId = this.options.localeIds[lang];
    if (!localeId || text.trim() === '') return this.fallback.recognize(text, lang, sessionId);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.options.timeoutMs ?? 2000);
    try {
      const output = await this.client.send(
        new RecognizeTextCommand({
          botId: this.options.botId,
          botAliasId: this.options.botAliasId,
          localeId,
          sessionId: lexSessionId(sessionId),
          text: text.slice(0, 1024),
        }),
        { abortSignal: abort.signal },
      );
      return mapLexOutput(output, this.options.minConfidence ?? 0.5);
    } catch (error) {
      const e = error as {
        name?: string;
        message?: string;
        $metadata?: { httpStatusCode?: number };
      };
      (this.options.log ?? defaultLog)({
        event: 'lex.recognize_failed',
        error: abort.signal.aborted ? 'Timeout' : (e.name ?? 'Error'),
        status: e.$metadata?.httpStatusCode,
        message: e.message,
        localeId,
      });
      return this.fallback.recognize(text, lang, sessionId);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Our intent and confidence from a RecognizeText answer. */
export function mapLexOutput(
  output: Pick<RecognizeTextCommandOutput, 'sessionState' | 'interpretations'>,
  minConfidence = 0.5,
): RecognizedIntent {
  const name = output.sessionState?.intent?.name ?? output.interpretations?.[0]?.intent?.name;
  const scoreOf = (intentName: string | undefined) =>
    output.interpretations?.find((i) => i.intent?.name === intentName)?.nluConfidence?.score;
  const intent = (name && LEX_INTENTS[name]) || 'question';
  const score = scoreOf(name);
  if (intent !== 'question' && (score === undefined || score >= minConfidence)) {
    return { intent, confidence: clamp(score ?? 0.8) };
  }
  // A question: as sure as the best small-talk reading is unsure.
  const best = Math.max(
    0,
    ...(output.interpretations ?? [])
      .filter((i) => i.intent?.name !== undefined && LEX_INTENTS[i.intent.name] !== undefined)
      .map((i) => i.nluConfidence?.score ?? 0),
  );
  return { intent: 'question', confidence: clamp(1 - best) };
}

const LEX_SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;

/**
 * A Lex session id (2–100 of `[0-9a-zA-Z._:-]`) for any of ours: kept when it already fits,
 * otherwise the disallowed characters are replaced and, if needed, the id is shortened with a
 * hash of the original so distinct sessions stay distinct.
 */
export function lexSessionId(sessionId: string): string {
  if (LEX_SESSION_ID.test(sessionId)) return sessionId;
  const hash = createHash('sha256').update(sessionId).digest('hex').slice(0, 16);
  const cleaned = sessionId.replace(/[^0-9a-zA-Z._:-]/g, '_').slice(0, 80);
  return `${cleaned}.${hash}`.replace(/^\./, 's.');
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

function defaultLog(event: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'warn', ...event }));
}
