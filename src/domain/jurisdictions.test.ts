import { describe, expect, it } from 'vitest';
import { memberCode, memberCovers, parseMemberCode } from './jurisdictions.js';

describe('parseMemberCode', () => {
  it('reads countries, regions, counties and single LGs as coordinators type them', () => {
    expect(parseMemberCode('us')).toEqual({ kind: 'country', country: 'US' });
    expect(parseMemberCode(' US-ca ')).toEqual({ kind: 'region', country: 'US', admin1: 'CA' });
    expect(parseMemberCode('US-CA-085')).toEqual({ kind: 'county', country: 'US', admin1: 'CA', admin2: '085' });
    expect(parseMemberCode('ＵＳ－ＣＡ')).toEqual({ kind: 'region', country: 'US', admin1: 'CA' });
    expect(parseMemberCode('lg:123')).toEqual({ kind: 'lg', localGovernmentId: 123 });
    expect(parseMemberCode('/ja/lg/123-san-jose')).toEqual({ kind: 'lg', localGovernmentId: 123 });
  });

  it('writes a Japanese prefecture by its two-digit number', () => {
    expect(parseMemberCode('JP-1')).toEqual({ kind: 'region', country: 'JP', admin1: '01' });
    expect(memberCode({ kind: 'region', country: 'JP', admin1: '13' })).toBe('JP-13');
  });

  it('refuses what is no code', () => {
    for (const typed of ['', 'USA-CA', 'California', 'US-CA-085-1', 'lg:', 'lg:abc', 'US/CA']) expect(parseMemberCode(typed), typed).toBe('member-unreadable');
  });
});

describe('memberCovers', () => {
  it('says a country takes in its regions and counties, a region its counties, and nothing takes in an LG', () => {
    const country = { kind: 'country', country: 'US' } as const;
    const region = { kind: 'region', country: 'US', admin1: 'CA' } as const;
    const county = { kind: 'county', country: 'US', admin1: 'CA', admin2: '085' } as const;
    expect(memberCovers(country, region)).toBe(true);
    expect(memberCovers(country, county)).toBe(true);
    expect(memberCovers(region, county)).toBe(true);
    expect(memberCovers(region, { ...county, admin1: 'OR' })).toBe(false);
    expect(memberCovers({ kind: 'country', country: 'CA' }, region)).toBe(false);
    expect(memberCovers(county, region)).toBe(false);
    expect(memberCovers(country, { kind: 'lg', localGovernmentId: 1 })).toBe(false);
  });
});
