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

  it('carries every name the app accepts, markup-looking ones as plain text', () => {
    const odd = JSON.parse(JSON.stringify(design));
    odd.hosts[0].namespaces[1].name = '$(reboot)';
    odd.hosts[0].devices.find((d: { name: string }) => d.name === 'mac1').name = '<b>&amp;x';
    const r = decodeShare(encodeShare(odd));
    expect(r).toEqual({ ok: true, design: odd });
    const markup = JSON.parse(JSON.stringify(design));
    markup.hosts[0].namespaces[1].name = '<img src=x onerror=alert(1)>';
    expect(decodeShare(encodeShare(markup))).toMatchObject({ ok: true });
  });

  it('refuses names the kernel (and so the app) refuses', () => {
    const slash = JSON.parse(JSON.stringify(design));
    slash.hosts[0].namespaces[1].name = '../etc';
    expect(decodeShare(encodeShare(slash))).toMatchObject({ ok: false, error: expect.stringContaining('"/"') });
    const long = JSON.parse(JSON.stringify(design));
    long.hosts[0].devices.find((d: { name: string }) => d.name === 'mac1').name = 'a-very-long-name0';
    expect(decodeShare(encodeShare(long))).toMatchObject({ ok: false, error: expect.stringContaining('15') });
  });
});
