/**
 * A bad support configuration stops the app at start, with every problem named by its field:
 * the composition root (createApp, as the local server and tests build it) and `npm start`
 * itself, which exits before building anything.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#app/config.ts';
import { loadSupportConfig } from '#app/support-config.ts';
import { createTestApp } from '../../helpers/test-app.ts';

let dir: string;
const BAD = {
  timeZone: 'Asia/Riyad',
  hours: {
    sun: ['09:00-21:00'],
    mon: ['09:00-13:00', '12:00-18:00'],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
  },
  queues: [{ id: 'general', name: 'General', langs: ['en', 'ar'] }],
  defaultQueue: 'genral',
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-support-config-'));
  await writeFile(path.join(dir, 'bad.json'), JSON.stringify(BAD));
  await writeFile(path.join(dir, 'broken.json'), '{ "timeZone": "Asia/Riyadh", ');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `npm start`'s entry with `env` until it exits; its exit code and what it wrote. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('support configuration at start', () => {
  it('the app refuses a bad file, naming the file and every bad field', async () => {
    // Act
    const started = createTestApp({ env: { MUJIB_SUPPORT_CONFIG: path.join(dir, 'bad.json') } });

    // Assess
    await expect(started).rejects.toThrow(ConfigError);
    const message = await started.catch((error: Error) => error.message);
    expect(message).toContain(`${path.join(dir, 'bad.json')} is not a valid support configuration`);
    expect(message).toContain('timeZone: "Asia/Riyad" is not a time zone');
    expect(message).toContain('hours.mon: 09:00-13:00 overlaps mon 12:00-18:00');
    expect(message).toContain('defaultQueue: unknown queue "genral" (queues: general)');
  });

  it('names a file that cannot be read or is not JSON', () => {
    // Prepare
    const missing = loadConfig({ MUJIB_SUPPORT_CONFIG: path.join(dir, 'missing.json') });
    const broken = loadConfig({ MUJIB_SUPPORT_CONFIG: path.join(dir, 'broken.json') });

    // Assess
    expect(() => loadSupportConfig(missing)).toThrow(
      /MUJIB_SUPPORT_CONFIG: cannot read .*missing\.json/,
    );
    expect(() => loadSupportConfig(broken)).toThrow(/broken\.json is not valid JSON/);
  });

  it('without MUJIB_SUPPORT_CONFIG, uses the repository’s support.json', () => {
    expect(loadSupportConfig(loadConfig({})).queues.map((q) => q.id)).toContain('returns');
  });

  it('`npm start` exits with the problems before it builds or serves anything', async () => {
    // Act
    const { code, stderr } = await runMain({
      MUJIB_SUPPORT_CONFIG: path.join(dir, 'bad.json'),
      MUJIB_DATA_DIR: path.join(dir, 'data'),
      PORT: '0',
    });

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain('Mujib did not start:');
    expect(stderr).toContain('timeZone: "Asia/Riyad" is not a time zone');
    expect(stderr).not.toContain('built ');
  });
});
