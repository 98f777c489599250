/**
 * Builds S3 event notifications as AWS delivers them to a Lambda (eventVersion 2.1, key
 * URL-encoded), from s3rver's records or, for reconcile and replay, from a bucket and key.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { encodeS3EventKey } from './s3-key.js';
import type { S3rverEventRecord } from './servers.js';

/** One AWS-shaped ObjectCreated record. */
export function s3EventRecord(input: {
  bucket: string;
  key: string;
  region: string;
  eventName?: string;
  eventTime?: string;
  size?: number;
  eTag?: string;
}): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: input.region,
    eventTime: input.eventTime ?? new Date().toISOString(),
    eventName: input.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'local' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'entente-local',
      bucket: {
        name: input.bucket,
        ownerIdentity: { principalId: 'local' },
        arn: `arn:aws:s3:::${input.bucket}`,
      },
      object: {
        key: encodeS3EventKey(input.key),
        size: input.size ?? 0,
        eTag: input.eTag ?? '',
        sequencer: Date.now().toString(16).toUpperCase(),
      },
    },
  };
}

/** An S3 event of one record, as S3 invokes a function with. */
export function s3EventFor(input: Parameters<typeof s3EventRecord>[0]): S3Event {
  return { Records: [s3EventRecord(input)] };
}

/** Converts s3rver's notification record (raw key, eventVersion 2.0) to the AWS shape. */
export function s3EventFromS3rver(record: S3rverEventRecord, region: string): S3Event {
  return s3EventFor({
    bucket: record.s3.bucket.name,
    key: record.s3.object.key,
    region,
    eventName: record.eventName,
    eventTime: record.eventTime,
    size: record.s3.object.size,
    eTag: record.s3.object.eTag,
  });
}
