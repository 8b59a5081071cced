import type { QueryClient } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { StepUpDialog } from '../components/StepUpDialog';
import { Providers } from './providers';
import { AppRoutes } from './router';

export function App({ client }: { client: QueryClient }) {
  return (
    <Providers client={client}>
      <BrowserRouter>
        <AppRoutes />
        <StepUpDialog />
      </BrowserRouter>
    </Providers>
  );
}
