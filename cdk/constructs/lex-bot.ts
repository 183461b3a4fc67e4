/**
 * Optional Lex V2 bot (context `lex=true`) that recognises small talk and "talk to a person" in
 * English and Arabic. Intents come from skills/lex/bot-definition.json when it exists, otherwise
 * from the defaults below. Functions get `lex:RecognizeText` on this bot alias only.
 *
 * Versions follow the definition: the BotVersion's logical id and description carry a hash of
 * the bot's locales, intents and utterances, so a changed definition makes CloudFormation create
 * a new version (from the DRAFT the bot update just built), move the `live` alias to it, and then
 * delete the old one; an unchanged definition leaves both alone.
 */
import { createHash } from 'node:crypto';
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

/**
 * Reads the bot definition file: the AWS::Lex::Bot shape skills/lex/bot-definition.json uses
 * (`botLocales[].intents[].sampleUtterances[].utterance`; built-in intents such as
 * FallbackIntent are skipped, the stack adds its own), `locales[].intents[].utterances`, or
 * `intents[].utterances.<localeId>`. Undefined when the file is absent; a file in none of these
 * shapes stops the synth (it would otherwise deploy the defaults without a word).
 */
export function readLexDefinition(path: string): LexLocale[] | undefined {
  if (!existsSync(path)) return undefined;
  type FileIntent = {
    name: string;
    parentIntentSignature?: string;
    utterances?: string[];
    sampleUtterances?: (string | { utterance: string })[];
  };
  const raw = JSON.parse(readFileSync(path, 'utf8')) as {
    botLocales?: { localeId: string; intents: FileIntent[] }[];
    locales?: { localeId: string; intents: FileIntent[] }[];
    intents?: { name: string; utterances: Record<string, string[]> }[];
  };
  const locales = raw.botLocales ?? raw.locales;
  if (Array.isArray(locales)) {
    return locales.map((l) => ({
      localeId: l.localeId,
      intents: l.intents
        .filter((i) => !i.parentIntentSignature)
        .map((i) => ({
          name: i.name,
          utterances:
            i.utterances ??
            (i.sampleUtterances ?? []).map((u) => (typeof u === 'string' ? u : u.utterance)),
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
  throw new Error(
    `${path}: no botLocales, locales or intents — not a Lex bot definition this stack can read`,
  );
}

const LEX_IDLE_SESSION_TTL_SECONDS = 300;
const LEX_CONFIDENCE_THRESHOLD = 0.6;

/** The bot's locales as CloudFormation takes them (intents with their sample utterances). */
export function lexBotLocales(locales: LexLocale[]): CfnBot.BotLocaleProperty[] {
  return locales.map((locale) => ({
    localeId: locale.localeId,
    nluConfidenceThreshold: LEX_CONFIDENCE_THRESHOLD,
    intents: [
      ...locale.intents
        .filter((i) => i.utterances.length > 0)
        .map((i) => ({
          name: i.name,
          sampleUtterances: i.utterances.map((utterance) => ({ utterance })),
        })),
      { name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent' },
    ],
  }));
}

/** 12 hex digits of SHA-256 over everything a version is built from (locales, intents, utterances, thresholds). */
export function lexDefinitionHash(botLocales: CfnBot.BotLocaleProperty[]): string {
  const definition = JSON.stringify({ botLocales, idle: LEX_IDLE_SESSION_TTL_SECONDS });
  return createHash('sha256').update(definition).digest('hex').slice(0, 12);
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
  /** Hash of the bot definition the current version was made from (in its logical id). */
  readonly definitionHash: string;
  readonly version: CfnBotVersion;

  constructor(scope: Construct, id: string, props: MujibLexBotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new Role(this, 'BotRole', {
      assumedBy: new ServicePrincipal('lexv2.amazonaws.com'),
      description:
        'Runtime role of the Mujib Lex bot (no permissions: text only, no Polly, no logs)',
    });
    const botLocales = lexBotLocales(props.locales);
    this.bot = new CfnBot(this, 'Bot', {
      name: `mujib-${props.stage}-intents`,
      roleArn: role.roleArn,
      dataPrivacy: { ChildDirected: false },
      idleSessionTtlInSeconds: LEX_IDLE_SESSION_TTL_SECONDS,
      autoBuildBotLocales: true,
      botLocales,
    });
    this.definitionHash = lexDefinitionHash(botLocales);
    const version = new CfnBotVersion(this, `Version${this.definitionHash}`, {
      botId: this.bot.attrId,
      description: `Mujib intents, definition ${this.definitionHash}`,
      botVersionLocaleSpecification: props.locales.map((l) => ({
        localeId: l.localeId,
        botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' },
      })),
    });
    this.version = version;
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
