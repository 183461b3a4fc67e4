/**
 * Read access to the SSM SecureString parameters holding channel secrets (Twilio auth token,
 * PII hashing secret). The stack never holds a value: an operator puts the parameters; a function
 * gets `ssm:GetParameter` on exactly the names it needs, plus `kms:Decrypt` through SSM when the
 * parameters use a customer-managed key (the AWS-managed `aws/ssm` key needs no grant).
 */
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';

/** `/mujib/dev/pii-secret` → `arn:aws:ssm:<region>:<account>:parameter/mujib/dev/pii-secret`. */
export function parameterArn(stack: Stack, name: string): string {
  return Arn.format(
    {
      service: 'ssm',
      resource: 'parameter',
      resourceName: name.replace(/^\//, ''),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    },
    stack,
  );
}

export function grantParameterRead(
  stack: Stack,
  grantee: IGrantable,
  names: string[],
  kmsKeyArn?: string,
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: names.map((n) => parameterArn(stack, n)),
    }),
  );
  if (kmsKeyArn) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [kmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` } },
      }),
    );
  }
}
