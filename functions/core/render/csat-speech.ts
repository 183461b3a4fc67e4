/**
 * The satisfaction question as Alexa speech: asked at the launch after a ticket closed ("On a
 * scale of 1 to 5…", the reference spelled out), the reprompt when the answer was not 1–5, and
 * the thanks. Pure, like ssml.ts, whose SpokenReply it returns.
 */
import type { Lang } from '../types.ts';
import { csatMessage, type CsatMessageKey } from './csat-messages.ts';
import { speechMessage } from './speech-messages.ts';
import { spellReference, type SpokenReply } from './ssml.ts';
import { collapsePunctuation, collapseSsmlPunctuation, escapeSsml } from './speech-text.ts';

/** "Your request M J, 4 K 7 Q 2 X is now closed. On a scale of 1 to 5, …" */
export function csatQuestionSpeech(lang: Lang, ticketRef: string): SpokenReply {
  const marker = '\uE000ref\uE000';
  const question = escapeSsml(csatMessage(lang, 'speechAsk', { ref: marker })).replace(
    marker,
    spellReference(ticketRef),
  );
  return {
    ssml: speak(question),
    reprompt: speak(say(lang, 'speechReprompt')),
    card: card(csatMessage(lang, 'cardTitle'), csatMessage(lang, 'speechAsk', { ref: ticketRef })),
    endSession: false,
  };
}

/** "Please say a number from 1 to 5." (the question stays open). */
export function csatRepromptSpeech(lang: Lang): SpokenReply {
  return {
    ssml: speak(say(lang, 'speechReprompt')),
    reprompt: speak(say(lang, 'speechReprompt')),
    card: card(csatMessage(lang, 'cardTitle'), csatMessage(lang, 'speechReprompt')),
    endSession: false,
  };
}

/** "Thank you for rating us 4 out of 5. Anything else?" */
export function csatThanksSpeech(lang: Lang, rating: number): SpokenReply {
  const thanks = csatMessage(lang, 'speechThanks', { rating: String(rating) });
  return {
    ssml: speak(escapeSsml(thanks)),
    reprompt: speak(escapeSsml(speechMessage(lang, 'welcomeReprompt'))),
    card: card(csatMessage(lang, 'cardTitle'), thanks),
    endSession: false,
  };
}

function speak(inner: string): string {
  return `<speak>${collapseSsmlPunctuation(inner)
    .replace(/\s{2,}/g, ' ')
    .trim()}</speak>`;
}

function say(lang: Lang, key: CsatMessageKey): string {
  return escapeSsml(csatMessage(lang, key));
}

function card(title: string, text: string): SpokenReply['card'] {
  return { title: collapsePunctuation(title), text: collapsePunctuation(text) };
}
