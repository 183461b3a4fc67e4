/**
 * Shows an API failure where the user is looking: a 401 ends the session and returns to sign-in
 * with a message; anything else writes the server's message (and, for a 409, the ticket's
 * current status) into the page's alert area.
 */
import { go } from './router.ts';
import { clearCredentials, setFlash } from './session.ts';
import { ApiError, UnauthorizedError } from './staff-api.ts';

export function showError(error: unknown, alert: HTMLElement): void {
  if (error instanceof UnauthorizedError) {
    clearCredentials();
    setFlash(`Please sign in again: ${error.message}.`);
    go('#/sign-in');
    return;
  }
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && typeof error.body.currentStatus === 'string') {
    message += ` (current status: ${error.body.currentStatus})`;
  }
  alert.textContent = message;
  alert.hidden = false;
}

/** An empty, hidden alert area for showError. */
export function alertArea(): HTMLElement {
  const area = document.createElement('p');
  area.className = 'error';
  area.setAttribute('role', 'alert');
  area.hidden = true;
  return area;
}
