/**
 * The Alexa skill end to end in-process: virtual-alexa resolves utterances with the real
 * interaction models in skills/alexa/, the skill runs on the real conversation core built from
 * knowledge/ (memory stores), and we assert on what Alexa would say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualAlexa } from 'virtual-alexa';
import type { RequestEnvelope } from 'ask-sdk-model';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import type { Article } from '#core/knowledge/article.ts';
import { escapeSsml, speakableText } from '#core/render/speech-text.ts';
import { validateSsml } from '#core/render/ssml.ts';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { alexaCustomerKey } from '#adapters/alexa/alexa-customer.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const helpUrl = 'https://help.nakheel.example';
const quiet = { info: () => {}, error: () => {} };

interface Spoken {
  response: {
    outputSpeech?: { ssml: string };
    card?: { title: string; content: string };
    shouldEndSession?: boolean;
  };
}

function virtualAlexa(
  app: TestApp,
  locale: 'en-US' | 'ar-SA',
  applicationId = SKILL_ID,
): VirtualAlexa {
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
    .applicationID(applicationId)
    .create();
}

function said(reply: unknown): string {
  const ssml = (reply as Spoken).response.outputSpeech?.ssml ?? '';
  expect(validateSsml(ssml)).toEqual([]);
  return ssml;
}

/** The first few words of an article's summary, as speech renders them (SSML-escaped). */
function opening(article: Article, words = 4): string {
  return escapeSsml(
    speakableText(article.summary ?? '', article.lang)
      .split(' ')
      .slice(0, words)
      .join(' '),
  );
}

/** The ticket reference from the escalation card ("… Your reference is MJ-XXXXXX. …"). */
function refOnCard(reply: unknown): string {
  const ref = (reply as Spoken).response.card?.content.match(/MJ-[0-9A-Z]+/)?.[0];
  expect(ref).toBeDefined();
  return ref as string;
}

describe('Alexa skill on the real core (virtual-alexa)', () => {
  let app: TestApp;
  let clarifyingApp: TestApp;
  let articles: Article[];
  const article = (id: string, lang: 'en' | 'ar') => {
    const found = articles.find((a) => a.id === id && a.lang === lang);
    expect(found, `${lang}/${id}`).toBeDefined();
    return found as Article;
  };

  beforeAll(async () => {
    app = await createTestApp();
    // Thresholds that make every plausible question a close call, to drive clarification.
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

  it('an English question is answered from the matching article, with a card link and the session kept open', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    const reply = await alexa.utter('how do I reset my password');
    const ssml = said(reply);
    expect(ssml).toContain(opening(article('reset-password', 'en')));
    expect(ssml).toContain('Anything else?');
    expect((reply as Spoken).response.shouldEndSession).toBe(false);
    expect((reply as Spoken).response.card?.content).toContain(`${helpUrl}/`);
    expect((reply as Spoken).response.card?.content).toContain('reset-password');
  });

  it('an Arabic question through the ar-SA model is answered in Arabic', async () => {
    const alexa = virtualAlexa(app, 'ar-SA');
    const ssml = said(await alexa.utter('كيف أتتبع طلبي'));
    expect(ssml).toContain(opening(article('track-order', 'ar')));
    expect(ssml).toContain('هل من شيء آخر؟');
  });

  it('a close call asks "did you mean…", and "the second one" answers with the second option', async () => {
    const alexa = virtualAlexa(clarifyingApp, 'en-US');
    const first = said(await alexa.utter('where is my refund'));
    const match = first.match(/Did you mean (.+?), (?:(.+?), )?or (.+?)\?/);
    expect(match).not.toBeNull();
    const options = (
      alexa.context().session()?.attributes() as { options: { articleId: string; title: string }[] }
    ).options;
    expect(options.length).toBeGreaterThanOrEqual(2);
    // a title sits mid-sentence in the list, without its own question mark
    expect(first).toContain(options[0]!.title.replace(/[?.!]+$/, ''));
    const second = said(await alexa.utter('the second one'));
    expect(second).toContain(opening(article(options[1]!.articleId, 'en')));
  });

  it('an Arabic clarification is resolved by saying «الثاني»', async () => {
    const alexa = virtualAlexa(clarifyingApp, 'ar-SA');
    const first = said(await alexa.utter('كيف أتتبع طلبي'));
    expect(first).toContain('هل تقصد');
    const options = (
      alexa.context().session()?.attributes() as { options: { articleId: string }[] }
    ).options;
    const second = said(await alexa.utter('الثاني'));
    expect(second).toContain(opening(article(options[1]!.articleId, 'ar')));
  });

  it('a question the help centre cannot answer opens one ticket and reads its reference', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    const reply = await alexa.utter('how do I adopt a camel');
    const ssml = said(reply);
    const ref = refOnCard(reply);
    expect(ssml).toContain('I&apos;ve passed this to our team');
    expect(ssml).toContain(`<say-as interpret-as="spell-out">${ref.split('-')[1]}</say-as>`);
    const ticket = await app.ticketStore.get(ref);
    const userId = alexa.context().user().id();
    expect(ticket).toMatchObject({
      channel: 'alexa',
      // The stored key is a keyed hash in the Alexa namespace, never the adapter's own key.
      customerKey: expect.stringMatching(/^alexa:[0-9a-f]{32}$/),
      contact: { alexaUserId: userId },
    });
    expect(ticket?.customerKey).not.toBe(alexaCustomerKey(userId));
    expect(ticket?.question).toContain('adopt a camel');
  });

  it('a staff reply to an Alexa ticket is read out at the next launch, once', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    const ref = refOnCard(await alexa.utter('I want a person'));
    await alexa.endSession();
    await app.tickets.claim(ref, 'sara');
    await app.tickets.reply(ref, 'sara', 'We have sent a replacement; it arrives on Tuesday.');

    const launch = said(await alexa.launch());
    expect(launch).toContain('You have an answer from our team about reference');
    expect(launch).toContain('We have sent a replacement; it arrives on Tuesday.');
    await alexa.endSession();
    const again = said(await alexa.launch());
    expect(again).toContain('Welcome to Nakheel Help');
    expect(again).not.toContain('replacement');
  });

  it('Stop says goodbye and ends the session; Fallback asks to rephrase', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    await alexa.launch();
    const fallback = await alexa.intend('AMAZON.FallbackIntent');
    expect(said(fallback)).toContain('how do I');
    expect((fallback as Spoken).response.shouldEndSession).toBe(false);
    const stop = await alexa.utter('stop');
    expect(said(stop)).toContain('Goodbye');
    expect((stop as Spoken).response.shouldEndSession).toBe(true);
  });

  it('a request from another skill id is refused', async () => {
    const alexa = virtualAlexa(app, 'en-US', 'amzn1.ask.skill.someone-else');
    await expect(alexa.utter('how do I reset my password')).rejects.toThrow(
      /Skill ID verification failed/,
    );
  });
});
