import { ConfigError } from './core/errors.js';

/** Runtime configuration of the handlers, read once from the environment. */
export interface Config {
  tableName: string;
  articlesBucket: string;
  /** Site bucket for published feed files (AWS); absent locally, where feeds go to a folder. */
  siteBucket: string | null;
  /** Public base URL of the site/API, used in feed links. */
  publicUrl: string;
  region: string;
  /** Local endpoints (s3rver, DynamoDB Local); null in AWS. */
  s3Endpoint: string | null;
  dynamodbEndpoint: string | null;
  /** Objects above this size are rejected without being read whole. */
  maxArticleBytes: number;
}

const REQUIRED = ['TABLE_NAME', 'ARTICLES_BUCKET', 'PUBLIC_URL'] as const;

/**
 * Reads the configuration; throws one ConfigError naming every missing variable at once,
 * so a misconfigured deploy is fixed in one round.
 */
export function readConfig(env: Record<string, string | undefined>): Config {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(`missing environment variables: ${missing.join(', ')}`);
  }
  const maxBytes = Number(env.MAX_ARTICLE_BYTES ?? 2 * 1024 * 1024);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new ConfigError(`MAX_ARTICLE_BYTES must be a positive integer, got ${env.MAX_ARTICLE_BYTES}`);
  }
  return {
    tableName: env.TABLE_NAME as string,
    articlesBucket: env.ARTICLES_BUCKET as string,
    siteBucket: env.SITE_BUCKET || null,
    publicUrl: (env.PUBLIC_URL as string).replace(/\/+$/, ''),
    region: env.AWS_REGION || 'us-east-1',
    s3Endpoint: env.S3_ENDPOINT || null,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || null,
    maxArticleBytes: maxBytes,
  };
}
