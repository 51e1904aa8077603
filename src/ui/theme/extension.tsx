import type { UiExtension } from '../slots/extension';
import './dark.css';
import { ThemeEffects, ThemeToggle } from './theme-toggle';

export default { id: 'theme', order: 90, Toolbar: ThemeToggle, Root: ThemeEffects } satisfies UiExtension;
