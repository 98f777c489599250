/**
 * Puts the timeline page's files in the site bucket, where CloudFront's default behaviour
 * serves them (`index.html` is the default root object). The same files are copied into the
 * API function's bundle, which serves them on the HTTP API URL (functions/http/static-assets.ts).
 *
 * The bucket also holds the published feeds (`feeds/…`, written by the publish function), so
 * the deployments never delete anything: no pruning, and nothing removed when a deployment
 * is deleted or replaced.
 */
import { fileURLToPath } from 'node:url';
import {
  BOOTSTRAP_QUALIFIER_CONTEXT,
  DefaultStackSynthesizer,
  Duration,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { STATIC_FILES } from '../functions/http/static-assets.js';

/** The page's folder, relative to the project root (the API bundle copies it as `static/`). */
export const PAGE_FOLDER = 'functions/http/static';

/** The page's folder as an absolute path. */
const PAGE_DIR = fileURLToPath(new URL(`../${PAGE_FOLDER}`, import.meta.url));

/** Bucket key prefix of the page's scripts and styles (index.html links `/static/...`). */
export const STATIC_PREFIX = 'static/';

/**
 * Bucket keys of the page's files, derived from the paths the API serves them on
 * ({@link STATIC_FILES}) so the two never drift: `/` is `index.html`; `/name` is `name` at
 * the root; `/static/name` is `name` under {@link STATIC_PREFIX}.
 */
export function pageFileKeys(): { root: string[]; static: string[] } {
  const root: string[] = [];
  const assets: string[] = [];
  for (const [path, { file }] of Object.entries(STATIC_FILES)) {
    if (path === '/') root.push(file);
    else if (path === `/${file}`) root.push(file);
    else if (path === `/${STATIC_PREFIX}${file}`) assets.push(file);
    else throw new Error(`No bucket key for the page path ${path} (file ${file})`);
  }
  return { root: root.sort(), static: assets.sort() };
}

/** Props of {@link SitePage}. */
export interface SitePageProps {
  bucket: IBucket;
  distribution: IDistribution;
}

/**
 * Two deployments from the page folder: the root files (`index.html`, `favicon.svg`) and the
 * scripts and styles under `static/`. Browsers revalidate soon (the file names carry no hash,
 * so a long browser cache would pair a new index.html with an old app.js); the edge keeps
 * them a day, and each deployment invalidates what it wrote.
 */
export class SitePage extends Construct {
  readonly root: BucketDeployment;
  readonly assets: BucketDeployment;

  constructor(scope: Construct, id: string, props: SitePageProps) {
    super(scope, id);
    const keys = pageFileKeys();
    const source = Source.asset(PAGE_DIR);
    const common = {
      sources: [source],
      destinationBucket: props.bucket,
      distribution: props.distribution,
      // The bucket holds the published feeds: never delete what a deployment did not write.
      prune: false,
      retainOnDelete: true,
      // Only the listed files: the folder may gain files the page does not serve.
      exclude: ['*'],
      memoryLimit: 256,
    };
    this.root = new BucketDeployment(this, 'Root', {
      ...common,
      include: keys.root,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.minutes(1)),
        CacheControl.sMaxAge(Duration.days(1)),
      ],
      // `/` too: CloudFront caches the default root object under the viewer's path.
      distributionPaths: ['/', ...keys.root.map((k) => `/${k}`)],
    });
    this.assets = new BucketDeployment(this, 'Static', {
      ...common,
      include: keys.static,
      destinationKeyPrefix: STATIC_PREFIX,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.minutes(5)),
        CacheControl.sMaxAge(Duration.days(1)),
      ],
      distributionPaths: [`/${STATIC_PREFIX}*`],
    });
    // Both deployments share one singleton handler function: its role's scope.
    const handler = this.root.handlerRole.node.scope;
    if (handler) acknowledgeDeploymentHandler(handler, props.bucket);
  }
}

/**
 * The CDK bootstrap staging bucket's name as cdk-nag prints it: account and region are
 * placeholders unless the stack's environment is set (the CLI sets it from the profile).
 */
function stagingBucketName(stack: Stack): string {
  const qualifier =
    stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `cdk-${qualifier}-assets-${account}-${region}`;
}

/**
 * Acknowledges cdk-nag's findings on the deployments' handler: a singleton Lambda function
 * (one per stack, shared by both deployments) that aws-cdk-lib defines with its own role,
 * managed policy, grants and runtime; this app cannot narrow them without replacing it.
 */
function acknowledgeDeploymentHandler(handler: IConstruct, bucket: IBucket): void {
  const ack = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
  const bucketCfn = bucket.node.defaultChild;
  const bucketId = bucketCfn instanceof CfnBucket ? Stack.of(handler).getLogicalId(bucketCfn) : undefined;
  ack(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "aws-cdk-lib's BucketDeployment handler copies the page into the site bucket at deploy time only; its role and managed policy are defined by aws-cdk-lib.",
  );
  ack(
    'AwsSolutions-L1',
    "The BucketDeployment handler's runtime is chosen and pinned by aws-cdk-lib (it bundles the AWS CLI layer it is tested with); it moves with aws-cdk-lib upgrades.",
  );
  const wildcardActions = {
    'AwsSolutions-IAM5[Action::s3:GetObject*]':
      'read the staged asset zip and compare objects in the site bucket',
    'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'look up the staging and site buckets while syncing',
    'AwsSolutions-IAM5[Action::s3:List*]': 'list the site bucket to sync only changed files',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]':
      'part of grantReadWrite on the site bucket; never used here, prune is false and retainOnDelete true',
    'AwsSolutions-IAM5[Action::s3:Abort*]': 'abort multipart uploads of the page files it writes',
  };
  for (const [id, why] of Object.entries(wildcardActions)) {
    ack(id, `Wildcard action granted by aws-cdk-lib's BucketDeployment to its handler, to ${why}.`);
  }
  ack(
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${stagingBucketName(Stack.of(handler))}/*]`,
    'The CDK bootstrap staging bucket: asset zips have generated names, so the handler reads any key of that one bucket.',
  );
  if (bucketId) {
    ack(
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      'The handler writes page files into the site bucket; the bucket also holds feeds, so no narrower prefix covers index.html at the root.',
    );
  }
  ack(
    'AwsSolutions-IAM5[Resource::*]',
    "cloudfront:CreateInvalidation/GetInvalidation after a deployment; aws-cdk-lib's BucketDeployment grants them on * rather than on the one distribution.",
  );
}
