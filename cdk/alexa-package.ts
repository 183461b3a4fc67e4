/**
 * Writes the Alexa skill package for a deployed stack: a copy of skills/alexa (ASK CLI layout)
 * under build/alexa/<stage>/ whose skill.json endpoint is the stack's `AlexaSkillEndpointArn`
 * output, read from the file `cdk deploy --outputs-file cdk-outputs.json` writes. The copy's
 * ask-resources.json deploys only the skill metadata: the function itself is the stack's.
 * Then `cd build/alexa/<stage> && ask deploy`.
 *
 *   npm run alexa:package -- [--outputs cdk-outputs.json] [--stage dev] [--out build/alexa]
 *
 * @example
 *   const { skillJson } = await writeAlexaSkillPackage({ outputsFile: 'cdk-outputs.json', stage: 'prod' });
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const REPO_ROOT = join(import.meta.dirname, '..');
/** The stack output holding the Alexa function's ARN (cdk/stack.ts). */
export const ENDPOINT_OUTPUT = 'AlexaSkillEndpointArn';
const LAMBDA_ARN =
  /^arn:aws[\w-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[\w-]{1,64}(:[\w$-]+)?$/;

export class SkillPackageError extends Error {
  override name = 'SkillPackageError';
}

export interface SkillPackageOptions {
  /** The `cdk deploy --outputs-file` JSON. */
  outputsFile: string;
  /** Stage of the `Mujib-<stage>` stack whose outputs to use. */
  stage: string;
  /** Where packages go (a folder per stage); default build/alexa. */
  outDir?: string;
  /** The skill package source; default skills/alexa. */
  sourceDir?: string;
}

/** Copies the skill package and points its endpoint at the deployed function. */
export async function writeAlexaSkillPackage(
  options: SkillPackageOptions,
): Promise<{ dir: string; skillJson: string; endpoint: string }> {
  const endpoint = await endpointFrom(options.outputsFile, `Mujib-${options.stage}`);
  const source = options.sourceDir ?? join(REPO_ROOT, 'skills', 'alexa');
  const dir = join(resolve(options.outDir ?? join(REPO_ROOT, 'build', 'alexa')), options.stage);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(join(source, 'skill-package'), join(dir, 'skill-package'), { recursive: true });

  const skillJson = join(dir, 'skill-package', 'skill.json');
  const skill = JSON.parse(await readFile(skillJson, 'utf8')) as {
    manifest?: { apis?: { custom?: { endpoint?: { uri?: string } } } };
  };
  const custom = skill.manifest?.apis?.custom;
  if (!custom) throw new SkillPackageError(`${skillJson}: no manifest.apis.custom`);
  custom.endpoint = { ...custom.endpoint, uri: endpoint };
  await writeFile(skillJson, `${JSON.stringify(skill, null, 2)}\n`);

  // The ASK CLI deploys the skill package only: the Lambda belongs to the CDK stack.
  const resources = JSON.parse(await readFile(join(source, 'ask-resources.json'), 'utf8')) as {
    profiles?: Record<string, { skillMetadata?: unknown; skillInfrastructure?: unknown }>;
  };
  for (const profile of Object.values(resources.profiles ?? {})) delete profile.skillInfrastructure;
  await writeFile(join(dir, 'ask-resources.json'), `${JSON.stringify(resources, null, 2)}\n`);
  return { dir, skillJson, endpoint };
}

/** The stack's AlexaSkillEndpointArn from a `cdk deploy --outputs-file` file, checked. */
async function endpointFrom(outputsFile: string, stackName: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(outputsFile, 'utf8');
  } catch (error) {
    throw new SkillPackageError(
      `cannot read ${outputsFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}): deploy with \`cdk deploy --outputs-file ${outputsFile}\` first`,
    );
  }
  let outputs: Record<string, Record<string, unknown>>;
  try {
    outputs = JSON.parse(text) as typeof outputs;
  } catch {
    throw new SkillPackageError(`${outputsFile} is not JSON`);
  }
  const stack = outputs[stackName];
  if (!stack) {
    throw new SkillPackageError(
      `${outputsFile} has no outputs of ${stackName} (it has: ${Object.keys(outputs).join(', ') || 'none'})`,
    );
  }
  const arn = stack[ENDPOINT_OUTPUT];
  if (typeof arn !== 'string' || !LAMBDA_ARN.test(arn)) {
    throw new SkillPackageError(
      `${stackName}.${ENDPOINT_OUTPUT} in ${outputsFile} is not a Lambda function ARN (got ${JSON.stringify(arn)})`,
    );
  }
  return arn;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      outputs: { type: 'string', default: 'cdk-outputs.json' },
      stage: { type: 'string', default: 'dev' },
      out: { type: 'string' },
    },
  });
  try {
    const written = await writeAlexaSkillPackage({
      outputsFile: values.outputs,
      stage: values.stage,
      outDir: values.out,
    });
    console.log(`skill package for Mujib-${values.stage}: ${written.dir}`);
    console.log(`endpoint: ${written.endpoint}`);
    console.log(`next: cd ${written.dir} && ask deploy`);
  } catch (error) {
    console.error(error instanceof SkillPackageError ? error.message : error);
    process.exitCode = 1;
  }
}
