/**
 * CDK app: reads the deployment settings from context, builds the Mujib stack and its edge stack
 * (the WAF web ACL in us-east-1) and runs the cdk-nag AWS Solutions checks on them (synthesis
 * fails on an unacknowledged finding).
 * Run with tsx (cdk.json): `npx cdk synth -c env=dev` (cdk/environments.ts), or context values
 * one by one: `npx cdk synth -c stage=dev -c corsOrigins=https://shop.example`.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeCrossRegionReferenceFindings } from './constructs/nag-findings.ts';
import { EDGE_REGION, MujibEdgeStack } from './edge-stack.ts';
import { MujibStack } from './stack.ts';
import { readStackConfig } from './stack-config.ts';

export function createCdkApp(app: App = new App()): {
  app: App;
  stack: MujibStack;
  edge?: MujibEdgeStack;
} {
  const config = readStackConfig(app.node);
  // The environment file names the account and region; otherwise the CLI's credentials do.
  const account = config.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = config.region ?? process.env.CDK_DEFAULT_REGION;
  // The web ACL lives in us-east-1 (a CloudFront requirement). Unless one is given, the edge
  // stack creates it; its ARN crosses regions by reference when the main region is known, and
  // is passed with -c webAclArn=… otherwise (CDK cannot reference across unknown regions).
  const edge = config.webAclArn
    ? undefined
    : new MujibEdgeStack(app, `Mujib-${config.stage}-edge`, {
        stage: config.stage,
        limits: config.edge,
        description: `Mujib edge firewall for CloudFront (${config.stage})`,
        env: { account, region: EDGE_REGION },
        crossRegionReferences: region !== undefined,
      });
  const stack = new MujibStack(app, `Mujib-${config.stage}`, {
    config,
    webAclArn: config.webAclArn ?? (region ? edge?.firewall.webAcl.attrArn : undefined),
    description: `Mujib knowledge-base answer bot (${config.stage})`,
    env: { account, region },
    crossRegionReferences: region !== undefined && edge !== undefined,
  });
  for (const s of [stack, edge]) {
    if (!s) continue;
    Tags.of(s).add('app', 'mujib');
    Tags.of(s).add('stage', config.stage);
  }
  if (edge) acknowledgeCrossRegionReferenceFindings([stack, edge]);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edge };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createCdkApp().app.synth();
}
