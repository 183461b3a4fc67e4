/**
 * Optional Lex V2 bot (context `lex=true`) that recognises small talk and "talk to a person" in
 * English and Arabic. Intents come from skills/lex/bot-definition.json when it exists, otherwise
 * from the defaults below. Functions get `lex:RecognizeText` on this bot alias only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { CfnBot, CfnBotAlias, CfnBotVersion } from 'aws-cdk-lib/aws-lex';
import { Construct } from 'constructs';

export interface LexIntent {
  name: string;
  utterances: string[];
}
export interface LexLocale {
  localeId: string;
  intents: LexIntent[];
}

export const DEFAULT_LEX_LOCALES: LexLocale[] = [
  {
    localeId: 'en_US',
    intents: [
      {
        name: 'Greeting',
        utterances: ['hi', 'hello', 'hey there', 'good morning', 'good evening'],
      },
      {
        name: 'Thanks',
        utterances: ['thanks', 'thank you', 'thanks a lot', 'that helped', 'great thanks'],
      },
      { name: 'Goodbye', utterances: ['bye', 'goodbye', 'see you', "that's all", 'nothing else'] },
      {
        name: 'TalkToHuman',
        utterances: [
          'talk to a person',
          'speak to a human',
          'agent please',
          'I want a real person',
          'contact support',
        ],
      },
    ],
  },
  {
    localeId: 'ar_AE',
    intents: [
      {
        name: 'Greeting',
        utterances: ['مرحبا', 'السلام عليكم', 'أهلا', 'صباح الخير', 'مساء الخير'],
      },
      { name: 'Thanks', utterances: ['شكرا', 'شكرا جزيلا', 'مشكور', 'يعطيك العافية', 'شكرا لك'] },
      { name: 'Goodbye', utterances: ['مع السلامة', 'وداعا', 'إلى اللقاء', 'هذا كل شيء', 'باي'] },
      {
        name: 'TalkToHuman',
        utterances: [
          'أريد التحدث مع موظف',
          'كلمني شخص',
          'خدمة العملاء',
          'أبي أكلم إنسان',
          'تحويل لموظف',
        ],
      },
    ],
  },
];

/** Reads the bot definition file in either supported shape; undefined when absent or unusable. */
export function readLexDefinition(path: string): LexLocale[] | undefined {
  if (!existsSync(path)) return undefined;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as {
    locales?: {
      localeId: string;
      intents: { name: string; utterances?: string[]; sampleUtterances?: string[] }[];
    }[];
    intents?: { name: string; utterances: Record<string, string[]> }[];
  };
  if (Array.isArray(raw.locales)) {
    return raw.locales.map((l) => ({
      localeId: l.localeId,
      intents: l.intents.map((i) => ({
        name: i.name,
        utterances: i.utterances ?? i.sampleUtterances ?? [],
      })),
    }));
  }
  if (Array.isArray(raw.intents)) {
    const ids = [...new Set(raw.intents.flatMap((i) => Object.keys(i.utterances)))];
    return ids.map((localeId) => ({
      localeId,
      intents: raw.intents!.map((i) => ({
        name: i.name,
        utterances: i.utterances[localeId] ?? [],
      })),
    }));
  }
  return undefined;
}

export interface MujibLexBotProps {
  locales: LexLocale[];
  stage: string;
}

export class MujibLexBot extends Construct {
  readonly bot: CfnBot;
  readonly alias: CfnBotAlias;
  readonly aliasArn: string;
  /** `en=en_US,ar=ar_AE`, for MUJIB_LEX_LOCALES. */
  readonly localesEnv: string;

  constructor(scope: Construct, id: string, props: MujibLexBotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new Role(this, 'BotRole', {
      assumedBy: new ServicePrincipal('lexv2.amazonaws.com'),
      description:
        'Runtime role of the Mujib Lex bot (no permissions: text only, no Polly, no logs)',
    });
    this.bot = new CfnBot(this, 'Bot', {
      name: `mujib-${props.stage}-intents`,
      roleArn: role.roleArn,
      dataPrivacy: { ChildDirected: false },
      idleSessionTtlInSeconds: 300,
      autoBuildBotLocales: true,
      botLocales: props.locales.map((locale) => ({
        localeId: locale.localeId,
        nluConfidenceThreshold: 0.6,
        intents: [
          ...locale.intents
            .filter((i) => i.utterances.length > 0)
            .map((i) => ({
              name: i.name,
              sampleUtterances: i.utterances.map((utterance) => ({ utterance })),
            })),
          { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' },
        ],
      })),
    });
    const version = new CfnBotVersion(this, 'Version', {
      botId: this.bot.attrId,
      botVersionLocaleSpecification: props.locales.map((l) => ({
        localeId: l.localeId,
        botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' },
      })),
    });
    this.alias = new CfnBotAlias(this, 'Alias', {
      botId: this.bot.attrId,
      botAliasName: 'live',
      botVersion: version.attrBotVersion,
      botAliasLocaleSettings: props.locales.map((l) => ({
        localeId: l.localeId,
        botAliasLocaleSetting: { enabled: true },
      })),
    });
    this.aliasArn = `arn:${stack.partition}:lex:${stack.region}:${stack.account}:bot-alias/${this.bot.attrId}/${this.alias.attrBotAliasId}`;
    this.localesEnv = props.locales.map((l) => `${l.localeId.slice(0, 2)}=${l.localeId}`).join(',');
  }

  grantRecognize(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lex:RecognizeText'], resources: [this.aliasArn] }),
    );
  }
}
