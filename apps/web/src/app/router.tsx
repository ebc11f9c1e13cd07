import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter } from 'react-router-dom'
import { AppLayout } from './layout/app-layout'
import { RequirePermission } from './layout/forbidden'
import { NotFound } from './layout/not-found'
import type { Permission } from './permissions'
import { FullPageSpin, RequireAuth } from './session'

/** Route-level code splitting over named exports. */
const lazyPage = <M,>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }))

const LoginPage = lazyPage(() => import('../features/auth'), 'LoginPage')
const DashboardPage = lazyPage(() => import('../features/dashboard'), 'DashboardPage')
const LiveCodesPage = lazyPage(() => import('../features/acquisition'), 'LiveCodesPage')
const FissionPage = lazyPage(() => import('../features/fission'), 'ActivitiesPage')
const FissionFormPage = lazyPage(() => import('../features/fission'), 'ActivityFormPage')
const FissionDetailPage = lazyPage(() => import('../features/fission'), 'ActivityDetailPage')
const MyFissionPage = lazyPage(() => import('../features/fission-mine'), 'MyFissionPage')
const CustomersPage = lazyPage(() => import('../features/customers'), 'CustomersPage')
const TagsPage = lazyPage(() => import('../features/customers'), 'TagsPage')
const LossesPage = lazyPage(() => import('../features/customers'), 'LossesPage')
const SegmentsPage = lazyPage(() => import('../features/customers'), 'SegmentsPage')
const TransfersPage = lazyPage(() => import('../features/customers'), 'TransfersPage')
const TagJobsPage = lazyPage(() => import('../features/customers/tag-jobs'), 'TagJobsPage')
const TagRulesPage = lazyPage(() => import('../features/customers/tag-jobs'), 'TagRulesPage')
const FieldsPage = lazyPage(() => import('../features/customers/profile'), 'FieldsPage')
const ImportsPage = lazyPage(() => import('../features/customers/profile'), 'ImportsPage')
const ExportLogsPage = lazyPage(() => import('../features/customers/exports'), 'ExportLogsPage')
const EmployeesPage = lazyPage(() => import('../features/org'), 'EmployeesPage')
const UsersPage = lazyPage(() => import('../features/org'), 'UsersPage')
const SandboxPage = lazyPage(() => import('../features/sandbox'), 'SandboxPage')
const ApiDocsPage = lazyPage(() => import('../features/api-docs'), 'ApiDocsPage')
const FissionH5Page = lazyPage(() => import('../features/fission-h5'), 'FissionH5Page')

const page = (Page: ComponentType) => (
  <Suspense fallback={<FullPageSpin />}>
    <Page />
  </Suspense>
)

/** A page only some roles may open (the menu hides it from the others). */
const guarded = (permission: Permission, Page: ComponentType) => (
  <RequirePermission permission={permission}>{page(Page)}</RequirePermission>
)

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage) },
  // Customers' pages: opened from a signed personal link, no console login and no console layout.
  { path: '/h5/fission/:activityId', element: page(FissionH5Page) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: page(DashboardPage) },
      { path: 'live-codes', element: guarded('acquisition.live_code.read', LiveCodesPage) },
      { path: 'fission', element: guarded('fission.read', FissionPage) },
      { path: 'fission/mine', element: guarded('fission.fulfil', MyFissionPage) },
      { path: 'fission/new', element: guarded('fission.write', FissionFormPage) },
      { path: 'fission/:id/edit', element: guarded('fission.write', FissionFormPage) },
      { path: 'fission/:id', element: guarded('fission.read', FissionDetailPage) },
      { path: 'customers', element: page(CustomersPage) },
      { path: 'tags', element: guarded('customers.tag.read', TagsPage) },
      { path: 'tag-jobs', element: guarded('customers.tag.write', TagJobsPage) },
      { path: 'tag-rules', element: guarded('customers.tag.write', TagRulesPage) },
      { path: 'losses', element: guarded('customers.read', LossesPage) },
      { path: 'segments', element: guarded('customers.read', SegmentsPage) },
      { path: 'transfers', element: guarded('customers.transfer', TransfersPage) },
      { path: 'customer-fields', element: guarded('customers.read', FieldsPage) },
      { path: 'customer-imports', element: guarded('customers.import', ImportsPage) },
      { path: 'export-logs', element: guarded('customers.export.log', ExportLogsPage) },
      { path: 'employees', element: guarded('org.read', EmployeesPage) },
      { path: 'users', element: guarded('org.user.read', UsersPage) },
      { path: 'sandbox', element: guarded('sandbox.use', SandboxPage) },
      { path: 'api-docs', element: page(ApiDocsPage) },
      { path: '*', element: <NotFound /> },
    ],
  },
])
