/** The chosen theme survives reloads in localStorage; a first visit follows the system preference. */
import type { Theme } from '../store/ui-slice';

const KEY = 'vnetlab:theme';

/** The remembered theme, else the system's preference, else light. */
export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch { /* storage disabled: fall through */ }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Remembers `theme` for the next visit. */
export function rememberTheme(theme: Theme): void {
  try { localStorage.setItem(KEY, theme); } catch { /* storage disabled: nothing to remember */ }
}
