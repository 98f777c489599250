import { readdirSync, readFileSync } from 'node:fs';
import { normalizeArticle } from './functions/core/normalize.js';
const dir = 'tests/eval/dev/';
for (const f of readdirSync(dir + 'gold').sort()) {
  const g = JSON.parse(readFileSync(dir + 'gold/' + f, 'utf8'));
  const name = f.replace('.json', '.txt');
  const r = normalizeArticle({ bytes: readFileSync(dir + 'articles/' + name), key: name, metadata: {}, uploadedAt: '' });
  const ev = r.reading.evidence.date;
  const fallback = r.reading.date && r.reading.date === r.article.published && ev && ev.length < 60 ? 'FALLBACK' : '';
  if (process.argv[2] === 'all' || fallback || g.event.date !== r.reading.date)
    console.log(name.slice(0, 40), 'gold', g.event.date, 'got', r.reading.date, fallback, 'pub', r.article.published, '|', (ev ?? '').slice(0, 150), '\n   LEDE:', r.article.summary.slice(0, 250));
}
