/**
 * A small hash router: `#/tickets/MJ-1?x=1` → the page registered for `/tickets/:ref`, with
 * `{ ref, x }` as params. Pages are functions that render into a fresh container; a new page
 * (e.g. a dashboard) is one more entry in the route table in main.ts.
 *
 * A page with unsaved work registers a leave guard (`setLeaveGuard`): before the next route
 * renders, the guard may refuse, and the address goes back to the page without re-rendering it.
 */
export interface Route<C> {
  path: string;
  /** Renders the page; may be async. Errors are passed to the router's `onError`. */
  render(container: HTMLElement, params: Record<string, string>, context: C): void | Promise<void>;
  /** Reachable without signing in. */
  public?: boolean;
}

export interface RouterOptions<C> {
  routes: Route<C>[];
  fallback: string;
  /** Called before each page; returns the page context, or a hash to go to instead. */
  before(route: Route<C>): { context: C } | { redirect: string };
  onError(error: unknown, container: HTMLElement): void;
  /** Called once a page has rendered (e.g. to move focus to its heading). */
  after?(container: HTMLElement): void;
}

/** Unsaved work on the current page: `dirty()` is asked before the page is left. */
export interface LeaveGuard {
  dirty(): boolean;
  /** The question asked (window.confirm) when there is unsaved work. */
  message: string;
}

let leaveGuard: LeaveGuard | undefined;
/** The hash of the page on screen (where a refused navigation goes back to). */
let shown = '';

/** Guards the current page against being left with unsaved work (cleared by the next page). */
export function setLeaveGuard(guard: LeaveGuard | undefined): void {
  leaveGuard = guard;
}

export function startRouter<C>(root: HTMLElement, options: RouterOptions<C>): () => void {
  const compiled = options.routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:(\w+)/g, (_all, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });
  shown = location.hash;

  const render = () => {
    if (leaveGuard?.dirty() && !window.confirm(leaveGuard.message)) {
      // stay: put the address back without a hashchange (and without rendering again)
      history.replaceState(history.state, '', shown || location.pathname);
      return;
    }
    const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
    for (const { route, names, regex } of compiled) {
      const match = regex.exec(path);
      if (!match) continue;
      const params: Record<string, string> = Object.fromEntries(new URLSearchParams(query));
      names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
      const guard = options.before(route);
      if ('redirect' in guard) {
        location.hash = guard.redirect;
        return;
      }
      leaveGuard = undefined;
      shown = location.hash;
      const container = document.createElement('section');
      container.className = 'page';
      root.replaceChildren(container);
      Promise.resolve()
        .then(() => route.render(container, params, guard.context))
        .catch((error: unknown) => options.onError(error, container))
        .finally(() => {
          if (container.isConnected) options.after?.(container);
        });
      return;
    }
    location.hash = options.fallback;
  };

  window.addEventListener('hashchange', render);
  window.addEventListener('beforeunload', (event) => {
    if (leaveGuard?.dirty()) event.preventDefault();
  });
  render();
  return render;
}

/** Navigates to a hash route; re-renders even when the hash is unchanged. */
export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** Changes the address (e.g. a filter) without rendering the page again. */
export function replaceHash(hash: string): void {
  history.replaceState(history.state, '', hash);
  shown = location.hash;
}
