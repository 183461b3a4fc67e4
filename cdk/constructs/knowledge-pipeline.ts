/**
 * Knowledge publishing: the Markdown articles live in a hardened, versioned S3 bucket under
 * `knowledge/` (the repo's `knowledge/` is deployed there; the content team may upload too).
 * Creating or removing a `.md` there triggers the indexer (one at a time, DLQ on failure), which
 * rebuilds the index and writes `index/knowledge-index.json` to a separate artifact bucket only
 * when lint has no errors. The artifact bucket is outside the trigger, so the write cannot
 * retrigger the indexer. Answer functions are granted read on that one key.
 */
import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { S3EventSourceV2 } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/app/env-names.ts';
import { MujibFunction } from './mujib-function.ts';

export const KNOWLEDGE_PREFIX = 'knowledge/';
export const ARTIFACT_KEY = 'index/knowledge-index.json';

export interface KnowledgePipelineProps {
  prod: boolean;
  /** Local folder deployed under `knowledge/` (the repo's help centre). */
  knowledgeDir: string;
  indexerEntry: string;
  /** Environment shared by every function (mode, log level …). */
  environment: Record<string, string>;
  logRetention: RetentionDays;
  tracing: boolean;
}

export class KnowledgePipeline extends Construct {
  readonly accessLogs: Bucket;
  readonly knowledgeBucket: Bucket;
  readonly artifactBucket: Bucket;
  readonly indexer: MujibFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: KnowledgePipelineProps) {
    super(scope, id);
    const removal = props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const hardened = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: removal,
      autoDeleteObjects: !props.prod,
    };

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...hardened,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket; logging it to itself would loop.',
    });

    this.knowledgeBucket = new Bucket(this, 'Articles', {
      ...hardened,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'articles/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    this.artifactBucket = new Bucket(this, 'Artifacts', {
      ...hardened,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    this.deadLetterQueue = new Queue(this, 'IndexerDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the indexer.',
    });

    this.indexer = new MujibFunction(this, 'Indexer', {
      entry: props.indexerEntry,
      description: 'Rebuilds the knowledge index when articles change in S3',
      environment: {
        ...props.environment,
        [ENV.knowledgeBucket]: this.knowledgeBucket.bucketName,
        [ENV.knowledgePrefix]: KNOWLEDGE_PREFIX,
        [ENV.indexBucket]: this.artifactBucket.bucketName,
        [ENV.indexKey]: ARTIFACT_KEY,
      },
      memorySize: 1024,
      timeout: Duration.minutes(2),
      logRetention: props.logRetention,
      logRemovalPolicy: removal,
      tracing: props.tracing,
      // One build at a time: events arriving meanwhile wait (S3 retries throttled async events).
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
    });
    const indexerFn = this.indexer.fn;
    // List and read the articles; read (HeadObject) and write the one artifact key.
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.knowledgeBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${KNOWLEDGE_PREFIX}*`] } },
      }),
    );
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.knowledgeBucket.arnForObjects(`${KNOWLEDGE_PREFIX}*`)],
      }),
    );
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [this.artifactBucket.arnForObjects(ARTIFACT_KEY)],
      }),
    );
    Validations.of(this.indexer.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.knowledgeBucket.node.defaultChild as CfnElement)}.Arn>/${KNOWLEDGE_PREFIX}*]`,
      reason: 'The indexer reads every article under the knowledge/ prefix (and only there).',
    });
    indexerFn.addEventSource(
      new S3EventSourceV2(this.knowledgeBucket, {
        events: [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED],
        filters: [{ prefix: KNOWLEDGE_PREFIX, suffix: '.md' }],
      }),
    );

    // The repo's articles; prune off so articles the content team uploaded directly survive.
    const deployment = new BucketDeployment(this, 'DeployArticles', {
      sources: [Source.asset(props.knowledgeDir, { exclude: ['README.md', '**/README.md'] })],
      destinationBucket: this.knowledgeBucket,
      destinationKeyPrefix: KNOWLEDGE_PREFIX,
      prune: false,
      memoryLimit: 256,
      logGroup: new LogGroup(this, 'DeployArticlesLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    // Articles reach the bucket after the indexer and its trigger exist, so the first deploy indexes them.
    deployment.node.addDependency(this.indexer);
    const notifications = this.knowledgeBucket.node.tryFindChild('Notifications');
    if (notifications) deployment.node.addDependency(notifications);
  }

  /** Lets an answer function read the published artifact (that one key) and tells it where it is. */
  grantArtifactRead(fn: LambdaFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.artifactBucket.arnForObjects(ARTIFACT_KEY)],
      }),
    );
    fn.addEnvironment(ENV.indexBucket, this.artifactBucket.bucketName);
    fn.addEnvironment(ENV.indexKey, ARTIFACT_KEY);
  }
}
