import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Conversation, StaffReplyNotice } from '#core/conversation/conversation.ts';
import type { HandledMessage, InboundMessage, Reply } from '#core/conversation/reply.ts';
import type { Candidate } from '#core/types.ts';
import { validateSsml } from '#core/render/ssml.ts';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { alexaCustomerKey } from '#adapters/alexa/alexa-customer.ts';
import type { AlexaLogger } from '#adapters/alexa/alexa-logger.ts';

const SKILL_ID = 'amzn1.ask.skill.00000000-1111-2222-3333-444444444444';
const helpUrl = 'https://help.nakheel.example';

function fixture(name: string): RequestEnvelope {
  return JSON.parse(readFileSync(`test/fixtures/alexa/${name}.json`, 'utf8')) as RequestEnvelope;
}

const track: Candidate = {
  articleId: 'track-your-order',
  title: 'Track your order',
  lang: 'en',
  url: '/help/en/track-your-order',
  summary:
    'Open **Account > Orders** and tap the order to see its status and live courier tracking.',
  snippet: 'Go to **Account > Orders**.',
  confidence: 0.92,
  score: 12,
};
const statuses: Candidate = {
  ...track,
  articleId: 'order-status-meanings',
  title: 'Order status meanings',
};

/** A Conversation double: records messages, answers with the next scripted reply. */
class ScriptedConversation implements Conversation {
  readonly messages: InboundMessage[] = [];
  readonly staffTaken: string[] = [];
  constructor(
    private readonly reply: (message: InboundMessage) => Reply,
    private readonly staff: StaffReplyNotice[] = [],
  ) {}
  async handle(message: InboundMessage): Promise<HandledMessage> {
    this.messages.push(message);
    const reply = this.reply(message);
    return {
      reply,
      duplicate: false,
      logged: true,
      turn: {
        sessionId: message.sessionId,
        messageId: message.messageId,
        at: '2026-11-23T10:00:00Z',
        channel: 'alexa',
        lang: reply.lang,
        text: message.text,
        outcome: reply.kind,
        reply: '',
      },
    };
  }
  async takeStaffReplies(customerKey: string): Promise<StaffReplyNotice[]> {
    this.staffTaken.push(customerKey);
    return this.staff.splice(0);
  }
}

function recordingLogger(): AlexaLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (event, data) => lines.push(JSON.stringify({ event, ...data })),
    error: (event, data) => lines.push(JSON.stringify({ event, ...data })),
  };
}

async function invoke(
  conversation: Conversation,
  envelope: RequestEnvelope,
  logger = recordingLogger(),
) {
  const skill = buildAlexaSkill({ conversation, skillId: SKILL_ID, helpUrl, logger });
  const response = (await skill.invoke(envelope)) as ResponseEnvelope;
  const ssml = (response.response.outputSpeech as { ssml: string } | undefined)?.ssml ?? '';
  return { response, ssml, logger };
}

const answerTrack = (m: InboundMessage): Reply => ({
  kind: 'answer',
  lang: m.lang ?? 'en',
  article: track,
  decision: undefined as never,
});

describe('Alexa skill handlers', () => {
  it('a question is handed to the core with the session, request id, language and hashed user', async () => {
    const conversation = new ScriptedConversation(answerTrack);
    const envelope = fixture('ask-question');
    const { response, ssml, logger } = await invoke(conversation, envelope);
    const [message] = conversation.messages;
    expect(message).toMatchObject({
      sessionId: envelope.session!.sessionId,
      messageId: envelope.request.requestId,
      channel: 'alexa',
      text: 'track my order',
      lang: 'en',
      contact: { alexaUserId: envelope.context.System.user.userId },
      customerKey: alexaCustomerKey(envelope.context.System.user.userId),
    });
    expect(message!.customerKey).toMatch(/^alexa:[0-9a-f]{64}$/);
    expect(ssml).toContain('Open Account, then Orders and tap the order');
    expect(validateSsml(ssml)).toEqual([]);
    expect(response.response.shouldEndSession).toBe(false);
    expect(response.response.reprompt?.outputSpeech).toMatchObject({
      ssml: '<speak>Anything else?</speak>',
    });
    expect(response.response.card).toMatchObject({
      type: 'Simple',
      title: 'Track your order',
      content: expect.stringContaining('https://help.nakheel.example/help/en/track-your-order'),
    });
    expect(logger.lines.join('\n')).not.toContain(envelope.context.System.user.userId);
  });

  it('an ar-SA request is asked and answered in Arabic', async () => {
    const conversation = new ScriptedConversation(() => ({
      kind: 'escalate',
      lang: 'ar',
      reason: 'no-match',
      ticketRef: 'MJ-4K7Q2X',
      ticketFailed: false,
    }));
    const { ssml } = await invoke(conversation, fixture('ask-question-ar'));
    expect(conversation.messages[0]).toMatchObject({ lang: 'ar', text: 'أتتبع طلبي' });
    expect(ssml).toContain('حوّلت سؤالك إلى فريق الدعم');
    expect(ssml).toContain('<say-as interpret-as="spell-out">4K7Q2X</say-as>');
    expect(validateSsml(ssml)).toEqual([]);
  });

  it('a clarification stores the options and "the second one" picks the second by article id', async () => {
    const clarify = new ScriptedConversation(() => ({
      kind: 'clarify',
      lang: 'en',
      options: [track, statuses],
      decision: undefined as never,
    }));
    const first = await invoke(clarify, fixture('ask-question'));
    expect(first.ssml).toContain('Did you mean Track your order, or Order status meanings?');
    expect(first.response.sessionAttributes).toEqual({
      options: [
        { articleId: 'track-your-order', title: 'Track your order' },
        { articleId: 'order-status-meanings', title: 'Order status meanings' },
      ],
    });

    const chooser = new ScriptedConversation(answerTrack);
    const envelope = fixture('choose-option-ordinal');
    envelope.session!.attributes = first.response.sessionAttributes;
    const second = await invoke(chooser, envelope);
    expect(chooser.messages[0]).toMatchObject({
      choice: 'order-status-meanings',
      text: 'Order status meanings',
    });
    expect(second.response.sessionAttributes).toEqual({});
  });

  it('saying an offered title picks that option', async () => {
    const conversation = new ScriptedConversation(answerTrack);
    const envelope = fixture('ask-question');
    envelope.session!.attributes = {
      options: [{ articleId: 'track-your-order', title: 'Track my order' }],
    };
    await invoke(conversation, envelope);
    expect(conversation.messages[0]).toMatchObject({ choice: 'track-your-order' });
  });

  it('choosing with no options offered asks again without calling the core', async () => {
    const conversation = new ScriptedConversation(answerTrack);
    const envelope = fixture('choose-option-ordinal');
    envelope.session!.attributes = {};
    const { ssml } = await invoke(conversation, envelope);
    expect(conversation.messages).toHaveLength(0);
    expect(ssml).toContain('I don&apos;t have that option');
  });

  it('HumanIntent asks the core for a person and speaks the spelled reference', async () => {
    const conversation = new ScriptedConversation((m) => ({
      kind: 'escalate',
      lang: m.lang ?? 'en',
      reason: 'asked-for-human',
      ticketRef: 'MJ-7QX2',
      ticketFailed: false,
    }));
    const { ssml } = await invoke(conversation, fixture('human'));
    expect(conversation.messages[0]!.text).toBe('talk to a person');
    expect(ssml).toContain('handing you over to our team');
    expect(ssml).toContain('<say-as interpret-as="spell-out">7QX2</say-as>');
  });

  it('a failed ticket is admitted honestly', async () => {
    const conversation = new ScriptedConversation(() => ({
      kind: 'escalate',
      lang: 'en',
      reason: 'asked-for-human',
      ticketFailed: true,
    }));
    const { ssml } = await invoke(conversation, fixture('human'));
    expect(ssml).toContain('couldn&apos;t pass this to our team');
    expect(ssml).not.toContain('reference');
  });

  it('launch reads waiting staff replies first, for this user only', async () => {
    const envelope = fixture('launch');
    const conversation = new ScriptedConversation(answerTrack, [
      {
        ticketRef: 'MJ-AB12',
        lang: 'en',
        channel: 'alexa',
        text: 'Your refund was sent today.',
        at: '2026-11-22T09:00:00Z',
      },
    ]);
    const { ssml } = await invoke(conversation, envelope);
    expect(conversation.staffTaken).toEqual([
      alexaCustomerKey(envelope.context.System.user.userId),
    ]);
    expect(ssml).toContain('You have an answer from our team about reference');
    expect(ssml).toContain('Your refund was sent today.');
    const again = await invoke(conversation, envelope);
    expect(again.ssml).toContain('Welcome to Nakheel Help');
  });

  it('launch in Arabic greets in Arabic', async () => {
    const { ssml, response } = await invoke(
      new ScriptedConversation(answerTrack),
      fixture('launch-ar'),
    );
    expect(ssml).toContain('أهلًا بك في مساعدة نخيل');
    expect(response.response.shouldEndSession).toBe(false);
  });

  it('Stop says goodbye and ends the session; Help and Fallback keep it open', async () => {
    const conversation = new ScriptedConversation(answerTrack);
    const stop = await invoke(conversation, fixture('stop'));
    expect(stop.ssml).toContain('Goodbye');
    expect(stop.response.response.shouldEndSession).toBe(true);
    const help = await invoke(conversation, fixture('help'));
    expect(help.ssml).toContain('talk to a person');
    expect(help.response.response.shouldEndSession).toBe(false);
    const fallback = await invoke(conversation, fixture('fallback'));
    expect(fallback.ssml).toContain('how do I');
    expect(conversation.messages).toHaveLength(0);
  });

  it('SessionEndedRequest is logged without speech', async () => {
    const { response, logger } = await invoke(
      new ScriptedConversation(answerTrack),
      fixture('session-ended'),
    );
    expect(response.response.outputSpeech).toBeUndefined();
    expect(logger.lines.some((line) => line.includes('"reason":"USER_INITIATED"'))).toBe(true);
  });

  it('a failing core is logged and the customer hears a useful apology', async () => {
    const conversation: Conversation = {
      handle: () => Promise.reject(new Error('table unavailable')),
      takeStaffReplies: () => Promise.resolve([]),
    };
    const { ssml, logger } = await invoke(conversation, fixture('ask-question'));
    expect(ssml).toContain('Sorry, I had trouble with that. Please try again.');
    expect(
      logger.lines.some((line) => line.includes('table unavailable') && line.includes('ask-1')),
    ).toBe(true);
  });

  it('a request for another skill id is refused before any handler runs', async () => {
    const conversation = new ScriptedConversation(answerTrack);
    const envelope = fixture('ask-question');
    envelope.context.System.application.applicationId = 'amzn1.ask.skill.someone-else';
    const skill = buildAlexaSkill({
      conversation,
      skillId: SKILL_ID,
      helpUrl,
      logger: recordingLogger(),
    });
    await expect(skill.invoke(envelope)).rejects.toThrow(/Skill ID verification failed/);
    expect(conversation.messages).toHaveLength(0);
  });
});
