// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lineLiveItems } from '@/utils/live/items';
import type { LiveRequest } from '@/utils/live/run';
import { LiveCheckForm } from './LiveCheckForm';

afterEach(cleanup);

describe('LiveCheckForm', () => {
  it('sends the typed credentials once, clears the secret, and hands over the items', async () => {
    const calls: LiveRequest[] = [];
    let got: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    render(
      <LiveCheckForm
        service="line"
        lang="ja"
        run={async (req) => {
          calls.push(req);
          await gate;
          return lineLiveItems({ authenticated: false, error: { service: 'line', kind: 'bad-credentials', status: 400 } }, 'ecai-line-connect', 'ja');
        }}
        onResults={(r) => (got = r)}
      />,
    );
    expect(screen.getByText(/保存しません/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Channel ID'), { target: { value: '1656012345' } });
    const secret = screen.getByLabelText('Channel secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.change(secret, { target: { value: '0123456789abcdef0123456789abcdef' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: '確認する' }).closest('form')!);
    });
    expect(calls).toEqual([{ service: 'line', channelId: '1656012345', channelSecret: '0123456789abcdef0123456789abcdef' }]);
    expect(secret.value).toBe('');
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('確認中…');
    await act(async () => {
      release();
      await gate;
    });
    expect(got).toHaveLength(3);
    expect(screen.getByRole('status').textContent).toBe('確認しました(3項目)。');
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(false);
  });

  it('Chatwork: room ids prefilled from the page, split into a list; English texts', async () => {
    const calls: LiveRequest[] = [];
    render(<LiveCheckForm service="chatwork" lang="en" prefill={{ roomIds: '111, 222' }} run={async (req) => (calls.push(req), [])} onResults={() => undefined} />);
    expect(screen.getByRole('heading').textContent).toBe('Check with the Chatwork API');
    fireEvent.change(screen.getByLabelText('API token'), { target: { value: 'tok' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button').closest('form')!);
    });
    expect(calls).toEqual([{ service: 'chatwork', token: 'tok', roomIds: ['111', '222'] }]);
  });

  it('a failing run is reported, not thrown', async () => {
    render(<LiveCheckForm service="zendesk" lang="ja" run={async () => Promise.reject(new Error('x'))} onResults={() => undefined} />);
    await act(async () => {
      fireEvent.submit(screen.getByRole('button').closest('form')!);
    });
    expect(screen.getByRole('status').textContent).toBe('確認できませんでした。');
  });
});
