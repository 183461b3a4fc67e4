import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_DEV_STAFF_TOKEN, loadConfig } from '#app/config.ts';
import { createApp } from '#app/create-app.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';

const AWS = { MUJIB_MODE: 'aws', MUJIB_PII_SECRET_PARAM: '/mujib/pii-secret' };

describe('configuration', () => {
  it('runs locally with development defaults and the tuned thresholds', () => {
    const config = loadConfig({});

    expect(config.mode).toBe('local');
    expect(config.staffToken).toBe(LOCAL_DEV_STAFF_TOKEN);
    expect(config.retentionDays).toBe(90);
    expect(config.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(config.alexa.verifySignatures).toBe(true);
  });

  it('has no default staff token or Twilio token in aws mode', () => {
    const config = loadConfig(AWS);

    expect(config.staffToken).toBeUndefined();
    expect(config.twilio.authToken).toBeUndefined();
  });

  it.each([
    [{ ...AWS, MUJIB_STAFF_TOKEN: LOCAL_DEV_STAFF_TOKEN }, /MUJIB_STAFF_TOKEN/],
    [{ ...AWS, MUJIB_ALEXA_VERIFY_SIGNATURES: 'false' }, /only allowed in local mode/],
    [{ MUJIB_MODE: 'cloud' }, /MUJIB_MODE must be one of local, aws/],
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ MUJIB_THRESHOLD_ANSWER: '1.5' }, /MUJIB_THRESHOLD_ANSWER must be a number from 0 to 1/],
    [{ MUJIB_TURN_RETENTION_DAYS: '0' }, /MUJIB_TURN_RETENTION_DAYS/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses to build the app without the secret that hashes phone numbers', () => {
    const config = loadConfig({ MUJIB_MODE: 'aws' });

    expect(() => createApp(config, { store: 'memory' })).toThrow(/MUJIB_PII_SECRET_PARAM/);
  });

  it('allows turning Alexa signature checks off in explicit local mode only', () => {
    expect(loadConfig({ MUJIB_ALEXA_VERIFY_SIGNATURES: 'false' }).alexa.verifySignatures).toBe(
      false,
    );
  });

  it('reads Lex settings only when both bot and alias are given', () => {
    expect(loadConfig({ MUJIB_LEX_BOT_ID: 'B' }).lex).toBeUndefined();
    expect(
      loadConfig({
        MUJIB_LEX_BOT_ID: 'B',
        MUJIB_LEX_BOT_ALIAS_ID: 'A',
        MUJIB_LEX_LOCALES: 'ar=ar_SA',
      }).lex,
    ).toEqual({
      botId: 'B',
      botAliasId: 'A',
      locales: { en: 'en_US', ar: 'ar_SA' },
    });
  });

  it('takes the SQS turn queue URL when given, and refuses one that is not an http(s) URL', () => {
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/mujib-turns';

    expect(loadConfig({ MUJIB_MODE: 'aws', MUJIB_TURN_QUEUE_URL: url }).turnQueue).toEqual({
      sqsUrl: url,
      file: undefined,
      flushEveryMs: 10_000,
    });
    expect(loadConfig({ MUJIB_MODE: 'aws' }).turnQueue.sqsUrl).toBeUndefined();
    expect(() => loadConfig({ MUJIB_TURN_QUEUE_URL: 'mujib-turns' })).toThrow(
      /MUJIB_TURN_QUEUE_URL must be an http\(s\) URL/,
    );
  });
});
