/**
 * The dashboard's tables as CSV downloads on the real local server (dynalite, the real app):
 * web chats that name their page, a hand-off answered and rated, then
 * GET /api/staff/analytics.csv — headers, byte-order mark, RFC 4180 quoting, defused formulas,
 * the same numbers as the JSON report — and clear 400s for bad parameters (also a bad `page` on
 * the chat API), 401 without staff credentials.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../helpers/local-server.ts';

const server = useTestServer({ buildWeb: false });
const today = new Date().toISOString().slice(0, 10);
const AGENT = '@Huda-2'; // a name a spreadsheet would take for a formula

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function csv(query: string, auth = true) {
  const response = await fetch(`${server.url}/api/staff/analytics.csv?${query}`, {
    headers: auth ? server.staff(AGENT) : {},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { response, text, bytes };
}

let ticketRef: string;

beforeAll(async () => {
  const chat = (sessionId: string, messageId: string, text: string, page?: string) =>
    server.post('/api/chat', { sessionId, messageId, text, ...(page ? { page } : {}) });
  await chat('csv-1', 'm-1', 'how do I track my order?', '/a,"b"');
  await chat('csv-1', 'm-2', 'and a refund?', '/other-page'); // not the start page
  await chat('csv-2', 'm-1', 'hello', '/products/tea');
  const handOff = await chat('csv-3', 'm-1', 'I want to talk to a person', '/products/tea');
  ticketRef = handOff.body.reply.ticketRef;
  const staff = server.staff(AGENT);
  await server.post(`/api/staff/tickets/${ticketRef}/claim`, {}, staff);
  await server.post(`/api/staff/tickets/${ticketRef}/reply`, { text: 'Here to help.' }, staff);
  await server.post(`/api/staff/tickets/${ticketRef}/close`, {}, staff);
  const rated = await server.post(`/api/chat/tickets/${ticketRef}/csat`, {
    sessionId: 'csv-3',
    rating: 4,
  });
  expect(rated.status).toBe(200);
});

describe('GET /api/staff/analytics.csv', () => {
  it('downloads a table with a file name, a byte-order mark, CRLF lines and defused, quoted fields', async () => {
    const { response, text, bytes } = await csv(
      `report=agent-activity&from=${today}&to=${today}&period=week`,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="mujib-agent-activity-${today}-to-${today}-by-week.csv"`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'period',
      'agent',
      'tickets_handled',
      'tickets_replied',
      'replies',
      'closes',
    ]);
    expect(rows).toEqual([
      [expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), `'${AGENT}`, '1', '1', '1', '1'],
    ]);
  });

  it('gives the same numbers as the JSON report, and quotes a page with a comma and quotes', async () => {
    const report = await server.get(
      `/api/staff/analytics?from=${today}&to=${today}`,
      server.staff(),
    );
    const pages = parseCsv(
      (await csv(`report=start-pages&from=${today}&to=${today}`)).text.slice(1),
    );
    const raw = (await csv(`report=start-pages&from=${today}&to=${today}`)).text;
    const queues = parseCsv(
      (await csv(`report=csat-by-queue&from=${today}&to=${today}&period=month`)).text.slice(1),
    );
    const firstResponse = parseCsv(
      (await csv(`report=first-response-by-agent&from=${today}&to=${today}`)).text.slice(1),
    );

    expect(report.status).toBe(200);
    expect(report.body.desk.startPages.rows).toEqual([
      { page: '/products/tea', conversations: 2 },
      { page: '/a,"b"', conversations: 1 },
    ]);
    expect(pages).toEqual([
      ['period', 'page', 'conversations'],
      [today, '/a,"b"', '1'],
      [today, '/products/tea', '2'],
    ]);
    expect(raw).toContain(`${today},"/a,""b""",1\r\n`);
    const csat = report.body.desk.csat.byQueue[0];
    expect(queues.slice(1)).toEqual([
      [today.slice(0, 7), csat.queue, csat.name, '1', '4', '1', '0', '0', '0', '1', '0'],
    ]);
    const agent = report.body.desk.firstResponse.byAgent[0];
    expect(firstResponse.slice(1)).toEqual([
      [
        today,
        `'${AGENT}`,
        '1',
        String(agent.medianSeconds),
        String(agent.p90Seconds),
        String(Math.round(agent.meanSeconds * 1000) / 1000),
      ],
    ]);
  });

  it('narrows the desk to a queue and groups by month in the JSON report', async () => {
    const queue = (
      await server.get(`/api/staff/analytics?from=${today}&to=${today}`, server.staff())
    ).body.desk.csat.byQueue[0].queue as string;

    const narrowed = await server.get(
      `/api/staff/analytics?from=${today}&to=${today}&queue=${queue}&period=month`,
      server.staff(),
    );

    expect(narrowed.status).toBe(200);
    expect(narrowed.body.query).toMatchObject({ queue, period: 'month' });
    expect(narrowed.body.desk.periods).toEqual([today.slice(0, 7)]);
    expect(narrowed.body.desk.agents.rows.map((a: { agent: string }) => a.agent)).toEqual([AGENT]);
  });

  it.each([
    ['', /report is required: one of traffic, articles, first-response/],
    ['report=everything', /report must be one of/],
    ['report=csat&period=year', /period must be one of day, week, month/],
    ['report=csat&queue=nowhere', /queue must be one of account, /],
    ['report=csat&from=2026-02-30', /from must be a date written YYYY-MM-DD/],
    ['report=csat&from=2026-05-02&to=2026-05-01', /from must not be after to/],
    ['report=csat&channel=fax', /channel must be one of web, sms, whatsapp, alexa/],
  ])('answers %j with 400 and says what is wrong', async (query, message) => {
    const { response, text } = await csv(query);

    expect(response.status).toBe(400);
    expect(JSON.parse(text).error).toMatch(message);
  });

  it('needs staff credentials', async () => {
    const { response } = await csv('report=traffic', false);

    expect(response.status).toBe(401);
  });
});

describe('POST /api/chat page', () => {
  it.each([['/orders?id=5'], ['products'], [`/${'x'.repeat(200)}`], [42]])(
    'refuses %j as a page with 400',
    async (page) => {
      const response = await server.post('/api/chat', { text: 'hi', page });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatch(/page must be a path starting with \//);
    },
  );
});
