/**
 * Staff desk entry point (bundled to /staff.js, served at /staff). Routes:
 *   #/sign-in   #/queue?status=&lang=&channel=   #/tickets/:ref   #/gaps?lang=
 * To add a page (e.g. a dashboard): write web/staff/pages/<name>.ts exporting a render function,
 * add a route below and a link in staff.html's nav.
 */
import type { PageContext } from './context.ts';
import { dashboardPage } from './pages/dashboard.ts';
import { gapsPage } from './pages/gaps.ts';
import { queuePage } from './pages/queue.ts';
import { signInPage } from './pages/sign-in.ts';
import { ticketPage } from './pages/ticket.ts';
import { go, startRouter, type Route } from './router.ts';
import { clearCredentials, loadCredentials } from './session.ts';
import { alertArea, showError } from './show-error.ts';
import { StaffApi } from './staff-api.ts';

const routes: Route<PageContext>[] = [
  { path: '/sign-in', render: signInPage, public: true },
  { path: '/queue', render: queuePage },
  { path: '/tickets/:ref', render: ticketPage },
  { path: '/gaps', render: gapsPage },
  { path: '/dashboard', render: dashboardPage },
];

const root = document.getElementById('app') ?? document.body;
const who = document.getElementById('who');
const nav = document.getElementById('nav');

document.getElementById('sign-out')?.addEventListener('click', () => {
  clearCredentials();
  go('#/sign-in');
});

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
      if (route.public)
        return { context: { api: new StaffApi({ token: '', name: '' }), name: '' } };
      return { redirect: '#/sign-in' };
    }
    return { context: { api: new StaffApi(credentials), name: credentials.name } };
  },
  onError(error, container) {
    const alert = alertArea();
    container.prepend(alert);
    showError(error, alert);
  },
});
