import { type ComponentType, lazy, Suspense } from 'react';
import { Loading } from '../components/status';

/**
 * A page whose code is its own chunk, fetched the first time the route opens (React.lazy): the
 * first load carries only the shell, login and home pages. The shell stays on screen meanwhile.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): ComponentType {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module load (router.tsx), so each component is made once
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
