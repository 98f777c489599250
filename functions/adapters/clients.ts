/**
 * SDK client construction in one place. Locally the endpoints point at s3rver and DynamoDB
 * Local; in AWS they are null and the SDK's defaults apply.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/** Options for {@link makeS3Client}. */
export interface S3ClientOptions {
  region: string;
  endpoint: string | null;
}

/**
 * An S3 client. With a local endpoint it uses path-style addressing, the access key s3rver
 * requires (`S3RVER`), and checksums only when required: s3rver would store the
 * aws-chunked framing of SDK v3's default checksummed uploads as the object itself.
 */
export function makeS3Client(options: S3ClientOptions): S3Client {
  if (!options.endpoint) return new S3Client({ region: options.region });
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** A DynamoDB client; locally with dummy credentials (DynamoDB Local runs with -sharedDb). */
export function makeDynamoClient(options: { region: string; endpoint: string | null }): DynamoDBClient {
  if (!options.endpoint) return new DynamoDBClient({ region: options.region });
  return new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
