import { describe, expect, it } from 'vitest';
import { identTokens as tokens } from '../../renderer/lib/identTokens';

describe('Ident tokens: where an identifier may break', () => {
  it.each([
    ['GOPRIVATE', ['GOPRIVATE']],
    ['https://goproxy.cn,direct', ['https://goproxy.cn,', 'direct']],
    [
      'https://goproxy.cn|https://proxy.golang.org,off',
      ['https://goproxy.cn|', 'https://proxy.golang.org,', 'off'],
    ],
    ['git.corp.example/*,github.com/a-b/*', ['git.corp.example/*,', 'github.com/a-b/*']],
    ['https://a.example: 0/2 answered', ['https://a.example: ', '0/2 ', 'answered']],
    ['/home/me/.config/go/env', ['/home/me/.config/go/env']],
  ])('%s → %j', (value, expected) => {
    expect(tokens(value)).toEqual(expected);
    // Nothing is lost: the pieces put together are the value.
    expect(tokens(value).join('')).toBe(value);
  });
});
