/**
 * The content-gap report as Markdown for writers (`kb gaps`): one section per cluster, most
 * customers first, with examples, the nearest article, the staff answer and suggestions.
 */
import type { GapClusterReport } from './gap-report.ts';

/** Markdown text of a report; customer text is quoted as-is inside list items and quotes. */
export function gapReportMarkdown(report: GapClusterReport): string {
  const scope = report.lang ? `${report.lang}` : 'all languages';
  const lines = [
    `# Content gaps (${scope}, ${report.from} to ${report.to})`,
    '',
    `${report.questionCount} escalated or low-confidence questions in ${report.clusters.length} clusters, most customers first.`,
  ];
  if (report.clusters.length === 0) lines.push('', 'No content gaps in this period.');
  report.clusters.forEach((c, i) => {
    const label = c.examples[0] ?? c.terms.join(' ');
    lines.push('', `## ${i + 1}. ${oneLine(label)} (${c.lang})`, '');
    lines.push(
      `- Customers: ${c.customers} · questions: ${c.questions} · escalated: ${c.escalations}` +
        (c.suggestions ? ` · staff suggestions: ${c.suggestions}` : ''),
    );
    lines.push(
      c.nearestArticle
        ? `- Nearest article: \`${c.nearestArticle.articleId}\` (confidence ${Math.round(c.nearestArticle.confidence * 100)}%)`
        : '- Nearest article: none',
    );
    if (c.ticketRefs.length) lines.push(`- Tickets: ${c.ticketRefs.slice(0, 5).join(', ')}`);
    lines.push('- Examples:');
    for (const example of c.examples) lines.push(`  - ${oneLine(example)}`);
    if (c.staffAnswer) {
      lines.push(`- Staff answer (${c.staffAnswer.ticketRef}, ${c.staffAnswer.by}):`, '');
      for (const line of c.staffAnswer.text.split('\n')) lines.push(`  > ${line}`);
      lines.push('');
    } else {
      lines.push('- Staff answer: none yet');
    }
    for (const s of c.suggested) {
      lines.push(
        `- Suggested${s.by ? ` by ${s.by}` : ''}: ${oneLine(s.question)}${s.note ? ` — ${oneLine(s.note)}` : ''}`,
      );
    }
  });
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
