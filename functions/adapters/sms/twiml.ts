/**
 * TwiML for a webhook answer: one <Message> with the reply, or an empty <Response/> when
 * nothing is to be sent (an opted-out number, a STOP).
 */

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>';

/** `<Response><Message>text</Message></Response>`, XML-escaped; `<Response/>` for no text. */
export function twimlMessage(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return `${XML_HEADER}<Response/>`;
  return `${XML_HEADER}<Response><Message>${escapeXml(text)}</Message></Response>`;
}

/** XML text escaping; characters XML 1.0 cannot carry (most C0 controls) are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
