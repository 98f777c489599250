// Runs s3rver in its own Node process, started with --openssl-legacy-provider: s3rver's
// ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only has in its legacy provider.
// S3 notification events are forwarded to the parent over IPC.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';

// s3rver 3.7's filesystem putObject truncates the object file in place and resolves when its
// hashing stream finishes, before the file is flushed: a GET racing a PUT of the same key
// (S3 redelivery, a re-upload) could read a partial object. Real S3 PUTs are atomic, so the
// local one is made so too: write a temporary file, wait until it is on disk, then rename it.
const FilesystemStore = createRequire(import.meta.url)('s3rver/lib/stores/filesystem.js');
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await mkdir(dirname(objectPath), { recursive: true });
  const temporary = `${objectPath}.${randomUUID()}.part`;
  const md5 = createHash('md5');
  let size = 0;
  const content = Buffer.isBuffer(object.content) ? [object.content] : object.content;
  await pipeline(
    content,
    async function* count(source) {
      for await (const chunk of source) {
        md5.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(temporary),
  );
  const digest = md5.digest('hex');
  await rename(temporary, objectPath);
  await this.putMetadata(object.bucket, object.key, object.metadata, digest);
  return { size, md5: digest };
};

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
