/**
 * Who the lab is shown to. A lab opened (a share link, a file, an example, the autosave on
 * reload) is shown as the student sees it: the task, the goals met or not and the drop that
 * stops them, without the injected faults or goal editing. One click switches to the
 * teacher's view and back. It is a classroom convenience, not a lock: the faults are part of
 * the design, and anyone can press the button.
 */
import { create } from 'zustand';

export type LabAudience = 'student' | 'teacher';

export const useLabView = create<{ audience: LabAudience }>(() => ({ audience: 'teacher' }));

export const setLabAudience = (audience: LabAudience) => useLabView.setState({ audience });
