/**
 * Staff desk entry point (bundled to /staff.js, served at /staff). Routes:
 *   #/sign-in   #/queue?status=&lang=&channel=&queue=   #/tickets/:ref   #/gaps?lang=   #/dashboard
 *   writers: #/studio?lang=&status=&q=   #/studio/new?lang=   #/studio/:lang/:id   #/suggestions?lang=
 * To add a page (e.g. a dashboard): write web/staff/pages/<name>.ts exporting a render function,
 * add a route below and a link in staff.html's nav (`data-role="writer"` for writers only).
 */
import type { PageContext } from './context.ts';
import { dashboardPage } from './pages/dashboard.ts';
import { gapsPage } from './pages/gaps.ts';
import { queuePage } from './pages/queue.ts';
import { signInPage } from './pages/sign-in.ts';
import { studioEditorPage } from './pages/studio-editor.ts';
import { studioListPage } from './pages/studio-list.ts';
import { studioNewPage } from './pages/studio-new.ts';
import { suggestionsPage } from './pages/suggestions.ts';
import { ticketPage } from './pages/ticket.ts';
import { startHeartbeat, stopHeartbeat } from './presence.ts';
import { applyRoles, forgetRoles, rolesOf } from './roles.ts';
import { go, startRouter, type Route } from './router.ts';
import { clearCredentials, loadCredentials } from './session.ts';
import { alertArea, showError } from './show-error.ts';
import { StaffApi } from './staff-api.ts';
import { StudioApi } from './studio-api.ts';

const routes: Route<PageContext>[] = [
  { path: '/sign-in', render: signInPage, public: true },
  { path: '/queue', render: queuePage },
  { path: '/tickets/:ref', render: ticketPage },
  { path: '/gaps', render: gapsPage },
  { path: '/dashboard', render: dashboardPage },
  { path: '/studio', render: studioListPage },
  { path: '/studio/new', render: studioNewPage },
  { path: '/studio/:lang/:id', render: studioEditorPage },
  { path: '/suggestions', render: suggestionsPage },
];

const root = document.getElementById('app') ?? document.body;
const who = document.getElementById('who');
const nav = document.getElementById('nav');

document.getElementById('sign-out')?.addEventListener('click', () => {
  clearCredentials();
  forgetRoles();
  stopHeartbeat();
  if (nav) applyRoles(nav, []);
  go('#/sign-in');
});

function contextFor(api: StaffApi, name: string): { context: PageContext } {
  return { context: { api, studio: new StudioApi(api), name } };
}

startRouter<PageContext>(root, {
  routes,
  fallback: '#/queue',
  before(route) {
    const credentials = loadCredentials();
    if (nav) nav.hidden = !credentials;
    if (who) who.textContent = credentials ? `Signed in as ${credentials.name}` : '';
    for (const link of nav?.querySelectorAll('a') ?? []) {
      const current = location.hash.startsWith(link.getAttribute('href') ?? '#none');
      if (current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (!credentials) {
      stopHeartbeat();
      if (route.public) return contextFor(new StaffApi({ token: '', name: '' }), '');
      return { redirect: '#/sign-in' };
    }
    const api = new StaffApi(credentials);
    // On shift for the queues this staff member watches while the desk is open (presence.ts).
    startHeartbeat(api, credentials.name);
    if (nav) void rolesOf(credentials.token, api).then((roles) => applyRoles(nav, roles));
    return contextFor(api, credentials.name);
  },
  onError(error, container) {
    const alert = alertArea();
    container.prepend(alert);
    showError(error, alert);
  },
  after(container) {
    // After navigation, focus goes to the new page's heading unless the page placed it itself.
    const active = document.activeElement;
    if (active && active !== document.body && !nav?.contains(active)) return;
    const heading = container.querySelector('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  },
});
