/**
 * The dev stack as synthesised (bundling off): what each resource is, what each function may do,
 * and that cdk-nag's AWS Solutions checks find nothing unacknowledged.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  statementsOn,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';

const SKILL_ID = 'amzn1.ask.skill.12345678-1234-1234-1234-123456789012';
let r: SynthResult;

beforeAll(() => {
  r = synthStack({
    stage: 'dev',
    corsOrigins: 'https://shop.example,https://help.shop.example',
    alexaSkillId: SKILL_ID,
  });
}, 120_000);

const envOf = (prefix: string): Record<string, unknown> => {
  const id = logicalIdOf(r, `${prefix}/Function/Resource`);
  return r.template.toJSON().Resources[id].Properties.Environment.Variables;
};

describe('functions', () => {
  it('every entry point is its own nodejs22.x arm64 function with JSON logs', () => {
    const fns = r.template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^(Mujib|Rebuilds)') },
    });
    // 8 entry points (flush-turns and aggregate-stats included) + the origin-verify authorizer
    expect(Object.keys(fns)).toHaveLength(9);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(fn.Properties.Environment.Variables.MUJIB_MODE).toBe('aws');
    }
  });

  it('the staff function can build a draft index within the API timeout and knows where the studio stores live', () => {
    const id = logicalIdOf(r, 'StaffApi/Function/Resource');
    const props = r.template.toJSON().Resources[id].Properties;
    expect(props.MemorySize).toBeGreaterThanOrEqual(1024);
    expect(props.MemorySize).toBeLessThanOrEqual(1769);
    // Under the HTTP API's 30 s integration limit.
    expect(props.Timeout).toBe(29);
    const env = envOf('StaffApi');
    expect(env).toMatchObject({
      MUJIB_KNOWLEDGE_PREFIX: 'knowledge/',
      MUJIB_STUDIO_PREFIX: 'studio/',
      MUJIB_INDEX_KEY: 'index/knowledge-index.json',
      // The fallback while the artifact bucket has no index yet ("try it" compares with it).
      MUJIB_INDEX_PATH: '/var/task/knowledge-index.json',
      MUJIB_STAFF_GROUP: 'staff',
      MUJIB_WRITER_GROUP: 'writers',
    });
    expect(JSON.stringify(env.MUJIB_KNOWLEDGE_BUCKET)).toContain(
      logicalIdOf(r, 'Knowledge/Articles/Resource'),
    );
    expect(JSON.stringify(env.MUJIB_INDEX_BUCKET)).toContain(
      logicalIdOf(r, 'Knowledge/Artifacts/Resource'),
    );
  });

  it('answer functions know the bundled index and the published artifact key', () => {
    for (const prefix of ['ChatApi', 'SmsTwilio', 'SmsEum', 'Alexa']) {
      expect(envOf(prefix)).toMatchObject({
        MUJIB_INDEX_PATH: '/var/task/knowledge-index.json',
        MUJIB_INDEX_KEY: 'index/knowledge-index.json',
        MUJIB_INDEX_BUCKET: { Ref: logicalIdOf(r, 'Knowledge/Artifacts/Resource') },
      });
    }
  });

  it('log groups keep logs for a month', () => {
    r.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('no secret travels in an environment variable: only SSM parameter names', () => {
    for (const prefix of [
      'ChatApi',
      'StaffApi',
      'SmsTwilio',
      'SmsEum',
      'Alexa',
      'Knowledge/Indexer',
    ]) {
      const env = envOf(prefix);
      expect(env).not.toHaveProperty('MUJIB_TWILIO_AUTH_TOKEN');
      expect(env).not.toHaveProperty('MUJIB_PII_SECRET');
      expect(env).not.toHaveProperty('MUJIB_STAFF_TOKEN');
    }
    expect(envOf('SmsTwilio')).toMatchObject({
      MUJIB_TWILIO_AUTH_TOKEN_PARAM: '/mujib/dev/twilio-auth-token',
      MUJIB_PII_SECRET_PARAM: '/mujib/dev/pii-secret',
    });
  });
});

describe('tables', () => {
  it('turns: sessionId/messageId, LSI byTime, TTL on expiresAt, on-demand, PITR, destroyed in dev', () => {
    const id = logicalIdOf(r, 'Data/Turns/Resource');
    const turns = r.template.toJSON().Resources[id];
    expect(turns.DeletionPolicy).toBe('Delete');
    expect(turns.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'sessionId', KeyType: 'HASH' },
        { AttributeName: 'messageId', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      LocalSecondaryIndexes: [
        expect.objectContaining({
          IndexName: 'byTime',
          KeySchema: [
            { AttributeName: 'sessionId', KeyType: 'HASH' },
            { AttributeName: 'at', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('tickets: ref key with byStatus, byQueue and byCustomer indexes', () => {
    const id = logicalIdOf(r, 'Data/Tickets/Resource');
    const props = r.template.toJSON().Resources[id].Properties;
    expect(props.KeySchema).toEqual([{ AttributeName: 'ref', KeyType: 'HASH' }]);
    expect(props.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual([
      'byStatus',
      'byQueue',
      'byCustomer',
    ]);
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('gaps by lang/id and stats by pk/sk', () => {
    const keys = (path: string) =>
      r.template.toJSON().Resources[logicalIdOf(r, path)].Properties.KeySchema;
    expect(keys('Data/Gaps/Resource')).toEqual([
      { AttributeName: 'lang', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ]);
    expect(keys('Data/Stats/Resource')).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });
});

describe('least privilege', () => {
  const tableId = (name: string) => logicalIdOf(r, `Data/${name}/Resource`);
  const writes = (prefix: string, table: string) =>
    actionsOf(statementsOn(roleStatements(r, prefix), tableId(table))).filter((a) =>
      /Put|Update|Delete|BatchWrite/.test(a),
    );
  const touches = (prefix: string, table: string) =>
    statementsOn(roleStatements(r, prefix), tableId(table)).length > 0;

  it('the indexer has no DynamoDB access at all', () => {
    expect(
      actionsOf(roleStatements(r, 'Knowledge/Indexer')).some((a) => a.startsWith('dynamodb:')),
    ).toBe(false);
  });

  it('the chat API writes turns and tickets, no analytics (the stream does), and cannot touch gaps', () => {
    expect(writes('ChatApi', 'Turns')).toContain('dynamodb:PutItem');
    // The ticket store writes whole, versioned items (conditional PutItem), never UpdateItem.
    expect(writes('ChatApi', 'Tickets')).toEqual(['dynamodb:PutItem']);
    // Stats: it only reads who is on shift at a hand-off (staff presence), never writes.
    expect(writes('ChatApi', 'Stats')).toEqual([]);
    expect(touches('ChatApi', 'Gaps')).toBe(false);
  });

  it('the staff API reads turns, writes tickets, gaps and the ticket counters in stats', () => {
    expect(touches('StaffApi', 'Turns')).toBe(true);
    // It never records turns; it may update and delete them ("erase my data").
    expect(writes('StaffApi', 'Turns')).not.toContain('dynamodb:PutItem');
    expect(writes('StaffApi', 'Stats')).toContain('dynamodb:UpdateItem');
    expect(writes('StaffApi', 'Tickets')).toContain('dynamodb:PutItem');
    expect(writes('StaffApi', 'Gaps')).toContain('dynamodb:PutItem');
  });

  it('table grants name each index exactly (no index/* wildcard); only the staff function may Scan, and only turns and tickets', () => {
    const prefixes = ['ChatApi', 'StaffApi', 'SmsTwilio', 'SmsEum', 'Alexa', 'TurnQueue/Flush'];
    const all = prefixes.flatMap((p) => roleStatements(r, p));
    expect(JSON.stringify(all)).not.toContain('/index/*');
    expect(JSON.stringify(all)).toContain('/index/byCustomer');
    // Erasure finds a customer's SMS sessions and tickets by phone or email with a Scan.
    for (const p of prefixes.filter((x) => x !== 'StaffApi')) {
      expect(actionsOf(roleStatements(r, p)), p).not.toContain('dynamodb:Scan');
    }
    const scans = roleStatements(r, 'StaffApi').filter((st) =>
      actionsOf([st]).includes('dynamodb:Scan'),
    );
    const scanned = ['Turns', 'Tickets', 'Gaps', 'Stats'].filter(
      (table) => statementsOn(scans, tableId(table)).length > 0,
    );
    expect(scanned).toEqual(['Turns', 'Tickets']);
    // Scan goes to the table itself, never to an index.
    expect(JSON.stringify(scans.map((st) => st.Resource))).not.toContain('/index/');
  });

  it('the chat function cannot write the knowledge or artifact buckets; it reads the one artifact key', () => {
    const statements = roleStatements(r, 'ChatApi');
    expect(statementsOn(statements, logicalIdOf(r, 'Knowledge/Articles/Resource'))).toEqual([]);
    const artifact = statementsOn(statements, logicalIdOf(r, 'Knowledge/Artifacts/Resource'));
    expect(actionsOf(artifact)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(artifact[0]!.Resource)).toContain('/index/knowledge-index.json');
  });

  it('the indexer reads knowledge/ and writes only the artifact key, the publish report (and last-good/)', () => {
    const statements = roleStatements(r, 'Knowledge/Indexer');
    const knowledge = statementsOn(statements, logicalIdOf(r, 'Knowledge/Articles/Resource'));
    expect(actionsOf(knowledge).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(knowledge)).toContain('knowledge/*');
    const onArtifacts = statementsOn(
      statements,
      logicalIdOf(r, 'Knowledge/Artifacts/Resource'),
    ).filter((s) => !JSON.stringify(s).includes('last-good/'));
    const report = onArtifacts.filter((s) => JSON.stringify(s).includes('/studio/'));
    const artifact = onArtifacts.filter((s) => !report.includes(s));
    expect(actionsOf(artifact).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.stringify(artifact)).toContain('/index/knowledge-index.json');
    expect(JSON.stringify(artifact)).not.toContain('/*"');
    // The content studio's publish report: one key, written, never read or listed.
    expect(actionsOf(report)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(report)).toContain('/studio/report/rejected.json"');
    expect(envOf('Knowledge/Indexer')).toMatchObject({ MUJIB_STUDIO_PREFIX: 'studio/' });
  });

  it('the staff function (content studio) reads and writes knowledge/ and studio/ only, and reads the artifact', () => {
    const statements = roleStatements(r, 'StaffApi');
    const knowledge = statementsOn(statements, logicalIdOf(r, 'Knowledge/Articles/Resource'));
    const artifacts = statementsOn(statements, logicalIdOf(r, 'Knowledge/Artifacts/Resource'));
    const studio = artifacts.filter((s) => JSON.stringify(s).includes('studio/'));
    const index = artifacts.filter((s) => !studio.includes(s));

    for (const [grants, prefix] of [
      [knowledge, 'knowledge/'],
      [studio, 'studio/'],
    ] as const) {
      expect(actionsOf(grants).sort(), prefix).toEqual([
        's3:DeleteObject',
        's3:GetObject',
        's3:ListBucket',
        's3:PutObject',
      ]);
      const list = grants.find((s) => actionsOf([s]).includes('s3:ListBucket'))!;
      expect(list.Condition).toEqual({ StringLike: { 's3:prefix': [`${prefix}*`] } });
      const objects = grants.filter((s) => s !== list);
      expect(JSON.stringify(objects.map((s) => s.Resource))).toContain(`/${prefix}*"`);
    }
    expect(actionsOf(index)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(index[0]!.Resource)).toContain('/index/knowledge-index.json');
    // Nothing else in either bucket: not last-good/, seed/ or the site.
    expect(JSON.stringify(statements)).not.toMatch(/last-good|seed\/|help\//);
  });

  it('SSM read is granted on exactly the named parameters, per function', () => {
    const ssm = (prefix: string) =>
      roleStatements(r, prefix).filter((s) => actionsOf([s]).includes('ssm:GetParameter'));
    const twilio = JSON.stringify(ssm('SmsTwilio'));
    expect(twilio).toContain(':parameter/mujib/dev/twilio-auth-token');
    expect(twilio).toContain(':parameter/mujib/dev/pii-secret');
    expect(ssm('SmsTwilio').flatMap((s) => s.Resource as unknown[])).toHaveLength(2);
    expect(JSON.stringify(ssm('ChatApi'))).not.toContain('twilio');
    // The staff API hashes phone numbers for the SMS opt-out check: the PII secret, nothing else.
    expect(JSON.stringify(ssm('StaffApi'))).toContain(':parameter/mujib/dev/pii-secret');
    expect(JSON.stringify(ssm('StaffApi'))).not.toContain('twilio');
    expect(ssm('Knowledge/Indexer')).toEqual([]);
    // (The indexer's one KMS grant is the publishing topic's key, to publish to that topic.)
    const topicKey = logicalIdOf(r, 'Knowledge/PublishingTopicKey/Resource');
    for (const p of ['ChatApi', 'StaffApi', 'SmsTwilio', 'SmsEum', 'Alexa', 'Knowledge/Indexer']) {
      const statements = roleStatements(r, p).filter(
        (s) => !JSON.stringify(s.Resource).includes(topicKey),
      );
      expect(actionsOf(statements)).not.toContain('ssm:GetParameters');
      expect(actionsOf(statements)).not.toContain('kms:Decrypt');
    }
  });

  it('without an origination identity no function may send SMS (test/cdk/edge-security.test.ts has the configured case)', () => {
    const sends = (p: string) =>
      actionsOf(roleStatements(r, p)).includes('sms-voice:SendTextMessage');
    for (const p of ['SmsEum', 'StaffApi', 'ChatApi', 'Alexa', 'SmsTwilio']) {
      expect(sends(p)).toBe(false);
    }
  });

  it('functions log only to their own log group (no AWS managed policy)', () => {
    for (const p of ['ChatApi', 'Knowledge/Indexer']) {
      const role = r.template.toJSON().Resources[logicalIdOf(r, `${p}/Role/Resource`)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logs = roleStatements(r, p).filter((s) => actionsOf([s]).includes('logs:PutLogEvents'));
      expect(JSON.stringify(logs)).toContain(logicalIdOf(r, `${p}/Logs/Resource`));
    }
  });
});

describe('HTTP API', () => {
  it('has the local server routes; staff routes need a Cognito JWT, chat routes the CloudFront origin guard, Twilio neither', () => {
    const routes = Object.values(r.template.findResources('AWS::ApiGatewayV2::Route')).map(
      (x) => x.Properties,
    );
    const keys = routes.map((p) => p.RouteKey).sort();
    expect(keys).toEqual(
      [
        'POST /api/chat',
        'POST /api/chat/feedback',
        'GET /api/chat/{sessionId}/updates',
        'POST /api/chat/contact',
        'POST /api/chat/tickets/{ref}/csat',
        'GET /healthz',
        'POST /sms/twilio',
        'POST /whatsapp/twilio',
        ...['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].map((m) => `${m} /api/staff/{proxy+}`),
      ].sort(),
    );
    for (const route of routes) {
      if (route.RouteKey.includes('/api/staff/')) {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toBeDefined();
      } else if (/^POST \/(sms|whatsapp)\/twilio$/.test(route.RouteKey)) {
        // Twilio signs its requests; the function verifies the signature.
        expect(route.AuthorizationType ?? 'NONE').toBe('NONE');
      } else {
        expect(route.AuthorizationType).toBe('CUSTOM');
        expect(route.AuthorizerId).toEqual({
          Ref: logicalIdOf(r, 'Http/Api/OriginVerify/Resource'),
        });
      }
    }
    r.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(r, 'StaffAuth/StaffUsers/StaffDesk/Resource') }],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('allows CORS only from the configured origins', () => {
    r.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://shop.example', 'https://help.shop.example'],
        AllowHeaders: ['content-type', 'authorization'],
      },
    });
  });

  it('throttles the stage (per route: test/cdk/edge-security.test.ts) and writes access logs', () => {
    r.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });

  it('staff sign-in: no self sign-up, MFA required, strong passwords, public client without secret', () => {
    r.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
    r.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });
});

describe('channels', () => {
  it('only the configured Alexa skill may invoke the Alexa function', () => {
    r.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: SKILL_ID,
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(r, 'Alexa/Function/Resource'), 'Arn'] },
    });
    expect(envOf('Alexa').MUJIB_ALEXA_SKILL_ID).toBe(SKILL_ID);
  });

  it('inbound End User Messaging SMS: an encrypted, TLS-only topic invokes the sms-eum function', () => {
    r.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(r, 'SmsEum/Function/Resource'), 'Arn'] },
    });
    r.template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Mujib inbound SMS',
      KmsMasterKeyId: Match.anyValue(),
    });
    r.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('the Twilio function knows its public webhook URL (part of the signature)', () => {
    expect(JSON.stringify(envOf('SmsTwilio').MUJIB_TWILIO_WEBHOOK_URL)).toContain('/sms/twilio');
  });

  it('no Lex bot unless asked for', () => {
    r.template.resourceCountIs('AWS::Lex::Bot', 0);
    expect(envOf('ChatApi')).not.toHaveProperty('MUJIB_LEX_BOT_ID');
  });
});

describe('knowledge pipeline', () => {
  it('every bucket blocks public access, is encrypted and refuses plain HTTP', () => {
    const buckets = r.template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThanOrEqual(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    const policies = Object.values(r.template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });

  it('the article and artifact buckets are versioned and log access to the log bucket', () => {
    for (const path of ['Knowledge/Articles/Resource', 'Knowledge/Artifacts/Resource']) {
      const props = r.template.toJSON().Resources[logicalIdOf(r, path)].Properties;
      expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props.LoggingConfiguration.DestinationBucketName).toEqual({
        Ref: logicalIdOf(r, 'Knowledge/AccessLogs/Resource'),
      });
    }
  });

  it('a .md created or removed under knowledge/ is queued for the indexer; the artifact bucket triggers nothing', () => {
    const notifications = Object.values(r.template.findResources('Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    const props = notifications[0]!.Properties;
    expect(props.BucketName).toEqual({ Ref: logicalIdOf(r, 'Knowledge/Articles/Resource') });
    expect(props.NotificationConfiguration.LambdaFunctionConfigurations).toBeUndefined();
    const configs = props.NotificationConfiguration.QueueConfigurations;
    expect(configs.map((c: { Events: string[] }) => c.Events[0]).sort()).toEqual([
      's3:ObjectCreated:*',
      's3:ObjectRemoved:*',
    ]);
    const queue = logicalIdOf(r, 'Knowledge/IndexerQueue/Resource');
    for (const c of configs) {
      expect(c.QueueArn).toEqual({ 'Fn::GetAtt': [queue, 'Arn'] });
      expect(c.Filter.Key.FilterRules).toEqual([
        { Name: 'suffix', Value: '.md' },
        { Name: 'prefix', Value: 'knowledge/' },
      ]);
    }
  });

  it('a burst of changes is one batch: the indexer polls the queue with a 20 s window, one build at a time', () => {
    const resources = r.template.toJSON().Resources;
    const indexer = resources[logicalIdOf(r, 'Knowledge/Indexer/Function/Resource')];
    expect(indexer.Properties.ReservedConcurrentExecutions).toBe(1);
    const queue = logicalIdOf(r, 'Knowledge/IndexerQueue/Resource');
    r.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: logicalIdOf(r, 'Knowledge/Indexer/Function/Resource') },
      MaximumBatchingWindowInSeconds: 20,
      BatchSize: 1000,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    // A failed batch returns to the queue (visible again after 6 × the 2-minute timeout), then
    // goes to the dead-letter queue the stack alarms on.
    expect(resources[queue].Properties).toMatchObject({
      VisibilityTimeout: 720,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [logicalIdOf(r, 'Knowledge/IndexerDlq/Resource'), 'Arn'],
        },
        maxReceiveCount: 5,
      },
    });
  });

  it('the indexer may tell article owners through an encrypted publishing topic, and knows where it is', () => {
    const topic = logicalIdOf(r, 'Knowledge/PublishingNotices/Resource');
    const props = r.template.toJSON().Resources[topic].Properties;
    expect(props.KmsMasterKeyId).toBeDefined();
    const statements = roleStatements(r, 'Knowledge/Indexer');
    expect(actionsOf(statementsOn(statements, topic))).toEqual(['sns:Publish']);
    const env =
      r.template.toJSON().Resources[logicalIdOf(r, 'Knowledge/Indexer/Function/Resource')]
        .Properties.Environment.Variables;
    expect(env.MUJIB_PUBLISH_TOPIC_ARN).toEqual({ Ref: topic });
  });

  it('the indexer keeps last good article versions under last-good/ of the artifact bucket, nowhere else', () => {
    const statements = roleStatements(r, 'Knowledge/Indexer');
    const artifact = statementsOn(statements, logicalIdOf(r, 'Knowledge/Artifacts/Resource'));
    const lastGood = artifact.filter((s) => JSON.stringify(s).includes('last-good/'));
    expect(actionsOf(lastGood).sort()).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
    ]);
  });

  it('a deploy stages the repo articles outside the trigger and seeds only what the bucket lacks', () => {
    // Staged under seed/ of the artifact bucket (mirrors git), never written over knowledge/.
    const artifacts = logicalIdOf(r, 'Knowledge/Artifacts/Resource');
    r.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: artifacts },
      DestinationBucketKeyPrefix: 'seed/knowledge/',
      Prune: true,
    });
    const deployments = Object.values(r.template.findResources('Custom::CDKBucketDeployment'));
    expect(JSON.stringify(deployments)).not.toContain('"DestinationBucketKeyPrefix":"knowledge/"');
    // The seeding custom resource, after the indexer and its queue exist.
    const seeds = r.template.findResources('Custom::SeedKnowledge');
    expect(Object.keys(seeds)).toHaveLength(1);
    const [seed] = Object.values(seeds);
    expect(seed!.Properties).toMatchObject({
      ServiceToken: { 'Fn::GetAtt': [logicalIdOf(r, 'Knowledge/Seeder/Function/Resource'), 'Arn'] },
      SeedBucket: { Ref: artifacts },
      SeedPrefix: 'seed/knowledge/',
      Bucket: { Ref: logicalIdOf(r, 'Knowledge/Articles/Resource') },
      Prefix: 'knowledge/',
    });
    expect(seed!.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/^KnowledgeIndexer/)]),
    );
    // The seeder can create articles but never delete them.
    const actions = actionsOf(roleStatements(r, 'Knowledge/Seeder'));
    expect(actions).toContain('s3:PutObject');
    expect(actions.some((a) => a.startsWith('s3:Delete'))).toBe(false);
  });
});

describe('operations', () => {
  it('alarms on errors and throttles per function, DLQ depth and API 5xx, all notifying the alarm topic', () => {
    const alarms = Object.values(r.template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties,
    );
    // 9 error alarms + 8 throttle alarms (the indexer is throttled by design) + the indexer's,
    // the turn queue's and the analytics stream's DLQ + the stream's iterator age + API 5xx,
    // + what customers feel (test/cdk/operations.test.ts): 5 handled-errors, 4 latency p99,
    // escalation spike, backlog age, index rejected, 4 table throttles, 3 inbound SMS
    expect(alarms).toHaveLength(22 + 19);
    expect(
      alarms.filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda'),
    ).toHaveLength(9);
    expect(alarms.filter((a) => a.MetricName === 'Throttles')).toHaveLength(8);
    expect(
      alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible'),
    ).toHaveLength(5);
    expect(alarms.filter((a) => a.MetricName === 'IteratorAge')).toHaveLength(1);
    expect(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toBe(true);
    expect(alarms.some((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toBe(
      true,
    );
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
  });

  it("charts answers, clarifications and escalations from the functions' EMF metrics, with no log filters", () => {
    r.template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    r.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(
      Object.values(r.template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties
        .DashboardBody,
    );
    for (const metric of ['Answers', 'Clarifications', 'Escalations']) {
      for (const service of ['chat', 'sms-twilio', 'sms-eum', 'alexa']) {
        expect(body).toContain(`\\"Mujib\\",\\"${metric}\\",\\"service\\",\\"${service}\\"`);
      }
    }
  });
});

describe('outputs and checks', () => {
  it('outputs the API, staff desk, Alexa endpoint and SMS webhook', () => {
    const outputs = r.template.toJSON().Outputs;
    for (const name of [
      'ApiUrl',
      'StaffDeskUrl',
      'AlexaSkillEndpointArn',
      'SmsWebhookUrl',
      'WhatsAppWebhookUrl',
      'StaffUserPoolId',
    ]) {
      expect(outputs).toHaveProperty(name);
    }
    expect(JSON.stringify(outputs.StaffDeskUrl.Value)).toContain('/staff.html');
  });

  it('staff and writers are Cognito groups of the staff pool; the writers group name is an output', () => {
    const groups = r.template.findResources('AWS::Cognito::UserPoolGroup');
    const pool = logicalIdOf(r, 'StaffAuth/StaffUsers/Resource');
    const names = Object.values(groups).map((g) => {
      expect(g.Properties.UserPoolId).toEqual({ Ref: pool });
      return g.Properties.GroupName as string;
    });
    expect(names.sort()).toEqual(['staff', 'writers']);
    expect(r.template.toJSON().Outputs.WriterGroupName.Value).toBe('writers');
  });

  it('the staff desk site is private behind CloudFront (origin access control), /help/* is its article pages and /api/* goes to the API', () => {
    r.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', Match.anyValue());
    r.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'staff.html',
        CacheBehaviors: [
          Match.objectLike({ PathPattern: '/help/*', ViewerProtocolPolicy: 'redirect-to-https' }),
          Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }),
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('cdk-nag AWS Solutions checks find nothing unacknowledged', () => {
    expect(r.nagViolations).toEqual([]);
  });
});
