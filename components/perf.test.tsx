// @vitest-environment happy-dom
/**
 * A filter keystroke on a 10 000-request session: the index is built once per capture, a
 * keystroke filters it and the virtual list renders only the rows in view. What the user sees is
 * tested here; how fast it is (the 50 ms budget per keystroke) is measured by `npm run bench:panel`
 * (the filter path, and the keystroke → repaint time in Chromium), never asserted in a test.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { bigSession, KEYSTROKES } from '@/utils/ui/bench-data';
import { buildFilterIndex, buildNetworkRows, filterIndex, networkRowText } from '@/utils/ui/view-model';
import { I18nProvider } from './i18n-context';
import { NetworkView } from './NetworkView';

// happy-dom has no layout: give the list a panel-sized viewport and rows their estimated height,
// as a browser would, so the virtualizer renders what it would render there
const proto = HTMLElement.prototype;
const real = {
  clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight') ?? Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
};
beforeAll(() => {
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('virtual') ? 600 : 0;
    },
  });
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'listitem' ? 56 : 0;
    },
  });
});
afterAll(() => {
  delete (proto as { clientHeight?: number }).clientHeight;
  if (real.offsetHeight) Object.defineProperty(proto, 'offsetHeight', real.offsetHeight);
});
afterEach(cleanup);

function Harness({ rows }: { rows: ReturnType<typeof buildNetworkRows> }) {
  const [filter, setFilter] = useState('');
  return <NetworkView rows={rows} filter={filter} onFilter={setFilter} />;
}

it('filters the Network list per keystroke with 10 000 requests, rendering only the rows in view', () => {
  const rows = buildNetworkRows(bigSession(10_000), undefined);
  const { container } = render(
    <I18nProvider lang="ja">
      <Harness rows={rows} />
    </I18nProvider>,
  );
  // virtualized: only a window of rows is in the DOM
  const inDom = container.querySelectorAll('[data-request-kind]').length;
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(100);
  const input = screen.getByLabelText('通信を絞り込む');
  const index = buildFilterIndex(rows.map(networkRowText));
  for (const q of [...KEYSTROKES, ...KEYSTROKES]) {
    act(() => {
      fireEvent.change(input, { target: { value: q } });
    });
    // act flushed the deferred render: the count is the filter's, the rows in view match it
    const n = filterIndex(index, q).length;
    expect(screen.getByText(`10000 件中 ${n} 件`)).toBeTruthy();
    expect(container.querySelectorAll('[data-request-kind]').length).toBeLessThanOrEqual(Math.min(n, 100));
  }
  // the last keystroke cleared the filter: every row is counted again
  expect(screen.getByText('10000 件中 10000 件')).toBeTruthy();
  act(() => {
    fireEvent.change(input, { target: { value: 'login 5' } });
  });
  expect(container.querySelectorAll('[data-request-kind]').length).toBeGreaterThan(5);
  expect(container.querySelector('.request-url')!.textContent).toContain('/login');
});
