/**
 * The edge stack, `Mujib-<stage>-edge`: the WAF web ACL that CloudFront uses. A web ACL for
 * CloudFront must be created in us-east-1 whatever region the rest of Mujib runs in, so it gets a
 * stack of its own there; cdk/app.ts passes its ARN to the main stack (a cross-region reference
 * when the main stack's region is known, or `-c webAclArn=…`).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeFirewall, type EdgeRateLimits } from './constructs/edge-firewall.ts';

/** The only region where CloudFront-scoped WAF resources can be created. */
export const EDGE_REGION = 'us-east-1';

export interface MujibEdgeStackProps extends StackProps {
  stage: string;
  limits: EdgeRateLimits;
}

export class MujibEdgeStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props: MujibEdgeStackProps) {
    super(scope, id, props);
    this.firewall = new EdgeFirewall(this, 'Firewall', {
      stage: props.stage,
      limits: props.limits,
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.firewall.webAcl.attrArn,
      description: 'Pass to the main stack as -c webAclArn=… when its region is not known at synth',
    });
  }
}
