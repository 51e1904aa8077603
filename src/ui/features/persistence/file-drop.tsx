/**
 * Dropping a `.sh` or `.json` file anywhere on the designer opens it (the import dialog
 * handles its own drops). Palette drags carry no files, so they are left to the canvas.
 */
import { useEffect } from 'react';
import { openText } from './load-script';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function FileDrop() {
  useEffect(() => {
    const over = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault(); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void file.text().then((text) => openText(text, file.name));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => { window.removeEventListener('dragover', over); window.removeEventListener('drop', drop); };
  }, []);
  return null;
}
