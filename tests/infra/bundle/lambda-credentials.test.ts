import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../functions/core/errors.js';
import { credentialsFromEnv, defaultProvider } from '../../../infra/bundle/lambda-credentials.js';

describe('Lambda credentials from the environment', () => {
  it('reads the key pair, session token and expiration Lambda sets', () => {
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
        AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
      }),
    ).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2030-01-01T00:00:00Z'),
    });
  });

  it('leaves out what is not set, and ignores an unreadable expiration', () => {
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: 'A',
        AWS_SECRET_ACCESS_KEY: 'S',
        AWS_CREDENTIAL_EXPIRATION: 'soon',
      }),
    ).toEqual({ accessKeyId: 'A', secretAccessKey: 'S' });
  });

  it('throws a ConfigError naming the variables when they are missing', () => {
    expect(() => credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'A' })).toThrow(ConfigError);
    expect(() => credentialsFromEnv({})).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it('has the SDK defaultProvider call shape: init → provider → credentials', async () => {
    const provider = defaultProvider({ profile: 'ignored' });
    const saved = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = 'FROM-ENV';
      process.env.AWS_SECRET_ACCESS_KEY = 'S';
      await expect(provider()).resolves.toMatchObject({ accessKeyId: 'FROM-ENV' });
    } finally {
      process.env = saved;
    }
  });
});
