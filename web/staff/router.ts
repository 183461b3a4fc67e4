/**
 * A small hash router: `#/tickets/MJ-1?x=1` → the page registered for `/tickets/:ref`, with
 * `{ ref, x }` as params. Pages are functions that render into a fresh container; a new page
 * (e.g. a dashboard) is one more entry in the route table in main.ts.
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

  const render = () => {
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
      const container = document.createElement('section');
      container.className = 'page';
      root.replaceChildren(container);
      Promise.resolve()
        .then(() => route.render(container, params, guard.context))
        .catch((error: unknown) => options.onError(error, container));
      return;
    }
    location.hash = options.fallback;
  };

  window.addEventListener('hashchange', render);
  render();
  return render;
}

/** Navigates to a hash route; re-renders even when the hash is unchanged. */
export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
