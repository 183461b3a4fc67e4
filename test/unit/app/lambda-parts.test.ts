/**
 * Small parts of the Lambda compositions: the staff-group setting, the Powertools-backed logger
 * (the core's Logger port; `event` kept for the metric filters), metrics counted from the log
 * (decisions from `turn`, errors from error-level events) as CloudWatch EMF, and the turn queue
 * that loads SQS only on first use.
 */
import { Logger as PowertoolsBaseLogger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#app/config.ts';
import { LazyTurnQueue } from '#app/lambda/lazy-turn-queue.ts';
import { createTelemetry } from '#app/lambda/telemetry.ts';
import { MemoryTurnQueue } from '#adapters/turn-queue/memory-turn-queue.ts';
import { PowertoolsLogger } from '#adapters/log/powertools-logger.ts';
import type { Turn } from '#core/ports.ts';
import { captureLogs, emfMetrics } from '../../helpers/lambda-env.ts';

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.stop());

describe('the staff group setting', () => {
  it('is optional, and taken as given when it is a group name', () => {
    expect(loadConfig({ MUJIB_MODE: 'local' }).staffGroup).toBeUndefined();
    expect(loadConfig({ MUJIB_MODE: 'local', MUJIB_STAFF_GROUP: 'staff' }).staffGroup).toBe(
      'staff',
    );
  });

  it('refuses a value that cannot be a Cognito group name, naming the variable', () => {
    expect(() => loadConfig({ MUJIB_MODE: 'local', MUJIB_STAFF_GROUP: 'staff desk' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ MUJIB_MODE: 'local', MUJIB_STAFF_GROUP: 'x'.repeat(129) })).toThrow(
      /MUJIB_STAFF_GROUP/,
    );
  });
});

describe('the Powertools-backed logger', () => {
  it('writes one JSON line per event with the event name as `event` and `message`', () => {
    const logger = new PowertoolsLogger(new PowertoolsBaseLogger({ serviceName: 'chat' }));
    logs = captureLogs();

    logger.info('turn', { outcome: 'answer', sessionId: 's-1' });
    logger.warn('sms_eum_rejected', { index: 2, level: 'not-ours', message: 'x' });
    logs.stop();

    expect(logs.lines[0]).toMatchObject({
      level: 'INFO',
      message: 'turn',
      event: 'turn',
      service: 'chat',
      outcome: 'answer',
      sessionId: 's-1',
    });
    // Fields named like Powertools' own keys are kept, renamed, never overwrite them.
    expect(logs.lines[1]).toMatchObject({
      level: 'WARN',
      event: 'sms_eum_rejected',
      message: 'sms_eum_rejected',
      level_: 'not-ours',
      message_: 'x',
    });
  });

  it('honours the configured level', () => {
    const { logger } = createTelemetry('staff', 'warn');
    logs = captureLogs();

    logger.info('quiet', {});
    logger.warn('loud', {});
    logs.stop();

    expect(logs.lines.map((l) => l.event)).toEqual(['loud']);
  });
});

describe('metrics from the log', () => {
  it('counts decisions and errors and publishes them as EMF in the Mujib namespace', () => {
    const { logger, metrics } = createTelemetry('chat');
    logs = captureLogs();

    logger.info('turn', { outcome: 'answer' });
    logger.info('turn', { outcome: 'answer' });
    logger.info('turn', { outcome: 'escalate' });
    logger.info('turn', { outcome: 'something-else' });
    logger.error('store_unavailable', {});
    metrics.publishStoredMetrics();
    logs.stop();

    const values = emfMetrics(logs.lines);
    expect(values.Answers).toEqual([1, 1]);
    expect(values.Escalations).toEqual([1]);
    expect(values.Clarifications).toBeUndefined();
    // One per decided turn (answer, clarify, escalate): the escalation-rate alarm's denominator.
    expect(values.DecidedTurns).toEqual([1, 1, 1]);
    expect(values.Errors).toEqual([1]);
    const emf = logs.lines.find((l) => l._aws);
    expect(emf?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Mujib',
      Dimensions: [['service']],
    });
    expect(emf?.service).toBe('chat');
  });
});

describe('the lazily loaded turn queue', () => {
  const turn = { sessionId: 's', messageId: 'm' } as Turn;

  it('loads its queue on first use, once', async () => {
    let loads = 0;
    const inner = new MemoryTurnQueue();
    const queue = new LazyTurnQueue(async () => {
      loads++;
      return inner;
    });
    expect(loads).toBe(0);

    await queue.add(turn);
    const received = await queue.receive(10);
    await queue.remove(received);

    expect(loads).toBe(1);
    expect(received.map((r) => r.turn.messageId)).toEqual(['m']);
    expect(await inner.receive(10)).toEqual([]);
  });

  it('tries to load again after a failed load', async () => {
    let attempts = 0;
    const queue = new LazyTurnQueue(async () => {
      attempts++;
      if (attempts === 1) throw new Error('cannot load the SQS client');
      return new MemoryTurnQueue();
    });

    await expect(queue.add(turn)).rejects.toThrow(/cannot load/);
    await queue.add(turn);

    expect(attempts).toBe(2);
  });
});
