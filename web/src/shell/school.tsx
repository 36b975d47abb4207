/**
 * The school the signed-in person is looking at, for people who work in several: "all" by default,
 * remembered on this device. The API client sends it with every request and the server narrows the
 * person's reach to it (a school not theirs is ignored there), so every page narrows at once; on a
 * switch the cached answers are fetched again.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { SCHOOL_KEY } from '../api/client';

const SchoolContext = createContext<{ schoolId: number | null; setSchoolId: (id: number | null) => void }>({
  schoolId: null,
  setSchoolId: () => undefined,
});

export function SchoolProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [schoolId, set] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem(SCHOOL_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  const setSchoolId = (id: number | null) => {
    if (id === schoolId) return;
    if (id === null) localStorage.removeItem(SCHOOL_KEY);
    else localStorage.setItem(SCHOOL_KEY, String(id));
    set(id);
    void client.invalidateQueries();
  };
  return <SchoolContext.Provider value={{ schoolId, setSchoolId }}>{children}</SchoolContext.Provider>;
}

export const useSchool = () => useContext(SchoolContext);
