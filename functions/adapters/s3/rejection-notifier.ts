/**
 * The port through which a rejected article reaches a person beyond logs and the
 * `IndexRejected` metric: a message to the article's `owner` (front matter). The SNS adapter is
 * sns-rejection-notifier.ts; without a topic configured the indexer notifies no one (the
 * structured log line and the metric alarm remain).
 */
import type { RejectedArticle } from '#core/knowledge/select-publishable.ts';

export interface RejectionNotifier {
  /** Tells the owner of `rejection.file` why it was rejected. Throws when it cannot. */
  notify(rejection: RejectedArticle & { owner: string }): Promise<void>;
}

/** The text of a rejection message: what was rejected, what serves instead, every problem. */
export function rejectionMessage(
  rejection: RejectedArticle,
  maxProblems = 20,
): {
  subject: string;
  body: string;
} {
  const subject = `Mujib: article rejected: ${rejection.file}`.slice(0, 99);
  const serving =
    rejection.serving === 'last-good'
      ? 'Its last good version keeps serving until this is fixed.'
      : 'It is not published until this is fixed.';
  const shown = rejection.problems.slice(0, maxProblems);
  const more = rejection.problems.length - shown.length;
  const body = [
    `The article ${rejection.file} was not published: it has lint errors.`,
    serving,
    '',
    ...shown.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    ...(more > 0 ? [`… and ${more} more`] : []),
    '',
    'Fix it and upload it again (or run `kb lint` locally first).',
  ].join('\n');
  return { subject, body };
}
