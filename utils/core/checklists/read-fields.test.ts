import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { READ_LIMITS, readFields, readPage } from './read-fields';
import { labelMatches, normaliseLabel, onOffWord } from './normalise';

const one = (html: string, label: string) => readFields(html).find((f) => f.key === normaliseLabel(label));

describe('normaliseLabel', () => {
  it.each([
    ['⑥Channel Id', 'channelid'],
    ['⑥ Channel ID', 'channelid'],
    ['（1）LINEアカウント名', 'lineアカウント名'],
    ['【5】リンクされたLINE公式アカウント', 'リンクされたline公式アカウント'],
    ['➂ 設定', '設定'],
    ['ＬＩＮＥログイン用　Ｃｈａｎｎｅｌ　Ｉｄ', 'lineログイン用channelid'],
    ['友達追加URL *', '友だち追加url'],
    ['LINEログインチャンネル', 'lineログインチャネル'],
    ['APIトークン：', 'apiトークン'],
    ['「チャット」', 'チャット'],
    ['メールアドレス ※必須', 'メールアドレス'],
  ])('%s → %s', (a, b) => {
    expect(normaliseLabel(a)).toBe(b);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseLabel(normaliseLabel(s)) === normaliseLabel(s)));
  });

  it('matches a synonym with a parenthesised hint, never a longer label', () => {
    expect(labelMatches(normaliseLabel('⑥Channel Id（半角数字10桁）'), ['Channel Id'])).toBe(true);
    expect(labelMatches(normaliseLabel('⑧LINEログイン用 Channel Id'), ['Channel Id'])).toBe(false);
    expect(labelMatches(normaliseLabel('Webhook URL'), ['Webhook'])).toBe(false);
  });

  it('knows on/off words', () => {
    expect(onOffWord('オン')).toBe(true);
    expect(onOffWord('ＯＦＦ')).toBe(false);
    expect(onOffWord('有効')).toBe(true);
    expect(onOffWord('無効')).toBe(false);
    expect(onOffWord('Bot')).toBeUndefined();
  });
});

describe('readFields: label association', () => {
  it('label[for]', () => {
    expect(one('<label for=a>④LINEアカウント名</label><input id=a value="A">', 'LINEアカウント名')).toMatchObject({ value: 'A', via: 'label-for', control: 'text' });
  });
  it('wrapping label, without the control text', () => {
    expect(one('<label>⑤友だち追加URL <input value="https://lin.ee/x"></label>', '友だち追加URL')).toMatchObject({ value: 'https://lin.ee/x', via: 'label-wrap' });
  });
  it('aria-label and aria-labelledby (several ids)', () => {
    expect(one('<input aria-label="Channel Id" value="1">', 'Channel Id')).toMatchObject({ via: 'aria-label', value: '1' });
    expect(one('<span id=a>LINEログイン用</span><span id=b>Channel Id</span><input aria-labelledby="a b" value="2">', 'LINEログイン用 Channel Id')).toMatchObject({ via: 'aria-labelledby', value: '2' });
  });
  it('table row: label cell → value cell (control and static)', () => {
    const html = '<table><tr><th>Channel Id</th><td><input value="1"></td></tr><tr><td>Webhook URL</td><td>https://x.example/h</td></tr></table>';
    expect(one(html, 'Channel Id')).toMatchObject({ via: 'table', control: 'text', value: '1' });
    expect(one(html, 'Webhook URL')).toMatchObject({ via: 'table', control: 'static', value: 'https://x.example/h' });
  });
  it('definition list', () => {
    expect(one('<dl><dt>Channel ID</dt><dd>1656012345</dd></dl>', 'Channel ID')).toMatchObject({ via: 'dl', value: '1656012345' });
    expect(one('<dl><dt>Channel ID</dt><dd><input value="9"></dd></dl>', 'Channel ID')).toMatchObject({ via: 'dl', control: 'text', value: '9' });
  });
  it('plain text label followed by the value, and "label：value"', () => {
    expect(one('<div><div>Channel secret</div><div>abc</div></div>', 'Channel secret')).toMatchObject({ via: 'text', value: 'abc' });
    expect(one('<p>Channel ID：1656012345</p>', 'Channel ID')).toMatchObject({ value: '1656012345' });
    expect(one('<div><span>⑧LINEログイン用 Channel Id</span><input value="3"></div>', 'LINEログイン用 Channel Id')).toMatchObject({ via: 'text', value: '3' });
    expect(one('<p>URL: https://a.example/x</p>', 'URL')).toMatchObject({ value: 'https://a.example/x' });
  });
  it('select: the selected option (first when none is marked)', () => {
    expect(one('<label>プラン<select><option>A</option><option selected>B</option></select></label>', 'プラン')).toMatchObject({ control: 'select', value: 'B' });
    expect(one('<label>プラン<select><option>A</option><option>B</option></select></label>', 'プラン')).toMatchObject({ value: 'A' });
  });
  it('textarea and password', () => {
    expect(one('<label>本文<textarea>こんにちは</textarea></label>', '本文')).toMatchObject({ control: 'textarea', value: 'こんにちは' });
    expect(one('<label>APIトークン<input type=password value="s"></label>', 'APIトークン')).toMatchObject({ control: 'password', value: 's' });
  });
  it('hidden inputs and hidden parts are not fields', () => {
    expect(one('<label>Channel Id<input type=hidden value=1></label>', 'Channel Id')).toBeUndefined();
    expect(one('<div hidden><label for=a>Channel Id</label><input id=a value=1></div>', 'Channel Id')).toBeUndefined();
  });
  it('never by class names', () => {
    expect(readFields('<div class="channel-id"><input value="1"></div>')).toEqual([]);
  });
  it('sections: enclosing headings, fieldsets and labelled sections', () => {
    const f = readFields('<h2>Chatwork連携</h2><h3>詳細</h3><label>APIトークン<input value=a></label><h2>Zendesk連携</h2><label>APIトークン<input value=b></label>');
    expect(f.map((x) => [x.value, x.sections])).toEqual([
      ['a', ['Chatwork連携', '詳細']],
      ['b', ['Zendesk連携']],
    ]);
    expect(readFields('<section aria-label="Zendesk"><label>APIトークン<input value=c></label></section>')[0].sections).toEqual(['Zendesk']);
  });
});

describe('readFields: toggles', () => {
  it('checkbox labelled by its own label, or by its row when the label is オン', () => {
    expect(one('<label><input type=checkbox checked>Webhook</label>', 'Webhook')).toMatchObject({ control: 'checkbox', on: true });
    expect(one('<table><tr><th>Webhook</th><td><label><input type=checkbox>オン</label></td></tr></table>', 'Webhook')).toMatchObject({ on: false, via: 'table' });
  });
  it('radio オン/オフ pairs: in a row, a fieldset, a radiogroup', () => {
    expect(one('<table><tr><th>チャット</th><td><label><input type=radio name=c checked>オン</label><label><input type=radio name=c>オフ</label></td></tr></table>', 'チャット')).toMatchObject({ control: 'radio', on: true, value: 'オン' });
    expect(one('<fieldset><legend>チャット</legend><input type=radio name=c id=a><label for=a>オン</label><input type=radio name=c id=b checked><label for=b>オフ</label></fieldset>', 'チャット')).toMatchObject({ on: false, via: 'fieldset' });
    expect(one('<div role=radiogroup aria-label="チャット"><div role=radio aria-checked=true>ON</div><div role=radio aria-checked=false>OFF</div></div>', 'チャット')).toMatchObject({ on: true });
    const none = one('<p>チャット</p><div><input type=radio name=c>オン<input type=radio name=c>オフ</div>', 'チャット');
    expect(none).toMatchObject({ value: '' });
    expect(none!.on).toBeUndefined();
  });
  it('role=switch with aria-checked', () => {
    expect(one('<div role=switch aria-checked=true aria-label="Webhook"></div>', 'Webhook')).toMatchObject({ control: 'switch', on: true });
    expect(one('<div><span>チャット</span><button role=switch aria-checked=false>オフ</button></div>', 'チャット')).toMatchObject({ on: false });
  });
  it('aria-pressed: one button per setting, or an オン/オフ pair', () => {
    expect(one('<button aria-pressed=true>応答時間</button>', '応答時間')).toMatchObject({ control: 'pressed', on: true });
    expect(one('<p>応答メッセージ</p><div><button aria-pressed=true>オン</button><button aria-pressed=false>オフ</button></div>', '応答メッセージ')).toMatchObject({ on: true, value: 'オン' });
  });
  it('static オン/オフ text counts as a state', () => {
    expect(one('<dl><dt>Webhook</dt><dd>オフ</dd></dl>', 'Webhook')).toMatchObject({ control: 'static', on: false });
  });
  it('a checkbox group gives one field with its options', () => {
    const f = readFields('<fieldset><legend>通知先</legend><label><input type=checkbox name=d checked>LINE</label><label><input type=checkbox name=d>チャットワーク</label></fieldset>').find((x) => x.key === '通知先')!;
    expect(f.options!.map((o) => [o.label, o.selected])).toEqual([
      ['LINE', true],
      ['チャットワーク', false],
    ]);
  });
});

describe('readPage: tables, text and bounds', () => {
  it('reads tables with their headers', () => {
    const p = readPage('<table><thead><tr><th>LINEアカウント名</th><th>操作</th></tr></thead><tbody><tr><td>A</td><td>編集</td></tr></tbody></table>');
    expect(p.tables[0]).toMatchObject({ headers: ['LINEアカウント名', '操作'], rows: [['A', '編集']] });
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const p = readPage(s);
        return Array.isArray(p.fields) && typeof p.text === 'string';
      }),
      { numRuns: 300 },
    );
  });
  it('never throws on random tag soup made of our markup', () => {
    const piece = fc.constantFrom('<table>', '<tr>', '<td>', '<th>', '</td>', '<label for=a>', '</label>', '<input id=a value=1>', '<dl>', '<dt>', '<dd>', '<fieldset>', '<legend>', 'チャット', 'オン', '<input type=radio name=r checked>', '<div role=switch aria-checked=true>', '</div>', '<select>', '<option selected>', '<h2>', '</h2>', 'Channel Id', '<button aria-pressed=true>', '</button>', '<!--', '-->', '<script>', '</script>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
        const p = readPage(parts.join(''));
        return p.fields.every((f) => typeof f.key === 'string' && f.value.length <= READ_LIMITS.valueChars);
      }),
      { numRuns: 300 },
    );
  });
  it('handles hostile nesting depth: bounded, no recursion, reported truncated', () => {
    const depth = 200_000;
    const html = `${'<div>'.repeat(depth)}<label>Channel Id<input value=1></label>${'</div>'.repeat(depth)}`;
    // no clock: a runaway parse is caught by the test's timeout (a loaded machine must not fail it)
    const p = readPage(html);
    expect(p.truncated).toBe(true);
  });
  it('reads fields inside deep but plausible nesting', () => {
    const depth = 1_000;
    const p = readPage(`${'<div><span>'.repeat(depth / 2)}<label>Channel Id<input value=1></label>${'</span></div>'.repeat(depth / 2)}`);
    expect(p.fields.find((f) => f.key === 'channelid')?.value).toBe('1');
    expect(p.truncated).toBe(false);
  });
  it('unclosed optional-end tags do not count as nesting', () => {
    const p = readPage(`<ul>${'<li>x'.repeat(5_000)}</ul><label>Channel Id<input value=2></label>`);
    expect(p.fields.find((f) => f.key === 'channelid')?.value).toBe('2');
  });
  it('bounds the input size and the number of fields', () => {
    const row = '<tr><th>項目</th><td>値</td></tr>';
    const p = readPage(`<table>${row.repeat(READ_LIMITS.fields + 50)}</table>`);
    expect(p.fields.length).toBeLessThanOrEqual(READ_LIMITS.fields);
    expect(p.truncated).toBe(true);
    const huge = readPage('<p>' + 'あ'.repeat(READ_LIMITS.htmlChars + 10) + '</p>');
    expect(huge.truncated).toBe(true);
  });
  it('many controls and radios: bounded, reported truncated', () => {
    const p = readPage(`<form>${'<div><span>項目</span><input value=1></div>'.repeat(20_000)}${'<input type=radio name=r>'.repeat(20_000)}</form>`);
    expect(p.truncated).toBe(true);
  });
  it('bounds a value', () => {
    const f = readFields(`<label>本文<textarea>${'x'.repeat(READ_LIMITS.valueChars * 3)}</textarea></label>`)[0];
    expect(f.value.length).toBeLessThanOrEqual(READ_LIMITS.valueChars);
  });
  it('binary junk is just text', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65535)).join('');
    expect(() => readPage(junk)).not.toThrow();
  });
});
