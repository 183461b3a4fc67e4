/**
 * The support configuration of a composition: support.json (bundled into every function), or the
 * file `MUJIB_SUPPORT_CONFIG` names, checked at start — a bad file stops the server or the
 * function's INIT with a ConfigError naming the file and every bad field — and the SupportDesk
 * built on it (routing, hand-off promises, presence, the desk's queue overview).
 */
import { readFileSync } from 'node:fs';
import type { Clock, Logger } from '#core/ports.ts';
import type { PresenceStore } from '#core/support/presence-store.ts';
import {
  parseSupportConfig,
  SupportConfigError,
  type SupportConfig,
} from '#core/support/support-config.ts';
import { SupportDesk } from '#core/support/support-desk.ts';
import bundled from '../../support.json' with { type: 'json' };
import { ConfigError, type Config } from './config.ts';
import { ENV } from './env-names.ts';

/**
 * The checked support configuration. Throws ConfigError when the file cannot be read, is not
 * JSON, or has problems (all of them listed, each with its field).
 *
 * @example loadSupportConfig(loadConfig()).queues.map((q) => q.id)
 */
export function loadSupportConfig(config: Pick<Config, 'supportConfigPath'>): SupportConfig {
  const path = config.supportConfigPath;
  const source = path ?? 'support.json (bundled)';
  let raw: unknown = bundled;
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigError(`${ENV.supportConfig}: cannot read ${path} (${String(error)})`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseSupportConfig(raw);
  } catch (error) {
    if (!(error instanceof SupportConfigError)) throw error;
    throw new ConfigError(
      `${source} is not a valid support configuration:\n  ${error.problems.join('\n  ')}`,
    );
  }
}

/** The SupportDesk of a composition. */
export function supportDesk(
  support: SupportConfig,
  deps: { presence: PresenceStore; clock: Clock; logger: Logger },
): SupportDesk {
  return new SupportDesk({ config: support, ...deps });
}
