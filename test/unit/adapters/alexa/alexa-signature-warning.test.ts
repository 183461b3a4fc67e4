/**
 * The start-up warning `npm start` gives when Alexa signature checks are off locally: built from
 * the real config (as main.ts builds it), printed as one clear line and logged once as a warn
 * event; silent when signatures are checked.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#app/config.ts';
import { ENV } from '#app/env-names.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import {
  ALEXA_SIGNATURES_OFF_EVENT,
  alexaSignatureWarning,
  reportAlexaSignatureWarning,
} from '#adapters/alexa/alexa-signature-warning.ts';

const LOCAL = { MUJIB_MODE: 'local' };

describe('Alexa signature-check warning at start-up', () => {
  it('MUJIB_ALEXA_VERIFY_SIGNATURES=false in local mode gives one clear warning line', () => {
    // Prepare
    const config = loadConfig({ ...LOCAL, [ENV.alexaVerifySignatures]: 'false' });

    // Act
    const line = alexaSignatureWarning(config.alexa, ENV.alexaVerifySignatures);

    // Assess
    expect(line).toBeDefined();
    expect(line).toMatch(/^WARNING: Alexa request signature checks are OFF/);
    expect(line).toContain('MUJIB_ALEXA_VERIFY_SIGNATURES=false');
    expect(line).toContain('POST /alexa');
    expect(line).toContain('unsigned requests');
    expect(line).not.toContain('\n');
  });

  it.each([
    ['not set', {}],
    ['true', { [ENV.alexaVerifySignatures]: 'true' }],
  ])('no warning when the setting is %s (signatures are checked)', (_label, env) => {
    const config = loadConfig({ ...LOCAL, ...env });
    expect(config.alexa.verifySignatures).toBe(true);
    expect(alexaSignatureWarning(config.alexa, ENV.alexaVerifySignatures)).toBeUndefined();
  });

  it('at start the line is printed once and one warn event is logged', () => {
    // Prepare
    const config = loadConfig({ ...LOCAL, [ENV.alexaVerifySignatures]: 'false' });
    const printed: string[] = [];
    const logger = new MemoryLogger();

    // Act
    const warned = reportAlexaSignatureWarning(config.alexa, ENV.alexaVerifySignatures, {
      say: (line) => printed.push(line),
      logger,
    });

    // Assess
    expect(warned).toBe(true);
    expect(printed).toEqual([alexaSignatureWarning(config.alexa, ENV.alexaVerifySignatures)]);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        event: ALEXA_SIGNATURES_OFF_EVENT,
        fields: { setting: 'MUJIB_ALEXA_VERIFY_SIGNATURES', verifySignatures: false },
      },
    ]);
  });

  it('with signatures checked nothing is printed or logged', () => {
    const printed: string[] = [];
    const logger = new MemoryLogger();
    const warned = reportAlexaSignatureWarning(loadConfig(LOCAL).alexa, ENV.alexaVerifySignatures, {
      say: (line) => printed.push(line),
      logger,
    });
    expect(warned).toBe(false);
    expect(printed).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it('outside local mode the setting is refused before any server starts', () => {
    expect(() =>
      loadConfig({
        MUJIB_MODE: 'aws',
        [ENV.alexaVerifySignatures]: 'false',
      }),
    ).toThrow(/MUJIB_ALEXA_VERIFY_SIGNATURES=false is only allowed in local mode/);
  });
});
