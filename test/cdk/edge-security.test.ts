/**
 * Edge and API hardening, synthesised in a concrete account and region with a custom domain and
 * an SMS origination identity: per-route API throttles, the WAF web ACL (us-east-1 edge stack)
 * with per-client rate rules wired into CloudFront, the origin guard on the chat routes, the
 * response headers policies (same CSP as the local server), TLS 1.2 with the custom certificate,
 * a Cognito client without OAuth, and IAM trimmed to the calls each function makes.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_CONTENT_SECURITY_POLICY,
  PAGE_CONTENT_SECURITY_POLICY,
} from '../../functions/app/security-headers.ts';
import { ARTICLE_PAGE_CONTENT_SECURITY_POLICY } from '../../functions/adapters/http/article-page.ts';
import { createCdkApp } from '../../cdk/app.ts';
import type { MujibEdgeStack } from '../../cdk/edge-stack.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  statementsOn,
  type SynthResult,
} from './synth-stack.ts';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
let r: SynthResult;
let edge: MujibEdgeStack;
let edgeTemplate: Template;
let edgeViolations: string[];

beforeAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
  process.env.CDK_DEFAULT_REGION = 'eu-west-1';
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      stage: 'staging',
      smsOrigination: '+15550100',
      siteDomainName: 'help.shop.example',
      siteCertificateArn: CERT,
      chatRateLimit: '40',
    },
  });
  const built = createCdkApp(app);
  edge = built.edge!;
  const template = Template.fromStack(built.stack);
  edgeTemplate = Template.fromStack(edge);
  const nag = (s: typeof built.stack | MujibEdgeStack) =>
    new AwsSolutionsChecks().validateScope(s).violations.map((v) => v.ruleName);
  r = {
    stack: built.stack,
    template,
    nagViolations: nag(built.stack).map((ruleName) => ({ ruleName, paths: [] })),
  };
  edgeViolations = nag(edge);
}, 90_000);
afterAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = saved.account;
  process.env.CDK_DEFAULT_REGION = saved.region;
});

describe('API throttling per route', () => {
  it('chat, staff and Twilio routes each have their own throttle bucket', () => {
    const stage = Object.values(r.template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const chat = { ThrottlingRateLimit: 40, ThrottlingBurstLimit: 100 };
    const staff = { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };
    expect(settings).toEqual({
      'POST /api/chat': chat,
      'POST /api/chat/feedback': chat,
      'GET /api/chat/{sessionId}/updates': chat,
      'POST /api/chat/contact': chat,
      'POST /api/chat/tickets/{ref}/csat': chat,
      'GET /healthz': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      'POST /sms/twilio': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      'POST /whatsapp/twilio': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      ...Object.fromEntries(
        ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].map((m) => [`${m} /api/staff/{proxy+}`, staff]),
      ),
    });
    // The stage names the routes, so CloudFormation must create them first.
    const routeIds = Object.keys(r.template.findResources('AWS::ApiGatewayV2::Route'));
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });
});

describe('WAF at CloudFront', () => {
  it('the edge stack is in us-east-1 with a CLOUDFRONT web ACL', () => {
    expect(edge.region).toBe('us-east-1');
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
  });

  it('rate-limits each client IP on the chat API and on everything, answering 429', () => {
    const acl = Object.values(edgeTemplate.findResources('AWS::WAFv2::WebACL'))[0]!;
    const rules = acl.Properties.Rules as {
      Name: string;
      Action?: { Block?: { CustomResponse?: { ResponseCode: number } } };
      Statement: Record<string, any>;
    }[];
    const chat = rules.find((x) => x.Name === 'ChatPerClient')!;
    expect(chat.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: 300,
      EvaluationWindowSec: 300,
      ScopeDownStatement: {
        ByteMatchStatement: { PositionalConstraint: 'STARTS_WITH', SearchString: '/api/chat' },
      },
    });
    expect(chat.Action?.Block?.CustomResponse?.ResponseCode).toBe(429);
    const all = rules.find((x) => x.Name === 'AllPerClient')!;
    expect(all.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 2000 });
    expect(all.Statement.RateBasedStatement.ScopeDownStatement).toBeUndefined();
    const body = rules.find((x) => x.Name === 'ApiBodyTooLarge')!;
    expect(JSON.stringify(body.Statement)).toContain('"OversizeHandling":"MATCH"');
    expect(rules.map((x) => x.Name)).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]),
    );
  });

  it('the distribution uses the web ACL (a cross-region reference to the edge stack)', () => {
    const dist = Object.values(r.template.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(JSON.stringify(dist.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader/);
  });

  it('CloudFront adds the secret origin header to API requests; the chat routes require it', () => {
    const dist = Object.values(r.template.findResources('AWS::CloudFront::Distribution'))[0]!;
    const origins = dist.Properties.DistributionConfig.Origins as {
      OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    }[];
    const api = origins.find((o) => o.OriginCustomHeaders)!;
    expect(api.OriginCustomHeaders![0]!.HeaderName).toBe('x-mujib-origin-verify');
    expect(JSON.stringify(api.OriginCustomHeaders![0]!.HeaderValue)).toContain(
      '{{resolve:secretsmanager:',
    );
    r.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.x-mujib-origin-verify'],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 3600,
    });
    // The authorizer reads the secret through Parameter Store and can do nothing else.
    const actions = actionsOf(roleStatements(r, 'OriginVerify')).filter(
      (a) => !a.startsWith('logs:'),
    );
    expect(actions.sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'ssm:GetParameter',
    ]);
  });

  it('the widget tag output points at CloudFront, not execute-api', () => {
    const out = r.template.toJSON().Outputs.ChatWidgetScript.Value;
    expect(out).toBe('<script src="https://help.shop.example/widget.js" defer></script>');
  });
});

describe('response headers and TLS', () => {
  const policies = () =>
    Object.values(r.template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (p) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig,
    );

  it('pages get the local server CSP, article pages theirs, the API the deny-all one; DENY, nosniff, no-referrer, HSTS', () => {
    const all = policies();
    expect(all.map((p) => p.ContentSecurityPolicy.ContentSecurityPolicy).sort()).toEqual(
      [
        PAGE_CONTENT_SECURITY_POLICY,
        ARTICLE_PAGE_CONTENT_SECURITY_POLICY,
        API_CONTENT_SECURITY_POLICY,
      ].sort(),
    );
    for (const p of all) {
      expect(p).toMatchObject({
        ContentSecurityPolicy: { Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true },
      });
    }
    const dist = Object.values(r.template.findResources('AWS::CloudFront::Distribution'))[0]!;
    const config = dist.Properties.DistributionConfig;
    const ids = [config.DefaultCacheBehavior, ...config.CacheBehaviors].map(
      (b: { ResponseHeadersPolicyId: unknown }) => JSON.stringify(b.ResponseHeadersPolicyId),
    );
    expect(new Set(ids).size).toBe(3);
  });

  it('with a custom domain and certificate, viewers need TLS 1.2 or later', () => {
    r.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['help.shop.example'],
        ViewerCertificate: {
          AcmCertificateArn: CERT,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });
});

describe('Cognito', () => {
  it('the staff desk client has no OAuth flows, scopes or callback URLs', () => {
    const client = Object.values(r.template.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    for (const key of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs']) {
      expect(client.Properties).not.toHaveProperty(key);
    }
  });
});

describe('IAM: only the calls each function makes', () => {
  const tableId = (name: string) => logicalIdOf(r, `Data/${name}/Resource`);
  const on = (fn: string, table: string) =>
    actionsOf(statementsOn(roleStatements(r, fn), tableId(table)))
      .map((a) => a.replace('dynamodb:', ''))
      .sort();

  it('no function gets batch reads, transactions or DescribeTable; only staff batch-deletes and scans (erasure)', () => {
    const fns = ['ChatApi', 'StaffApi', 'SmsTwilio', 'SmsEum', 'Alexa', 'OriginVerify'];
    for (const fn of [...fns, 'TurnQueue/Flush']) {
      const actions = actionsOf(roleStatements(r, fn));
      if (fn !== 'StaffApi') {
        expect(actions).not.toContain('dynamodb:BatchWriteItem');
        expect(actions).not.toContain('dynamodb:Scan');
      }
      for (const never of [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
      ]) {
        expect(actions).not.toContain(never);
      }
    }
  });

  it('answering functions (chat, Alexa) record turns and open tickets, count no stats (the stream does); no deletes', () => {
    for (const fn of ['ChatApi', 'Alexa']) {
      expect(on(fn, 'Turns')).toEqual(['GetItem', 'PutItem', 'Query', 'UpdateItem']);
      expect(on(fn, 'Tickets')).toEqual(['GetItem', 'PutItem', 'Query']);
      // Only reads who is on shift at a hand-off (staff presence).
      expect(on(fn, 'Stats')).toEqual(['Query']);
      expect(on(fn, 'Gaps')).toEqual([]);
    }
  });

  it('SMS functions also keep opt-outs in stats (STOP puts, START deletes)', () => {
    for (const fn of ['SmsTwilio', 'SmsEum']) {
      expect(on(fn, 'Turns')).toEqual(['GetItem', 'PutItem', 'Query', 'UpdateItem']);
      expect(on(fn, 'Stats')).toEqual(['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']);
    }
  });

  it('the staff function may update and delete turns, tickets and gaps (erase my data), never put turns', () => {
    expect(on('StaffApi', 'Turns')).toEqual([
      'BatchWriteItem',
      'DeleteItem',
      'GetItem',
      'Query',
      'Scan',
      'UpdateItem',
    ]);
    expect(on('StaffApi', 'Tickets')).toEqual([
      'DeleteItem',
      'GetItem',
      'PutItem',
      'Query',
      'Scan',
      'UpdateItem',
    ]);
    expect(on('StaffApi', 'Gaps')).toEqual([
      'BatchWriteItem',
      'DeleteItem',
      'PutItem',
      'Query',
      'UpdateItem',
    ]);
    expect(on('StaffApi', 'Stats')).toEqual([
      'DeleteItem',
      'GetItem',
      'PutItem',
      'Query',
      'UpdateItem',
    ]);
  });

  it('index ARNs are granted only with Query', () => {
    for (const fn of ['ChatApi', 'StaffApi', 'SmsEum']) {
      for (const s of roleStatements(r, fn)) {
        const dynamo = actionsOf([s]).some((a) => a.startsWith('dynamodb:'));
        if (dynamo && JSON.stringify(s.Resource).includes('/index/')) {
          expect(actionsOf([s])).toContain('dynamodb:Query');
        }
      }
    }
  });

  it('with an origination identity, only the End User Messaging and staff functions send SMS', () => {
    const sends = (p: string) =>
      actionsOf(roleStatements(r, p)).includes('sms-voice:SendTextMessage');
    expect(sends('SmsEum')).toBe(true);
    expect(sends('StaffApi')).toBe(true);
    for (const p of ['ChatApi', 'SmsTwilio', 'Alexa', 'OriginVerify']) expect(sends(p)).toBe(false);
  });
});

describe('checks', () => {
  it('cdk-nag finds nothing unacknowledged in the main or the edge stack', () => {
    expect(r.nagViolations).toEqual([]);
    expect(edgeViolations).toEqual([]);
  });
});
