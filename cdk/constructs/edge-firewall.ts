/**
 * The WAF web ACL in front of CloudFront (scope CLOUDFRONT, so it must live in us-east-1: see
 * cdk/edge-stack.ts). API Gateway throttles per route but cannot tell one client from another,
 * so per-client limits are WAF's job:
 *   1. rate limit per client IP on the public chat API (`/api/chat…`),
 *   2. a looser rate limit per client IP on everything (widget script, desk, staff API),
 *   3. bodies over 16 KB on `/api/` blocked at the edge (the handlers cap them far lower),
 *   4. AWS managed rules: known bad inputs and the Amazon IP reputation list (low false-positive
 *      groups; the common rule set is left out because customers' questions legitimately
 *      contain things like "<script>" or long text).
 * Requests over a limit get 429 until the client's rate falls back under it.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeRateLimits {
  /** Requests per client IP per window on `/api/chat…` before WAF answers 429. */
  chatPerClient: number;
  /** Requests per client IP per window on anything. */
  allPerClient: number;
  /** The window WAF counts over, in seconds (60, 120, 300 or 600). */
  windowSeconds: 60 | 120 | 300 | 600;
}

export const DEFAULT_EDGE_RATE_LIMITS: EdgeRateLimits = {
  chatPerClient: 300,
  allPerClient: 2_000,
  windowSeconds: 300,
};

/** Largest request body accepted at the edge on /api/ (WAF inspects the first 16 KB on CloudFront). */
export const EDGE_MAX_BODY_BYTES = 16 * 1024;

export interface EdgeFirewallProps {
  stage: string;
  limits: EdgeRateLimits;
}

export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const metric = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `mujib-${props.stage}-${name}`,
      sampledRequestsEnabled: true,
    });
    const tooMany: CfnWebACL.RuleActionProperty = {
      block: { customResponse: { responseCode: 429 } },
    };
    const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const managed = (priority: number, name: string): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: metric(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `mujib-${props.stage}-edge`,
      description: 'Mujib: per-client rate limits and managed rules in front of CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('web-acl'),
      rules: [
        {
          name: 'ChatPerClient',
          priority: 0,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.limits.chatPerClient,
              evaluationWindowSec: props.limits.windowSeconds,
              scopeDownStatement: pathStartsWith('/api/chat'),
            },
          },
          visibilityConfig: metric('chat-per-client'),
        },
        {
          name: 'AllPerClient',
          priority: 1,
          action: tooMany,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.limits.allPerClient,
              evaluationWindowSec: props.limits.windowSeconds,
            },
          },
          visibilityConfig: metric('all-per-client'),
        },
        {
          name: 'ApiBodyTooLarge',
          priority: 2,
          action: { block: { customResponse: { responseCode: 413 } } },
          statement: {
            andStatement: {
              statements: [
                pathStartsWith('/api/'),
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: EDGE_MAX_BODY_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
          visibilityConfig: metric('api-body-too-large'),
        },
        managed(3, 'AWSManagedRulesAmazonIpReputationList'),
        managed(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }
}
