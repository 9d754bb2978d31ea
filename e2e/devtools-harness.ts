/**
 * What the browser tests inside real DevTools share (e2e/devtools.spec.ts, and the docked
 * screenshots of e2e/devtools.shots.ts): a virtual display, and a CDP channel to the targets
 * Playwright does not expose (the DevTools front-end, our panel's frame).
 */
import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Starts Xvfb on a display number it picks itself (`-displayfd`), or fails with what to install. */
export async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  if (!['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].some((p) => existsSync(p))) {
    throw new Error('Xvfb not found: the DevTools test needs a virtual display. Install it (as root: apt-get install -y xvfb) or run `bash scripts/setup.sh`.');
  }
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
    proc.on('error', reject);
  });
  return { display, proc };
}

/** A CDP channel to targets Playwright does not expose (the DevTools front-end, our panel frame). */
interface CdpAnswer {
  id?: number;
  result?: { result?: { value?: unknown }; exceptionDetails?: unknown; data?: string };
  error?: unknown;
}

export class Targets {
  private seq = 0;
  private readonly pending = new Map<number, (m: CdpAnswer) => void>();
  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as CdpAnswer;
      if (m.id !== undefined) {
        this.pending.get(m.id)?.(m);
        this.pending.delete(m.id);
      }
    });
  }
  async list() {
    return (await this.cdp.send('Target.getTargets')).targetInfos;
  }
  async attach(targetId: string): Promise<string> {
    return (await this.cdp.send('Target.attachToTarget', { targetId, flatten: false })).sessionId;
  }
  /** one CDP command to an attached target */
  async call(sessionId: string, method: string, params: object): Promise<CdpAnswer> {
    const id = ++this.seq;
    const answer = new Promise<CdpAnswer>((ok) => this.pending.set(id, ok));
    await this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    return answer;
  }
  async eval<T>(sessionId: string, expression: string): Promise<T> {
    const m = await this.call(sessionId, 'Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (m.error || m.result?.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(m.error ?? m.result?.exceptionDetails).slice(0, 500)}`);
    return m.result?.result?.value as T;
  }
  /** a PNG of what the target shows (the DevTools window: its tabs and the selected panel) */
  async screenshot(sessionId: string): Promise<Buffer> {
    const m = await this.call(sessionId, 'Page.captureScreenshot', { format: 'png' });
    const data = (m.result as { data?: string } | undefined)?.data;
    if (m.error || !data) throw new Error(`screenshot failed: ${JSON.stringify(m.error).slice(0, 300)}`);
    return Buffer.from(data, 'base64');
  }
}

/** a headful browser with the extension, DevTools opened for each tab, and a CDP channel */
export interface DevtoolsBrowser {
  context: BrowserContext;
  targets: Targets;
  extensionId: string;
}

/** A new tab with its DevTools window (opened by --auto-open-devtools-for-tabs), attached. */
export async function openTabWithDevtools({ context, targets }: DevtoolsBrowser): Promise<{ page: Page; devtools: string; known: Set<string> }> {
  const before = new Set((await targets.list()).map((t) => t.targetId));
  const page = await context.newPage();
  let devtoolsId: string | undefined;
  await expect
    .poll(async () => {
      devtoolsId = (await targets.list()).find((t) => !before.has(t.targetId) && t.type === 'page' && t.url.startsWith('devtools://'))?.targetId;
      return devtoolsId !== undefined;
    })
    .toBe(true);
  return { page, devtools: await targets.attach(devtoolsId!), known: new Set((await targets.list()).map((t) => t.targetId)) };
}

/** Selects our panel in a DevTools window and returns a session on the panel's frame. */
export async function showOurPanel({ targets, extensionId }: DevtoolsBrowser, devtools: string, known: Set<string>): Promise<string> {
  const show = `(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    const view = legacy.InspectorView.InspectorView.instance();
    const id = view.tabbedPane.tabIds().find((t) => t.startsWith('chrome-extension://${extensionId}'));
    if (!id) return false;
    await view.showPanel(id);
    return true;
  })()`;
  await expect.poll(() => targets.eval<boolean>(devtools, show).catch(() => false)).toBe(true);
  let frame: string | undefined;
  await expect
    .poll(async () => {
      frame = (await targets.list()).find((t) => !known.has(t.targetId) && t.url.startsWith(`chrome-extension://${extensionId}/devtools-panel.html`))?.targetId;
      return frame !== undefined;
    })
    .toBe(true);
  const session = await targets.attach(frame!);
  // the panel has drawn
  await expect.poll(() => targets.eval<boolean>(session, `document.querySelector('.panel') !== null`).catch(() => false)).toBe(true);
  return session;
}
