/**
 * Outbound SMS through AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage):
 * transactional, from the configured origination identity (number, pool or sender id), with an
 * optional configuration set for delivery events. Never throws: a refused or failed send comes
 * back as `{ status: 'failed', detail }` for the ticket's delivery record.
 */
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { OutboundSms, type OutboundSmsResult } from '#core/ports.ts';
import { maskPhone } from './sms-session.ts';

export interface EumOutboundSmsOptions {
  /** Phone number, pool id/ARN or sender id to send from. */
  originationIdentity: string;
  configurationSetName?: string;
  /** Injected client (tests point it at a local stand-in). */
  client?: PinpointSMSVoiceV2Client;
  /** Structured log sink (one JSON object per event); numbers arrive masked. */
  log?: (event: Record<string, unknown>) => void;
}

export class EumOutboundSms extends OutboundSms {
  private readonly client: PinpointSMSVoiceV2Client;

  constructor(private readonly options: EumOutboundSmsOptions) {
    super();
    this.client = options.client ?? new PinpointSMSVoiceV2Client({});
  }

  override async send(to: string, body: string): Promise<OutboundSmsResult> {
    try {
      const result = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: to,
          OriginationIdentity: this.options.originationIdentity,
          MessageBody: body,
          MessageType: 'TRANSACTIONAL',
          ...(this.options.configurationSetName
            ? { ConfigurationSetName: this.options.configurationSetName }
            : {}),
        }),
      );
      return { id: result.MessageId ?? '', status: 'sent' };
    } catch (error) {
      const e = error as { name?: string; message?: string; Reason?: string };
      const detail = [e.name ?? 'Error', e.Reason, e.message].filter(Boolean).join(': ');
      (this.options.log ?? defaultLog)({ event: 'sms.send_failed', to: maskPhone(to), detail });
      return { id: '', status: 'failed', detail };
    }
  }
}

function defaultLog(event: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'warn', ...event }));
}
