/**
 * A small method + path router (`/api/staff/tickets/:ref/claim`) that turns thrown errors into
 * responses in one place (error-response.ts). Shared by the local server and Lambda handlers.
 */
import type { Logger } from '#core/ports.ts';
import { errorResponse } from './error-response.ts';
import { HttpError, type HttpRequest, type HttpResponse } from './http-types.ts';

export type RouteHandler = (
  request: HttpRequest,
  params: Record<string, string>,
) => Promise<HttpResponse> | HttpResponse;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  constructor(private readonly logger: Logger) {}

  on(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1));
          return '([^/]+)';
        }
        if (part === '*') {
          names.push('rest');
          return '(.*)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** Adds every route of another router (its own error handling is not used). */
  mount(other: Router): this {
    this.routes.push(...other.routes);
    return this;
  }

  async handle(request: HttpRequest): Promise<HttpResponse> {
    try {
      let pathMatched = false;
      for (const route of this.routes) {
        const match = route.pattern.exec(request.path);
        if (!match) continue;
        pathMatched = true;
        if (
          route.method !== request.method &&
          !(route.method === 'GET' && request.method === 'HEAD')
        )
          continue;
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => {
          params[name] = safeDecode(match[i + 1] ?? '');
        });
        return await route.handler(request, params);
      }
      throw pathMatched
        ? new HttpError(405, `${request.method} is not allowed on ${request.path}`)
        : new HttpError(404, `no route for ${request.method} ${request.path}`);
    } catch (error) {
      return errorResponse(error, request, this.logger);
    }
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'malformed URL encoding in path');
  }
}
