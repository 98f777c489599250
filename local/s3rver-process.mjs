// Runs s3rver in its own Node process, started with --openssl-legacy-provider: s3rver's
// ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only has in its legacy provider.
// S3 notification events are forwarded to the parent over IPC.
import S3rver from 's3rver';

const port = Number(process.env.S3_PORT);
const directory = process.env.S3_DIRECTORY;
const bucket = process.env.S3_BUCKET;

const server = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});
server.on('event', (event) => {
  process.send?.({ type: 'event', event });
});
await server.run();
process.send?.({ type: 'ready' });
process.on('disconnect', () => {
  server.close().finally(() => process.exit(0));
});
process.on('SIGTERM', () => {
  server.close().finally(() => process.exit(0));
});
