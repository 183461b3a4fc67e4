/**
 * Secrets from SSM Parameter Store (SecureString), read once per cold start. The template and
 * the environment only ever hold parameter names, never values.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

export async function readSecureParameter(
  name: string,
  client = new SSMClient({}),
): Promise<string> {
  const result = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value = result.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} is empty`);
  return value;
}
