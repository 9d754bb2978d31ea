/**
 * The panel's toolbar and severity icons (16 × 16, `currentColor`, hidden from assistive
 * technology: every use carries its text beside it or in the button's accessible name).
 */
import type { Severity } from '@/utils/core/model';

export type IconName = 'copy' | 'export' | 'import' | 'devtools' | 'clear' | 'back' | 'user' | 'source' | 'recording';

const PATHS: Record<IconName, string> = {
  copy: 'M5.5 5.5h8v8h-8z M10.5 5.5v-3h-8v8h3',
  export: 'M8 2v8 M4.5 6.5 8 10l3.5-3.5 M2.5 11v2.5h11V11',
  import: 'M8 10.5v-8 M4.5 6 8 2.5 11.5 6 M2.5 11v2.5h11V11',
  devtools: 'M5.5 4 2 8l3.5 4 M10.5 4 14 8l-3.5 4 M9 3 7 13',
  clear: 'M8 2a6 6 0 1 0 0.01 0z M3.8 3.8l8.4 8.4',
  back: 'M13.5 8h-11 M6.5 4 2.5 8l4 4',
  user: 'M8 2.5a2.75 2.75 0 1 0 0.01 0z M2.5 14c0-3 2.5-5 5.5-5s5.5 2 5.5 5',
  source: 'M2.5 2.5h7l4 4v7h-11z M9.5 2.5v4h4 M6.5 8.5 5 10l1.5 1.5 M9.5 8.5 11 10l-1.5 1.5',
  recording: 'M8 4.5a3.5 3.5 0 1 0 0.01 0z',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className={`icon icon-${name}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill={name === 'recording' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Severity as a shape (✕ in a circle, ! in a triangle, i in a circle): never colour alone. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <svg className={`icon sev-icon sev-${severity}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {severity === 'error' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5 M10.5 5.5l-5 5" stroke="var(--bg)" strokeWidth="1.8" strokeLinecap="round" />
        </>
      ) : severity === 'warning' ? (
        <>
          <path d="M8 1.5 15 14.5H1z" fill="currentColor" />
          <path d="M8 6v4" stroke="var(--bg)" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="12.3" r="1" fill="var(--bg)" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7.2v4.3" stroke="var(--bg)" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="4.8" r="1" fill="var(--bg)" />
        </>
      )}
    </svg>
  );
}
