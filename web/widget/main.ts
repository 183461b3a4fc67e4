/**
 * Widget entry point (bundled to /widget.js). Embed with one tag:
 *   <script src="https://api.example/widget.js" data-api="https://api.example" data-lang="en" defer></script>
 * `data-api` defaults to the script's own origin; `data-lang` (en | ar) defaults to <html lang>.
 */
import { ChatWidget, type WidgetConfig } from './chat-widget.ts';

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function readConfig(tag: HTMLScriptElement | null): WidgetConfig {
  const origin = tag?.src ? new URL(tag.src, location.href).origin : location.origin;
  const api = (tag?.dataset.api || origin).replace(/\/+$/, '');
  const langAttr = (tag?.dataset.lang || document.documentElement.lang || 'en').toLowerCase();
  const pollMs = Number(tag?.dataset.pollMs);
  return {
    apiBase: api,
    lang: langAttr.startsWith('ar') ? 'ar' : 'en',
    pollMs: Number.isFinite(pollMs) && pollMs >= 500 ? pollMs : 4_000,
  };
}

function start(): void {
  if (document.getElementById('mujib-chat')) return; // embedded twice: keep the first
  new ChatWidget(readConfig(script)).mount(document.body);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
