import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { failure } from './api/client.ts';
import { App } from './App.tsx';
import './design/tokens.css';
import './design/base.css';
import './shell/shell.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only what may pass on a second try: the network or a 5xx, never a refusal.
      retry: (count, error) => count < 2 && (failure(error) === null || failure(error)!.status >= 500),
      staleTime: 5_000,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
