import rule from './login-request-missing';
import { loginRequest, queueTag, ruleTester, widgetRequest } from '../rule-tester';

const tag = () => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] });

ruleTester(rule, {
  valid: [
    { name: '/login within the window', page: { time: 0, staticTags: [tag()], widgetRequests: [widgetRequest({ time: 300 })], loginRequests: [loginRequest({ customer_id: 'A1' }, { time: 2_000 })] } },
    { name: 'no network evidence', page: { staticTags: [tag()] }, expect: 'not-applicable', missing: ['network'] },
    {
      name: 'only a pasted /login payload: no network capture to judge timing or absence by',
      page: { time: 0, staticTags: [tag()], loginRequests: [loginRequest({ customer_id: 'A1' }, { time: 60_000, pasted: true })] },
      expect: 'not-applicable',
      missing: ['network'],
    },
    {
      name: 'the widget never loaded: oksky/widget-load-failed, not this rule',
      page: { staticTags: [tag()], widgetRequests: [widgetRequest({ status: 404 })] },
      expect: 'not-applicable',
      missing: ['runtime'],
    },
    {
      name: 'the visitor left before the window ended',
      pages: [
        { time: 0, staticTags: [tag()], widgetRequests: [widgetRequest({ time: 300 })] },
        { time: 3_000, staticTags: [tag()], widgetRequests: [widgetRequest({ time: 3_300 })], loginRequests: [loginRequest({ customer_id: 'A1' }, { time: 4_000 })] },
      ],
    },
  ],
  invalid: [
    {
      name: 'widget loaded, no /login',
      page: { time: 0, staticTags: [tag()], widgetRequests: [widgetRequest({ time: 300 })] },
      errors: [{ messageId: 'default', severity: 'warning', data: { seconds: 10 } }],
    },
    {
      name: 'probe saw the tag run, no /login (5 s window)',
      page: { time: 0, runtimeTags: [queueTag({ origin: 'runtime' })], otherRequests: [widgetRequest({ url: 'https://shop.example.jp/app.js' })] },
      options: { captureWindowMs: 5_000 },
      errors: [{ data: { seconds: 5 }, source: 'runtime' }],
    },
    {
      name: '/login 15 s after load',
      page: { time: 0, staticTags: [tag()], widgetRequests: [widgetRequest({ time: 300 })], loginRequests: [loginRequest({ customer_id: 'A1' }, { time: 15_000 })] },
      errors: [{ messageId: 'late', data: { late: 15 } }],
    },
  ],
});
