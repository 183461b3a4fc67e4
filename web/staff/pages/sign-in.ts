/**
 * Sign-in: the staff token (bearer) and a display name. The token is checked with
 * `GET /api/staff/me` (which also tells the desk the roles: writers see the studio) before it is
 * kept; a wrong token stays on this page with the server's message.
 */
import { h } from '../../shared/dom.ts';
import type { PageContext } from '../context.ts';
import { rememberRoles } from '../roles.ts';
import { go } from '../router.ts';
import { clearCredentials, saveCredentials, takeFlash } from '../session.ts';
import { StaffApi, UnauthorizedError } from '../staff-api.ts';

/** The names the staff API accepts in X-Staff-Name. */
const NAME = /^[\p{L}\p{N} ._@-]{1,60}$/u;

export function signInPage(container: HTMLElement, _params: unknown, _context: PageContext): void {
  const flash = takeFlash();
  const alert = h('p', { className: 'error', role: 'alert', hidden: !flash }, flash ?? '');
  const token = h('input', {
    id: 'token',
    type: 'password',
    name: 'token',
    required: true,
    autocomplete: 'current-password',
  });
  const name = h('input', {
    id: 'name',
    type: 'text',
    name: 'name',
    required: true,
    maxlength: 60,
    autocomplete: 'name',
  });
  const submit = h('button', { type: 'submit', className: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { className: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Staff sign-in'),
    alert,
    h('label', { for: 'token' }, 'Staff token'),
    token,
    h('label', { for: 'name' }, 'Your name (shown on claims and replies)'),
    name,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const credentials = { token: token.value.trim(), name: name.value.trim() };
    if (!NAME.test(credentials.name)) {
      alert.textContent = 'Your name may use letters, digits, spaces and . _ @ - (up to 60).';
      alert.hidden = false;
      name.focus();
      return;
    }
    submit.disabled = true;
    alert.hidden = true;
    new StaffApi(credentials).me().then(
      (me) => {
        saveCredentials(credentials);
        rememberRoles(credentials.token, Array.isArray(me.roles) ? me.roles : []);
        go('#/queue');
      },
      (error: unknown) => {
        clearCredentials();
        submit.disabled = false;
        alert.textContent =
          error instanceof UnauthorizedError
            ? `Sign-in failed: ${error.message}.`
            : `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
        alert.hidden = false;
        token.focus();
      },
    );
  });
  container.append(form);
  token.focus();
}
