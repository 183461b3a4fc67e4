/**
 * The editor's preview: how the article's answer renders on each channel, in three tabs (ARIA
 * tabs, arrow keys move between them). Web: the answer's Markdown (`web.text`) through the
 * widget's own safe renderer (web/shared/render-tree.ts); the per-section html the server sends
 * is rebuilt through an allow-list (safe-html.ts) — nothing is ever assigned as innerHTML.
 * SMS: the segment count, encoding and size, and each segment as the phone receives it. Alexa:
 * the SSML, the reprompt and the card, as text.
 */
import { clear, h } from '../../shared/dom.ts';
import { helpLinkResolver, renderMarkdown } from '../../shared/render-tree.ts';
import { safeHtmlFragment } from '../safe-html.ts';
import { splitSms } from '../sms-split.ts';
import type { Preview, StudioLang } from '../studio-types.ts';
import { langAttrs } from './studio-common.ts';

const TABS = [
  { key: 'web', label: 'Web' },
  { key: 'sms', label: 'SMS' },
  { key: 'alexa', label: 'Alexa' },
] as const;

export interface PreviewPanel {
  element: HTMLElement;
  show(preview: Preview): void;
  note(text: string): void;
}

export function previewPanel(lang: StudioLang): PreviewPanel {
  const status = h('p', { className: 'muted', role: 'status', 'aria-live': 'polite' });
  const panels = {
    web: h('div', { className: 'web-preview answer', ...langAttrs(lang) }),
    sms: h('div', { className: 'sms-preview' }),
    alexa: h('div', { className: 'alexa-preview' }),
  };
  const tabs = TABS.map(({ key, label }, i) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `preview-tab-${key}`,
        'aria-controls': `preview-panel-${key}`,
        'aria-selected': i === 0 ? 'true' : 'false',
        tabindex: i === 0 ? 0 : -1,
      },
      label,
    ),
  );
  const tabPanels = TABS.map(({ key }, i) =>
    h(
      'div',
      {
        role: 'tabpanel',
        id: `preview-panel-${key}`,
        'aria-labelledby': `preview-tab-${key}`,
        className: 'tab-panel',
        tabindex: 0,
        hidden: i !== 0,
      },
      panels[key],
    ),
  );
  const select = (index: number, focus: boolean) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      const panel = tabPanels[i];
      if (panel) panel.hidden = i !== index;
    });
    if (focus) tabs[index]?.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(i, false));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: TABS.length - 1 - i }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      select((i + step + TABS.length) % TABS.length, true);
    });
  });

  const element = h(
    'section',
    { className: 'preview card', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title' }, 'Preview'),
    h('div', { role: 'tablist', 'aria-label': 'Channel', className: 'tabs' }, tabs),
    status,
    tabPanels,
  );

  return {
    element,
    note(text) {
      status.textContent = text;
    },
    show(preview) {
      status.textContent = '';
      clear(panels.web);
      const resolve = helpLinkResolver(location.origin);
      panels.web.append(renderMarkdown(preview.web.text, resolve));
      const sections = preview.web.sections ?? [];
      if (sections.length > 0) {
        panels.web.append(
          h(
            'details',
            { className: 'sections-preview' },
            h('summary', {}, `Each section as an answer (${sections.length})`),
            sections.map((section) =>
              h(
                'div',
                {
                  className: 'section-preview',
                  role: 'group',
                  'data-section': section.id,
                  'aria-label': section.heading,
                },
                safeHtmlFragment(section.html, resolve),
              ),
            ),
          ),
        );
      }
      clear(panels.sms);
      const sms = preview.sms;
      const unit = sms.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units';
      const segments = splitSms(sms.text, sms.encoding);
      panels.sms.append(
        h(
          'p',
          { className: 'sms-summary' },
          `${sms.segments} segment${sms.segments === 1 ? '' : 's'} · ${sms.encoding} · ${sms.units} ${unit}`,
        ),
        h(
          'ol',
          { className: 'sms-segments', 'aria-label': 'Segments as the phone receives them' },
          segments.map((segment, i) =>
            h(
              'li',
              { className: 'sms-segment' },
              h(
                'p',
                { className: 'who' },
                `Segment ${i + 1} of ${segments.length} · ${segment.units} ${unit}`,
              ),
              h('pre', { className: 'sms-text', ...langAttrs(lang), dir: 'auto' }, segment.text),
            ),
          ),
        ),
      );
      clear(panels.alexa);
      panels.alexa.append(
        h('h3', {}, 'Speech (SSML)'),
        h('pre', { className: 'ssml', dir: 'ltr' }, preview.alexa.ssml),
        h('h3', {}, 'Reprompt'),
        preview.alexa.reprompt
          ? h('pre', { className: 'ssml', dir: 'ltr' }, preview.alexa.reprompt)
          : h('p', { className: 'muted' }, 'No reprompt.'),
        preview.alexa.card
          ? h(
              'div',
              { className: 'alexa-card' },
              h('h3', {}, 'Card in the Alexa app'),
              h('p', { ...langAttrs(lang) }, h('strong', {}, preview.alexa.card.title)),
              h('p', { ...langAttrs(lang), className: 'pre-line' }, preview.alexa.card.text),
            )
          : '',
      );
    },
  };
}
