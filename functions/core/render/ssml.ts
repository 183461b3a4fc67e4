/**
 * Renders a Reply (and staff replies waiting for a customer) as Alexa speech: SSML within about
 * 25 seconds, a reprompt, and a card with the full text and an absolute article link (an answer
 * found only in the other language is announced, not read, and put on the card). Every card is
 * titled in the customer's language, and where a summary or title meets a message's own
 * punctuation only one mark is kept ("refund?." → "refund?"). Pure: the Alexa adapter hands
 * the result to ask-sdk's response builder.
 */
import type { Reply } from '../conversation/reply.ts';
import type { StaffReplyNotice } from '../conversation/conversation.ts';
import type { Candidate, Lang } from '../types.ts';
import { markdownToText } from './markdown-to-text.ts';
import { promiseSentence } from './handoff-promise.ts';
import { languageName, otherLanguageNotice } from './messages.ts';
import { speechMessage, type SpeechMessageKey } from './speech-messages.ts';
import {
  collapsePunctuation,
  collapseSsmlPunctuation,
  escapeSsml,
  speakableText,
  trimToWords,
  SPEECH_WORD_BUDGET,
} from './speech-text.ts';

export { validateSsml } from './speech-validate.ts';

/** What Alexa says and shows for one reply. */
export interface SpokenReply {
  /** Output speech, `<speak>…</speak>`. */
  ssml: string;
  /** Reprompt speech, `<speak>…</speak>` (said when the customer stays silent). */
  reprompt: string;
  /** Simple card for the Alexa app: plain text, full length, absolute links. */
  card: { title: string; text: string };
  /** True when the conversation is over (the customer said goodbye). */
  endSession: boolean;
}

/**
 * The skill's name in each language, as published in skills/alexa/skill-package/skill.json
 * (a test keeps the two in step): the title of cards that carry a fixed message.
 */
export const SKILL_NAME = {
  en: 'Nakheel Help',
  ar: 'مساعدة نخيل',
} as const satisfies Record<Lang, string>;

export interface RenderSpeechOptions {
  /** Absolute base URL of the help centre, e.g. `https://help.nakheel.example`. */
  helpUrl: string;
}

/**
 * Speech for one reply: the article's summary (or section text) for an answer, "did you mean A,
 * or B?" for a clarification, the spelled-out reference for a ticket.
 *
 * @example renderSpeech(handled.reply, { helpUrl: 'https://help.nakheel.example' }).ssml
 */
export function renderSpeech(reply: Reply, options: RenderSpeechOptions): SpokenReply {
  const lang = reply.lang;
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.article, lang, options);
    case 'clarify': {
      // Titles sit mid-sentence in the list ("Did you mean A, or B?"): their own closing mark goes.
      const titles = reply.options.map((option) =>
        clipEscaped(escapeSsml(option.title.replace(CLOSING_MARKS, '')), MAX_TITLE_SSML),
      );
      const list = joinOptions(titles, lang);
      return {
        ssml: speak(
          `${text(lang, 'clarify', { options: list })} ${say(lang, reply.options.length === 1 ? 'clarifyPickOne' : 'clarifyPick')}`,
        ),
        reprompt: speak(say(lang, 'clarifyReprompt')),
        card: card(
          speechMessage(lang, 'cardTitleClarify'),
          reply.options.map((option, i) => `${i + 1}. ${option.title}`).join('\n'),
        ),
        endSession: false,
      };
    }
    case 'escalate': {
      if (reply.ticketFailed || reply.ticketRef === undefined) {
        return {
          ssml: speak(`${say(lang, 'escalateFailed')} ${say(lang, 'anythingElse')}`),
          reprompt: speak(say(lang, 'anythingElse')),
          card: card(
            speechMessage(lang, 'cardTitleEscalated'),
            speechMessage(lang, 'escalateFailed'),
          ),
          endSession: false,
        };
      }
      const key = reply.reason === 'asked-for-human' ? 'escalatedAskedForHuman' : 'escalated';
      const ref = spellReference(reply.ticketRef);
      // When a person will answer (support.json hours and who is on shift; see handoff-promise.ts).
      const promise = promiseSentence(lang, reply.promise, 'speech');
      const spokenPromise = promise ? `${escapeSsml(promise)} ` : '';
      return {
        ssml: speak(
          `${text(lang, key, { ref })} ${spokenPromise}${say(lang, 'escalatedNext')} ${say(lang, 'anythingElse')}`,
        ),
        reprompt: speak(say(lang, 'anythingElse')),
        card: card(
          speechMessage(lang, 'cardTitleEscalated'),
          [
            speechMessage(lang, key, { ref: reply.ticketRef }),
            promise,
            speechMessage(lang, 'escalatedNext'),
          ]
            .filter(Boolean)
            .join('\n'),
        ),
        endSession: false,
      };
    }
    case 'smalltalk': {
      if (reply.intent === 'goodbye') return goodbyeSpeech(lang);
      const key = reply.intent === 'greeting' ? 'welcome' : 'anythingElse';
      return {
        ssml: speak(say(lang, key)),
        reprompt: speak(say(lang, 'welcomeReprompt')),
        card: card(SKILL_NAME[lang], speechMessage(lang, key)),
        endSession: false,
      };
    }
    case 'empty':
      return {
        ssml: speak(say(lang, 'empty')),
        reprompt: speak(say(lang, 'helpReprompt')),
        card: card(SKILL_NAME[lang], speechMessage(lang, 'empty')),
        endSession: false,
      };
  }
}

/**
 * Speech for staff replies waiting at launch: "You have an answer from our team about reference
 * M J 4 K 7 …", then each reply (at most two spoken, the rest on the card), then "Anything else?".
 */
export function renderStaffReplySpeech(
  notices: readonly StaffReplyNotice[],
  lang: Lang,
): SpokenReply {
  const spoken = notices.slice(0, 2).map((notice) => {
    const body = trimToWords(speakableText(notice.text, lang), SPEECH_WORD_BUDGET[lang]);
    const intro = text(lang, 'staffReplyIntro', { ref: spellReference(notice.ticketRef) });
    return `<p>${intro} ${clipEscaped(escapeSsml(body), MAX_BODY_SSML / 2)}</p>`;
  });
  const more = notices.length > 2 ? ` ${say(lang, 'staffReplyMore')}` : '';
  return {
    ssml: speak(`${spoken.join(' ')}${more} ${say(lang, 'anythingElse')}`),
    reprompt: speak(say(lang, 'welcomeReprompt')),
    card: card(
      speechMessage(lang, 'cardTitleStaffReply'),
      notices
        .map((n) => `${n.ticketRef}: ${markdownToText(n.text).replace(/\n/g, ' ')}`)
        .join('\n\n'),
    ),
    endSession: false,
  };
}

/** Goodbye speech that ends the session (Stop, Cancel, "goodbye"). */
export function goodbyeSpeech(lang: Lang): SpokenReply {
  return {
    ssml: speak(say(lang, 'goodbye')),
    reprompt: '',
    card: card(SKILL_NAME[lang], speechMessage(lang, 'goodbye')),
    endSession: true,
  };
}

/** A fixed message (help, fallback, welcome, error) as output speech with its reprompt. */
export function messageSpeech(
  lang: Lang,
  key: SpeechMessageKey,
  repromptKey: SpeechMessageKey = 'helpReprompt',
): SpokenReply {
  return {
    ssml: speak(say(lang, key)),
    reprompt: speak(say(lang, repromptKey)),
    card: card(SKILL_NAME[lang], speechMessage(lang, key)),
    endSession: false,
  };
}

/** A ticket reference read letter by letter: `MJ-4K7Q2X` → "M J, 4 K 7 Q 2 X". */
export function spellReference(ref: string): string {
  return ref
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => `<say-as interpret-as="spell-out">${escapeSsml(part)}</say-as>`)
    .join('<break time="300ms"/>');
}

/**
 * The summary (or section text) spoken, the full text and link on the card. An answer found
 * only in the other language is not read out (the customer's voice would mispronounce it): the
 * speech says, in the customer's language, that it is on the card, and the card has it under a
 * title in the customer's language ("This answer is only available in Arabic"), the article's
 * own title first in its text.
 */
function renderAnswer(article: Candidate, lang: Lang, options: RenderSpeechOptions): SpokenReply {
  const link = absoluteUrl(article.url, options.helpUrl);
  const full = [article.summary, article.snippet]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => markdownToText(part))
    .filter((part, i, parts) => parts.indexOf(part) === i)
    .join('\n\n');
  const title = article.heading ? `${article.title}: ${article.heading}` : article.title;
  const readMore = speechMessage(lang, 'readMore', { url: link });
  const notice = otherLanguageNotice(lang, article.lang);
  if (notice) {
    const language = languageName(lang, article.lang);
    return {
      ssml: speak(
        `${escapeSsml(speechMessage(lang, 'otherLanguageOnly', { language }))} <break time="400ms"/>${say(lang, 'anythingElse')}`,
      ),
      reprompt: speak(say(lang, 'anythingElse')),
      card: card(notice.replace(/\s*[:：]\s*$/, ''), `${title}\n\n${full}\n\n${readMore}`),
      endSession: false,
    };
  }
  const source = article.summary?.trim() ? article.summary : article.snippet;
  const body = trimToWords(speakableText(source, lang), SPEECH_WORD_BUDGET[lang]);
  return {
    ssml: speak(
      `${clipEscaped(escapeSsml(body), MAX_BODY_SSML)} <break time="400ms"/>${say(lang, 'anythingElse')}`,
    ),
    reprompt: speak(say(lang, 'anythingElse')),
    card: card(title, `${full}\n\n${readMore}`),
    endSession: false,
  };
}

/** Sentence punctuation at the end of a title ("How do I return an item?"). */
const CLOSING_MARKS = /[\s.,;!?،؛؟]+$/u;

function joinOptions(titles: string[], lang: Lang): string {
  const or = speechMessage(lang, 'clarifyOr');
  const comma = lang === 'ar' ? '،' : ',';
  if (titles.length <= 1) return titles.join('');
  const head = titles.slice(0, -1).join(`${comma} `);
  return `${head}${comma} ${or} ${titles[titles.length - 1]}`;
}

function absoluteUrl(url: string, helpUrl: string): string {
  try {
    return new URL(url, helpUrl).toString();
  } catch {
    return url;
  }
}

/**
 * Alexa refuses speech over 8,000 characters. The word budget does not bound characters (one
 * long "word", or text that escaping multiplies: `&` → `&amp;`), so the escaped text of an
 * answer, a staff reply (two are spoken) and an option title is also capped; the card keeps all.
 */
const MAX_BODY_SSML = 6_000;
const MAX_TITLE_SSML = 300;

/** Escaped SSML text cut to `max` characters, never inside an entity, ending in "…". */
function clipEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.includes(';', amp)) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** `<speak>` around the joined pieces, one mark where a piece's punctuation meets the next's. */
function speak(inner: string): string {
  return `<speak>${collapseSsmlPunctuation(inner)
    .replace(/\s{2,}/g, ' ')
    .trim()}</speak>`;
}

/** A simple card, with the same tidy joins as the speech. */
function card(title: string, text: string): SpokenReply['card'] {
  return { title: collapsePunctuation(title), text: collapsePunctuation(text) };
}

/** A plain message, escaped for SSML. */
function say(lang: Lang, key: SpeechMessageKey): string {
  return escapeSsml(speechMessage(lang, key));
}

/** A message whose placeholders are SSML fragments (inserted unescaped; the rest is escaped). */
function text(lang: Lang, key: SpeechMessageKey, ssmlValues: Record<string, string>): string {
  const marker = (name: string): string => `\uE000${name}\uE000`;
  const markers = Object.fromEntries(Object.keys(ssmlValues).map((name) => [name, marker(name)]));
  return escapeSsml(speechMessage(lang, key, markers)).replace(
    /\uE000(\w+)\uE000/g,
    (_whole, name: string) => ssmlValues[name] ?? '',
  );
}
