/**
 * Cards and punctuation per locale, end to end in-process: virtual-alexa resolves utterances
 * with the real en-US and ar-SA interaction models in skills/alexa/, the skill runs on the real
 * conversation core built from knowledge/ (memory stores). In ar-SA every card (answer, hand-off,
 * "did you mean", help, welcome, fallback, goodbye) is titled and written in Arabic; in en-US in
 * English; and no outputSpeech doubles a mark where a summary or title meets a template.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualAlexa } from 'virtual-alexa';
import type { RequestEnvelope } from 'ask-sdk-model';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import type { Article } from '#core/knowledge/article.ts';
import { SKILL_NAME, validateSsml } from '#core/render/ssml.ts';
import { SPEECH_MESSAGES } from '#core/render/speech-messages.ts';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const helpUrl = 'https://help.nakheel.example';
const quiet = { info: () => {}, error: () => {} };
type Locale = 'en-US' | 'ar-SA';

/** Two sentence marks (Latin or Arabic) with nothing but spaces (or SSML tags) between them. */
const DOUBLED = /[.,;!?،؛؟]\s*[.,;!?،؛؟]/u;
const ARABIC = /\p{Script=Arabic}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

interface AlexaReply {
  response: {
    outputSpeech?: { ssml: string };
    card?: { type: string; title: string; content: string };
    shouldEndSession?: boolean;
  };
}

function virtualAlexa(app: TestApp, locale: Locale): VirtualAlexa {
  const skill = buildAlexaSkill({
    conversation: app.conversation,
    skillId: SKILL_ID,
    helpUrl,
    logger: quiet,
  });
  return VirtualAlexa.Builder()
    .handler((event: unknown) => skill.invoke(event as RequestEnvelope))
    .interactionModelFile(`skills/alexa/skill-package/interactionModels/custom/${locale}.json`)
    .locale(locale)
    .applicationID(SKILL_ID)
    .create();
}

/** The reply's speech (valid SSML, checked) as heard: tags as pauses, entities decoded. */
function heard(reply: unknown): string {
  const ssml = (reply as AlexaReply).response.outputSpeech?.ssml ?? '';
  expect(validateSsml(ssml)).toEqual([]);
  return ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function cardOf(reply: unknown): { title: string; content: string } {
  const card = (reply as AlexaReply).response.card;
  expect(card).toBeDefined();
  return card!;
}

/** An Arabic card: Arabic title without English words, Arabic content. */
function expectArabicCard(reply: unknown): { title: string; content: string } {
  const card = cardOf(reply);
  expect(card.title, card.title).toMatch(ARABIC);
  expect(card.title, card.title).not.toMatch(LATIN_WORD);
  expect(card.content).toMatch(ARABIC);
  return card;
}

/** An English card: no Arabic in the title or the content. */
function expectEnglishCard(reply: unknown): { title: string; content: string } {
  const card = cardOf(reply);
  expect(card.title, card.title).not.toMatch(ARABIC);
  expect(card.content, card.content).not.toMatch(ARABIC);
  return card;
}

describe('Alexa cards in the request’s language, and speech without doubled marks', () => {
  let app: TestApp;
  let clarifyingApp: TestApp;
  let articles: Article[];
  const article = (id: string, lang: 'en' | 'ar'): Article => {
    const found = articles.find((a) => a.id === id && a.lang === lang);
    expect(found, `${lang}/${id}`).toBeDefined();
    return found!;
  };

  beforeAll(async () => {
    app = await createTestApp();
    // Thresholds that make every plausible question a close call, to drive "did you mean".
    clarifyingApp = await createTestApp({
      env: {
        MUJIB_THRESHOLD_ANSWER: '1',
        MUJIB_THRESHOLD_CLARIFY: '0.0001',
        MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
      },
    });
    ({ articles } = await loadCollection('knowledge'));
  });
  afterAll(async () => {
    await app.close();
    await clarifyingApp.close();
  });

  it('en-US: an answer card has the English article title, its text and the link', async () => {
    // Prepare
    const alexa = virtualAlexa(app, 'en-US');
    const expected = article('reset-password', 'en');

    // Act
    const reply = await alexa.utter('how do I reset my password');

    // Assess
    const card = expectEnglishCard(reply);
    expect(card.title.startsWith(expected.title)).toBe(true);
    expect(card.content).toContain(`Read more: ${helpUrl}/`);
    expect(card.content).toContain('reset-password');
    const speech = heard(reply);
    expect(speech).toContain('Anything else?');
    expect(speech).not.toMatch(DOUBLED);
  });

  it('ar-SA: an answer card has the Arabic article title and Arabic text', async () => {
    // Prepare
    const alexa = virtualAlexa(app, 'ar-SA');
    const expected = article('track-order', 'ar');

    // Act
    const reply = await alexa.utter('كيف أتتبع طلبي');

    // Assess
    const card = expectArabicCard(reply);
    expect(card.title.startsWith(expected.title)).toBe(true);
    expect(card.content).toContain(`للمزيد: ${helpUrl}/`);
    expect(card.content).toContain('/ar/');
    const speech = heard(reply);
    expect(speech).toContain(SPEECH_MESSAGES.ar.anythingElse);
    expect(speech).not.toMatch(DOUBLED);
  });

  it('en-US: a hand-off card is titled "Your support request" with the reference', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    const reply = await alexa.utter('speak to a person');
    const card = expectEnglishCard(reply);
    expect(card.title).toBe(SPEECH_MESSAGES.en.cardTitleEscalated);
    expect(card.content).toMatch(/MJ-[0-9A-Z]+/);
    const speech = heard(reply);
    expect(speech).toContain('our team');
    expect(speech).not.toMatch(DOUBLED);
  });

  it('ar-SA: a hand-off card is titled in Arabic, with the reference in Arabic text', async () => {
    const alexa = virtualAlexa(app, 'ar-SA');
    const reply = await alexa.utter('أريد التحدث مع موظف');
    const card = expectArabicCard(reply);
    expect(card.title).toBe(SPEECH_MESSAGES.ar.cardTitleEscalated);
    const ref = card.content.match(/MJ-[0-9A-Z]+/)?.[0];
    expect(ref).toBeDefined();
    expect(await app.ticketStore.get(ref!)).toMatchObject({ channel: 'alexa' });
    const speech = heard(reply);
    expect(speech).toContain('فريق الدعم');
    expect(speech).not.toMatch(DOUBLED);
  });

  it('ar-SA: help, welcome, fallback and goodbye cards carry the Arabic skill name', async () => {
    const alexa = virtualAlexa(app, 'ar-SA');
    const replies = [
      await alexa.launch(),
      await alexa.utter('مساعدة'),
      await alexa.intend('AMAZON.FallbackIntent'),
      await alexa.utter('توقف'),
    ];
    for (const reply of replies) {
      const card = expectArabicCard(reply);
      expect(card.title).toBe('مساعدة نخيل');
      expect(heard(reply)).not.toMatch(DOUBLED);
    }
    expect((replies[3] as AlexaReply).response.shouldEndSession).toBe(true);
  });

  it('en-US: the same cards keep the English skill name', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    const replies = [
      await alexa.launch(),
      await alexa.utter('what can you do'),
      await alexa.intend('AMAZON.FallbackIntent'),
      await alexa.utter('stop'),
    ];
    for (const reply of replies) {
      expect(expectEnglishCard(reply).title).toBe('Nakheel Help');
      expect(heard(reply)).not.toMatch(DOUBLED);
    }
  });

  it.each([
    ['en-US', 'where is my refund', 'Did you mean When will I get my refund,'],
    ['ar-SA', 'متى يصلني المبلغ المسترد', 'هل تقصد متى يصلني المبلغ المسترد،'],
  ] as const)(
    '%s: "did you mean" over titles ending in a question mark says each option once, without "?," or "??"',
    async (locale, utterance, opening) => {
      // Prepare: the first option's own title is a question ("When will I get my refund?").
      const alexa = virtualAlexa(clarifyingApp, locale);

      // Act
      const reply = await alexa.utter(utterance);

      // Assess
      const speech = heard(reply);
      expect(speech).toContain(opening);
      expect(speech).not.toMatch(DOUBLED);
      const card = locale === 'ar-SA' ? expectArabicCard(reply) : expectEnglishCard(reply);
      expect(card.title).toBe(SPEECH_MESSAGES[locale === 'ar-SA' ? 'ar' : 'en'].cardTitleClarify);
      expect(card.content).toMatch(/^1\. .+[?؟]$/m);
      expect(card.content).not.toMatch(DOUBLED);
    },
  );

  it('the card titles for fixed messages are the skill names published in skill.json', async () => {
    const manifest = JSON.parse(
      await readFile('skills/alexa/skill-package/skill.json', 'utf8'),
    ) as { manifest: { publishingInformation: { locales: Record<Locale, { name: string }> } } };
    const locales = manifest.manifest.publishingInformation.locales;
    expect(SKILL_NAME.en).toBe(locales['en-US'].name);
    expect(SKILL_NAME.ar).toBe(locales['ar-SA'].name);
  });
});
