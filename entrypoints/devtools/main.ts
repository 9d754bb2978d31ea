import { browser } from 'wxt/browser';

// The DevTools page only registers the panel 「連携」; the panel itself is devtools-panel.html.
void browser.devtools.panels.create((browser.i18n.getMessage as (name: string) => string)('devtoolsPanelTitle') || '連携', '', '/devtools-panel.html');
