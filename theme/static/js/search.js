// The search page: runs ?q= through Pagefind's JavaScript API and lists the results.
// Loaded only on /search/, as a module (deferred); every other page works without it.
const root = new URL("../../", import.meta.url); // theme/js/search.js -> site root
const PAGE_SIZE = 10;

const input = document.getElementById("search-page-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const params = new URLSearchParams(window.location.search);
const query = (params.get("q") || "").trim();
const newestFirst = params.get("sort") === "newest";
const nothing = document.getElementById("search-nothing");
const order = document.getElementById("search-order");

// Pagefind gives titles as HTML source (`&amp;`, `&nbsp;`): a <textarea> turns that into
// the plain text a reader expects, without running anything.
function plainText(html) {
  const decoder = document.createElement("textarea");
  decoder.innerHTML = html;
  return decoder.value.replace(/\u00a0/g, " ");
}

// Where the first hit is: in a response (the last #comment-N anchor before it, once past
// the start of #responses), or in the post itself (null).
function responseAnchor(data) {
  const first = Math.min(...data.locations);
  const anchors = data.anchors || [];
  const thread = anchors.find((anchor) => anchor.id === "responses");
  if (!thread || first < thread.location) return null;
  let found = null;
  for (const anchor of anchors) {
    if (anchor.location > first) break;
    if (anchor.id.startsWith("comment-")) found = anchor;
  }
  return found;
}

function linkOrder() {
  const base = new URLSearchParams({ q: query });
  const newest = new URLSearchParams({ q: query, sort: "newest" });
  const relevance = document.getElementById("search-order-relevance");
  const latest = document.getElementById("search-order-newest");
  relevance.href = `?${base}`;
  latest.href = `?${newest}`;
  (newestFirst ? latest : relevance).setAttribute("aria-current", "true");
  order.hidden = false;
}

// Pagefind's excerpts are text with <mark> around the hits: keep exactly that, nothing else.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return Array.from(template.content.childNodes, (node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function renderResult(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  const anchor = responseAnchor(data);
  link.href = anchor ? `${data.url}#${anchor.id}` : data.url;
  link.textContent = plainText(data.meta.title || data.url);
  heading.append(link);
  item.append(heading);
  if (anchor) {
    const where = document.createElement("p");
    where.className = "search-where";
    where.textContent = "Found in a response";
    item.append(where);
  }
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "post-meta";
    date.textContent = `Posted ${data.meta.date}`;
    item.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

async function main() {
  if (input) input.value = query;
  if (!query) {
    status.textContent = "Type a word or phrase to search every post and response.";
    return;
  }
  document.title = `“${query}”: ${document.title}`;
  status.textContent = "Searching…";
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
  } catch (error) {
    status.textContent = "Search is not available right now; please try the archives.";
    console.error(error);
    return;
  }
  const search = await pagefind.search(query, newestFirst ? { sort: { date: "desc" } } : {});
  const total = search.results.length;
  const quoted = `“${query}”`;
  if (total === 0) {
    status.textContent = `No posts match ${quoted}.`;
    nothing.hidden = false;
    return;
  }
  linkOrder();
  status.textContent = `${total} ${total === 1 ? "post matches" : "posts match"} ${quoted}.`;
  let shown = 0;
  async function showMore() {
    const batch = search.results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    const items = data.map(renderResult);
    list.append(...items);
    if (shown > 0 && items.length) items[0].querySelector("a").focus();
    shown += batch.length;
    more.hidden = shown >= total;
  }
  more.addEventListener("click", showMore);
  await showMore();
}

main();
