import { describe, expect, it } from 'vitest';
import { parseTags } from './tags';

describe('parseTags', () => {
  it('splits on commas, trims and drops empty tags', () => {
    expect(parseTags(' vip ,, trade fair,  ')).toEqual(['vip', 'trade fair']);
  });
});
