/**
 * Builds the CDK app: the Entente stack with cdk-nag's AwsSolutions checks attached. Shared
 * by `infra/app.ts` (the CLI entry) and the tests, so the tests check the app that deploys.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EntenteStack } from './entente-stack.js';

/** Options of {@link createEntenteApp}. */
export interface EntenteAppOptions {
  /** Extra context, e.g. `{ 'aws:cdk:bundling-stacks': [] }` to skip bundling in tests. */
  context?: AppProps['context'];
  outdir?: string;
}

/**
 * Feature flags the stack relies on, set here rather than only in cdk.json so the tests
 * build the same resources. S3 server access logs are allowed by a bucket policy instead of
 * the legacy LogDeliveryWrite ACL.
 */
export const FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
} as const;

/** The stack's name in CloudFormation. */
export const STACK_NAME = 'Entente';

/**
 * Creates the app and the stack. Context `protectData=false` (`-c protectData=false`) makes
 * a throw-away stack; `publicUrl=https://...` sets the feeds' public base URL.
 */
export function createEntenteApp(options: EntenteAppOptions = {}): { app: App; stack: EntenteStack } {
  const app = new App({ context: { ...FEATURE_FLAGS, ...options.context }, outdir: options.outdir });
  const protectData = app.node.tryGetContext('protectData');
  const publicUrl = app.node.tryGetContext('publicUrl');
  const stack = new EntenteStack(app, STACK_NAME, {
    description: 'Entente: diplomatic news articles in, a timeline of events and feeds out',
    protectData: protectData === undefined ? true : String(protectData) !== 'false',
    publicUrl: typeof publicUrl === 'string' && publicUrl !== '' ? publicUrl : undefined,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
