/** Toolbar switch between the light and dark themes, and the effect that restores and remembers it. */
import { useEffect, useLayoutEffect } from 'react';
import { useAppStore } from '../store/store';
import { initialTheme, rememberTheme } from './theme-storage';

export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button data-testid="theme-toggle" onClick={() => setTheme(next)} title={`Switch to the ${next} theme`} aria-label={`Switch to the ${next} theme`}>
      {theme === 'dark' ? '☀' : '☾'}<span className="toolbar-word"> {theme === 'dark' ? 'Light' : 'Dark'}</span>
    </button>
  );
}

let restored = false;

export function ThemeEffects() {
  const theme = useAppStore((s) => s.theme);
  useLayoutEffect(() => {
    if (!restored) {
      restored = true;
      useAppStore.getState().setTheme(initialTheme());
    }
    // remember only real changes, so restoring never writes over the saved choice
    return useAppStore.subscribe((s, prev) => { if (s.theme !== prev.theme) rememberTheme(s.theme); });
  }, []);
  // the page outside `.app` (scrollbars, overscroll) follows too
  useEffect(() => { document.documentElement.style.colorScheme = theme; }, [theme]);
  return null;
}
