import rule from './member-hash-missing';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, bootPage, runtimePage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'memberId with memberHash', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: 'M00012345', memberHash: 'ab'.repeat(32) }) },
    { name: 'memberHash computed on the server (run-time value)', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: user.id, memberHash: user.hash });`) },
    { name: 'non-member boot', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'empty memberId (the placeholder rule reports it)', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: '' }) },
    { name: 'spread may carry memberHash (cannot tell)', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: 'M1', ...secure });`) },
  ],
  invalid: [
    { name: 'memberId without memberHash', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: 'M00012345' }), errors: [{ severity: 'warning', source: 'static' }], hidden: ['M00012345'] },
    { name: 'run-time memberId without memberHash', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: user.id });`), errors: [{}] },
    { name: 'empty memberHash', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: 'M00012345', memberHash: '' }), errors: [{}] },
    { name: 'runtime', page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, memberId: 'M00012345' }]]), errors: [{ source: 'runtime' }], hidden: ['M00012345'] },
  ],
});
