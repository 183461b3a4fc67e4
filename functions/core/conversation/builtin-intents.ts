/**
 * The built-in intent recognizer: small talk (greeting, thanks, goodbye) and requests for a
 * person, in English and Arabic, from phrase tables. Pure and synchronous underneath; the Lex
 * adapter falls back to it. Small talk wins only when the message is essentially just small
 * talk ("hi, how do I reset my password" is a question); a request for a person wins over
 * everything ("thanks, but I still want a human").
 */
import { IntentRecognizer, type RecognizedIntent } from '../ports.ts';
import type { Lang } from '../types.ts';
import { intentTokens, normalizeForIntent } from './intent-normalize.ts';
import {
  HANDOFF_BIGRAMS,
  HANDOFF_GLUE,
  HANDOFF_NEGATIONS,
  HANDOFF_SHORT_FILLERS,
  HANDOFF_STRONG_PHRASES,
  HANDOFF_VERBS,
  HUMAN_NOUNS,
  NON_HANDOFF_MODIFIERS,
  SMALL_TALK_FILLERS,
  SMALL_TALK_PHRASES,
  type SmallTalkIntent,
} from './intent-phrases.ts';

const set = (words: readonly string[]) => new Set(words.map(normalizeForIntent));
const phrases = (list: readonly string[]) =>
  [...new Set(list.map(normalizeForIntent))].map((p) => p.split(' '));

const NOUNS = set(HUMAN_NOUNS);
const VERBS = set(HANDOFF_VERBS);
const GLUE = set(HANDOFF_GLUE);
const NEGATIONS = set(HANDOFF_NEGATIONS);
const MODIFIERS = set(NON_HANDOFF_MODIFIERS);
const SHORT_FILLERS = set(HANDOFF_SHORT_FILLERS);
const STRONG = phrases(HANDOFF_STRONG_PHRASES);
const BIGRAMS: [string, string][] = HANDOFF_BIGRAMS.map(([a, b]) => [
  normalizeForIntent(a),
  normalizeForIntent(b),
]);
const FILLERS = set(SMALL_TALK_FILLERS);
/** Every small-talk phrase as tokens, longest first so "thank you so much" beats "thank you". */
const SMALL_TALK: { intent: SmallTalkIntent; tokens: string[] }[] = (
  Object.entries(SMALL_TALK_PHRASES) as [SmallTalkIntent, readonly string[]][]
)
  .flatMap(([intent, list]) => phrases(list).map((tokens) => ({ intent, tokens })))
  .sort((a, b) => b.tokens.length - a.tokens.length);
/** When several kinds appear ("ok thanks, bye"), the closing one decides. */
const SMALL_TALK_PRIORITY: SmallTalkIntent[] = ['goodbye', 'thanks', 'greeting'];

/** Messages longer than this many tokens are never treated as small talk or a bare request. */
const MAX_SMALL_TALK_TOKENS = 12;
/** How far after a verb the person may appear ("want TO TALK TO A REAL person"). */
const MAX_GLUE = 6;

/**
 * Whether `text` asks for a person ("agent", "talk to someone", "ابي اكلم موظف"). Both
 * languages' phrases are checked whatever `lang` says: customers mix them.
 *
 * @example isHandoffRequest('thanks, but I still want a human', 'en') === true
 */
export function isHandoffRequest(text: string, _lang?: Lang): boolean {
  return handoffMatch(joinBigrams(intentTokens(text))) !== undefined;
}

/**
 * Classifies one customer message. Never throws; anything unrecognised is a `question`.
 *
 * @example await new BuiltinIntentRecognizer().recognize('مع السلامة', 'ar', 's1')
 *   // → { intent: 'goodbye', confidence: 0.95 }
 */
export class BuiltinIntentRecognizer extends IntentRecognizer {
  override async recognize(
    text: string,
    lang: Lang,
    _sessionId?: string,
  ): Promise<RecognizedIntent> {
    return recognizeIntent(text, lang);
  }
}

/** The synchronous classification behind `BuiltinIntentRecognizer`. */
export function recognizeIntent(text: string, _lang?: Lang): RecognizedIntent {
  const tokens = intentTokens(text);
  if (tokens.length === 0) return { intent: 'question', confidence: 0.5 };
  const handoff = handoffMatch(joinBigrams(tokens));
  if (handoff !== undefined) return { intent: 'ask-for-human', confidence: handoff };
  const smallTalk = matchSmallTalk(tokens);
  if (smallTalk.intent) {
    const confidence = Math.max(0.75, 0.95 - 0.04 * smallTalk.fillers);
    return { intent: smallTalk.intent, confidence: round(confidence) };
  }
  return { intent: 'question', confidence: smallTalk.sawSmallTalk ? 0.75 : 0.9 };
}

/** Reads the tokens left to right as small-talk phrases and fillers; any other word ends it. */
function matchSmallTalk(tokens: string[]): {
  intent?: SmallTalkIntent;
  fillers: number;
  sawSmallTalk: boolean;
} {
  const found = new Set<SmallTalkIntent>();
  let fillers = 0;
  let content = false;
  for (let i = 0; i < tokens.length;) {
    const phrase = SMALL_TALK.find((p) => startsWith(tokens, i, p.tokens));
    if (phrase) {
      found.add(phrase.intent);
      i += phrase.tokens.length;
    } else if (FILLERS.has(tokens[i] ?? '')) {
      fillers += 1;
      i += 1;
    } else {
      content = true;
      i += 1;
    }
  }
  const sawSmallTalk = found.size > 0;
  if (content || !sawSmallTalk || tokens.length > MAX_SMALL_TALK_TOKENS) {
    return { fillers, sawSmallTalk };
  }
  return { intent: SMALL_TALK_PRIORITY.find((intent) => found.has(intent)), fillers, sawSmallTalk };
}

/** Confidence of a request for a person, or undefined when the tokens do not ask for one. */
function handoffMatch(tokens: string[]): number | undefined {
  if (tokens.length === 0) return undefined;
  if (STRONG.some((phrase) => tokens.some((_, i) => startsWith(tokens, i, phrase)))) return 0.95;
  if (tokens.length <= MAX_SMALL_TALK_TOKENS && isBareRequest(tokens)) return 0.9;
  for (let i = 0; i < tokens.length; i++) {
    if (!VERBS.has(tokens[i] ?? '') || isNegated(tokens, i)) continue;
    if (tokens[i] === 'put' && tokens[i + 1] !== 'me') continue;
    for (let j = i + 1; j < tokens.length && j <= i + 1 + MAX_GLUE; j++) {
      const token = tokens[j] ?? '';
      if (NOUNS.has(token)) {
        if (MODIFIERS.has(tokens[j - 1] ?? '')) break;
        return 0.9;
      }
      if (!GLUE.has(token) && !VERBS.has(token)) break;
    }
  }
  return undefined;
}

/** "agent", "human please", "خدمة العملاء", "موظف لو سمحت": only a person, nothing else. */
function isBareRequest(tokens: string[]): boolean {
  const rest = tokens.filter((t) => !SHORT_FILLERS.has(t) && !VERBS.has(t));
  return rest.length > 0 && rest.length <= 2 && rest.every((t) => NOUNS.has(t) || t === 'real');
}

function isNegated(tokens: string[], verbAt: number): boolean {
  // Fused Arabic negations ("مابي", "مابدي") are not verbs at all, so they never get here.
  return tokens.slice(Math.max(0, verbAt - 2), verbAt).some((t) => NEGATIONS.has(t));
}

/** Joins two-word names ("customer service", "خدمة العملاء") into one token. */
function joinBigrams(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = BIGRAMS.find(([a, b]) => tokens[i] === a && tokens[i + 1] === b);
    if (pair) {
      out.push(pair[0] + pair[1]);
      i += 1;
    } else {
      out.push(tokens[i] ?? '');
    }
  }
  return out;
}

function startsWith(tokens: string[], at: number, phrase: string[]): boolean {
  return phrase.every((word, k) => tokens[at + k] === word);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
