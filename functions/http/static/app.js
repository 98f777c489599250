// The timeline page. Plain JavaScript, no build step.
// Every piece of article text goes into the page through textContent (never innerHTML),
// and only http(s) links are kept, so a hostile article cannot run script here.

const TYPE_LABELS = {
  meeting: 'Meeting',
  talks: 'Talks',
  agreement: 'Agreement',
  statement: 'Statement',
  proposal: 'Proposal',
  ceasefire: 'Ceasefire',
  military_cooperation: 'Military cooperation',
  sanctions: 'Sanctions',
  invitation: 'Invitation',
  other: 'Other',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FILTERS = ['actor', 'country', 'type'];
const PAGE_SIZE = 100;

const state = { cursor: null, shown: 0, lastMonth: null, lastList: null, loading: false };

/** Creates an element with a class and text (text always through textContent). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function currentFilters() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

function queryString(filters, extra) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && typeof body.message === 'string' ? body.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function formatDate(date) {
  if (!date) return 'Date unknown';
  const [year, month, day] = date.split('-');
  if (!month) return year;
  const name = MONTHS[Number(month) - 1] || month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

function fillSelect(select, items, label) {
  const current = select.value;
  for (const item of items) {
    const option = el('option', null, `${label(item)} (${item.count})`);
    option.value = item.slug;
    select.append(option);
  }
  select.value = current;
}

function setStatus(text, isError) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('error', Boolean(isError));
}

function updateFeedLinks(filters, actorName) {
  const query = queryString(filters);
  for (const format of ['atom', 'rss', 'json']) {
    document.getElementById(`feed-${format}`).href = `/feeds/timeline.${format}${query}`;
  }
  const actorFeed = document.getElementById('actor-feed');
  const link = document.getElementById('actor-feed-link');
  if (filters.actor) {
    link.href = `/feeds/actors/${encodeURIComponent(filters.actor)}.atom`;
    link.textContent = `Everything with ${actorName || filters.actor} (Atom)`;
    actorFeed.hidden = false;
  } else {
    actorFeed.hidden = true;
  }
}

function renderEvent(event) {
  const item = el('li', 'event');
  const article = el('article', `card type-${event.type}`);
  article.id = event.id;
  const headingId = `h-${event.id}`;
  article.setAttribute('aria-labelledby', headingId);

  const meta = el('p', 'meta');
  const time = el('time', 'date', formatDate(event.date));
  if (event.date) time.dateTime = event.date;
  meta.append(time, el('span', 'badge', TYPE_LABELS[event.type] || event.type));
  if (event.location) meta.append(el('span', 'place', event.location));
  article.append(meta);

  const heading = el('h3', 'title', event.title || 'Untitled event');
  heading.id = headingId;
  article.append(heading);

  const people = event.participants || [];
  const countries = event.countries || [];
  const orgs = event.organizations || [];
  if (people.length || countries.length || orgs.length) {
    const facts = el('dl', 'facts');
    const add = (term, values) => {
      if (!values.length) return;
      const wrap = el('div');
      wrap.append(el('dt', null, term), el('dd', null, values.join(', ')));
      facts.append(wrap);
    };
    add('Who', people);
    add('Countries', countries);
    add('Organizations', orgs);
    article.append(facts);
  }

  // A lede that only repeats the headline adds nothing.
  const plain = (text) =>
    (text || '')
      .trim()
      .replace(/[.\s]+$/, '')
      .toLowerCase();
  if (event.summary && plain(event.summary) !== plain(event.title))
    article.append(el('p', 'summary', event.summary));

  const sources = event.sources || [];
  if (sources.length) {
    const list = el('ul', 'sources');
    list.setAttribute('aria-label', 'Sources');
    for (const source of sources) {
      const li = el('li');
      const label = [source.publisher, source.title].filter(Boolean).join(': ') || source.key;
      const href = safeUrl(source.url);
      if (href) {
        const a = el('a', null, label);
        a.href = href;
        a.rel = 'noopener noreferrer nofollow';
        li.append(a);
      } else {
        li.append(el('span', null, label));
      }
      list.append(li);
    }
    const wrap = el('div', 'sources-wrap');
    wrap.append(
      el('span', 'sources-label', sources.length === 1 ? 'Source' : `Sources (${sources.length})`),
      list,
    );
    article.append(wrap);
  }

  item.append(article);
  return item;
}

function renderMonths(months) {
  const timeline = document.getElementById('timeline');
  for (const month of months) {
    if (state.lastMonth !== month.month) {
      const section = el('section', 'month');
      const headingId = `m-${month.month}`;
      section.setAttribute('aria-labelledby', headingId);
      const heading = el('h2', 'month-label', month.label);
      heading.id = headingId;
      const list = el('ol', 'events');
      section.append(heading, list);
      timeline.append(section);
      state.lastMonth = month.month;
      state.lastList = list;
    }
    for (const event of month.events) {
      state.lastList.append(renderEvent(event));
      state.shown += 1;
    }
  }
}

async function loadPage(filters) {
  if (state.loading) return;
  state.loading = true;
  const more = document.getElementById('more');
  more.disabled = true;
  try {
    const extra = { limit: String(PAGE_SIZE) };
    if (state.cursor) extra.cursor = state.cursor;
    const page = await getJson(`/api/timeline${queryString(filters, extra)}`);
    renderMonths(page.months);
    state.cursor = page.nextCursor;
    more.hidden = !state.cursor;
    if (state.shown === 0) setStatus('No events match these filters.');
    else
      setStatus(
        `${state.shown} event${state.shown === 1 ? '' : 's'}${state.cursor ? ' so far' : ''}, newest first.`,
      );
  } catch (error) {
    setStatus(`Could not load the timeline: ${error.message}`, true);
  } finally {
    more.disabled = false;
    state.loading = false;
  }
}

function resetTimeline() {
  document.getElementById('timeline').replaceChildren();
  Object.assign(state, { cursor: null, shown: 0, lastMonth: null, lastList: null });
}

async function start() {
  const form = document.getElementById('filters');
  const selects = {
    actor: document.getElementById('f-actor'),
    country: document.getElementById('f-country'),
    type: document.getElementById('f-type'),
  };
  const filters = currentFilters();
  let actors = [];
  try {
    const [actorList, countryList, typeList] = await Promise.all([
      getJson('/api/actors'),
      getJson('/api/countries'),
      getJson('/api/types'),
    ]);
    actors = actorList.items;
    fillSelect(selects.actor, actorList.items, (i) => i.name);
    fillSelect(selects.country, countryList.items, (i) => i.name);
    fillSelect(selects.type, typeList.items, (i) => TYPE_LABELS[i.slug] || i.name);
  } catch (error) {
    setStatus(`Could not load the filters: ${error.message}`, true);
  }
  for (const name of FILTERS) selects[name].value = filters[name] || '';
  const actorName = (slug) => actors.find((a) => a.slug === slug)?.name;
  updateFeedLinks(filters, actorName(filters.actor));

  // With JavaScript, filters apply as soon as they change; the button stays for keyboards.
  const apply = (event) => {
    if (event) event.preventDefault();
    const next = {};
    for (const name of FILTERS) if (selects[name].value) next[name] = selects[name].value;
    window.history.replaceState(null, '', `/${queryString(next)}`);
    updateFeedLinks(next, actorName(next.actor));
    resetTimeline();
    setStatus('Loading events…');
    loadPage(next);
  };
  form.addEventListener('submit', apply);
  for (const select of Object.values(selects)) select.addEventListener('change', apply);
  document.getElementById('more').addEventListener('click', () => loadPage(currentFilters()));

  await loadPage(filters);
  await showLinkedEvent(window.location.hash.slice(1));
}

/**
 * Feed entries link to `/#<event id>`. When that event is not among those loaded (an older
 * one), it is fetched and shown above the timeline.
 */
async function showLinkedEvent(id) {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return;
  let card = document.getElementById(id);
  if (!card) {
    try {
      const event = await getJson(`/api/events/${encodeURIComponent(id)}`);
      const section = el('section', 'month linked');
      section.setAttribute('aria-label', 'Linked event');
      const list = el('ol', 'events');
      list.append(renderEvent(event));
      section.append(el('h2', 'month-label', 'Linked event'), list);
      document.getElementById('timeline').prepend(section);
      card = document.getElementById(id);
    } catch {
      return;
    }
  }
  if (card) {
    card.classList.add('highlight');
    card.scrollIntoView({ block: 'center' });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
