import { SaxesParser, type SaxesTagNS } from 'saxes';

const ATOM = 'http://www.w3.org/2005/Atom';

/** An element of a parsed document: its name in the Atom namespace (or null outside it), attributes, children and text. */
interface Element {
  name: string | null;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** An Atom entry as a reader sees it. */
export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  published: string | null;
  content: string;
  contentType: string | null;
}

/** An Atom feed as a reader sees it. */
export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  language: string | null;
  links: { rel: string; href: string }[];
  author: string | null;
  entries: AtomEntry[];
}

/**
 * Parses an Atom 1.0 document with a strict, namespace-aware XML parser (saxes), failing on any
 * well-formedness error or when the root is not an Atom feed, and reads what a feed reader reads.
 */
export function parseAtom(text: string): AtomFeed {
  const parser = new SaxesParser({ xmlns: true });
  const root: Element = { name: null, attributes: {}, children: [], text: '' };
  const open: Element[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const element: Element = {
      name: tag.uri === ATOM ? tag.local : null,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.local, attribute.value])),
      children: [],
      text: '',
    };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on('text', (value) => (open.at(-1)!.text += value));
  parser.on('cdata', (value) => (open.at(-1)!.text += value));
  parser.on('closetag', () => open.pop());
  parser.write(text).close();
  const feed = root.children[0];
  if (!feed || feed.name !== 'feed') throw new Error('The document is not an Atom feed: its root is not {http://www.w3.org/2005/Atom}feed');
  const child = (element: Element, name: string) => element.children.find((candidate) => candidate.name === name);
  const required = (element: Element, name: string) => {
    const found = child(element, name);
    if (!found) throw new Error(`An Atom ${element.name} has no ${name}`);
    return found.text.trim();
  };
  return {
    id: required(feed, 'id'),
    title: required(feed, 'title'),
    updated: required(feed, 'updated'),
    language: feed.attributes.lang ?? null,
    links: feed.children.filter((element) => element.name === 'link').map((element) => ({ rel: element.attributes.rel ?? 'alternate', href: element.attributes.href ?? '' })),
    author: child(feed, 'author') ? required(child(feed, 'author')!, 'name') : null,
    entries: feed.children
      .filter((element) => element.name === 'entry')
      .map((entry) => ({
        id: required(entry, 'id'),
        title: required(entry, 'title'),
        link: entry.children.find((element) => element.name === 'link')?.attributes.href ?? '',
        updated: required(entry, 'updated'),
        published: child(entry, 'published')?.text.trim() ?? null,
        content: child(entry, 'content')?.text ?? '',
        contentType: child(entry, 'content')?.attributes.type ?? null,
      })),
  };
}
