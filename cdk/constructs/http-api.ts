/**
 * The public HTTP API, with the local server's routes (same paths): web chat, staff desk (every
 * /api/staff/* route behind the Cognito JWT authorizer), the Twilio webhook and /healthz.
 * CORS only for the configured origins, stage-wide throttling, JSON access logs. API Gateway
 * caps request payloads at 10 MB and integrations at 30 s; the handlers cap bodies far lower.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface MujibHttpApiProps {
  chat: IFunction;
  staff: IFunction;
  smsTwilio: IFunction;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
  corsOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  prod: boolean;
}

/** Public routes: customers and Twilio have no Cognito identity (Twilio requests are signed). */
const PUBLIC_ROUTES: [HttpMethod, string, 'chat' | 'smsTwilio'][] = [
  [HttpMethod.POST, '/api/chat', 'chat'],
  [HttpMethod.POST, '/api/chat/feedback', 'chat'],
  [HttpMethod.GET, '/api/chat/{sessionId}/updates', 'chat'],
  [HttpMethod.POST, '/api/chat/contact', 'chat'],
  [HttpMethod.GET, '/healthz', 'chat'],
  [HttpMethod.POST, '/sms/twilio', 'smsTwilio'],
];

export class MujibHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

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
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
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
    for (const [method, path, target] of PUBLIC_ROUTES) {
      for (const route of this.api.addRoutes({
        path,
        methods: [method],
        integration: integrations[target],
      })) {
        acknowledgePublic(route);
      }
    }

    const authorizer = new HttpUserPoolAuthorizer('StaffJwt', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    this.api.addRoutes({
      path: '/api/staff/{proxy+}',
      methods: [
        HttpMethod.GET,
        HttpMethod.POST,
        HttpMethod.PATCH,
        HttpMethod.PUT,
        HttpMethod.DELETE,
      ],
      integration: new HttpLambdaIntegration('Staff', props.staff),
      authorizer,
    });
  }

  /** Base URL of the API (no trailing slash). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}

function acknowledgePublic(route: HttpRoute): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Customer-facing route: web chat visitors are anonymous and Twilio authenticates with a request signature the function verifies.',
  });
}
