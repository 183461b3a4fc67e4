/**
 * The prod stack in a concrete account and region, with Lex on, tracing on, no Alexa skill id
 * and no CORS origins: data is retained, the skill id becomes a parameter with a placeholder,
 * functions may call only the bot alias, and cdk-nag still passes.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEXA_SKILL_ID_PLACEHOLDER } from '../../cdk/constructs/alexa-endpoint.ts';
import { readStackConfig } from '../../cdk/stack-config.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';
import { App } from 'aws-cdk-lib';

let r: SynthResult;
const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

beforeAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
  process.env.CDK_DEFAULT_REGION = 'eu-west-1';
  r = synthStack({
    stage: 'prod',
    lex: 'true',
    tracing: 'true',
    ssmKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
  });
}, 120_000);
afterAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = saved.account;
  process.env.CDK_DEFAULT_REGION = saved.region;
});

describe('prod stage', () => {
  it('retains tables with deletion protection', () => {
    const tables = Object.values(r.template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(4);
    for (const t of tables) {
      expect(t.DeletionPolicy).toBe('Retain');
      expect(t.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('retains the article and artifact buckets', () => {
    for (const path of ['Knowledge/Articles/Resource', 'Knowledge/Artifacts/Resource']) {
      expect(r.template.toJSON().Resources[logicalIdOf(r, path)].DeletionPolicy).toBe('Retain');
    }
  });

  it('without a skill id, the Alexa permission uses a parameter whose default is a placeholder', () => {
    const params = r.template.toJSON().Parameters;
    const [name, param] = Object.entries(params).find(([k]) => k.includes('AlexaSkillId'))! as [
      string,
      { Default: string },
    ];
    expect(param.Default).toBe(ALEXA_SKILL_ID_PLACEHOLDER);
    r.template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: { Ref: name },
    });
  });

  it('without CORS origins the API answers no browser preflight', () => {
    const api = Object.values(r.template.findResources('AWS::ApiGatewayV2::Api'))[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('with lex=true: a bot in English and Arabic, and RecognizeText on its alias only', () => {
    r.template.hasResourceProperties('AWS::Lex::Bot', {
      BotLocales: Match.arrayWith([
        Match.objectLike({
          LocaleId: 'en_US',
          Intents: Match.arrayWith([Match.objectLike({ Name: 'TalkToHuman' })]),
        }),
        Match.objectLike({ LocaleId: 'ar_AE' }),
      ]),
    });
    const lex = roleStatements(r, 'ChatApi').filter((s) =>
      actionsOf([s]).includes('lex:RecognizeText'),
    );
    expect(lex).toHaveLength(1);
    expect(JSON.stringify(lex[0]!.Resource)).toContain(':bot-alias/');
    expect(actionsOf(roleStatements(r, 'StaffApi'))).not.toContain('lex:RecognizeText');
    const env =
      r.template.toJSON().Resources[logicalIdOf(r, 'ChatApi/Function/Resource')].Properties
        .Environment.Variables;
    expect(env).toHaveProperty('MUJIB_LEX_BOT_ID');
    expect(env).toHaveProperty('MUJIB_LEX_BOT_ALIAS_ID');
  });

  it('parameters under a customer-managed key: kms:Decrypt on that key, through SSM only', () => {
    const kms = roleStatements(r, 'SmsTwilio').filter((s) =>
      actionsOf([s]).includes('kms:Decrypt'),
    );
    expect(kms).toEqual([
      expect.objectContaining({
        Resource: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
        Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
      }),
    ]);
  });

  it('tracing=true turns on X-Ray for the functions', () => {
    const fns = r.template.findResources('AWS::Lambda::Function', {
      Properties: { TracingConfig: { Mode: 'Active' } },
    });
    // The nine functions of the stack and the knowledge seeder.
    expect(Object.keys(fns)).toHaveLength(10);
  });

  it('cdk-nag finds nothing unacknowledged in a concrete account and region either', () => {
    expect(r.nagViolations).toEqual([]);
  });
});

describe('context validation', () => {
  const read = (context: Record<string, unknown>) => readStackConfig(new App({ context }).node);

  it('names the bad context value', () => {
    expect(() => read({ alexaSkillId: 'my-skill' })).toThrow(/alexaSkillId/);
    expect(() => read({ corsOrigins: 'shop.example' })).toThrow(/corsOrigins/);
    expect(() => read({ lex: 'yes' })).toThrow(/lex must be true or false/);
    expect(() => read({ stage: 'Prod!' })).toThrow(/stage/);
  });

  it('defaults to a dev stage with parameter names under /mujib/<stage>/', () => {
    expect(read({})).toMatchObject({
      stage: 'dev',
      prod: false,
      lex: false,
      corsOrigins: [],
      twilioAuthTokenParam: '/mujib/dev/twilio-auth-token',
      piiSecretParam: '/mujib/dev/pii-secret',
    });
  });
});
