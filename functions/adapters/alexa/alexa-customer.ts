/**
 * Who is speaking, as the core and the logs see an Alexa user: the language of the device
 * locale, and a customer key that is a hash of the Alexa user id (the raw id is long-lived and
 * personal; it only goes into a ticket's contact, never into logs or keys).
 */
import { createHash } from 'node:crypto';
import type { Lang } from '#core/types.ts';

/** `alexa:` + hex SHA-256 of the Alexa user id: where staff replies wait for this user. */
export function alexaCustomerKey(userId: string): string {
  return `alexa:${createHash('sha256').update(userId, 'utf8').digest('hex')}`;
}

/** The help-centre language of an Alexa locale: `ar-SA` → `ar`, anything else → `en`. */
export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}
