import { describe, expect, it } from 'vitest';
import { formatChain } from '../../shared/go/chain';
import { parseGoProxy, type ProxyEntry } from '../../shared/go/goproxy';
import { chainPosition, moveEntry, removeEntry, setFallback } from '../../renderer/pages/Mirrors/chainEdit';

const entries = (value: string): ProxyEntry[] => {
  const parsed = parseGoProxy(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('the GOPROXY chain as an ordered list', () => {
  it('moves an entry with its own separator, and not past either end', () => {
    const chain = entries('https://a.example|https://b.example,direct');
    expect(formatChain(moveEntry(chain, 1, -1))).toBe('https://b.example,https://a.example|direct');
    expect(formatChain(moveEntry(chain, 0, -1))).toBe('https://a.example|https://b.example,direct');
    expect(formatChain(moveEntry(chain, 2, 1))).toBe('https://a.example|https://b.example,direct');
  });

  it('removes an entry and switches what go does when one fails', () => {
    const chain = entries('https://a.example,https://b.example,direct');
    expect(formatChain(removeEntry(chain, 1))).toBe('https://a.example,direct');
    expect(formatChain(setFallback(chain, 0, 'any'))).toBe('https://a.example|https://b.example,direct');
    expect(formatChain(setFallback(chain, 1, 'any'))).toBe('https://a.example,https://b.example|direct');
  });

  it('finds a mirror whatever its trailing slash or case', () => {
    const chain = entries('https://a.example,https://B.example/,direct');
    expect(chainPosition(chain, 'https://b.example')).toBe(1);
    expect(chainPosition(chain, 'https://a.example/')).toBe(0);
    expect(chainPosition(chain, 'https://c.example')).toBe(-1);
  });
});
