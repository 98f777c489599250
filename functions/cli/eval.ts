/**
 * `npm run eval -- ARTICLES_DIR GOLD_DIR [--json] [--misses] [--only odd|even]`: normalizes
 * every article that has a gold label and prints per-field scores. `--only` keeps the
 * articles whose `NNN_` number is odd or even, so one half can be tuned on and the other
 * kept for checking. No publication date or upload time is
 * passed in: the text is all the normalizer gets, as for a file dropped with no metadata.
 */
import { formatReport, type Subset } from '../core/eval/score.js';
import { scoreDirectory } from './score-directory.js';

const USAGE = 'usage: npm run eval -- ARTICLES_DIR GOLD_DIR [--json] [--misses] [--only odd|even]\n';

function main(argv: string[]): number {
  const flags = new Set<string>();
  const positional: string[] = [];
  let subset: Subset = 'all';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (value !== 'odd' && value !== 'even' && value !== 'all') {
        process.stderr.write(`--only takes odd, even or all, not ${JSON.stringify(value ?? '')}\n${USAGE}`);
        return 2;
      }
      subset = value;
    } else if (a.startsWith('--')) flags.add(a);
    else positional.push(a);
  }
  const [articlesDir, goldDir] = positional;
  if (!articlesDir || !goldDir) {
    process.stderr.write(USAGE);
    return 2;
  }
  const report = scoreDirectory(articlesDir, goldDir, subset, (name, message) =>
    process.stderr.write(`${name}: ${message}\n`),
  );
  if (flags.has('--json')) {
    const { misses: _misses, ...scores } = report;
    process.stdout.write(`${JSON.stringify(flags.has('--misses') ? report : scores, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(report)}\n`);
    if (flags.has('--misses')) {
      for (const m of report.misses)
        process.stdout.write(
          `${m.article}  ${m.field}: gold ${JSON.stringify(m.gold)} got ${JSON.stringify(m.got)}\n`,
        );
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
