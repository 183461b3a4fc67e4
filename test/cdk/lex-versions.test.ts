/**
 * Lex versions follow the bot definition: the BotVersion's logical id and description carry a
 * hash of the locales, intents and utterances, so an intent change makes a new version (and
 * CloudFormation deletes the old one after the `live` alias has moved to the new); the same
 * definition synthesises the same version. Construct-level (a bare stack: no functions to bundle).
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEX_LOCALES,
  MujibLexBot,
  readLexDefinition,
  type LexLocale,
} from '../../cdk/constructs/lex-bot.ts';
import { REPO_ROOT } from '../../cdk/stack.ts';

function synthBot(locales: LexLocale[]) {
  const stack = new Stack(new App(), 'LexTest');
  const bot = new MujibLexBot(stack, 'Lex', { locales, stage: 'dev' });
  const template = Template.fromStack(stack).toJSON();
  const versions = Object.entries(template.Resources as Record<string, any>).filter(
    ([, r]) => r.Type === 'AWS::Lex::BotVersion',
  );
  const alias = Object.values(template.Resources as Record<string, any>).find(
    (r) => r.Type === 'AWS::Lex::BotAlias',
  );
  return { bot, versions, alias };
}

/** The default definition with one more English utterance for TalkToHuman. */
function withExtraUtterance(): LexLocale[] {
  return DEFAULT_LEX_LOCALES.map((locale) => ({
    ...locale,
    intents: locale.intents.map((intent) =>
      locale.localeId === 'en_US' && intent.name === 'TalkToHuman'
        ? { ...intent, utterances: [...intent.utterances, 'let me chat with someone'] }
        : intent,
    ),
  }));
}

describe('Lex bot versions', () => {
  it('one version, named and described by the definition hash; the live alias points at it', () => {
    const { bot, versions, alias } = synthBot(DEFAULT_LEX_LOCALES);

    expect(versions).toHaveLength(1);
    const [versionId, version] = versions[0]!;
    expect(versionId).toContain(`Version${bot.definitionHash}`);
    expect(version.Properties.Description).toContain(bot.definitionHash);
    expect(alias.Properties).toMatchObject({
      BotAliasName: 'live',
      BotVersion: { 'Fn::GetAtt': [versionId, 'BotVersion'] },
    });
  });

  it('the same definition gives the same version (no new version on an unrelated deploy)', () => {
    const first = synthBot(DEFAULT_LEX_LOCALES);
    const again = synthBot(structuredClone(DEFAULT_LEX_LOCALES));

    expect(again.versions.map(([id]) => id)).toEqual(first.versions.map(([id]) => id));
  });

  it('a changed utterance, intent or locale makes a new version, and the alias moves to it', () => {
    const before = synthBot(DEFAULT_LEX_LOCALES);
    const changes: LexLocale[][] = [
      withExtraUtterance(),
      DEFAULT_LEX_LOCALES.map((l) => ({
        ...l,
        intents: [...l.intents, { name: 'OrderStatus', utterances: ['where is my order'] }],
      })),
      DEFAULT_LEX_LOCALES.filter((l) => l.localeId === 'en_US'),
    ];
    const ids = new Set([before.versions[0]![0]]);

    for (const locales of changes) {
      const after = synthBot(locales);
      const [afterId] = after.versions[0]!;
      expect(after.versions).toHaveLength(1);
      expect(ids.has(afterId)).toBe(false);
      ids.add(afterId);
      expect(after.alias.Properties.BotVersion).toEqual({ 'Fn::GetAtt': [afterId, 'BotVersion'] });
    }
  });

  it("the repo's bot definition file (skills/lex, AWS::Lex::Bot shape) is read — not silently replaced by the defaults", () => {
    const definition = readLexDefinition(join(REPO_ROOT, 'skills', 'lex', 'bot-definition.json'));
    expect(definition?.map((l) => l.localeId)).toEqual(['en_US', 'ar_AE']);
    const en = definition![0]!.intents;
    // Its own intents with all their sample utterances; the built-in fallback is the stack's.
    expect(en.map((i) => i.name)).toEqual(['Greeting', 'Thanks', 'Goodbye', 'TalkToHuman']);
    expect(en[0]!.utterances).toContain('good morning');
    expect(en[0]!.utterances.length).toBeGreaterThan(
      DEFAULT_LEX_LOCALES[0]!.intents[0]!.utterances.length,
    );
    const fromFile = synthBot(definition!);
    expect(fromFile.bot.definitionHash).toMatch(/^[0-9a-f]{12}$/);
    expect(fromFile.bot.definitionHash).not.toBe(synthBot(DEFAULT_LEX_LOCALES).bot.definitionHash);
  });
});

describe('the bot definition file', () => {
  it('a file in no known shape stops the synth with its path', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'mujib-lex-'));
    const path = join(dir, 'bot-definition.json');
    await writeFile(path, JSON.stringify({ bots: [] }));
    try {
      expect(() => readLexDefinition(path)).toThrow(/bot-definition\.json: no botLocales/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
