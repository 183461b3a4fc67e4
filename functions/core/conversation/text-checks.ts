/**
 * Cheap checks on customer text before retrieval: is there anything to search for, and the
 * size limits every channel shares.
 */

/** Longest question text the core looks at; longer text is cut (the rest is still logged). */
export const MAX_QUESTION_CHARS = 2_000;
/** Longest text accepted from any channel at all (bigger bodies are refused by adapters). */
export const MAX_MESSAGE_CHARS = 10_000;

/** True when the text has at least one letter or digit in any script (not just emoji/punctuation). */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
