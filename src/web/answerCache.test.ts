import { describe, expect, it } from 'vitest';
import { answerKey, answerTag, LruByBytes } from './answerCache.js';

const sized = (bytes: number) => ({ bytes });

describe('LruByBytes', () => {
  it('keeps values up to its bytes, giving up the least recently used first', () => {
    const cache = new LruByBytes<{ bytes: number }>(100);
    cache.set('a', sized(40));
    cache.set('b', sized(40));
    cache.get('a');
    cache.set('c', sized(40));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(cache.bytes).toBe(80);
  });

  it('counts a value set again once, and keeps nothing larger than the whole', () => {
    const cache = new LruByBytes<{ bytes: number }>(100);
    cache.set('a', sized(60));
    cache.set('a', sized(30));
    expect(cache.bytes).toBe(30);
    cache.set('b', sized(101));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set('a', sized(101));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});

describe('answerTag', () => {
  it('differs for another version, day, address or encoding, and is a quoted strong ETag', () => {
    const key = answerKey('http://localhost/statistics', 'gzip');
    const tags = [
      answerTag('7', '2026-05-01', key),
      answerTag('8', '2026-05-01', key),
      answerTag('7', '2026-05-02', key),
      answerTag('7', '2026-05-01', answerKey('http://localhost/ja/statistics', 'gzip')),
      answerTag('7', '2026-05-01', answerKey('http://localhost/statistics', undefined)),
    ];
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags[0]).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(answerTag('7', '2026-05-01', key)).toBe(tags[0]);
  });
});
