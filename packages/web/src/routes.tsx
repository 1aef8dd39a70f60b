import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { OrganisationProvider } from './api/organisation';
import { useMe } from './api/session';
import { Layout } from './components/layout';
import { ErrorMessage, Loading } from './components/query-state';
import { NoOrganisation } from './components/no-organisation';

// Each page is its own chunk, loaded when its route is first shown (keeps the first load small; charts' code only
// comes with the pages that draw them). Add a page: a default-exported component in pages/, a lazy import here,
// a <Route> below, and its messages in both catalogues (docs/web.md).
const SignInPage = lazy(() => import('./pages/sign-in-page'));
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const DatabasesPage = lazy(() => import('./pages/databases-page'));
const ProcessPage = lazy(() => import('./pages/process-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));
const ModelResultsPage = lazy(() => import('./pages/results/model-results-page'));
const ResultPage = lazy(() => import('./pages/results/result-page'));
const ComparePage = lazy(() => import('./pages/results/compare-page'));
const ProductPage = lazy(() => import('./pages/model-editor/product-page'));
const ModelEditorPage = lazy(() => import('./pages/model-editor/model-editor-page'));
const StudiesPage = lazy(() => import('./pages/studies/studies-page'));
const NewStudyPage = lazy(() => import('./pages/studies/new-study-page'));
const StudyPage = lazy(() => import('./pages/studies/study-page'));
const StudyEditPage = lazy(() => import('./pages/studies/study-edit-page'));
const SigningKeysPage = lazy(() => import('./pages/studies/signing-keys-page'));

/**
 * The signed-in part of the app: sends a visitor who is not signed in to /sign-in (and back afterwards), and gives
 * the pages the current organisation.
 */
function SignedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorMessage error={me.error} />;
  if (me.data === null)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (me.data.memberships.length === 0) return <NoOrganisation />;
  return (
    <OrganisationProvider organisations={me.data.memberships}>
      <Layout user={me.data.user} />
    </OrganisationProvider>
  );
}

/**
 * Every route of the app.
 *
 * @example <BrowserRouter><AppRoutes /></BrowserRouter>
 */
export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route element={<SignedIn />}>
          <Route index element={<DashboardPage />} />
          <Route path="databases" element={<DatabasesPage />} />
          <Route path="databases/:versionId/processes/:processId" element={<ProcessPage />} />
          <Route path="models/:modelId/results" element={<ModelResultsPage />} />
          <Route path="models/:modelId/compare" element={<ComparePage />} />
          <Route path="calculations/:resultId" element={<ResultPage />} />
          <Route path="products/new" element={<ProductPage />} />
          <Route path="products/:productId" element={<ProductPage />} />
          <Route path="models/:modelId/edit" element={<ModelEditorPage />} />
          <Route path="studies" element={<StudiesPage />} />
          <Route path="studies/new" element={<NewStudyPage />} />
          <Route path="studies/:studyId" element={<StudyPage />} />
          <Route path="studies/:studyId/edit" element={<StudyEditPage />} />
          <Route path="signing-keys" element={<SigningKeysPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
