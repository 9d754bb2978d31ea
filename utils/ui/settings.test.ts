import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostList } from './settings';

describe('parseHostList', () => {
  it('reads hosts one per line or separated by commas, reducing URLs to hosts', () => {
    expect(parseHostList('admin.ecai.example.jp\nhttps://Lux.Example.jp/admin/x?y=1, lux.example.jp、 *.line.biz\nlocalhost:8080')).toEqual({
      hosts: ['admin.ecai.example.jp', 'lux.example.jp', '*.line.biz', 'localhost:8080'],
      rejected: [],
      problems: [],
    });
  });

  it('never splits an entry with a space into several hosts: it is rejected with the reason', () => {
    const r = parseHostList('https://bad host/\nok.example.jp\nftp://files.example.jp\nbad_host.jp');
    expect(r.hosts).toEqual(['ok.example.jp']);
    expect(r.problems).toEqual([
      { item: 'https://bad host/', reason: 'space' },
      { item: 'ftp://files.example.jp', reason: 'scheme' },
      { item: 'bad_host.jp', reason: 'chars' },
    ]);
  });

  it('rejects what is not a host name', () => {
    expect(parseHostList('a..b\n-x.jp\nhttp://\nok.jp').rejected).toEqual(['a..b', '-x.jp', 'http://']);
  });

  it('never throws and keeps its bounds on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const r = parseHostList(s);
        expect(r.hosts.length).toBeLessThanOrEqual(100);
        for (const h of r.hosts) expect(h.length).toBeLessThanOrEqual(253);
      }),
    );
  });
});
