import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lexSessionId, mapLexOutput } from '#adapters/lex/lex-intent-recognizer.ts';

const GREETING = JSON.parse(readFileSync('test/fixtures/lex/recognize-text-greeting.json', 'utf8'));

describe('mapLexOutput', () => {
  it('maps the chosen Lex intent and its NLU confidence', () => {
    expect(mapLexOutput(GREETING)).toEqual({ intent: 'greeting', confidence: 0.94 });
  });

  it.each([
    ['Thanks', 'thanks'],
    ['Goodbye', 'goodbye'],
    ['TalkToHuman', 'ask-for-human'],
  ])('maps %s to %s', (name, intent) => {
    const output = {
      sessionState: { intent: { name } },
      interpretations: [{ intent: { name }, nluConfidence: { score: 0.8 } }],
    };
    expect(mapLexOutput(output)).toEqual({ intent, confidence: 0.8 });
  });

  it('treats FallbackIntent and unknown intents as a question', () => {
    const fallback = {
      sessionState: { intent: { name: 'FallbackIntent' } },
      interpretations: [
        { intent: { name: 'FallbackIntent' } },
        { intent: { name: 'Greeting' }, nluConfidence: { score: 0.2 } },
      ],
    };
    expect(mapLexOutput(fallback)).toEqual({ intent: 'question', confidence: 0.8 });
    expect(mapLexOutput({ sessionState: { intent: { name: 'OrderPizza' } } }).intent).toBe(
      'question',
    );
    expect(mapLexOutput({}).intent).toBe('question');
  });

  it('does not trust small talk below the minimum confidence', () => {
    const weak = {
      sessionState: { intent: { name: 'Goodbye' } },
      interpretations: [{ intent: { name: 'Goodbye' }, nluConfidence: { score: 0.3 } }],
    };
    expect(mapLexOutput(weak, 0.5)).toEqual({ intent: 'question', confidence: 0.7 });
  });
});

describe('lexSessionId', () => {
  it('keeps ids that Lex accepts', () => {
    expect(lexSessionId('sms:3f9a0c:20412')).toBe('sms:3f9a0c:20412');
  });

  it('turns any id into one matching [0-9a-zA-Z._:-]{2,100}, keeping distinct ids distinct', () => {
    const ids = [
      'web/abc def',
      'web/abc_def',
      'ج',
      'x'.repeat(300),
      'alexa:amzn1.ask.account.AE%2B/==',
    ];
    const sanitized = ids.map(lexSessionId);

    for (const id of sanitized) expect(id).toMatch(/^[0-9a-zA-Z._:-]{2,100}$/);
    expect(new Set(sanitized).size).toBe(ids.length);
  });
});
