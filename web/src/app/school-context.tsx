import { createContext, type ReactNode, useContext } from 'react';
import type { Me, MySchool } from '../lib/resources/me';

interface SessionState {
  me: Me;
  school: MySchool;
}

const SchoolContext = createContext<SessionState | null>(null);

export function SchoolProvider({ me, school, children }: SessionState & { children: ReactNode }) {
  return <SchoolContext.Provider value={{ me, school }}>{children}</SchoolContext.Provider>;
}

/** The signed-in user and the school chosen in the address (/schools/:schoolId/...). */
export function useSession(): SessionState {
  const state = useContext(SchoolContext);
  if (!state) throw new Error('useSession outside a school page');
  return state;
}

export const useSchool = (): MySchool => useSession().school;
