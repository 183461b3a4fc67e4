/**
 * Property tests (fast-check) for Alexa speech: whatever text an article, an option title, a
 * ticket reference or a staff reply holds — markup, entities, control characters, emoji, Arabic,
 * huge sizes — every rendering is well-formed SSML with only Alexa's tags, within Alexa's 8,000
 * characters, and a reprompt that is valid too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import {
  renderSpeech,
  renderStaffReplySpeech,
  validateSsml,
  type SpokenReply,
} from '#core/render/ssml.ts';
import { ALEXA_SSML_MAX_CHARS } from '#core/render/speech-validate.ts';
import type { Candidate, Lang } from '#core/types.ts';

/** Text made to hurt SSML: tags, entities, quotes, CDATA, control characters, any Unicode. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom(...'<>&"\'/;#x![]- \n\tabc١٢٣مرحبا'.split('')),
    maxLength: 400,
  }),
  fc.constantFrom(
    '<speak>hi</speak>',
    '</speak><audio src="x"/>',
    '&amp; &lt; &#x41; &bogus; &',
    '<![CDATA[x]]>',
    '<break time="10s"/>',
    '\u0000\u0007\u001b\uffff\ud800',
    'https://example.com/a?b=1&c=<2>',
  ),
  fc.string({ maxLength: 20 }).map((s) => s.repeat(2_000)),
);
const lang = fc.constantFrom<Lang>('en', 'ar');

const candidate = fc.record({
  articleId: fc.string({ minLength: 1, maxLength: 40 }),
  title: nasty,
  lang,
  url: fc.oneof(fc.constant('/help/en/x'), fc.string({ maxLength: 60 })),
  summary: fc.option(nasty, { nil: undefined }),
  snippet: nasty,
  heading: fc.option(nasty, { nil: undefined }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
}) as fc.Arbitrary<Candidate>;

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({ kind: fc.constant('answer' as const), lang, article: candidate }),
  fc.record({
    kind: fc.constant('clarify' as const),
    lang,
    options: fc.array(candidate, { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('escalate' as const),
    lang,
    reason: fc.constantFrom('no-match', 'low-confidence', 'asked-for-human', 'clarify-failed'),
    ticketRef: fc.option(fc.stringMatching(/^MJ-[0-9A-HJKMNP-TV-Z]{6}$/), { nil: undefined }),
    ticketFailed: fc.boolean(),
  }) as fc.Arbitrary<Reply>,
  fc.record({
    kind: fc.constant('smalltalk' as const),
    lang,
    intent: fc.constantFrom('greeting' as const, 'thanks' as const, 'goodbye' as const),
  }),
  fc.record({ kind: fc.constant('empty' as const), lang }),
);

function expectValidSpeech(spoken: SpokenReply): void {
  expect(validateSsml(spoken.ssml)).toEqual([]);
  expect(spoken.ssml.length).toBeLessThanOrEqual(ALEXA_SSML_MAX_CHARS);
  if (!spoken.endSession) {
    expect(validateSsml(spoken.reprompt)).toEqual([]);
    expect(spoken.reprompt.length).toBeLessThanOrEqual(ALEXA_SSML_MAX_CHARS);
  }
}

// 800 property runs are CPU-bound: ~15 s alone, twice that beside other test files on 2 cores.
describe('SSML rendering of any text (fast-check)', { timeout: 90_000 }, () => {
  it('every reply renders as valid SSML within Alexa’s limits', () => {
    fc.assert(
      fc.property(reply, (r) =>
        expectValidSpeech(renderSpeech(r, { helpUrl: 'https://help.nakheel.example' })),
      ),
      { numRuns: 500 },
    );
  });

  it('staff replies waiting at launch render as valid SSML within Alexa’s limits', () => {
    const notice = fc.record({
      ticketRef: fc.stringMatching(/^MJ-[0-9A-HJKMNP-TV-Z]{6}$/),
      lang,
      channel: fc.constant('alexa' as const),
      text: nasty,
      at: fc.constant('2025-03-01T09:00:00.000Z'),
    });
    fc.assert(
      fc.property(fc.array(notice, { minLength: 1, maxLength: 6 }), lang, (notices, l) =>
        expectValidSpeech(renderStaffReplySpeech(notices, l)),
      ),
      { numRuns: 300 },
    );
  });
});
