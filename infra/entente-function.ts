/**
 * Lambda defaults in one place, and bind helpers that set a function's environment variable
 * AND grant the matching access in one call, so a name is never configured without its
 * permission (or a permission granted that no variable points at).
 *
 * The esbuild settings are exported ({@link BUNDLE_SETTINGS}, {@link esbuildOptions}) so
 * `bench/cold-start.ts` builds the bundles exactly as the stack does.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { TABLE_DEFINITION } from './table.js';

/**
 * How every handler is bundled. Plain data, read by both the CDK bundling options and the
 * cold-start benchmark.
 *
 * - `external: []`: the AWS SDK is bundled, not taken from the runtime. Each function then
 *   carries only the clients (and the commands) it imports, tree-shaken and minified, and
 *   runs the SDK version the tests ran, not whatever the runtime ships that month.
 * - `banner`: ESM output has no `require`; a few CommonJS dependencies call it for Node
 *   built-ins, and esbuild's shim would throw "Dynamic require is not supported".
 * - `sourcemap` with empty `nodeOptions`: the `.map` files ship in each asset, but Node is
 *   not started with `--enable-source-maps`, which reads and parses the map at every cold
 *   start (about 30 ms for a 1.6 MB map, measured). To get TypeScript stack traces while
 *   debugging, set the function's NODE_OPTIONS to `--enable-source-maps`.
 */
export const BUNDLE_SETTINGS = {
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  external: [] as string[],
  /**
   * Module substitutions (esbuild `alias`): the SDK's default credential chain is replaced by
   * the environment-only provider Lambda needs (infra/bundle/lambda-credentials.ts), and
   * `xml-js` by its writer alone (infra/bundle/xml-js-writer.ts: `feed` never parses XML).
   */
  alias: {
    '@aws-sdk/credential-provider-node': fileURLToPath(
      new URL('./bundle/lambda-credentials.ts', import.meta.url),
    ),
    'xml-js': fileURLToPath(new URL('./bundle/xml-js-writer.ts', import.meta.url)),
  } as Record<string, string>,
  banner:
    "import{createRequire as __entente_cr}from'node:module';const require=__entente_cr(import.meta.url);",
  nodeOptions: '',
} as const;

/** A folder copied into a function's bundle: `from` relative to the project root, `to` in the bundle. */
export interface BundleFolder {
  from: string;
  to: string;
}

/**
 * Shell commands that copy `folders` into the bundle output after esbuild ran. `inputDir` is
 * the project root (the lock file's folder, `/asset-input` when bundling in Docker); paths are
 * quoted because the checkout may live under a path with spaces.
 */
export function copyFolderCommands(
  folders: readonly BundleFolder[],
  inputDir: string,
  outputDir: string,
): string[] {
  return folders.map((f) => `cp -r "${inputDir}/${f.from}" "${outputDir}/${f.to}"`);
}

/**
 * CDK `NodejsFunction` bundling options derived from {@link BUNDLE_SETTINGS}, plus an
 * `afterBundling` hook when `folders` (non-code files the handler reads at run time) are given.
 */
export function cdkBundlingOptions(folders: readonly BundleFolder[] = []): BundlingOptions {
  return {
    target: BUNDLE_SETTINGS.target,
    format: OutputFormat.ESM,
    minify: BUNDLE_SETTINGS.minify,
    sourceMap: BUNDLE_SETTINGS.sourcemap,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    externalModules: [...BUNDLE_SETTINGS.external],
    banner: BUNDLE_SETTINGS.banner,
    // The CDK has no `alias` option; it passes these as `--alias:from=to` to the esbuild CLI.
    esbuildArgs: { '--alias': Object.entries(BUNDLE_SETTINGS.alias).map(([from, to]) => `${from}=${to}`) },
    ...(folders.length > 0
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) =>
              copyFolderCommands(folders, inputDir, outputDir),
          },
        }
      : {}),
  };
}

/**
 * esbuild build options equivalent to what the CDK passes to the esbuild CLI for
 * {@link cdkBundlingOptions} (`--bundle --platform=node --target --format --minify
 * --sourcemap --main-fields --banner:js --external --alias`).
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLE_SETTINGS.target,
    format: BUNDLE_SETTINGS.format,
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: BUNDLE_SETTINGS.sourcemap,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    external: [...BUNDLE_SETTINGS.external],
    banner: { js: BUNDLE_SETTINGS.banner },
    alias: { ...BUNDLE_SETTINGS.alias },
  };
}

/** NODE_OPTIONS for the functions, only when {@link BUNDLE_SETTINGS} asks for any. */
function nodeOptionsEnv(): Record<string, string> {
  const options: string = BUNDLE_SETTINGS.nodeOptions;
  return options ? { NODE_OPTIONS: options } : {};
}

/** The Lambda handlers, by name: `functions/handlers/<name>.ts`, each exporting `handler`. */
export const HANDLERS = ['normalize', 'publish', 'api'] as const;

/** A handler's entry file (absolute path). */
export function handlerEntry(name: (typeof HANDLERS)[number]): string {
  return fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));
}

/** The runtime every function runs on (the bundle target above must match it). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/** Props of {@link EntenteFunction}. */
export interface EntenteFunctionProps {
  /** Handler entry file; the module exports `handler`. */
  entry: string;
  description: string;
  /** Memory in MB; CPU scales with it, so parsing-heavy functions get more. Default 512. */
  memorySize?: number;
  /** Default 30 s. */
  timeout?: Duration;
  /** Default one month. */
  logRetention?: RetentionDays;
  /** Plain environment values; names that carry access are set with the bind helpers. */
  environment?: Record<string, string>;
  /** Folders the handler reads at run time, copied into its bundle (esbuild bundles code only). */
  bundleFolders?: readonly BundleFolder[];
}

/** How a function may use a bucket. Object-level actions only on `bucket/*`. */
export type BucketAccess = 'read' | 'tag' | 'write';

/** How a function may use the table. `read` never includes Scan: every query goes through a key or index. */
export type TableAccess = 'read' | 'read-write';

/** DynamoDB actions of `read`. ConditionCheckItem is listed because transactions check items. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
] as const;

/** DynamoDB actions added by `read-write`. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
] as const;

/**
 * One Lambda function with Entente's defaults: Node 22 on ARM64 (cheaper per ms, and the
 * bundles are pure JS), ESM bundle, its own log group with a retention, active tracing, and
 * its own role that starts with nothing but writing to that log group (no
 * AWSLambdaBasicExecutionRole managed policy, which would allow any log group).
 */
export class EntenteFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: EntenteFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not data: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    this.logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      // Connection reuse is the default in SDK v3; the variable is for SDK v2 only.
      awsSdkConnectionReuse: false,
      environment: { ...nodeOptionsEnv(), ...props.environment },
      bundling: cdkBundlingOptions(props.bundleFolders),
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: the bundles target node22 and are tested on that line; move to a newer runtime deliberately, not by a linter.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) have no resource-level permissions; a stream consumer also needs dynamodb:ListStreams, which has none either.',
    });
  }

  /** Sets an environment variable that carries no access (a plain value). */
  setEnv(name: string, value: string): this {
    this.fn.addEnvironment(name, value);
    return this;
  }

  /**
   * Points `envName` at `bucket` and grants exactly `access`:
   * `read` = s3:GetObject on objects and s3:ListBucket on the bucket (so a missing key is a
   * 404, not a 403); `tag` = read and write object tags; `write` = s3:PutObject.
   * No access at all (an empty list) sets only the name.
   */
  bindBucket(envName: string, bucket: IBucket, access: readonly BucketAccess[]): this {
    this.fn.addEnvironment(envName, bucket.bucketName);
    const objects = bucket.arnForObjects('*');
    if (access.length > 0) this.acknowledgeObjectWildcard(bucket);
    if (access.includes('read')) {
      this.allow(['s3:GetObject'], [objects]);
      this.allow(['s3:ListBucket'], [bucket.bucketArn]);
    }
    if (access.includes('tag')) this.allow(['s3:GetObjectTagging', 's3:PutObjectTagging'], [objects]);
    if (access.includes('write')) this.allow(['s3:PutObject'], [objects]);
    return this;
  }

  /**
   * Points `envName` at `table` and grants `access` on the table and on each of its indexes
   * named in TABLE_DEFINITION (named, not `index/*`). Writes go to the table only.
   */
  bindTable(envName: string, table: ITable, access: TableAccess): this {
    this.fn.addEnvironment(envName, table.tableName);
    const indexes = TABLE_DEFINITION.globalSecondaryIndexes.map(
      (i) => `${table.tableArn}/index/${i.indexName}`,
    );
    this.allow([...TABLE_READ_ACTIONS], [table.tableArn, ...indexes]);
    if (access === 'read-write') this.allow([...TABLE_WRITE_ACTIONS], [table.tableArn]);
    return this;
  }

  /** `bucket/*` is the narrowest resource for object actions: keys are chosen by the uploaders. */
  private acknowledgeObjectWildcard(bucket: IBucket): void {
    const cfn = bucket.node.defaultChild;
    if (!(cfn instanceof CfnBucket)) return;
    const logicalId = Stack.of(this).getLogicalId(cfn);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/*]`,
      reason: `Object-level actions on any key of this one bucket (${bucket.node.id}): keys are chosen by whoever uploads or publishes, so no narrower prefix exists.`,
    });
  }

  private allow(actions: string[], resources: string[]): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources }));
  }
}
