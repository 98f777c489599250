/**
 * The Entente stack: articles bucket → normalize → events table → stream → publish → site
 * bucket behind CloudFront; the HTTP API serves the JSON API and filtered feeds.
 *
 * Every cdk-nag finding that is not fixed is acknowledged right next to the resource it is
 * about, with the reason (see {@link acknowledge}).
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { EntenteFunction, handlerEntry } from './entente-function.js';
import { createEventsTable } from './events-table.js';
import { PAGE_FOLDER, SitePage } from './site-page.js';

/** Environment variable names the handlers read (functions/config.ts). */
export const ENV = {
  tableName: 'TABLE_NAME',
  articlesBucket: 'ARTICLES_BUCKET',
  siteBucket: 'SITE_BUCKET',
  publicUrl: 'PUBLIC_URL',
  maxArticleBytes: 'MAX_ARTICLE_BYTES',
} as const;

/** Props of {@link EntenteStack}. */
export interface EntenteStackProps extends StackProps {
  /**
   * Table deletion protection on and table retained on stack deletion (default true).
   * Buckets are always retained: they hold the users' articles and access logs.
   */
  protectData?: boolean;
  /** Public base URL for feed links, e.g. a custom domain. Default: the CloudFront URL. */
  publicUrl?: string;
  /** Articles above this size are rejected unread. Default 2 MiB (as functions/config.ts). */
  maxArticleBytes?: number;
}

/** Records why a cdk-nag finding on `scope` is accepted rather than fixed. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The whole deployment. */
export class EntenteStack extends Stack {
  readonly table: Table;
  readonly articlesBucket: Bucket;
  readonly siteBucket: Bucket;
  readonly logBucket: Bucket;
  readonly normalize: EntenteFunction;
  readonly publish: EntenteFunction;
  readonly api: EntenteFunction;
  readonly normalizeDlq: Queue;
  readonly publishDlq: Queue;
  readonly httpApi: HttpApi;
  readonly distribution: Distribution;
  readonly sitePage: SitePage;

  constructor(scope: Construct, id: string, props: EntenteStackProps = {}) {
    super(scope, id, props);
    const protectData = props.protectData ?? true;

    // --- Storage -------------------------------------------------------------------------
    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, so they must be enabled here (only here).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the access-log bucket itself; logging it would log the logs.',
    );

    this.articlesBucket = new Bucket(this, 'Articles', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Versioned: an overwritten or deleted article can be recovered and re-normalized.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'articles/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.siteBucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = createEventsTable(this, 'Events', { protectData });

    this.normalizeDlq = this.deadLetterQueue(
      'NormalizeDlq',
      'normalize invocations that failed after retries: the S3 events to replay',
    );
    this.publishDlq = this.deadLetterQueue(
      'PublishDlq',
      'stream batches publish gave up on: shard and sequence numbers to re-read',
    );

    // --- Functions -----------------------------------------------------------------------
    const maxArticleBytes = String(props.maxArticleBytes ?? 2 * 1024 * 1024);

    this.normalize = new EntenteFunction(this, 'Normalize', {
      entry: handlerEntry('normalize'),
      description: 'S3 ObjectCreated → one diplomatic event in the table',
      // Parsing is CPU-bound and Lambda CPU scales with memory.
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: { [ENV.maxArticleBytes]: maxArticleBytes },
    })
      .bindBucket(ENV.articlesBucket, this.articlesBucket, ['read', 'tag'])
      .bindTable(ENV.tableName, this.table, 'read-write');
    this.articlesBucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(this.normalize.fn),
    );
    this.normalize.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.normalizeDlq),
    });

    this.publish = new EntenteFunction(this, 'Publish', {
      entry: handlerEntry('publish'),
      description: 'Table stream → feed files in the site bucket',
      timeout: Duration.seconds(60),
    })
      .bindTable(ENV.tableName, this.table, 'read')
      // read too: the FeedStore port reads feed files back (archive pages).
      .bindBucket(ENV.siteBucket, this.siteBucket, ['read', 'write'])
      // readConfig requires the name in every function; no access to articles is granted.
      .bindBucket(ENV.articlesBucket, this.articlesBucket, []);
    this.publish.fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Short window: a feed reflects an upload within about a second, yet a bulk ingest
        // is published in batches, not once per record.
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        // One batch at a time per shard keeps feed rebuilds in stream order.
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.publishDlq),
      }),
    );

    this.api = new EntenteFunction(this, 'Api', {
      entry: handlerEntry('api'),
      description: 'HTTP API v2 → JSON API, filtered feeds, OpenAPI document',
      timeout: Duration.seconds(10),
      // The timeline page: static-assets.ts reads it from `static/` beside the bundle.
      bundleFolders: [{ from: PAGE_FOLDER, to: 'static' }],
    })
      .bindTable(ENV.tableName, this.table, 'read')
      .bindBucket(ENV.siteBucket, this.siteBucket, ['read'])
      .bindBucket(ENV.articlesBucket, this.articlesBucket, []);

    // --- HTTP API ------------------------------------------------------------------------
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Entente JSON API and filtered feeds (read-only, public)',
      createDefaultStage: false,
    });
    const apiAccessLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // A public read-only API: cap what one burst can cost.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    acknowledge(
      this.httpApi,
      'AwsSolutions-APIG4',
      'Public read-only API of published news events: no user data, nothing to authorize; throttled.',
    );
    const integration = new HttpLambdaIntegration('ApiIntegration', this.api.fn);
    // The page paths too, so the API URL alone serves the timeline (the bundle carries it).
    const pagePaths = ['/', '/static/{proxy+}', '/favicon.svg'];
    for (const path of ['/api/{proxy+}', '/feeds/{proxy+}', '/openapi.json', '/health', ...pagePaths]) {
      this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS],
        integration,
      });
    }

    // --- CloudFront ----------------------------------------------------------------------
    // Dynamic paths go to the HTTP API. Their cache key includes the query string (filters,
    // cursors) and follows the API's Cache-Control (feeds carry a max-age, so subscribers
    // hit the edge, not Lambda); with no Cache-Control nothing is cached (default TTL 0).
    const apiCachePolicy = new CachePolicy(this, 'ApiCachePolicy', {
      comment: 'Entente API: query string in the key, TTL from the origin',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiBehavior = {
      origin: new HttpOrigin(Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint)), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: apiCachePolicy,
      // API Gateway routes by its own Host name, so the viewer's Host must not be forwarded.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    };
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Entente: timeline page, feeds and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        // HTTPS only for content; plain-HTTP requests (old feed URLs) get a redirect.
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': apiBehavior,
        // The site bucket's feed files are served through the API too: it reads them from the
        // bucket when unfiltered, and builds filtered ones; CloudFront cannot route by query.
        '/feeds/*': apiBehavior,
        '/openapi.json': apiBehavior,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Public news feeds meant for readers in every country: no geo restriction.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF: read-only public content, cached at the edge, and the HTTP API origin is throttled; a web ACL costs more than this serves.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default *.cloudfront.net certificate cannot pin a minimum TLS version; with a custom domain set a certificate and TLS_V1_2_2021.',
    );

    this.sitePage = new SitePage(this, 'SitePage', {
      bucket: this.siteBucket,
      distribution: this.distribution,
    });

    const publicUrl = props.publicUrl ?? `https://${this.distribution.distributionDomainName}`;
    for (const fn of [this.normalize, this.publish, this.api]) fn.setEnv(ENV.publicUrl, publicUrl);

    this.acknowledgeCustomResources();

    new CfnOutput(this, 'ArticlesBucketName', {
      value: this.articlesBucket.bucketName,
      description: 'Upload articles here: aws s3 cp FILE s3://<name>/',
    });
    new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'ApiUrl', {
      value: stage.url,
      description: 'HTTP API (also behind the CloudFront URL)',
    });
    new CfnOutput(this, 'SiteUrl', { value: `https://${this.distribution.distributionDomainName}` });
    new CfnOutput(this, 'NormalizeDlqUrl', { value: this.normalizeDlq.queueUrl });
    new CfnOutput(this, 'PublishDlqUrl', { value: this.publishDlq.queueUrl });
  }

  /** An encrypted, TLS-only queue that receives what a function finally gave up on. */
  private deadLetterQueue(id: string, holds: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      queue,
      'AwsSolutions-SQS3',
      `This queue is itself a dead-letter destination (${holds}); nothing consumes it automatically.`,
    );
    return queue;
  }

  /** CDK's own bucket-notification custom resource (a singleton Lambda in the stack). */
  private acknowledgeCustomResources(): void {
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
      acknowledge(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's built-in handler that sets the bucket notification at deploy time; its role is defined by aws-cdk-lib, not by this app, and it runs only during deployments.",
      );
    }
  }
}
