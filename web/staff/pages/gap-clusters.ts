/** The gap clusters table on the dashboard: what to write next, most customers first. */
import { h } from '../../shared/dom.ts';
import { formatConfidence } from '../format.ts';
import type { GapCluster } from './dashboard-api.ts';

export function gapClustersTable(clusters: GapCluster[]): HTMLElement {
  if (clusters.length === 0)
    return h('p', { className: 'muted' }, 'No content gaps in this period.');
  return h(
    'table',
    { className: 'queue gap-clusters' },
    h('caption', { className: 'sr' }, 'Content gap clusters, most customers first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Customers', 'Questions asked', 'Nearest article', 'Staff answer'].map((label) =>
          h('th', { scope: 'col' }, label),
        ),
      ),
    ),
    h('tbody', {}, clusters.map(row)),
  );
}

function row(cluster: GapCluster): HTMLElement {
  return h(
    'tr',
    { 'data-cluster': cluster.id },
    h('td', {}, String(cluster.customers), h('span', { className: 'who' }, cluster.lang)),
    h(
      'td',
      { className: 'question' },
      h(
        'ul',
        { className: 'examples' },
        cluster.examples.map((text) => h('li', { dir: 'auto', lang: cluster.lang }, text)),
      ),
    ),
    h(
      'td',
      {},
      cluster.nearestArticle
        ? `${cluster.nearestArticle.articleId} (${formatConfidence(cluster.nearestArticle.confidence)})`
        : 'none',
    ),
    h(
      'td',
      { className: 'question' },
      cluster.staffAnswer
        ? [
            h(
              'a',
              { href: `#/tickets/${encodeURIComponent(cluster.staffAnswer.ticketRef)}` },
              cluster.staffAnswer.ticketRef,
            ),
            h('div', { className: 'note', dir: 'auto' }, cluster.staffAnswer.text),
          ]
        : h(
            'span',
            { className: 'muted' },
            cluster.ticketRefs.length ? 'not answered yet' : 'no ticket',
          ),
    ),
  );
}
