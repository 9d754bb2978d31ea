import rule from './login-value-placeholder';
import { num, queueTag, ruleTester, sdkTag } from '../rule-tester';

const withValue = (v: Parameters<typeof num>[0] | ReturnType<typeof num>) =>
  queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'a real member value', page: { state: 'logged-in', staticTags: [withValue('A1234567')] } },
    { name: 'empty is oksky/login-value-empty', page: { staticTags: [withValue('')] } },
    { name: 'logged-out page', page: { state: 'logged-out', staticTags: [withValue('xxxxx')] } },
    { name: 'placeholder in a non-identifying keyword', page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1'], ['name', '{{name}}']] })] } },
  ],
  invalid: [
    {
      name: "000's sample value xxxxx",
      page: { state: 'logged-in', staticTags: [withValue('xxxxx')] },
      errors: [{ severity: 'error', data: { value: 'xxxxx', kind: 'sample' } }],
    },
    { name: 'unexpanded Liquid', page: { staticTags: [withValue('{{ customer.id }}')] }, errors: [{ data: { kind: 'template' } }] },
    { name: 'unexpanded PHP', page: { staticTags: [withValue('<?php echo $id; ?>')] }, errors: [{ data: { kind: 'template' } }] },
    { name: '%CUSTOMER_ID%', page: { staticTags: [withValue('%CUSTOMER_ID%')] }, errors: [{ data: { kind: 'template', value: '%CUSTOMER_ID%' } }] },
    { name: 'Japanese word', page: { staticTags: [withValue('ここに会員IDを入力')] }, errors: [{ data: { kind: 'japanese-word' } }] },
    { name: 'number literal sample 123456789', page: { staticTags: [withValue(num('123456789'))] }, errors: [{ data: { kind: 'sample' } }] },
    {
      name: 'SDK login placeholder',
      page: { staticTags: [sdkTag({ login: { customer_id: '********' } })] },
      // the SDK form's own message and fix line (new OkskyChat(…, { login: {…} })), not the queue form's
      errors: [{ messageId: 'sdk', data: { kind: 'mask-run', global: 'OkskyChat', keyword: 'customer_id' } }],
    },
  ],
});
