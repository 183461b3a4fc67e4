/**
 * The Alexa skill package for a deployed stack (cdk/alexa-package.ts, `npm run alexa:package`):
 * from the file `cdk deploy --outputs-file` writes, a copy of skills/alexa whose endpoint is the
 * stack's Alexa function ARN and whose ASK CLI config deploys the skill only (the function is
 * the stack's); the source package is left as it is; a missing file, stack or ARN is named.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENDPOINT_OUTPUT,
  REPO_ROOT,
  SkillPackageError,
  writeAlexaSkillPackage,
} from '../../cdk/alexa-package.ts';

const PROD_ARN =
  'arn:aws:lambda:eu-west-1:222222222222:function:Mujib-prod-AlexaFunction1A2B3C-xYz123';
const DEV_ARN =
  'arn:aws:lambda:eu-west-1:111111111111:function:Mujib-dev-AlexaFunction9Z8Y7X-abc987';
let dir: string;
let outputsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mujib-alexa-package-'));
  outputsFile = join(dir, 'cdk-outputs.json');
  // The shape `cdk deploy --all --outputs-file` writes: stack name → output name → value.
  await writeFile(
    outputsFile,
    JSON.stringify({
      'Mujib-prod-edge': { WebAclArn: 'arn:aws:wafv2:us-east-1:222222222222:global/webacl/x/y' },
      'Mujib-prod': { [ENDPOINT_OUTPUT]: PROD_ARN, ApiUrl: 'https://api.help.shop.example' },
      'Mujib-dev': { [ENDPOINT_OUTPUT]: DEV_ARN },
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('the Alexa skill package', () => {
  it("points the skill's endpoint at the stage's deployed function", async () => {
    const written = await writeAlexaSkillPackage({
      outputsFile,
      stage: 'prod',
      outDir: join(dir, 'build'),
    });

    expect(written.dir).toBe(join(dir, 'build', 'prod'));
    const skill = await json(written.skillJson);
    expect(skill.manifest.apis.custom.endpoint.uri).toBe(PROD_ARN);
    // Everything else of the manifest is the source's.
    const source = await json(join(REPO_ROOT, 'skills', 'alexa', 'skill-package', 'skill.json'));
    expect(skill.manifest.publishingInformation).toEqual(source.manifest.publishingInformation);
    expect(
      (await readdir(join(written.dir, 'skill-package', 'interactionModels', 'custom'))).sort(),
    ).toEqual(['ar-SA.json', 'en-US.json']);
    // The source keeps its placeholder: packages are built, never edited in place.
    expect(source.manifest.apis.custom.endpoint.uri).not.toBe(PROD_ARN);
  });

  it('the ASK CLI config deploys the skill package only (no Lambda of its own)', async () => {
    const { dir: out } = await writeAlexaSkillPackage({
      outputsFile,
      stage: 'dev',
      outDir: join(dir, 'build'),
    });
    const resources = await json(join(out, 'ask-resources.json'));
    expect(resources.profiles.default).toEqual({ skillMetadata: { src: './skill-package' } });
    expect(
      (await json(join(out, 'skill-package', 'skill.json'))).manifest.apis.custom.endpoint.uri,
    ).toBe(DEV_ARN);
  });

  it('names what is wrong: no outputs file, no such stack, no usable ARN', async () => {
    const attempt = (outputs: string, stage: string) =>
      writeAlexaSkillPackage({ outputsFile: outputs, stage, outDir: join(dir, 'bad') });

    await expect(attempt(join(dir, 'missing.json'), 'prod')).rejects.toThrow(
      /cannot read .*missing\.json.*--outputs-file/,
    );
    await expect(attempt(outputsFile, 'staging')).rejects.toThrow(
      /no outputs of Mujib-staging \(it has: Mujib-prod-edge, Mujib-prod, Mujib-dev\)/,
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ 'Mujib-prod': { [ENDPOINT_OUTPUT]: 'not-an-arn' } }));
    await expect(attempt(broken, 'prod')).rejects.toBeInstanceOf(SkillPackageError);
    await expect(attempt(broken, 'prod')).rejects.toThrow(/not a Lambda function ARN/);
  });

  it('npm run alexa:package writes it from the command line', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      [
        'run',
        '--silent',
        'alexa:package',
        '--',
        '--outputs',
        outputsFile,
        '--stage',
        'prod',
        '--out',
        join(dir, 'cli'),
      ],
      { cwd: REPO_ROOT },
    );

    expect(stdout).toContain('ask deploy');
    const skill = await json(join(dir, 'cli', 'prod', 'skill-package', 'skill.json'));
    expect(skill.manifest.apis.custom.endpoint.uri).toBe(PROD_ARN);
  }, 30_000);
});
