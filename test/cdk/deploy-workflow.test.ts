/**
 * The GitHub Actions deployment pipeline (.github/workflows/deploy.yml), parsed: AWS access only
 * through OIDC (configure-aws-credentials with role-to-assume, `id-token: write` only where it is
 * used, no access keys anywhere); the first job runs the tests (`bash .ci/run`), synthesises with
 * cdk-nag and diffs; dev deploys after it, prod after dev behind the `prod` environment (its
 * required reviewers are the manual approval); each deploy selects its cdk/environments.ts entry
 * and the region it configures matches that entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvironmentName } from '../../cdk/environments.ts';
import { REPO_ROOT } from '../../cdk/stack.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  steps: Step[];
}

const path = join(REPO_ROOT, '.github', 'workflows', 'deploy.yml');
const text = readFileSync(path, 'utf8');
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const credentialSteps = (job: Job) =>
  job.steps.filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
const environmentOf = (job: Job) =>
  typeof job.environment === 'string' ? job.environment : job.environment?.name;

describe('deploy workflow', () => {
  it('runs on pushes to main and on pull requests; read-only by default', () => {
    expect(workflow.on).toHaveProperty('push');
    expect((workflow.on.push as { branches: string[] }).branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('no long-lived AWS keys: every AWS session comes from OIDC (role-to-assume)', () => {
    expect(text).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET/i,
    );
    const withAws = Object.entries(jobs).filter(([, job]) => credentialSteps(job).length > 0);
    expect(withAws.map(([name]) => name).sort()).toEqual(['deploy-dev', 'deploy-prod', 'test']);
    for (const [name, job] of Object.entries(jobs)) {
      const steps = credentialSteps(job);
      // The OIDC token is requested only by jobs that assume a role.
      expect(job.permissions?.['id-token'] === 'write', name).toBe(steps.length > 0);
      for (const step of steps) {
        expect(step.uses).toMatch(/@v\d+$/);
        expect(step.with?.['role-to-assume'], name).toMatch(/^\$\{\{ vars\.AWS_\w+_ROLE_ARN \}\}$/);
        expect(Object.keys(step.with ?? {}).sort()).toEqual(
          ['aws-region', 'role-session-name', 'role-to-assume'].sort(),
        );
      }
    }
  });

  it('job 1 runs the tests, synthesises with cdk-nag (both environments) and diffs', () => {
    const [firstName, first] = Object.entries(jobs)[0]!;
    expect(firstName).toBe('test');
    const commands = runs(first);
    expect(commands).toContain('bash .ci/run');
    expect(commands).toMatch(/cdk synth .*-c env=dev/);
    expect(commands).toMatch(/cdk synth .*-c env=prod/);
    expect(commands).toMatch(/cdk diff .*-c env=dev/);
    // cdk-nag runs inside synth (cdk/app.ts adds AwsSolutionsChecks; a finding fails the synth).
    const app = readFileSync(join(REPO_ROOT, 'cdk', 'app.ts'), 'utf8');
    expect(app).toContain('addPlugins(new AwsSolutionsChecks');
    // Tests and synth come before any AWS credentials.
    const order = first.steps.map((s) => s.run ?? s.uses ?? '');
    const firstAws = order.findIndex((s) => s.startsWith('aws-actions/'));
    expect(order.findIndex((s) => s.includes('bash .ci/run'))).toBeLessThan(firstAws);
    expect(order.findIndex((s) => s.includes('cdk synth'))).toBeLessThan(firstAws);
  });

  it('dev deploys after the tests, from main only; prod after dev, behind the prod environment', () => {
    const dev = jobs['deploy-dev']!;
    const prod = jobs['deploy-prod']!;
    expect([dev.needs].flat()).toEqual(['test']);
    expect(dev.if).toContain("github.ref == 'refs/heads/main'");
    expect(environmentOf(dev)).toBe('dev');
    expect([prod.needs].flat()).toEqual(['deploy-dev']);
    expect(environmentOf(prod)).toBe('prod');
  });

  it('each deploy selects its environment file entry and configures that entry region', () => {
    for (const [jobName, env] of [
      ['deploy-dev', 'dev'],
      ['deploy-prod', 'prod'],
    ] as [string, EnvironmentName][]) {
      const job = jobs[jobName]!;
      const deploy = job.steps.find((s) => s.run?.includes('cdk deploy'))!;
      expect(deploy.run).toContain(`-c env=${env}`);
      expect(deploy.run).toContain('--outputs-file cdk-outputs.json');
      expect(deploy.run).toContain('--require-approval never');
      expect(credentialSteps(job)[0]!.with?.['aws-region']).toBe(ENVIRONMENTS[env].region);
    }
    const diffRegion = credentialSteps(jobs.test!)[0]!.with?.['aws-region'];
    expect(diffRegion).toBe(ENVIRONMENTS.dev.region);
  });

  it('prod writes the Alexa skill package from its deploy outputs', () => {
    expect(runs(jobs['deploy-prod']!)).toContain(
      'npm run alexa:package -- --outputs cdk-outputs.json --stage prod',
    );
  });
});
