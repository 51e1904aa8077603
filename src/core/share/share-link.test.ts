import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { importScript } from '../iproute2/import/index';
import { decodeShare, encodeShare, MAX_SHARE_PAYLOAD, payloadOfHash, shareHash } from './share-link';

const script = `# phys: eth0 192.168.0.171/24
ip link add link eth0 name mac1 type macvlan mode bridge
ip netns add ns1
ip link set mac1 netns ns1
`;

describe('share links', () => {
  const design = importScript(script).design;

  it('round-trips a design through the hash', () => {
    const payload = payloadOfHash(shareHash(design));
    const back = decodeShare(payload!);
    expect(back).toEqual({ ok: true, design: JSON.parse(JSON.stringify(design)) });
  });

  it('finds the payload among other hash parameters', () => {
    expect(payloadOfHash('#x=1&d=abc')).toBe('abc');
    expect(payloadOfHash('#nothing')).toBeUndefined();
  });

  it('refuses garbage', () => {
    const r = decodeShare('%%%<script>');
    expect(r.ok).toBe(false);
    expect(decodeShare('AAAAAAAAAAAAAAAA').ok).toBe(false);
  });

  it('refuses a payload over the size limit before decompressing it', () => {
    const r = decodeShare('A'.repeat(MAX_SHARE_PAYLOAD + 1));
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('too long') });
  });

  it('refuses JSON that is not a design', () => {
    const r = decodeShare(compressToEncodedURIComponent('{"hello":1}'));
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('not a vnetlab design') });
  });

  it('refuses markup in names', () => {
    const hostile = JSON.parse(JSON.stringify(design));
    hostile.hosts[0].namespaces[1].name = '<img src=x onerror=alert(1)>';
    const r = decodeShare(encodeShare(hostile));
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('namespace name') });
  });
});
