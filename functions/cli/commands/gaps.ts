/**
 * `kb gaps [--url http://127.0.0.1:3000] [--token T] [--lang ar] [--days 30] [--json]`: prints the
 * content-gap report (clusters of escalated and low-confidence questions, most customers first)
 * as Markdown for writers. It asks a running Mujib server's staff API; the default token is the
 * local development one.
 */
import type { GapClusterReport } from '#core/analytics/gap-report.ts';
import { gapReportMarkdown } from '#core/analytics/gap-markdown.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { CliError, UsageError } from '../cli-error.ts';
import type { Output } from '../output.ts';
import { readArgs } from '../read-args.ts';

const DEFAULT_URL = 'http://127.0.0.1:3000';
const DEFAULT_TOKEN = 'local-dev-staff-token';
const TIMEOUT_MS = 15_000;

export async function runGaps(args: string[], io: Output): Promise<number> {
  const { values, positionals } = readArgs(args, {
    url: { type: 'string', short: 'u' },
    token: { type: 'string', short: 't' },
    lang: { type: 'string', short: 'l' },
    days: { type: 'string', short: 'd' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0)
    throw new UsageError(`kb gaps takes no arguments (got '${positionals[0]}')`);
  if (values.lang !== undefined && !LANGS.includes(values.lang as Lang)) {
    throw new UsageError(`--lang must be one of ${LANGS.join(', ')}`);
  }
  if (values.days !== undefined && !/^\d{1,3}$/.test(values.days)) {
    throw new UsageError('--days must be a whole number of days (1 to 366)');
  }
  const base = values.url ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL('/api/staff/gaps/clusters', base);
  } catch {
    throw new UsageError(`--url is not a URL: ${base}`);
  }
  if (values.lang) url.searchParams.set('lang', values.lang);
  if (values.days) url.searchParams.set('days', values.days);

  const report = await fetchReport(url, values.token ?? DEFAULT_TOKEN, base);
  io.out(values.json ? JSON.stringify(report, null, 2) : gapReportMarkdown(report));
  return 0;
}

async function fetchReport(url: URL, token: string, base: string): Promise<GapClusterReport> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, 'x-staff-name': 'kb gaps' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new CliError(
      `could not reach Mujib at ${base} (${causeOf(error)}). Is the server running? Start it with \`npm start\` or pass --url.`,
      1,
      { cause: error },
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 401) {
    throw new CliError(
      `the server refused the staff token (${String(body.error ?? '401')}); pass --token`,
    );
  }
  if (!response.ok) {
    throw new CliError(
      `the server answered ${response.status}: ${String(body.error ?? response.statusText)}`,
    );
  }
  return body as unknown as GapClusterReport;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
