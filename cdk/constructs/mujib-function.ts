/**
 * One Mujib Lambda: NodejsFunction bundled locally with esbuild (no Docker) as minified ESM for
 * nodejs22.x on arm64 — the AWS SDK v3 bundled in (tree-shaken; see SDK_BUNDLING), lunr-languages
 * copied beside the bundle from the project's own node_modules (lunr.ar breaks when esbuild wraps
 * it in strict mode; no `npm install` in the bundle dir, so synth needs no registry), JSON logs
 * in a log group with retention, and optionally the knowledge index artifact built into the
 * bundle as the fallback an answer function starts from. Each entry (functions/handlers/*)
 * imports only its own composition, so each bundle holds only the code its routes run.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
  type IDestination,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/app/env-names.ts';

/** Where the bundled index lands inside the function package (`/var/task`). */
export const BUNDLED_INDEX_FILE = 'knowledge-index.json';
export const BUNDLED_INDEX_PATH = `/var/task/${BUNDLED_INDEX_FILE}`;

/**
 * ESM bundles have no `require`; lunr-setup and some dependencies need one. The alias avoids a
 * clash with a `createRequire` import inside the bundle.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __mujibCreateRequire } from 'node:module'; const require = __mujibCreateRequire(import.meta.url);";

/**
 * Where the AWS SDK v3 comes from: `bundled` into each function (tree-shaken, one file, the
 * version the tests ran) or `runtime` (the copy in the Lambda runtime, not in the bundle).
 * Chosen from bench/cold-start.ts (bench/results/cold-start.json): see SDK_BUNDLING.
 */
export type SdkBundling = 'bundled' | 'runtime';

/** Modules left out of the bundle and copied beside it (lunr.ar breaks in strict mode). */
export const LAMBDA_NODE_MODULES = ['lunr-languages'] as const;

/**
 * The files of each module in LAMBDA_NODE_MODULES that the functions load at run time
 * (functions/core/retrieval/lunr-setup.ts requires these three plugins), copied from the
 * project's installed node_modules after bundling: 1.6 MB of lunr-languages → ~40 KB, and no
 * package manager runs, so `cdk synth` works with no registry reachable.
 */
export const LAMBDA_MODULE_FILES: Readonly<
  Record<(typeof LAMBDA_NODE_MODULES)[number], readonly string[]>
> = {
  'lunr-languages': ['package.json', 'lunr.stemmer.support.js', 'lunr.ar.js', 'lunr.multi.js'],
};

/** esbuild externals for an SDK bundling mode. */
export function sdkExternalModules(sdk: SdkBundling): string[] {
  return sdk === 'runtime' ? ['@aws-sdk/*'] : [];
}

/**
 * The AWS SDK is bundled into each function: measured by bench/cold-start.ts (fresh process,
 * INIT + first invocation, medians, bench/results/cold-start.json), the SDK from the runtime
 * costs about twice the CPU of a bundled, tree-shaken one for every function (module resolution
 * and evaluation of the whole client packages vs only the commands used, in one file).
 */
export const SDK_BUNDLING: SdkBundling = 'bundled';

/**
 * Source maps are emitted (index.mjs.map in the asset, to read a minified stack trace with) but
 * not loaded at run time: with NODE_OPTIONS=--enable-source-maps Node parses the map during
 * INIT, which bench/cold-start.ts measured at ~15% of the chat function's INIT + first answer
 * CPU. Unexpected errors are still logged with their message, request id and (minified) stack.
 */
export const SOURCE_MAPS_AT_RUNTIME = false;

/** The index is built once per synth (the first bundle builds it, the others copy it). */
const SYNTH_INDEX = join(tmpdir(), `mujib-index-${process.pid}-${Date.now()}.json`);

export interface MujibFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  entry: string;
  description: string;
  environment: Record<string, string>;
  /** Build the knowledge index into the bundle (answer functions). */
  bundleIndex?: boolean;
  memorySize?: number;
  timeout?: Duration;
  logRetention: RetentionDays;
  tracing?: boolean;
  /** Removal policy of the log group (RETAIN in prod). */
  logRemovalPolicy?: RemovalPolicy;
  reservedConcurrentExecutions?: number;
  /** Dead-letter queue for failed asynchronous invocations. */
  deadLetterQueue?: IQueue;
  onFailure?: IDestination;
  retryAttempts?: number;
}

export class MujibFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: MujibFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // Own role: logs go to this function's log group only (no AWSLambdaBasicExecutionRole).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const root = join(import.meta.dirname, '..', '..');
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      environment: {
        [ENV.mode]: 'aws',
        ...(props.bundleIndex ? { [ENV.indexPath]: BUNDLED_INDEX_PATH } : {}),
        ...(SOURCE_MAPS_AT_RUNTIME ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        // Kept out of the bundle (external) and copied in afterBundling — not `nodeModules`,
        // which makes CDK run `npm ci` in the bundle directory (a registry round trip per function).
        externalModules: [...sdkExternalModules(SDK_BUNDLING), ...LAMBDA_NODE_MODULES],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string): string[] => [
            ...copyNodeModulesCommands(inputDir, outputDir),
            ...(props.bundleIndex ? bundleIndexCommands(inputDir, outputDir) : []),
          ],
        },
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the bundles target node22 and are tested on it; move to a newer runtime deliberately, with the tests.',
    });
    if (props.tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions.',
      });
    }
  }
}

/**
 * Shell commands: copy the run-time files of LAMBDA_NODE_MODULES from the project's installed
 * node_modules (`inputDir` is the project root) into the bundle's node_modules. A missing file
 * fails the synth (cp exits non-zero): run `npm ci` first.
 */
export function copyNodeModulesCommands(inputDir: string, outputDir: string): string[] {
  return Object.entries(LAMBDA_MODULE_FILES).flatMap(([name, files]) => {
    const from = join(inputDir, 'node_modules', name);
    const to = join(outputDir, 'node_modules', name);
    return [`mkdir -p "${to}"`, `cp ${files.map((f) => `"${join(from, f)}"`).join(' ')} "${to}/"`];
  });
}

/** Shell commands: build the index with `kb build` (once per synth), copy it into the bundle. */
export function bundleIndexCommands(inputDir: string, outputDir: string): string[] {
  const tsx = join(inputDir, 'node_modules', '.bin', 'tsx');
  const kb = join(inputDir, 'functions', 'cli', 'kb.ts');
  const knowledge = join(inputDir, 'knowledge');
  return [
    `[ -f "${SYNTH_INDEX}" ] || "${tsx}" "${kb}" build "${knowledge}" --out "${SYNTH_INDEX}" >&2`,
    `cp "${SYNTH_INDEX}" "${join(outputDir, BUNDLED_INDEX_FILE)}"`,
  ];
}
