import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/config.js';
import { STATIC_FILES } from '../../functions/http/static-assets.js';
import { createEntenteApp } from '../../infra/entente-app.js';
import type { EntenteStack } from '../../infra/entente-stack.js';
import { PAGE_FOLDER } from '../../infra/site-page.js';
import { TABLE_DEFINITION } from '../../infra/table.js';

/** Bundling off: the tests check wiring, not esbuild (bench/cold-start.ts builds the bundles). */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const outdirs: string[] = [];
function build(context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'entente-cdk-'));
  outdirs.push(outdir);
  return createEntenteApp({ context: { ...NO_BUNDLING, ...context }, outdir });
}

let stack: EntenteStack;
let template: Template;
let resources: Record<string, Resource>;

/** The CloudFormation logical id of a construct's default resource. */
function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** All Allow statements of the policies attached to a function's role. */
function statementsOf(fn: EntenteStack['normalize']): Statement[] {
  const roleId = logicalId(fn.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (statements: Statement[]) =>
  [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();

/** Statements whose resources mention the given logical id. */
const onResource = (statements: Statement[], id: string) =>
  statements.filter((s) => JSON.stringify(s.Resource).includes(`"${id}"`));

beforeAll(() => {
  ({ stack } = build());
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

describe('buckets', () => {
  it('every bucket is encrypted, blocks all public access and denies non-TLS requests', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
      });
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('the articles bucket is versioned and logs access to the log bucket; data buckets are retained', () => {
    const articles = resources[logicalId(stack.articlesBucket)]!;
    expect(articles.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(articles.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(stack.logBucket) },
      LogFilePrefix: 'articles/',
    });
    for (const bucket of [stack.articlesBucket, stack.siteBucket, stack.logBucket]) {
      expect(template.toJSON().Resources[logicalId(bucket)].DeletionPolicy).toBe('Retain');
    }
  });

  it('an ObjectCreated notification on the articles bucket invokes normalize', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.articlesBucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            LambdaFunctionArn: { 'Fn::GetAtt': [logicalId(stack.normalize.fn), 'Arn'] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.normalize.fn), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.articlesBucket), 'Arn'] },
    });
  });
});

describe('table', () => {
  it('has exactly the keys and indexes of TABLE_DEFINITION', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const props = tables[0]!.Properties;
    type Key = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };
    const typeOf = (name: string) =>
      props.AttributeDefinitions.find((a: { AttributeName: string }) => a.AttributeName === name)
        .AttributeType;
    const key = (schema: Key[], kind: Key['KeyType']) => {
      const name = schema.find((k) => k.KeyType === kind)!.AttributeName;
      return { name, type: typeOf(name) };
    };
    const rebuilt = {
      partitionKey: key(props.KeySchema, 'HASH'),
      sortKey: key(props.KeySchema, 'RANGE'),
      globalSecondaryIndexes: props.GlobalSecondaryIndexes.map(
        (i: { IndexName: string; KeySchema: Key[] }) => ({
          indexName: i.IndexName,
          partitionKey: key(i.KeySchema, 'HASH'),
          sortKey: key(i.KeySchema, 'RANGE'),
        }),
      ),
      streamView: props.StreamSpecification.StreamViewType,
      timeToLiveAttribute: props.TimeToLiveSpecification.AttributeName,
    };
    expect(rebuilt).toEqual(TABLE_DEFINITION);
    expect(props.TimeToLiveSpecification.Enabled).toBe(true);
  });

  it('is on-demand, with point-in-time recovery and deletion protection by default', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  it('protectData=false makes a throw-away table', () => {
    const throwAway = Template.fromStack(build({ protectData: 'false' }).stack);
    throwAway.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    throwAway.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});

describe('functions', () => {
  it('run Node 22 on ARM64 with the `handler` export, tracing and their own log group', () => {
    for (const fn of [stack.normalize, stack.publish, stack.api]) {
      const props = resources[logicalId(fn.fn)]!.Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: logicalId(fn.logGroup) } },
      });
      expect(resources[logicalId(fn.logGroup)]!.Properties.RetentionInDays).toBe(30);
    }
  });

  it('set every environment variable functions/config.ts requires (readConfig accepts them)', () => {
    for (const fn of [stack.normalize, stack.publish, stack.api]) {
      const env = (
        resources[logicalId(fn.fn)]!.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      // Values are CloudFormation references here; what matters is that every name is present.
      const asStrings = Object.fromEntries(
        Object.keys(env).map((k) => [k, k === 'MAX_ARTICLE_BYTES' ? '1' : 'x']),
      );
      expect(() => readConfig(asStrings)).not.toThrow();
    }
    const normalizeEnv = resources[logicalId(stack.normalize.fn)]!.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(normalizeEnv.Variables.MAX_ARTICLE_BYTES).toBe(String(2 * 1024 * 1024));
    expect(normalizeEnv.Variables.ARTICLES_BUCKET).toEqual({ Ref: logicalId(stack.articlesBucket) });
  });

  it('normalize retries twice, then sends the event to an encrypted, TLS-only dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.normalize.fn) },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.normalizeDlq), 'Arn'] } },
      },
    });
    for (const queue of [stack.normalizeDlq, stack.publishDlq]) {
      expect(resources[logicalId(queue)]!.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('publish reads the table stream with partial batch failures, bisecting and an on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.publish.fn) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumBatchingWindowInSeconds: Match.anyValue(),
      MaximumRetryAttempts: Match.anyValue(),
      BatchSize: Match.anyValue(),
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.publishDlq), 'Arn'] } },
      },
    });
    expect(template.findResources('AWS::Lambda::EventSourceMapping')).toSatisfy(
      (m: object) => Object.keys(m).length === 1,
    );
  });
});

describe('least privilege', () => {
  it('no function role carries a managed policy', () => {
    for (const fn of [stack.normalize, stack.publish, stack.api]) {
      expect(resources[logicalId(fn.role)]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('normalize: read articles and tag them, read/write the table, send to its DLQ; nothing else', () => {
    const statements = statementsOf(stack.normalize);
    expect(actionsOf(statements)).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:GetObjectTagging',
        's3:ListBucket',
        's3:PutObjectTagging',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    // Every S3 action is on the articles bucket only.
    const s3 = statements.filter((s) => JSON.stringify(s.Action).includes('s3:'));
    expect(onResource(s3, logicalId(stack.articlesBucket))).toEqual(s3);
    expect(onResource(statements, logicalId(stack.siteBucket))).toEqual([]);
  });

  it('the API has no write action of any kind', () => {
    const actions = actionsOf(statementsOf(stack.api)).filter(
      (a) => !a.startsWith('logs:') && !a.startsWith('xray:'),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action).toMatch(/^(dynamodb|s3):(Get|BatchGet|Query|List|Describe|ConditionCheck)/);
    }
    expect(onResource(statementsOf(stack.api), logicalId(stack.articlesBucket))).toEqual([]);
  });

  it('publish writes only the site bucket and never writes the table', () => {
    const statements = statementsOf(stack.publish);
    const isDataWrite = (action: string) =>
      /^(s3|dynamodb):(Put|Delete|Update|BatchWrite|Restore|Create)/.test(action);
    const writes = statements.filter((s) => actionsOf([s]).some(isDataWrite));
    expect(writes.map((s) => s.Action)).toEqual(['s3:PutObject']);
    expect(onResource(writes, logicalId(stack.siteBucket))).toEqual(writes);
    expect(actionsOf(statements).filter((a) => a.startsWith('dynamodb:'))).not.toContain('dynamodb:PutItem');
    expect(onResource(statements, logicalId(stack.articlesBucket))).toEqual([]);
  });

  it('no function may scan the table or use wildcard actions', () => {
    for (const fn of [stack.normalize, stack.publish, stack.api]) {
      const actions = actionsOf(statementsOf(fn));
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    }
  });
});

describe('HTTP API and CloudFront', () => {
  it('routes /api, /feeds and /openapi.json to the API function (payload v2)', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routeKeys).toEqual(
      expect.arrayContaining([
        'GET /api/{proxy+}',
        'GET /feeds/{proxy+}',
        'GET /openapi.json',
        'HEAD /api/{proxy+}',
      ]),
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(stack.api.fn), 'Arn'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it('serves the private site bucket through Origin Access Control, HTTPS only, index.html at the root', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!;
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    const s3Origin = config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(['redirect-to-https', 'https-only']).toContain(behavior.ViewerProtocolPolicy);
    }
    // The site bucket is readable by this distribution only.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.siteBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('sends /api/*, /feeds/* and /openapi.json to the HTTP API origin', () => {
    const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
      .DistributionConfig;
    const apiOrigin = config.Origins.find((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(logicalId(stack.httpApi));
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const byPath = Object.fromEntries(
      config.CacheBehaviors.map((b: { PathPattern: string; TargetOriginId: string }) => [
        b.PathPattern,
        b.TargetOriginId,
      ]),
    );
    expect(byPath).toEqual({
      '/api/*': apiOrigin.Id,
      '/feeds/*': apiOrigin.Id,
      '/openapi.json': apiOrigin.Id,
    });
  });

  it('outputs the bucket names, the API URL and the CloudFront URL', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining(['ArticlesBucketName', 'SiteBucketName', 'ApiUrl', 'SiteUrl']),
    );
  });
});

describe('timeline page in the site bucket', () => {
  type Deployment = { Properties: Record<string, unknown> };
  const deployments = () =>
    Object.values(template.findResources('Custom::CDKBucketDeployment')) as Deployment[];

  it('deploys into the site bucket without ever deleting (feeds share the bucket)', () => {
    expect(deployments()).toHaveLength(2);
    for (const { Properties: p } of deployments()) {
      expect(p.DestinationBucketName).toEqual({ Ref: logicalId(stack.siteBucket) });
      expect(p.Prune).toBe(false);
      expect(p.RetainOnDelete).toBe(true);
      // Only named files are synced: nothing under feeds/ is in scope.
      expect(p.Exclude).toEqual(['*']);
      expect(p.DestinationBucketKeyPrefix ?? '').not.toMatch(/^feeds/);
    }
  });

  it('puts every file the page links at the key it is requested by, and each file exists', () => {
    const keys = deployments()
      .flatMap(({ Properties: p }) =>
        (p.Include as string[]).map(
          (f) => `${(p.DestinationBucketKeyPrefix as string | undefined) ?? ''}${f}`,
        ),
      )
      .sort();
    expect(keys).toEqual(['favicon.svg', 'index.html', 'static/app.js', 'static/style.css']);
    // The same paths the API serves (index.html is `/`, CloudFront's default root object).
    const requested = Object.keys(STATIC_FILES).map((p) => (p === '/' ? 'index.html' : p.slice(1)));
    expect(keys).toEqual(requested.sort());
    const html = readFileSync(join(PAGE_FOLDER, 'index.html'), 'utf8');
    for (const key of keys) {
      expect(existsSync(join(PAGE_FOLDER, key.replace(/^static\//, ''))), key).toBe(true);
      if (key !== 'index.html') expect(html, key).toContain(`"/${key}"`);
    }
  });

  it('index.html is cached briefly by browsers, and the deployments invalidate what they wrote', () => {
    const byKey = Object.fromEntries(
      deployments().map(({ Properties: p }) => [(p.Include as string[]).join(','), p]),
    );
    const root = byKey['favicon.svg,index.html']!;
    const assets = byKey['app.js,style.css']!;
    const cacheControl = (p: Record<string, unknown>) =>
      (p.SystemMetadata as Record<string, string>)['cache-control'] ?? '';
    expect(cacheControl(root)).toMatch(/max-age=60\b/);
    expect(cacheControl(assets)).toMatch(/max-age=300\b/);
    for (const p of [root, assets]) {
      expect(p.DistributionId).toEqual({ Ref: logicalId(stack.distribution) });
    }
    expect(root.DistributionPaths).toEqual(expect.arrayContaining(['/', '/index.html']));
    expect(assets.DistributionPaths).toEqual(['/static/*']);
    expect(assets.DestinationBucketKeyPrefix).toBe('static/');
  });

  it('both deployments share one handler function', () => {
    const tokens = new Set(deployments().map(({ Properties: p }) => JSON.stringify(p.ServiceToken)));
    expect(tokens.size).toBe(1);
  });

  it('the HTTP API routes the page paths to the API function, which carries the page', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routeKeys).toEqual(expect.arrayContaining(['GET /', 'GET /static/{proxy+}', 'GET /favicon.svg']));
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding on the app, and synth completes', () => {
    const { app } = build();
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.resourceLogicalId)}`),
    ).toEqual([]);
    // The same plugin is registered on the app: synthesis would stop on a violation.
    const assembly = app.synth();
    const validation = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as {
      pluginReports: Array<{ pluginName: string; conclusion: string }>;
    };
    for (const plugin of validation.pluginReports)
      expect(plugin.conclusion, plugin.pluginName).toBe('success');
  });

  it('does catch a finding that is not acknowledged (the check is live)', () => {
    const { app, stack: broken } = build();
    new Queue(broken, 'Unencrypted', { encryption: undefined, enforceSSL: false });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const rules = report.violations.map((v) => v.ruleName);
    expect(rules.some((r) => r.includes('SQS4'))).toBe(true);
    expect(() => app.synth()).toThrow();
  });

  it('every acknowledgement carries a reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'));
    expect(acknowledged.length).toBeGreaterThan(5);
    for (const entry of acknowledged) {
      // Recorded as { '<plugin>::<rule id>': reason }.
      for (const [rule, reason] of Object.entries(entry.data as Record<string, string>)) {
        expect(reason.length, rule).toBeGreaterThanOrEqual(30);
      }
    }
  });
});
