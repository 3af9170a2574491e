import { createHash } from 'node:crypto';

/** Something kept in a LruByBytes: it says how much memory it takes. */
export interface Sized {
  bytes: number;
}

/**
 * Values by key up to a number of bytes in all; when a new value would pass it, the least recently
 * used go first. A value larger than the whole is not kept.
 */
export class LruByBytes<Value extends Sized> {
  /** A Map keeps its keys in the order they were set: the first is the least recently used. */
  private readonly values = new Map<string, Value>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** The value of a key, which becomes the most recently used. */
  get(key: string): Value | undefined {
    const value = this.values.get(key);
    if (value !== undefined) {
      this.values.delete(key);
      this.values.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.delete(key);
    if (value.bytes > this.maxBytes) return;
    this.values.set(key, value);
    this.used += value.bytes;
    for (const [oldest, old] of this.values) {
      if (this.used <= this.maxBytes) break;
      this.values.delete(oldest);
      this.used -= old.bytes;
    }
  }

  delete(key: string): void {
    const value = this.values.get(key);
    if (value === undefined) return;
    this.values.delete(key);
    this.used -= value.bytes;
  }

  /** How many bytes the values take together. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.values.size;
  }
}

/** What an answer may be cached under: its address (host, path, query) and the encodings the asker accepts, which decide its compression. */
export const answerKey = (url: string, acceptEncoding: string | undefined) => `${url} ${acceptEncoding ?? ''}`;

/**
 * The ETag of the answer at a key under a version of the register on a day (Japan's day: some
 * answers count from today). Another version, day or key gives another tag.
 */
export const answerTag = (version: string, day: string, key: string) =>
  `"${createHash('sha1').update(`${version}\n${day}\n${key}`).digest('base64url').slice(0, 22)}"`;
