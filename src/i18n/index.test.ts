import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ja } from './ja.js';
import { formatList, formatNumber, formatPercent, formatPreciseDate, localePath, pathWithoutLocale, t, tCount } from './index.js';
import { EVERY_AUDIT_ACTION } from '../services/audit.js';

describe('message catalogues', () => {
  it('have the same keys and no empty message', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(en), ...Object.values(ja)]) expect(value.trim()).not.toBe('');
  });

  it('keep the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(t('en', 'lg.partners', { count: 3 })).toBe('Partners (3)');
    expect(t('ja', 'lg.partners', { count: 3 })).toBe('提携先（3）');
  });

  it('show a key that names no message as itself, even a name every object carries', () => {
    for (const key of ['kind.unknown', 'constructor', '__proto__', 'toString']) expect(t('en', key as never), key).toBe(key);
  });
});

describe('counted messages', () => {
  it('choose the form of a count by the language’s plural rules, writing the count for the language', () => {
    expect(tCount('en', 'stats.sources.undated', 1)).toBe('1 has no recorded date');
    expect(tCount('en', 'stats.sources.undated', 1066)).toBe('1,066 have no recorded date');
    expect(tCount('en', 'stats.sources.undated', 0)).toBe('0 have no recorded date');
    expect(tCount('ja', 'stats.sources.undated', 1)).toBe('うち1件は提携日の記録がありません');
    expect(tCount('en', 'stats.sources.pairs', 3, { source: 'twin_cities.csv' })).toBe('3 from the pairs file twin_cities.csv');
  });

  it('have both forms in both catalogues', () => {
    for (const key of Object.keys(en).filter((name) => name.endsWith('.one'))) expect(en, key).toHaveProperty([key.replace(/\.one$/, '.other')]);
  });

  it('write every count followed by a noun in the forms of a count, so that none reads "1 introductions"', () => {
    // Limits (at most {max} characters) and counts that are never one are written once.
    const alwaysMany = new Set(['listingForm.limit']);
    const countBeforeNoun = /\{(count|days|minutes|years|n)\} (more )?(?!has\b)[a-z]+s\b/;
    const uncounted = Object.entries(en).filter(([key, text]) => countBeforeNoun.test(text) && !key.endsWith('.other') && !alwaysMany.has(key));
    expect(uncounted).toEqual([]);
  });

  it('say "1 introduction is waiting" and "2 introductions are waiting", and one form in Japanese', () => {
    expect(tCount('en', 'introductions.notice.waiting', 1)).toBe('1 introduction is waiting for a coordinator.');
    expect(tCount('en', 'introductions.notice.waiting', 2)).toBe('2 introductions are waiting for a coordinator.');
    expect(tCount('en', 'listingForm.problems', 1)).toBe('The listing was not saved: 1 field needs attention.');
    expect(tCount('en', 'lists.count', 1234)).toBe('1,234 relationships');
    expect(tCount('ja', 'introductions.notice.waiting', 1)).toBe('コーディネーターの確認を待つ紹介が1件あります。');
  });

  it('join lists as each language does', () => {
    expect(formatList('en', ['a', 'b', 'c'])).toBe('a, b and c');
    expect(formatList('ja', ['a', 'b', 'c'])).toBe('a、b、c');
  });
});

describe('addresses', () => {
  it('put Japanese pages under /ja', () => {
    expect(localePath('en', '/prefectures')).toBe('/prefectures');
    expect(localePath('ja', '/prefectures')).toBe('/ja/prefectures');
    expect(localePath('ja', '/')).toBe('/ja');
    expect(pathWithoutLocale('/ja/lg/1-x')).toBe('/lg/1-x');
    expect(pathWithoutLocale('/ja')).toBe('/');
    expect(pathWithoutLocale('/japan')).toBe('/japan');
  });
});

describe('formats', () => {
  it('writes numbers, shares and dates for each language', () => {
    expect(formatNumber('en', 25917)).toBe('25,917');
    expect(formatNumber('ja', 25917)).toBe('25,917');
    expect(formatPercent('en', 0.717)).toBe('71.7%');
    expect(formatPreciseDate('en', '1955-12-01', 'month')).toBe('December 1955');
    expect(formatPreciseDate('ja', '1955-12-01', 'month')).toBe('1955年12月');
    expect(formatPreciseDate('ja', '1997-04-15', 'day')).toBe('1997年4月15日');
    expect(formatPreciseDate('en', '1993-01-01', 'year')).toBe('1993');
  });
});

describe('the messages of introductions', () => {
  it('name every problem, status, step, kind of message and formation step, in both languages', async () => {
    const { PROBLEM_CODES, INTRODUCTION_STATUSES, INTRODUCTION_STEP_NAMES, FORMATION_STEPS } = await import('../domain/introductions.js');
    const keys = [
      ...PROBLEM_CODES.map((code) => `introductions.problem.${code}`),
      ...INTRODUCTION_STATUSES.map((status) => `introductions.status.${status}`),
      ...INTRODUCTION_STEP_NAMES.flatMap((step) => [`introductions.step.${step}`, `introductions.kind.${step}`]),
      'introductions.kind.interest',
      ...FORMATION_STEPS.map((step) => `tracker.step.${step}`),
      ...['interest', 'answer', 'forward', 'askMore', 'decline', 'accept'].flatMap((event) => [`introductions.mail.${event}.subject`, `introductions.mail.${event}.text`]),
    ];
    for (const key of keys) {
      expect(en, key).toHaveProperty([key]);
      expect(ja, key).toHaveProperty([key]);
    }
  });
});

describe('the audit log’s words', () => {
  it('name every action the services write, in both languages', () => {
    for (const action of EVERY_AUDIT_ACTION) {
      expect(en, action).toHaveProperty([`accounts.audit.do.${action}`]);
      expect(ja, action).toHaveProperty([`accounts.audit.do.${action}`]);
    }
  });
});
