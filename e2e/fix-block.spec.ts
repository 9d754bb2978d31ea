/**
 * A finding's fix as the product (issue 11): in the panel (opened as a tab on the capture), the
 * fix of `oksky/loginkey-missing` is an instruction and a code block with the line to add marked
 * `+`, and its 「コピー」 button puts the corrected code on the clipboard.
 */
import { test, expect } from './fixtures';

const SHOP = 'shop.example.jp';

test('the fix block shows the corrected line and copies it', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const panel = await ext.openPanel(tabId);
  // the list row selects the finding; its detail (the article) holds the fix
  await panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').click();
  const finding = panel.locator('article[data-rule-id="oksky/loginkey-missing"]');
  await expect(finding).toBeVisible();
  const block = finding.getByRole('figure', { name: '直す前と直したあとのコード' });
  await expect(block).toBeVisible();
  // the key line as context, the loginKey line marked as added (sign + label, not colour alone)
  const added = block.locator('ins.fix-line[data-op="add"]');
  await expect(added).toHaveCount(1);
  await expect(added.locator('.fix-mark')).toHaveText('+');
  await expect(added.locator('.fix-text')).toHaveText('OkskyChat("loginKey", "customer_id");');
  await expect(block.locator('[data-op="keep"] .fix-text')).toHaveText(/^OkskyChat\("key", "kobuna-s-001-[0-9A-F]+"\);$/);
  await expect(finding).not.toContainText('赤の部分');
  await expect(finding.locator('.finding-message code').first()).toHaveText('OkskyChat("loginKey", "…")');
  const key = await block.locator('[data-op="keep"] .fix-text').innerText();

  // keyboard: focus the copy button and press Enter
  const copy = finding.getByRole('button', { name: '直したあとのコードをコピー' });
  await copy.focus();
  await copy.press('Enter');
  await expect(copy).toHaveText('コピーしました');
  // read the clipboard back the way a person would: paste it into a text field
  // (clipboard-read cannot be granted to an extension origin)
  await panel.evaluate(() => {
    const area = document.createElement('textarea');
    area.id = 'paste-target';
    document.body.append(area);
  });
  const target = panel.locator('#paste-target');
  await target.focus();
  await panel.keyboard.press('ControlOrMeta+V');
  await expect(target).toHaveValue(`${key}\nOkskyChat("loginKey", "customer_id");`);
  await panel.close();
});

async function pasted(panel: import('@playwright/test').Page): Promise<string> {
  await panel.evaluate(() => {
    document.getElementById('paste-target')?.remove();
    const area = document.createElement('textarea');
    area.id = 'paste-target';
    document.body.append(area);
  });
  const target = panel.locator('#paste-target');
  await target.focus();
  await panel.keyboard.press('ControlOrMeta+V');
  await expect(target).not.toHaveValue('');
  return target.inputValue();
}

test('in English the card has no Japanese fragments; the report is copied in Chatwork notation when chosen', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const sw = await ext.worker();
  const setLanguage = (value: string | undefined) =>
    sw.evaluate(async (v) => {
      const sync = (globalThis as unknown as { chrome: { storage: { sync: { set(x: object): Promise<void>; remove(k: string): Promise<void> } } } }).chrome.storage.sync;
      if (v) await sync.set({ language: v });
      else await sync.remove('language');
    }, value);
  await setLanguage('en');
  const panel = await ext.openPanel(tabId);
  try {
    await panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').click();
    const finding = panel.locator('article[data-rule-id="oksky/loginkey-missing"]');
    await expect(finding.getByRole('button', { name: 'Copy the corrected code' })).toHaveText('Copy');
    await expect(finding).toContainText('Source: document 000, "The ID is sent, but the rooms split"');
    await expect(finding).toContainText('1 piece of evidence');
    expect(await finding.innerText()).not.toMatch(/[ぁ-んァ-ヶ]/);

    await panel.getByLabel('Report format').selectOption('chatwork');
    await panel.getByRole('button', { name: 'Copy report' }).click();
    const report = await pasted(panel);
    expect(report.startsWith('[info][title]Renkei Doctor diagnosis[/title]')).toBe(true);
    expect(report).toContain('+ OkskyChat("loginKey", "customer_id");[/code]');
    // no Markdown: no headings, no code spans, no ** emphasis (a masked value's **** is not one)
    expect(report).not.toMatch(/^#|`|(?<!\*)\*\*(?!\*)/m);
    await expect(panel.getByText('The report (Chatwork notation) was copied. Paste it into a Chatwork message.')).toBeVisible();
  } finally {
    // put the remembered choice back (other specs copy the default Markdown report)
    await panel.getByLabel('Report format').selectOption('markdown');
    await setLanguage(undefined);
    await panel.close();
  }
});
