/**
 * Stands in for `@aws-sdk/credential-provider-node` inside the Lambda bundles (an esbuild
 * alias, see BUNDLE_SETTINGS in infra/entente-function.ts).
 *
 * Why: the SDK's default chain also bundles the SSO, STS, login, INI-file, process,
 * web-identity and instance-metadata providers with their nested clients, about 95 KB per
 * function that a Lambda function never runs: Lambda hands the execution role's
 * credentials to the function in environment variables. Only the bundles use this; the local
 * run and the tests import the real SDK chain.
 */
import { ConfigError } from '../../functions/core/errors.js';

/** The credentials shape the SDK expects (AwsCredentialIdentity). */
export interface EnvCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Reads the credentials Lambda puts in the environment. */
export function credentialsFromEnv(env: Record<string, string | undefined>): EnvCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (expected in Lambda)');
  }
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}

/**
 * Same name and call shape as the SDK's `defaultProvider(init)`: returns a provider the
 * client calls before signing. Reads the environment on each call, as the SDK's env provider does.
 */
export function defaultProvider(_init?: unknown): () => Promise<EnvCredentials> {
  return async () => credentialsFromEnv(process.env);
}
