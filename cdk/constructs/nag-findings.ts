/**
 * cdk-nag acknowledgements for the helper Lambdas CDK itself adds (BucketDeployment, S3 bucket
 * notifications): their code, runtime and policies are managed by aws-cdk-lib, not by us. Each
 * finding is acknowledged one by one, with its reason. Findings of our own constructs are
 * acknowledged in those constructs, next to the code that causes them.
 */
import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

const MANAGED_LOGS =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** `<BucketLogicalId.Arn>` as cdk-nag prints it in finding ids. */
export function arnToken(bucket: IBucket): string {
  const stack = Stack.of(bucket);
  return `<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>`;
}

/** Region and account as cdk-nag prints them: the pseudo parameter, or the concrete value. */
export function nagRegion(stack: Stack): string {
  return Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
}
export function nagAccount(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
}

/** Acknowledges the findings on CDK's own helper functions in `stack`. */
export function acknowledgeCdkHelperFindings(stack: Stack, deployedBuckets: IBucket[]): void {
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
      const why = 'CDK BucketDeployment helper (managed by aws-cdk-lib): ';
      Validations.of(child).acknowledge(
        {
          id: MANAGED_LOGS,
          reason: `${why}writes its own CloudWatch logs with the basic execution policy.`,
        },
        { id: 'AwsSolutions-L1', reason: `${why}its runtime is chosen by aws-cdk-lib.` },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
          (action) => ({
            id: `AwsSolutions-IAM5[Action::${action}]`,
            reason: `${why}copies the deployment assets into the destination buckets (CDK grant).`,
          }),
        ),
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${nagAccount(stack)}-${nagRegion(stack)}/*]`,
          reason: `${why}reads the zipped assets from the CDK bootstrap bucket.`,
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${why}the Lambda runtime log and (for the site) CloudFront invalidation actions have no resource scope.`,
        },
        ...deployedBuckets.map((bucket) => ({
          id: `AwsSolutions-IAM5[Resource::${arnToken(bucket)}/*]`,
          reason: `${why}writes the deployed files into this bucket.`,
        })),
      );
    }
    if (child.node.id.startsWith('BucketNotificationsHandler')) {
      Validations.of(child).acknowledge({
        id: MANAGED_LOGS,
        reason:
          'CDK S3 bucket-notifications helper (managed by aws-cdk-lib) logs with the basic execution policy.',
      });
    }
  }
}

/**
 * The helper CDK adds for cross-region references (`crossRegionReferences`): a custom-resource
 * provider function in each stack that writes or reads the SSM parameters carrying the values.
 * Acknowledged only on those helpers (ids starting `Custom::CrossRegionExport`).
 */
export function acknowledgeCrossRegionReferenceFindings(stacks: Stack[]): void {
  for (const stack of stacks) {
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CrossRegionExport')) continue;
      const why = 'CDK cross-region reference helper (managed by aws-cdk-lib): ';
      Validations.of(child).acknowledge(
        { id: 'AwsSolutions-L1', reason: `${why}its runtime is chosen by aws-cdk-lib.` },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${why}writes its own CloudWatch logs with the basic execution policy.`,
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `${why}its log actions have no resource scope.`,
        },
      );
    }
  }
}
