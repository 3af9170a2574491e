import { describe, expect, it } from 'vitest';
import { inlineSvgsOf, xmlError } from './xml.js';

describe('the XML check of the tests', () => {
  it('accepts well-formed XML and names what is wrong in the rest', () => {
    expect(xmlError('<svg xmlns="http://www.w3.org/2000/svg"><g data-x=""/></svg>')).toBeNull();
    expect(xmlError('<svg><g data-map-countries fill="red"/></svg>')).toMatch(/attribute/i);
    expect(xmlError('<svg><g></svg>')).not.toBeNull();
  });

  it('finds the SVG elements inline in a page', () => {
    expect(inlineSvgsOf('<p>a</p><svg viewBox="0 0 1 1"><g/></svg><svg><path/></svg>')).toEqual(['<svg viewBox="0 0 1 1"><g/></svg>', '<svg><path/></svg>']);
  });
});
