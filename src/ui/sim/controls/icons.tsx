/** Small inline icons for the controls (no icon font is guaranteed on classroom machines). */
const box = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

export const PlayIcon = () => <svg {...box}><path d="M4 2.5v11l9.5-5.5z" fill="currentColor" /></svg>;
export const PauseIcon = () => <svg {...box}><path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" fill="currentColor" /></svg>;
export const StepIcon = () => <svg {...box}><path d="M2.5 2.5v11l8-5.5z M11.5 2.5h2v11h-2z" fill="currentColor" /></svg>;
export const StepBackIcon = () => <svg {...box}><path d="M13.5 2.5v11l-8-5.5z M2.5 2.5h2v11h-2z" fill="currentColor" /></svg>;
export const ResetIcon = () => (
  <svg {...box}><path d="M8 2.5a5.5 5.5 0 1 1-5.2 3.7" fill="none" stroke="currentColor" strokeWidth="1.8" /><path d="M1.5 2.5v4.5h4.5z" fill="currentColor" /></svg>
);
export const PresentIcon = () => (
  <svg {...box}><rect x="1.5" y="2" width="13" height="8.5" rx="1" fill="none" stroke="currentColor" strokeWidth="1.6" /><path d="M8 10.5v3M5 14h6" stroke="currentColor" strokeWidth="1.6" /></svg>
);
