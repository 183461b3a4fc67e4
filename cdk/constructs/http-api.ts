/**
 * The public HTTP API, with the local server's routes (same paths): web chat, staff desk (every
 * /api/staff/* route behind the Cognito JWT authorizer), the Twilio webhooks (SMS, WhatsApp) and
 * /healthz.
 * CORS only for the configured origins, JSON access logs. API Gateway caps request payloads at
 * 10 MB and integrations at 30 s; the handlers cap bodies far lower.
 *
 * Throttling is per route class (chat, staff, Twilio, the rest), each with its own bucket, so a
 * flood of anonymous chat requests is refused on the chat routes while the staff desk and the SMS
 * webhook keep their own capacity. API Gateway cannot tell clients apart: per-client limits are
 * the WAF rules at CloudFront, and the public chat routes only accept requests that came through
 * CloudFront (its secret origin header, checked by a cached Lambda authorizer). Staff routes need
 * a Cognito JWT and the Twilio webhook a Twilio signature, so they stay reachable directly.
 *
 * Custom domain (optional, from cdk/environments.ts): a regional API Gateway domain with its ACM
 * certificate (TLS 1.2), mapped to the `$default` stage; `url` is then `https://<domain>` (the
 * Twilio webhook is signed over it). Point a DNS CNAME/alias at `domainTarget`.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CfnStage,
  CorsHttpMethod,
  DomainName,
  SecurityPolicy,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
  HttpUserPoolAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/app/security-headers.ts';
import type { StackConfig } from '../stack-config.ts';

export interface MujibHttpApiProps {
  chat: IFunction;
  staff: IFunction;
  smsTwilio: IFunction;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  corsOrigins: string[];
  throttle: StackConfig['throttle'];
  /**
   * The origin-verify authorizer function: when given, the public chat routes (and /healthz)
   * accept only requests carrying CloudFront's secret origin header.
   */
  originVerify?: IFunction;
  logRetention: RetentionDays;
  prod: boolean;
  /** Custom domain and its regional ACM certificate (same region as the stack). */
  domain?: { domainName: string; certificateArn: string };
}

type ThrottleClass = keyof StackConfig['throttle'];

/** Public routes: customers and Twilio have no Cognito identity (Twilio requests are signed). */
const PUBLIC_ROUTES: [HttpMethod, string, 'chat' | 'smsTwilio', ThrottleClass][] = [
  [HttpMethod.POST, '/api/chat', 'chat', 'chat'],
  [HttpMethod.POST, '/api/chat/feedback', 'chat', 'chat'],
  [HttpMethod.GET, '/api/chat/{sessionId}/updates', 'chat', 'chat'],
  [HttpMethod.POST, '/api/chat/contact', 'chat', 'chat'],
  [HttpMethod.POST, '/api/chat/tickets/{ref}/csat', 'chat', 'chat'],
  [HttpMethod.GET, '/healthz', 'chat', 'default'],
  [HttpMethod.POST, '/sms/twilio', 'smsTwilio', 'sms'],
  // WhatsApp through Twilio: the same function checks the same signature.
  [HttpMethod.POST, '/whatsapp/twilio', 'smsTwilio', 'sms'],
];
const STAFF_METHODS = [
  HttpMethod.GET,
  HttpMethod.POST,
  HttpMethod.PATCH,
  HttpMethod.PUT,
  HttpMethod.DELETE,
];

export class MujibHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly domain?: DomainName;
  private readonly domainName?: string;

  constructor(scope: Construct, id: string, props: MujibHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Mujib: web chat, staff desk and SMS webhook',
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins.length > 0
          ? {
              allowOrigins: props.corsOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.PUT,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['content-type', 'authorization'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    if (props.domain) {
      this.domainName = props.domain.domainName;
      this.domain = new DomainName(this, 'Domain', {
        domainName: props.domain.domainName,
        certificate: Certificate.fromCertificateArn(
          this,
          'Certificate',
          props.domain.certificateArn,
        ),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
    }
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      ...(this.domain ? { domainMapping: { domainName: this.domain } } : {}),
      autoDeploy: true,
      throttle: props.throttle.default,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const integrations = {
      chat: new HttpLambdaIntegration('Chat', props.chat),
      smsTwilio: new HttpLambdaIntegration('SmsTwilio', props.smsTwilio),
    };
    const viaCloudFront = props.originVerify
      ? new HttpLambdaAuthorizer('OriginVerify', props.originVerify, {
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
          resultsCacheTtl: Duration.hours(1),
        })
      : undefined;
    const throttled: [HttpRoute, ThrottleClass][] = [];
    for (const [method, path, target, throttleClass] of PUBLIC_ROUTES) {
      const guarded = target === 'chat' ? viaCloudFront : undefined;
      for (const route of this.api.addRoutes({
        path,
        methods: [method],
        integration: integrations[target],
        authorizer: guarded,
      })) {
        if (!guarded) acknowledgePublic(route);
        throttled.push([route, throttleClass]);
      }
    }

    const authorizer = new HttpUserPoolAuthorizer('StaffJwt', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    for (const route of this.api.addRoutes({
      path: '/api/staff/{proxy+}',
      methods: STAFF_METHODS,
      integration: new HttpLambdaIntegration('Staff', props.staff),
      authorizer,
    })) {
      throttled.push([route, 'staff']);
    }

    // Route-level throttles (the L2 stage only sets the default route's). The stage must be
    // created after the routes it names.
    // RouteSettings is a free-form map in CloudFormation's schema: CDK passes it through as is,
    // so the keys must already be CloudFormation's (PascalCase).
    const routeSettings: Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    > = {};
    for (const [route, throttleClass] of throttled) {
      const { rateLimit, burstLimit } = props.throttle[throttleClass];
      routeSettings[routeKeyOf(route)] = {
        ThrottlingRateLimit: rateLimit,
        ThrottlingBurstLimit: burstLimit,
      };
      this.stage.node.addDependency(route);
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
  }

  /** Base URL of the API (no trailing slash): the custom domain when there is one. */
  get url(): string {
    return this.domainName ? `https://${this.domainName}` : this.api.apiEndpoint;
  }

  /** Where the custom domain's DNS record points (the regional API Gateway domain). */
  get domainTarget(): string | undefined {
    return this.domain?.regionalDomainName;
  }
}

/** `POST /api/chat` — the key API Gateway names the route by. */
function routeKeyOf(route: HttpRoute): string {
  const key = (route.node.defaultChild as { routeKey?: unknown }).routeKey;
  if (typeof key !== 'string') throw new Error(`route ${route.node.path} has no literal route key`);
  return key;
}

function acknowledgePublic(route: HttpRoute): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Customer-facing route: Twilio authenticates with a request signature the function verifies (and, without the CloudFront origin guard, web chat visitors are anonymous).',
  });
}
