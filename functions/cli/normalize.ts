/**
 * `npm run normalize -- [--url URL] [--published YYYY-MM-DD] [--publisher NAME] FILE...`
 * prints one JSON line per file: the Event record the normalize Lambda would store, with
 * the file's name as key and its modification time as upload time (so output is
 * deterministic). A file that is not an article prints a JSON error line on stderr; the
 * other files are still processed, and the exit code is 1 at the end.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { EntenteError } from '../core/errors.js';
import { eventFromArticle } from '../core/event-from-article.js';
import { contentHash, eventIdForKey } from '../core/ids.js';
import { NORMALIZER_VERSION, normalizeArticle } from '../core/normalize.js';

/** Parsed command line. */
export interface NormalizeArgs {
  url?: string;
  published?: string;
  publisher?: string;
  files: string[];
}

/** Parses the CLI arguments; throws on an unknown flag or a flag without its value. */
export function parseNormalizeArgs(argv: string[]): NormalizeArgs {
  const args: NormalizeArgs = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--')
      ? (a.split(/=(.*)/s) as [string, string | undefined])
      : [a, undefined];
    if (flag === '--url' || flag === '--published' || flag === '--publisher') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      args[flag.slice(2) as 'url' | 'published' | 'publisher'] = value;
    } else if (flag.startsWith('--')) {
      throw new Error(`unknown option ${flag}`);
    } else {
      args.files.push(a);
    }
  }
  return args;
}

function main(argv: string[]): number {
  let args: NormalizeArgs;
  try {
    args = parseNormalizeArgs(argv);
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: npm run normalize -- [--url URL] [--published YYYY-MM-DD] FILE...\n`,
    );
    return 2;
  }
  if (args.published && !/^\d{4}-\d{2}-\d{2}$/.test(args.published)) {
    process.stderr.write('--published must be YYYY-MM-DD\n');
    return 2;
  }
  let failed = 0;
  for (const file of args.files) {
    const key = basename(file);
    try {
      const bytes = readFileSync(file);
      const now = statSync(file).mtime.toISOString();
      const metadata: { published?: string; sourceUrl?: string; publisher?: string } = {};
      if (args.published) metadata.published = args.published;
      if (args.url) metadata.sourceUrl = args.url;
      if (args.publisher) metadata.publisher = args.publisher;
      const normalized = normalizeArticle({ bytes, key, metadata, uploadedAt: now });
      const event = eventFromArticle(normalized, {
        id: eventIdForKey(key),
        key,
        contentHash: contentHash(bytes),
        now,
        normalizerVersion: NORMALIZER_VERSION,
      });
      process.stdout.write(`${JSON.stringify(event)}\n`);
    } catch (error) {
      failed++;
      const code =
        error instanceof EntenteError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ERROR');
      process.stderr.write(`${JSON.stringify({ file, code, reason: (error as Error).message })}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
