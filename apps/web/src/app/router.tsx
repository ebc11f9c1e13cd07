import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter } from 'react-router-dom'
import { AppLayout } from './layout/app-layout'
import { NotFound } from './layout/not-found'
import { FullPageSpin, RequireAuth } from './session'

/** Route-level code splitting over named exports. */
const lazyPage = <M,>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }))

const LoginPage = lazyPage(() => import('../features/auth'), 'LoginPage')
const DashboardPage = lazyPage(() => import('../features/dashboard'), 'DashboardPage')
const LiveCodesPage = lazyPage(() => import('../features/acquisition'), 'LiveCodesPage')
const CustomersPage = lazyPage(() => import('../features/customers'), 'CustomersPage')
const EmployeesPage = lazyPage(() => import('../features/org'), 'EmployeesPage')
const SandboxPage = lazyPage(() => import('../features/sandbox'), 'SandboxPage')
const ApiDocsPage = lazyPage(() => import('../features/api-docs'), 'ApiDocsPage')

const page = (Page: ComponentType) => (
  <Suspense fallback={<FullPageSpin />}>
    <Page />
  </Suspense>
)

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage) },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: page(DashboardPage) },
      { path: 'live-codes', element: page(LiveCodesPage) },
      { path: 'customers', element: page(CustomersPage) },
      { path: 'employees', element: page(EmployeesPage) },
      { path: 'sandbox', element: page(SandboxPage) },
      { path: 'api-docs', element: page(ApiDocsPage) },
      { path: '*', element: <NotFound /> },
    ],
  },
])
