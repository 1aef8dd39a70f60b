import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './app';
import { sameOriginClient } from './api/api-context';
import { createI18n } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App client={sameOriginClient()} i18n={createI18n()} queries={createQueryClient()} />
  </StrictMode>,
);
