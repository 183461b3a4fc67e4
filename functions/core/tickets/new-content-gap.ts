/**
 * Builds a content gap ("suggest an article") record. Its id sorts by time (`<ISO time>#<uuid>`),
 * so stores list gaps in time order by id alone.
 */
import { ValidationError } from '../errors.ts';
import type { ContentGap } from '../ports.ts';
import type { Lang } from '../types.ts';
import { redactPii } from './redact.ts';

export interface NewContentGapInput {
  lang: Lang;
  question: string;
  note?: string;
  ticketRef?: string;
  suggestedBy?: string;
}

/** Longest question or note kept. */
export const MAX_GAP_TEXT = 2000;

/** A time-sortable content gap id. */
export function contentGapId(now: Date, uuid: string): string {
  return `${now.toISOString()}#${uuid}`;
}

/** A new content gap with personal data redacted from the question and note. */
export function newContentGap(input: NewContentGapInput, now: Date, uuid: string): ContentGap {
  const question = redactPii(String(input.question ?? '').trim()).slice(0, MAX_GAP_TEXT);
  if (question === '') throw new ValidationError('content gap question is empty');
  const gap: ContentGap = {
    id: contentGapId(now, uuid),
    at: now.toISOString(),
    lang: input.lang,
    question,
  };
  if (input.note?.trim()) gap.note = redactPii(input.note.trim()).slice(0, MAX_GAP_TEXT);
  if (input.ticketRef) gap.ticketRef = input.ticketRef;
  if (input.suggestedBy) gap.suggestedBy = input.suggestedBy;
  return gap;
}
