import rule from './tag-syntax-error';
import { ruleTester } from '../rule-tester';
import { LOADER_SNIPPET, PLUGIN_KEY, bootPage, ctPage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'a script that parses', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'a broken script without Channel Talk next to a working tag', page: ctPage({ scripts: ['var a = ;', `${LOADER_SNIPPET}\nChannelIO('boot', { pluginKey: 'k' });`] }) },
  ],
  invalid: [
    {
      name: 'a missing brace',
      page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { memberRank: 'gold' } );`),
      errors: [{ messageId: 'default', severity: 'error', data: { line: 11 }, source: 'static' }],
    },
    {
      name: 'typographic quotes copied from a chat',
      page: snippet(`ChannelIO(‘boot’, { “pluginKey”: “${PLUGIN_KEY}” });`),
      errors: [{ messageId: 'smart-quotes', data: { line: 11 } }],
    },
  ],
});
