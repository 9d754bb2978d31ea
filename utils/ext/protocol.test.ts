import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIMITS, PROBE_CHANNEL, parseProbeMessage, toRuntimeCall, withinBounds } from './protocol';

const valid = {
  ch: PROBE_CHANNEL,
  call: { vendor: 'oksky', form: 'queue', name: 'customer_id', args: [{ kind: 'string', value: 'A1234567' }], global: 'OkskyChat', time: 1 },
};

describe('withinBounds', () => {
  it('accepts a normal message and rejects oversized ones', () => {
    expect(withinBounds(valid)).toBe(true);
    expect(withinBounds({ s: 'x'.repeat(LIMITS.stringChars + 1) })).toBe(false);
    expect(withinBounds(Array.from({ length: LIMITS.nodesPerMessage + 1 }, () => 1))).toBe(false);
    const wide: Record<string, number> = {};
    for (let i = 0; i < 5_000; i++) wide[`k${i}`] = i;
    expect(withinBounds(wide)).toBe(false);
  });

  it('walks a hostile depth without recursion (no stack overflow)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    expect(withinBounds(deep)).toBe(false);
    let shallow: unknown = 'leaf';
    for (let i = 0; i < LIMITS.depthPerMessage - 1; i++) shallow = [shallow];
    expect(withinBounds(shallow)).toBe(true);
  });

  it('rejects class instances and accessors, never running a getter', () => {
    let ran = false;
    const withGetter = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        ran = true;
        return 1;
      },
    });
    expect(withinBounds(withGetter)).toBe(false);
    expect(ran).toBe(false);
    expect(withinBounds(new Date())).toBe(false);
    expect(withinBounds(Object.create(null))).toBe(true);
  });
});

describe('parseProbeMessage', () => {
  it('returns the call of a well-formed message', () => {
    expect(parseProbeMessage(valid)).toEqual(valid.call);
  });

  it('ignores other channels and drops malformed or oversized messages', () => {
    expect(parseProbeMessage({ ...valid, ch: 'other' })).toBeNull();
    expect(parseProbeMessage(null)).toBeNull();
    expect(parseProbeMessage('str')).toBeNull();
    expect(parseProbeMessage({ ch: PROBE_CHANNEL })).toBeNull();
    expect(parseProbeMessage({ ch: PROBE_CHANNEL, call: { ...valid.call, vendor: 'evil' } })).toBeNull();
    expect(parseProbeMessage({ ch: PROBE_CHANNEL, call: { ...valid.call, name: 'n'.repeat(201) } })).toBeNull();
    expect(parseProbeMessage({ ch: PROBE_CHANNEL, call: { ...valid.call, args: Array(9).fill({ kind: 'null' }) } })).toBeNull();
    expect(parseProbeMessage({ ch: PROBE_CHANNEL, call: { ...valid.call, time: Number.NaN } })).toBeNull();
  });

  it('never throws on arbitrary input, and what it accepts is a bounded call', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ ch: fc.constant(PROBE_CHANNEL), call: fc.anything() })), (data) => {
        const r = parseProbeMessage(data);
        if (r !== null) {
          expect(r.args.length).toBeLessThanOrEqual(LIMITS.argsPerCall);
          expect(r.name.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('toRuntimeCall', () => {
  it('marks the call as page-reported with a JSON rendering', () => {
    const call = toRuntimeCall(parseProbeMessage(valid)!);
    expect(call).toMatchObject({ origin: 'runtime', vendor: 'oksky', form: 'queue', name: 'customer_id', global: 'OkskyChat', time: 1 });
    expect(call.raw).toBe('["customer_id","A1234567"]');
  });
});

describe('checkProbeMessage (the relay’s zod-free check)', () => {
  const staticValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    sv: fc.oneof(
      { depthSize: 'small' },
      fc.record({ kind: fc.constant('string'), value: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: ['kind'] }),
      fc.record({ kind: fc.constant('number'), value: fc.oneof(fc.double(), fc.string()) }),
      fc.record({ kind: fc.constantFrom('null', 'undefined', 'function', 'unknown', 'bogus'), raw: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: ['kind'] }),
      fc.record({ kind: fc.constant('boolean'), value: fc.oneof(fc.boolean(), fc.constant(1)) }),
      fc.record({ kind: fc.constant('array'), items: fc.array(tie('sv'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('object'), entries: fc.array(fc.record({ key: fc.oneof(fc.string(), fc.integer()), value: tie('sv') }), { maxLength: 3 }) }),
      fc.anything(),
    ),
  })).sv;
  const call = fc.record(
    {
      vendor: fc.constantFrom('oksky', 'channeltalk', 'evil'),
      form: fc.constantFrom('queue', 'sdk', 'snippet', 'sdk-loader', 'x'),
      name: fc.oneof(fc.string({ maxLength: 210 }), fc.integer()),
      args: fc.array(staticValue, { maxLength: 9 }),
      global: fc.oneof(fc.string(), fc.integer()),
      time: fc.oneof(fc.double(), fc.string()),
      extra: fc.anything(),
    },
    { requiredKeys: ['vendor', 'form', 'name', 'args'] },
  );

  it('accepts exactly what the zod schema accepts, with the same result', async () => {
    const { checkProbeMessage } = await import('./bounds');
    fc.assert(
      fc.property(fc.oneof(fc.record({ ch: fc.constant(PROBE_CHANNEL), call }), fc.anything()), (data) => {
        expect(checkProbeMessage(data)).toEqual(parseProbeMessage(data));
      }),
      { numRuns: 2_000 },
    );
    expect(checkProbeMessage(valid)).toEqual(valid.call);
  });
});
