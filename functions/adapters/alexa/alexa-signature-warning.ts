/**
 * The start-up warning for a local server that takes Alexa requests without checking Amazon's
 * signature (MUJIB_ALEXA_VERIFY_SIGNATURES=false, which config only allows in local mode):
 * anyone who can reach the port can then speak as any Alexa user. `npm start` prints the line
 * and logs one warn event, so the setting is never on by accident and unnoticed.
 */
import type { Logger } from '#core/ports.ts';

/** Event name of the warn log line. */
export const ALEXA_SIGNATURES_OFF_EVENT = 'alexa_signature_checks_off';

/**
 * The warning line for the Alexa settings, or undefined when signatures are checked. Pure.
 *
 * @example
 * alexaSignatureWarning({ verifySignatures: false }, 'MUJIB_ALEXA_VERIFY_SIGNATURES')
 * // → 'WARNING: Alexa request signature checks are OFF (MUJIB_ALEXA_VERIFY_SIGNATURES=false) …'
 */
export function alexaSignatureWarning(
  alexa: { verifySignatures: boolean },
  setting: string,
): string | undefined {
  if (alexa.verifySignatures) return undefined;
  return (
    `WARNING: Alexa request signature checks are OFF (${setting}=false): POST /alexa accepts ` +
    `unsigned requests from anyone who can reach this port. Use it for local testing only; ` +
    `unset ${setting} to check signatures again.`
  );
}

/**
 * Prints the warning with `say` and logs it once as a warn event; does nothing when signatures
 * are checked. Returns whether it warned. Call once, at start.
 */
export function reportAlexaSignatureWarning(
  alexa: { verifySignatures: boolean },
  setting: string,
  out: { say: (line: string) => void; logger: Pick<Logger, 'warn'> },
): boolean {
  const line = alexaSignatureWarning(alexa, setting);
  if (line === undefined) return false;
  out.say(line);
  out.logger.warn(ALEXA_SIGNATURES_OFF_EVENT, { setting, verifySignatures: false });
  return true;
}
