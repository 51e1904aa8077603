/**
 * What the last Open/Import/Example said about its input (located diagnostics), kept apart
 * from the document so the Diagnostics tab can show it next to the design's own problems.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../../core/model/diagnostics';

export interface ImportReport {
  /** What was read, e.g. a file name or "pasted script". */
  source: string;
  diagnostics: Diagnostic[];
  /** The script text, so a diagnostic's line can be shown. */
  text?: string;
}

interface ImportReportState {
  report: ImportReport | null;
  setReport: (report: ImportReport | null) => void;
}

export const useImportReport = create<ImportReportState>()((set) => ({
  report: null,
  setReport: (report) => set({ report }),
}));
