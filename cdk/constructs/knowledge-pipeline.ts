/**
 * Knowledge publishing: the Markdown articles live in a hardened, versioned S3 bucket under
 * `knowledge/` (the repo's `knowledge/` is deployed there; the content team may upload too).
 * Creating or removing a `.md` there sends an S3 notification to the `IndexerQueue`; the
 * indexer polls it with a batch window (BATCH_WINDOW), so a burst of uploads is one rebuild.
 * The indexer (one at a time) rebuilds the index, leaving out articles with lint errors, and
 * writes `index/knowledge-index.json` (and the last good article versions under `last-good/`)
 * to a separate artifact bucket, outside the trigger, so the write cannot retrigger it. A batch
 * that fails returns to the queue and, after MAX_RECEIVES tries, goes to the dead-letter queue.
 * After each rebuild the indexer writes the publish report (`studio/report/rejected.json`) that
 * the content studio shows. Answer functions are granted read on the artifact key; the staff
 * function (the content studio) reads and writes articles under `knowledge/` and the studio's
 * documents under `studio/` of the artifact bucket (grantStudio).
 */
import {
  CfnElement,
  CustomResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/app/env-names.ts';
import { MujibFunction } from './mujib-function.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { arnToken } from './nag-findings.ts';

export const KNOWLEDGE_PREFIX = 'knowledge/';
export const ARTIFACT_KEY = 'index/knowledge-index.json';
/** Prefix in the artifact bucket where a deploy stages the repo's articles before seeding. */
export const SEED_PREFIX = 'seed/knowledge/';
/** Prefix in the artifact bucket of the last good version of every article. */
export const LAST_GOOD_PREFIX = 'last-good/';
/**
 * Prefix in the artifact bucket of the content studio's documents: drafts, version history, audit
 * and the publish report. Outside `knowledge/` (writing a draft must not trigger a rebuild) and
 * apart from the artifact, last-good/ and seed/ keys.
 */
export const STUDIO_PREFIX = 'studio/';
/** The publish report the indexer writes after every rebuild (`{ at, rejected }`). */
export const PUBLISH_REPORT_KEY = `${STUDIO_PREFIX}report/rejected.json`;
/** How long the indexer's queue gathers changes before one rebuild. */
export const BATCH_WINDOW = Duration.seconds(20);
/** Receives of a change batch before it goes to the dead-letter queue. */
export const MAX_RECEIVES = 5;
const INDEXER_TIMEOUT = Duration.minutes(2);

export interface KnowledgePipelineProps {
  prod: boolean;
  /** Local folder deployed under `knowledge/` (the repo's help centre). */
  knowledgeDir: string;
  indexerEntry: string;
  /** Handler of the seeding custom resource (functions/handlers/seed-knowledge.ts). */
  seedEntry: string;
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
  /** Copies staged repo articles into the knowledge bucket where it holds none (deploy time). */
  readonly seeder: MujibFunction;
  readonly deadLetterQueue: Queue;
  /** Article changes (S3 notifications) waiting for the indexer. */
  readonly changeQueue: Queue;
  /**
   * Messages to the owners of rejected articles (message attribute `owner`): subscribe each
   * writer with a filter policy `{"owner": ["<owner value>"]}`.
   */
  readonly publishingTopic: Topic;

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

    this.deadLetterQueue = deadLetterQueue(
      this,
      'IndexerDlq',
      'article changes the indexer failed on',
    );
    this.changeQueue = new Queue(this, 'IndexerQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for SQS → Lambda: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(INDEXER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
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
        [ENV.studioPrefix]: STUDIO_PREFIX,
      },
      memorySize: 1024,
      timeout: INDEXER_TIMEOUT,
      logRetention: props.logRetention,
      logRemovalPolicy: removal,
      tracing: props.tracing,
      // One build at a time: two builds racing could publish the older one last.
      reservedConcurrentExecutions: 1,
    });
    const indexerFn = this.indexer.fn;
    const topicKey = new Key(this, 'PublishingTopicKey', {
      description: 'Encrypts Mujib messages about rejected articles',
      enableKeyRotation: true,
      removalPolicy: removal,
      pendingWindow: Duration.days(props.prod ? 30 : 7),
    });
    this.publishingTopic = new Topic(this, 'PublishingNotices', {
      displayName: 'Mujib publishing',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.publishingTopic.grantPublish(indexerFn);
    Validations.of(this.indexer.role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Publishing to the encrypted publishing topic needs data keys of its one key (CDK grantPublish).',
    });
    indexerFn.addEnvironment(ENV.publishTopicArn, this.publishingTopic.topicArn);
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
    // The publish report for the content studio: that one key, written after every rebuild.
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.artifactBucket.arnForObjects(PUBLISH_REPORT_KEY)],
      }),
    );
    // The last good version of each article: list, read, write, and delete when it is deleted.
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.artifactBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${LAST_GOOD_PREFIX}*`] } },
      }),
    );
    indexerFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [this.artifactBucket.arnForObjects(`${LAST_GOOD_PREFIX}*`)],
      }),
    );
    Validations.of(this.indexer.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.artifactBucket.node.defaultChild as CfnElement)}.Arn>/${LAST_GOOD_PREFIX}*]`,
      reason:
        'The indexer keeps the last good version of every article under last-good/ (article names are not known at deploy time).',
    });
    Validations.of(this.indexer.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.knowledgeBucket.node.defaultChild as CfnElement)}.Arn>/${KNOWLEDGE_PREFIX}*]`,
      reason: 'The indexer reads every article under the knowledge/ prefix (and only there).',
    });
    const changes = new SqsDestination(this.changeQueue);
    for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED]) {
      this.knowledgeBucket.addEventNotification(event, changes, {
        prefix: KNOWLEDGE_PREFIX,
        suffix: '.md',
      });
    }
    indexerFn.addEventSource(
      new SqsEventSource(this.changeQueue, {
        // A burst of uploads within the window is one invocation, hence one rebuild.
        maxBatchingWindow: BATCH_WINDOW,
        batchSize: 1000,
        // The lowest the poller allows; reserved concurrency keeps builds to one at a time.
        maxConcurrency: 2,
      }),
    );

    // The repo's articles seed the bucket, which is the source of truth for live content: they
    // are staged under seed/ of the artifact bucket (outside the trigger; pruned, so it mirrors
    // git), then a custom resource copies to knowledge/ only the articles the bucket does not
    // hold, each with If-None-Match: * — a deploy never reverts a writer's edit.
    const deployment = new BucketDeployment(this, 'DeployArticles', {
      sources: [
        Source.asset(props.knowledgeDir, {
          exclude: ['README.md', '**/README.md', '.kb-sync.json'],
        }),
      ],
      destinationBucket: this.artifactBucket,
      destinationKeyPrefix: SEED_PREFIX,
      prune: true,
      memoryLimit: 256,
      logGroup: new LogGroup(this, 'DeployArticlesLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.seeder = new MujibFunction(this, 'Seeder', {
      entry: props.seedEntry,
      description: 'Seeds the knowledge bucket with repo articles it does not hold yet',
      environment: props.environment,
      memorySize: 256,
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      logRemovalPolicy: removal,
      tracing: props.tracing,
    });
    const seederFn = this.seeder.fn;
    seederFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.artifactBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${SEED_PREFIX}*`] } },
      }),
    );
    seederFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.artifactBucket.arnForObjects(`${SEED_PREFIX}*`)],
      }),
    );
    // ListBucket so that HEAD of a missing article answers 404 (not 403).
    seederFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.knowledgeBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${KNOWLEDGE_PREFIX}*`] } },
      }),
    );
    seederFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [this.knowledgeBucket.arnForObjects(`${KNOWLEDGE_PREFIX}*`)],
      }),
    );
    Validations.of(this.seeder.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.artifactBucket.node.defaultChild as CfnElement)}.Arn>/${SEED_PREFIX}*]`,
        reason:
          'The seeder reads every staged repo article under seed/knowledge/ (and only there).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.knowledgeBucket.node.defaultChild as CfnElement)}.Arn>/${KNOWLEDGE_PREFIX}*]`,
        reason:
          'The seeder creates articles under knowledge/ that the bucket does not hold (conditional PUT, never an overwrite).',
      },
    );
    const seed = new CustomResource(this, 'SeedArticles', {
      serviceToken: seederFn.functionArn,
      resourceType: 'Custom::SeedKnowledge',
      properties: {
        SeedBucket: this.artifactBucket.bucketName,
        SeedPrefix: SEED_PREFIX,
        Bucket: this.knowledgeBucket.bucketName,
        Prefix: KNOWLEDGE_PREFIX,
        // The staged asset's key changes with the repo's articles: a new revision re-runs the seed.
        Revision: Fn.join(',', deployment.objectKeys),
      },
    });
    // Articles reach the bucket after the indexer and its trigger exist, so the first deploy indexes them.
    seed.node.addDependency(deployment, this.indexer);
    const notifications = this.knowledgeBucket.node.tryFindChild('Notifications');
    if (notifications) seed.node.addDependency(notifications);
  }

  /**
   * The content studio (in the staff function): reads, writes and deletes the live articles
   * under `knowledge/` (a write there is the usual S3 event → queue → indexer rebuild) and the
   * studio's drafts, history, audit and publish report under `studio/` of the artifact bucket;
   * reads the published artifact. ListBucket is limited to those prefixes (it also makes S3
   * answer a missing key with 404, not 403). No other key of either bucket.
   */
  grantStudio(fn: MujibFunction): void {
    const prefixes: [Bucket, string][] = [
      [this.knowledgeBucket, KNOWLEDGE_PREFIX],
      [this.artifactBucket, STUDIO_PREFIX],
    ];
    for (const [bucket, prefix] of prefixes) {
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
        }),
      );
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [bucket.arnForObjects(`${prefix}*`)],
        }),
      );
    }
    Validations.of(fn.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${arnToken(this.knowledgeBucket)}/${KNOWLEDGE_PREFIX}*]`,
        reason:
          'The content studio publishes, rolls back and withdraws articles under knowledge/ (article names are chosen by writers, not known at deploy time).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arnToken(this.artifactBucket)}/${STUDIO_PREFIX}*]`,
        reason:
          'The content studio keeps drafts, version history, audit entries and reads the publish report under studio/ of the artifact bucket (keys named by article and time).',
      },
    );
    this.grantArtifactRead(fn.fn);
    fn.fn.addEnvironment(ENV.knowledgeBucket, this.knowledgeBucket.bucketName);
    fn.fn.addEnvironment(ENV.knowledgePrefix, KNOWLEDGE_PREFIX);
    fn.fn.addEnvironment(ENV.studioPrefix, STUDIO_PREFIX);
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
