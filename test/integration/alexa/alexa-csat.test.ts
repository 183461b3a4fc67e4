/**
 * The satisfaction question on Alexa, driven by virtual-alexa with the real interaction models in
 * skills/alexa/ on the real core (memory stores): at the launch after a ticket closed, the skill
 * asks "on a scale of 1 to 5…" once; the number said (ChooseOptionIntent's `{number}` sample, no
 * new intent) is stored as the ticket's rating; anything but 1–5 is asked again.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { VirtualAlexa } from 'virtual-alexa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { validateSsml } from '#core/render/ssml.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const quiet = { info: () => {}, error: () => {} };

interface Spoken {
  response: { outputSpeech?: { ssml: string }; card?: { title: string; content: string } };
}

function virtualAlexa(app: TestApp, locale: 'en-US' | 'ar-SA'): VirtualAlexa {
  const skill = buildAlexaSkill({
    conversation: app.conversation,
    csat: app.csat,
    skillId: SKILL_ID,
    helpUrl: 'https://help.nakheel.example',
    logger: quiet,
  });
  return VirtualAlexa.Builder()
    .handler((event: unknown) => skill.invoke(event as RequestEnvelope))
    .interactionModelFile(`skills/alexa/skill-package/interactionModels/custom/${locale}.json`)
    .locale(locale)
    .applicationID(SKILL_ID)
    .create();
}

function said(reply: unknown): string {
  const ssml = (reply as Spoken).response.outputSpeech?.ssml ?? '';
  expect(validateSsml(ssml)).toEqual([]);
  return ssml;
}

function refOnCard(reply: unknown): string {
  const ref = (reply as Spoken).response.card?.content.match(/MJ-[0-9A-Z]+/)?.[0];
  expect(ref).toBeDefined();
  return ref as string;
}

describe('Alexa CSAT (virtual-alexa)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('asks at the launch after the close, once, and stores the number said', async () => {
    // Prepare: a hand-off whose staff reply the customer already heard, then the close.
    const alexa = virtualAlexa(app, 'en-US');
    const ref = refOnCard(await alexa.utter('I want a person'));
    await app.tickets.claim(ref, 'sara');
    await app.tickets.reply(ref, 'sara', 'We have sent a replacement.');
    const heard = said(await alexa.launch());
    await app.tickets.close(ref, 'sara');

    // Act
    const question = await alexa.launch();
    const thanks = said(await alexa.utter('4'));
    const nextLaunch = said(await alexa.launch());

    // Assess
    expect(heard).toContain('We have sent a replacement.');
    expect(said(question)).toContain('On a scale of 1 to 5, how did our team do?');
    expect((question as Spoken).response.card).toMatchObject({ title: 'Rate our help' });
    expect(thanks).toContain('Thank you for rating us 4 out of 5.');
    expect(nextLaunch).not.toContain('scale of 1 to 5');
    expect(nextLaunch).toContain('Welcome to Nakheel Help');
    const ticket = await app.tickets.get(ref);
    expect(ticket.csat).toMatchObject({ rating: 4, channel: 'alexa' });
    expect(ticket.csatAskedAt).toBeDefined();
  });

  it('asks again for a number outside 1–5, then takes one in Arabic', async () => {
    const alexa = virtualAlexa(app, 'ar-SA');
    const ref = refOnCard(await alexa.utter('أريد التحدث مع موظف'));
    await app.tickets.close(ref, 'sara');

    const question = said(await alexa.launch());
    const again = said(await alexa.intend('ChooseOptionIntent', { number: '9' }));
    const thanks = said(await alexa.intend('ChooseOptionIntent', { number: '5' }));

    expect(question).toContain('من 1 إلى 5');
    expect(again).toContain('قل رقمًا من 1 إلى 5 من فضلك.');
    expect(thanks).toContain('شكرًا لتقييمك: 5 من 5.');
    expect((await app.tickets.get(ref)).csat).toMatchObject({ rating: 5, channel: 'alexa' });
  });

  it('a number said without a pending question is still an option pick, not a rating', async () => {
    const alexa = virtualAlexa(app, 'en-US');
    await alexa.launch();

    const reply = said(await alexa.utter('4'));

    expect(reply).toContain('Sorry, I don&apos;t have that option.');
  });
});
