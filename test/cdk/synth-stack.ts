/**
 * Synthesises the Mujib stack for the CDK tests: bundling skipped (no esbuild, no npm), the
 * given context, and the cdk-nag AWS Solutions report of the same tree.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createCdkApp } from '../../cdk/app.ts';
import type { MujibStack } from '../../cdk/stack.ts';

export interface SynthResult {
  stack: MujibStack;
  template: Template;
  /** cdk-nag violations not acknowledged in code. */
  nagViolations: { ruleName: string; paths: string[] }[];
}

export function synthStack(context: Record<string, unknown> = {}): SynthResult {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const { stack } = createCdkApp(app);
  const template = Template.fromStack(stack);
  const report = new AwsSolutionsChecks().validateScope(stack);
  return {
    stack,
    template,
    nagViolations: report.violations.map((v) => ({
      ruleName: v.ruleName,
      paths: v.violatingResources.map((r) => r.resourceLogicalId ?? r.constructPath ?? '?'),
    })),
  };
}

/** Logical id of a resource by its construct path suffix, e.g. `ChatApi/Function/Resource`. */
export function logicalIdOf(result: SynthResult, pathSuffix: string): string {
  const found = result.stack.node
    .findAll()
    .find((c) => c.node.path.endsWith(pathSuffix) && 'logicalId' in c);
  if (!found) throw new Error(`no resource at …/${pathSuffix}`);
  return result.stack.resolve((found as unknown as { logicalId: string }).logicalId) as string;
}

/** Every IAM statement attached to the role of the function at `prefix` (e.g. `ChatApi`). */
export function roleStatements(result: SynthResult, prefix: string): PolicyStatementJson[] {
  const roleId = logicalIdOf(result, `${prefix}/Role/Resource`);
  const policies = result.template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export function actionsOf(statements: PolicyStatementJson[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** Statements whose resources mention the logical id (Ref / Fn::GetAtt / Fn::Join). */
export function statementsOn(
  statements: PolicyStatementJson[],
  logicalId: string,
): PolicyStatementJson[] {
  return statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId}`));
}
