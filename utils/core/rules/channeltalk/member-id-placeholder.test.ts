import rule from './member-id-placeholder';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, bootPage, runtimePage, snippet } from './_cases';

const boot = (memberId: unknown) => bootPage({ pluginKey: PLUGIN_KEY, memberId });

ruleTester(rule, {
  valid: [
    { name: 'a real member id', page: boot('M00012345') },
    { name: 'a numeric member id', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: 20240001 });`) },
    { name: 'run-time value', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: String(user.id) });`) },
    { name: 'no memberId (non-member)', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'memberId undefined (missing, not a placeholder)', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: undefined });`) },
  ],
  invalid: [
    { name: 'empty string', page: boot(''), errors: [{ messageId: 'empty', severity: 'error' }] },
    { name: 'the text "undefined" (template printed undefined)', page: boot('undefined'), errors: [{ messageId: 'empty' }] },
    { name: 'the text "null"', page: boot('null'), errors: [{ messageId: 'empty' }] },
    { name: 'unexpanded Liquid', page: boot('{{ customer.id }}'), errors: [{ data: { match: '{{' } }] },
    { name: 'unexpanded PHP', page: boot('<?php echo $member_id; ?>'), errors: [{ data: { match: '<?' } }] },
    { name: 'unexpanded JS template', page: boot('${memberId}'), errors: [{ data: { match: '${' } }] },
    { name: '%MEMBER_ID%', page: boot('%MEMBER_ID%'), errors: [{ data: { match: '%MEMBER_ID%' } }] },
    { name: 'sample xxxxx', page: boot('xxxxx'), errors: [{ data: { match: 'xxxxx' } }] },
    { name: 'sample 123456789 as a number', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: 123456789 });`), errors: [{ data: { match: '123456789' } }] },
    { name: 'Japanese placeholder 会員ID', page: boot('会員IDをここに入力'), errors: [{ data: { match: '会員ID' } }] },
    { name: 'runtime placeholder', page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, memberId: '***' }]]), errors: [{ source: 'runtime' }] },
  ],
});
