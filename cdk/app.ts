/**
 * CDK app: reads the deployment settings from context, builds the Mujib stack and runs the
 * cdk-nag AWS Solutions checks on it (synthesis fails on an unacknowledged finding).
 * Run with tsx (cdk.json): `npx cdk synth -c stage=dev -c corsOrigins=https://shop.example`.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MujibStack } from './stack.ts';
import { readStackConfig } from './stack-config.ts';

export function createCdkApp(app: App = new App()): { app: App; stack: MujibStack } {
  const config = readStackConfig(app.node);
  const stack = new MujibStack(app, `Mujib-${config.stage}`, {
    config,
    description: `Mujib knowledge-base answer bot (${config.stage})`,
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION,
    },
  });
  Tags.of(stack).add('app', 'mujib');
  Tags.of(stack).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  createCdkApp().app.synth();
}
