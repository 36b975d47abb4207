/**
 * The school the signed-in person is looking at, for people who work in several: "all" by default,
 * remembered on this device. Pages that list people or sections narrow to it.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

const KEY = 'schola.school';
const SchoolContext = createContext<{ schoolId: number | null; setSchoolId: (id: number | null) => void }>({
  schoolId: null,
  setSchoolId: () => undefined,
});

export function SchoolProvider({ children }: { children: ReactNode }) {
  const [schoolId, set] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem(KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  const setSchoolId = (id: number | null) => {
    if (id === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, String(id));
    set(id);
  };
  return <SchoolContext.Provider value={{ schoolId, setSchoolId }}>{children}</SchoolContext.Provider>;
}

export const useSchool = () => useContext(SchoolContext);
