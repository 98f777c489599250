import { describe, expect, it } from 'vitest';
import { classifyDynamoError, withRetries } from '../../functions/adapters/dynamodb-retry.js';
import { ConflictError, StorageUnavailableError } from '../../functions/core/errors.js';

function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(name), { name, ...extra });
}

describe('classifyDynamoError', () => {
  it('sorts DynamoDB failures into conflict, transient and permanent', () => {
    expect(
      classifyDynamoError(
        awsError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe('conflict');
    expect(
      classifyDynamoError(
        awsError('TransactionCanceledException', {
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        }),
      ),
    ).toBe('conflict');
    expect(
      classifyDynamoError(
        awsError('TransactionCanceledException', {
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
        }),
      ),
    ).toBe('transient');
    expect(
      classifyDynamoError(
        awsError('ProvisionedThroughputExceededException', { $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe('transient');
    expect(classifyDynamoError(awsError('ThrottlingException', { $metadata: { httpStatusCode: 400 } }))).toBe(
      'transient',
    );
    expect(classifyDynamoError(awsError('InternalServerError', { $metadata: { httpStatusCode: 500 } }))).toBe(
      'transient',
    );
    expect(
      classifyDynamoError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('transient');
    expect(classifyDynamoError(awsError('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(
      'permanent',
    );
    expect(
      classifyDynamoError(
        awsError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ValidationError' }] }),
      ),
    ).toBe('permanent');
  });
});

describe('withRetries', () => {
  const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

  it('retries throttling until it succeeds', async () => {
    let calls = 0;
    const out = await withRetries(
      'op',
      async () => {
        calls += 1;
        if (calls < 3) throw awsError('ThrottlingException', { $metadata: { httpStatusCode: 400 } });
        return 'ok';
      },
      fast,
    );
    expect(out).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up with StorageUnavailableError after the last attempt', async () => {
    let calls = 0;
    const error = await withRetries(
      'op',
      async () => {
        calls += 1;
        throw awsError('ProvisionedThroughputExceededException', { $metadata: { httpStatusCode: 400 } });
      },
      fast,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    expect(calls).toBe(4);
  });

  it('does not retry a failed condition: ConflictError at once', async () => {
    let calls = 0;
    await expect(
      withRetries(
        'op',
        async () => {
          calls += 1;
          throw awsError('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } });
        },
        fast,
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(1);
  });
});
