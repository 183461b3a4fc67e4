/**
 * The browser security headers Mujib sends, in one place: the local server adds them to every
 * response and the CDK stack puts the same values in the CloudFront response headers policy
 * (cdk/constructs/staff-desk-site.ts), so the two cannot drift. Plain constants, no imports: the
 * stack may import this module like env-names.ts.
 *
 * Pages (demo shop, staff desk, article pages) load only their own scripts, styles and API;
 * nothing runs inline. Framing is refused everywhere: the chat widget is embedded on customers'
 * sites with a `<script>` tag (it draws itself in a shadow root of the customer's page), never in
 * an iframe, so no Mujib page needs to be framed. API and other non-HTML responses get a policy
 * that allows nothing, so a JSON or SVG body opened directly cannot run anything either.
 */

/**
 * Extra style sources of the default page policy: none. The widget and the dashboard style
 * themselves with constructable stylesheets (`adoptedStyleSheets`) and chart legends set
 * `element.style.x = …`, both allowed by `style-src 'self'`; test/e2e/csp.test.ts proves it in
 * Chromium. Keep it empty — an inline `<style>` or `style` attribute is the thing to fix instead.
 */
export const INTERIM_STYLE_SOURCES: readonly string[] = [];

/** Directives of the page policy, without `style-src` (pages add their own; see below). */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/**
 * Content-Security-Policy of HTML pages. `styleSources` are added to `style-src 'self'`: by
 * default none; a page that knows its inline `<style>` blocks passes their `'sha256-…'` hashes
 * (the local article page). Scripts never get any.
 */
export function pageContentSecurityPolicy(
  styleSources: readonly string[] = INTERIM_STYLE_SOURCES,
): string {
  return [...PAGE_DIRECTIVES, ["style-src 'self'", ...styleSources].join(' ')].join('; ');
}

/** The page policy as served for the widget demo and the staff desk (locally and by CloudFront). */
export const PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy();

/** Policy of API (JSON, TwiML) and other non-HTML responses: nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, whatever its type. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Strict-Transport-Security, sent in AWS only (CloudFront serves HTTPS; the local server is plain
 * HTTP on loopback, where the header would be ignored or, worse, pin localhost to HTTPS).
 */
export const HSTS_MAX_AGE_SECONDS = 63_072_000; // two years

/**
 * Header CloudFront adds to every request it forwards to the HTTP API, with a generated secret;
 * the API's public chat routes refuse requests without it (functions/handlers/origin-verify.ts),
 * so the per-client WAF limits in front of CloudFront cannot be bypassed via execute-api.
 */
export const ORIGIN_VERIFY_HEADER = 'x-mujib-origin-verify';
