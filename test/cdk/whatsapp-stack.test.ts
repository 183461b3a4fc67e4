/**
 * WhatsApp in the stack: POST /whatsapp/twilio goes to the Twilio webhook function (which knows
 * the public URL it is signed over); with a WhatsApp sender configured, the staff function gets
 * the sender, the account, the template and read access to the Twilio auth token — and cdk-nag
 * still passes. Bad or half-given WhatsApp context is refused, naming the key.
 */
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackConfig } from '../../cdk/stack-config.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';

const ACCOUNT_SID = 'AC' + '3'.repeat(32);
const TEMPLATE_SID = 'HX' + '4'.repeat(32);
let r: SynthResult;
const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

beforeAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
  process.env.CDK_DEFAULT_REGION = 'eu-west-1';
  r = synthStack({
    stage: 'dev',
    whatsappFrom: 'whatsapp:+14155238886',
    twilioAccountSid: ACCOUNT_SID,
    whatsappTemplateSid: TEMPLATE_SID,
  });
}, 120_000);
afterAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = saved.account;
  process.env.CDK_DEFAULT_REGION = saved.region;
});

const envOf = (prefix: string): Record<string, unknown> => {
  const id = logicalIdOf(r, `${prefix}/Function/Resource`);
  return r.template.toJSON().Resources[id].Properties.Environment.Variables;
};

describe('WhatsApp through Twilio in the stack', () => {
  it('routes POST /whatsapp/twilio to the Twilio webhook function, which knows its public URL', () => {
    const routes = Object.values(r.template.findResources('AWS::ApiGatewayV2::Route')).map(
      (x) => x.Properties,
    );
    const integrations = r.template.findResources('AWS::ApiGatewayV2::Integration');
    const target = (key: string) => {
      const route = routes.find((p) => p.RouteKey === key)!;
      const integrationId = (route.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
      return JSON.stringify(integrations[integrationId.Ref]!.Properties.IntegrationUri);
    };

    expect(target('POST /whatsapp/twilio')).toBe(target('POST /sms/twilio'));
    expect(target('POST /whatsapp/twilio')).toContain(
      logicalIdOf(r, 'SmsTwilio/Function/Resource'),
    );
    expect(JSON.stringify(envOf('SmsTwilio').MUJIB_WHATSAPP_WEBHOOK_URL)).toContain(
      '/whatsapp/twilio',
    );
    expect(JSON.stringify(r.template.toJSON().Outputs.WhatsAppWebhookUrl.Value)).toContain(
      '/whatsapp/twilio',
    );
  });

  it('gives the staff function the sender, account, template and the Twilio token’s name', () => {
    expect(envOf('StaffApi')).toMatchObject({
      MUJIB_WHATSAPP_FROM: '+14155238886',
      MUJIB_TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      MUJIB_WHATSAPP_TEMPLATE_SID: TEMPLATE_SID,
      MUJIB_TWILIO_AUTH_TOKEN_PARAM: '/mujib/dev/twilio-auth-token',
    });
  });

  it('lets the staff function read the Twilio auth token and the PII secret, nothing more', () => {
    const ssm = roleStatements(r, 'StaffApi').filter((s) =>
      actionsOf([s]).includes('ssm:GetParameter'),
    );
    const names = JSON.stringify(ssm);

    expect(names).toContain(':parameter/mujib/dev/twilio-auth-token');
    expect(names).toContain(':parameter/mujib/dev/pii-secret');
    expect(ssm.flatMap((s) => [s.Resource].flat())).toHaveLength(2);
  });

  it('passes cdk-nag', () => {
    expect(r.nagViolations).toEqual([]);
  });
});

describe('WhatsApp context', () => {
  const read = (context: Record<string, unknown>) => readStackConfig(new App({ context }).node);

  it('is off unless a sender and an account are given, and then both are needed', () => {
    expect(read({}).whatsapp).toBeUndefined();
    expect(() => read({ whatsappFrom: '+14155238886' })).toThrow(/go together/);
    expect(() => read({ twilioAccountSid: ACCOUNT_SID })).toThrow(/go together/);
    expect(() => read({ whatsappTemplateSid: TEMPLATE_SID })).toThrow(/needs whatsappFrom/);
  });

  it('names a malformed sender, account or template', () => {
    const base = { whatsappFrom: '+14155238886', twilioAccountSid: ACCOUNT_SID };

    expect(() => read({ ...base, whatsappFrom: '0501234567' })).toThrow(/whatsappFrom/);
    expect(() => read({ ...base, twilioAccountSid: 'AC1' })).toThrow(/twilioAccountSid/);
    expect(() => read({ ...base, whatsappTemplateSid: 'tpl' })).toThrow(/whatsappTemplateSid/);
    expect(read(base).whatsapp).toEqual({ from: '+14155238886', accountSid: ACCOUNT_SID });
  });
});
