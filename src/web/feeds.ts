import { Feed } from 'feed';
import { localePath, t, type Lang } from '../i18n/index.js';
import type { NewsItem } from '../services/news.js';

/** How many items a feed carries: the latest. */
export const FEED_ITEMS = 50;

/** Text made safe inside HTML: the feed's titles and contents are HTML. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as HTML paragraphs: blank lines part paragraphs, single line breaks stay. */
export const paragraphsHtml = (text: string) =>
  text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** A text in the reader's language, else in the other, with the language it is in. */
export function preferred(lang: Lang, text: { en: string; ja: string }): { text: string; lang: Lang } {
  const other: Lang = lang === 'en' ? 'ja' : 'en';
  return text[lang] ? { text: text[lang], lang } : { text: text[other], lang: other };
}

/**
 * News as an Atom 1.0 feed in a language (each item in that language where written, else in the
 * other), made by the feed library. `origin` is the site's address; `pagePath` and `feedPath` are
 * the page the feed belongs to and the feed itself, without the language prefix.
 */
export function newsAtom(lang: Lang, origin: string, title: string, pagePath: string, feedPath: string, items: NewsItem[]): Response {
  const page = origin + localePath(lang, pagePath);
  const feed = new Feed({
    id: origin + localePath(lang, feedPath),
    title: `${title} | ${t(lang, 'site.name')}`,
    link: page,
    feed: origin + localePath(lang, feedPath),
    language: lang,
    updated: items[0] ? new Date(items[0].updatedAt) : new Date(0),
    author: { name: t(lang, 'site.name'), link: `${origin}${localePath(lang, '/')}` },
    copyright: t(lang, 'news.feed.rights'),
    generator: false,
  });
  for (const item of items) {
    const link = origin + localePath(lang, item.url);
    feed.addItem({
      title: escapeHtml(preferred(lang, item.title).text),
      link,
      date: new Date(item.updatedAt),
      published: new Date(item.publishedAt),
      content: paragraphsHtml(preferred(lang, item.body).text),
    });
  }
  return new Response(feed.atom1(), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}
