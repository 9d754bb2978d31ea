import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor } from './badge';

describe('badgeFor', () => {
  it('counts the worst severity in its colour; empty when nothing', () => {
    expect(badgeFor({ errors: 2, warnings: 5, infos: 1 })).toEqual({ text: '2', color: BADGE_COLORS.error, severity: 'error' });
    expect(badgeFor({ errors: 0, warnings: 3, infos: 1 })).toEqual({ text: '3', color: BADGE_COLORS.warning, severity: 'warning' });
    expect(badgeFor({ errors: 0, warnings: 0, infos: 1 })).toEqual({ text: '1', color: BADGE_COLORS.info, severity: 'info' });
    expect(badgeFor({ errors: 0, warnings: 0, infos: 0 }).text).toBe('');
    expect(badgeFor({ errors: 120, warnings: 0, infos: 0 }).text).toBe('99+');
  });
});
